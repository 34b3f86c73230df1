// The lesson tree as menus: a category lists its topics, a topic its levels,
// a level its segments and checklist. Pure, like the lesson keyboards.
import { type Catalog, segmentKey, type TreeNode } from '../../content/catalog.ts';
import { encodeCallback } from '../callback-data.ts';
import { type InlineButton, shorten, type Translate } from './lesson.ts';

export const ITEMS_PER_PAGE = 8;

export interface TreeView {
  /** plain text (no parse mode): titles and descriptions are shown as written */
  text: string;
  reply_markup: { inline_keyboard: InlineButton[][] };
}

/** What the learner has done, to mark items. */
export interface Done {
  lessons: Set<string>;
}

export function treeView(catalog: Catalog, node: TreeNode, lang: string, page: number, t: Translate, done: Done): TreeView {
  const items = nodeItems(catalog, node, lang, t, done);
  const pages = Math.max(1, Math.ceil(items.length / ITEMS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const rows = items.slice(current * ITEMS_PER_PAGE, (current + 1) * ITEMS_PER_PAGE).map((item) => [item]);
  const nav: InlineButton[] = [];
  if (current > 0) nav.push({ text: t('browse-previous'), callback_data: encodeCallback({ action: 'tree', nodeKey: node.key, page: current - 1 }) });
  if (current < pages - 1) nav.push({ text: t('browse-next'), callback_data: encodeCallback({ action: 'tree', nodeKey: node.key, page: current + 1 }) });
  if (nav.length) rows.push(nav);
  if (node.parent) {
    const up = node.parent.kind === 'root' ? t('tree-all-lessons') : `⬆ ${shorten(catalog.nodeTitle(node.parent, lang).title, 40)}`;
    rows.push([{ text: up, callback_data: encodeCallback({ action: 'tree', nodeKey: node.parent.key, page: 0 }) }]);
  }
  return { text: nodeText(catalog, node, lang, current, pages, t), reply_markup: { inline_keyboard: rows } };
}

function nodeText(catalog: Catalog, node: TreeNode, lang: string, page: number, pages: number, t: Translate): string {
  if (node.kind === 'root') return node.children.length ? t('lessons-title', { page: page + 1, pages }) : t('lessons-empty');
  const lesson = node.kind === 'lesson' ? catalog.bySlug(node.id) : undefined;
  const { title, description } = lesson ? catalog.version(lesson, lang).version : catalog.nodeTitle(node, lang);
  const own = catalog.nodeTitle(node, lang).description;
  const lines = [title];
  if (description ?? own) lines.push('', (description ?? own)!);
  if (pages > 1) lines.push('', `(${page + 1}/${pages})`);
  return lines.join('\n');
}

/** The buttons a node lists, in order: for a level, Read, its segments and checklist; then its children. */
function nodeItems(catalog: Catalog, node: TreeNode, lang: string, t: Translate, done: Done): InlineButton[] {
  const items: InlineButton[] = [];
  const lesson = node.kind === 'lesson' ? catalog.bySlug(node.id) : undefined;
  if (lesson) {
    const { version } = catalog.version(lesson, lang);
    items.push({ text: t('tree-read'), callback_data: encodeCallback({ action: 'open', lessonKey: lesson.key }) });
    (version.segments ?? []).forEach((segment, i) => {
      items.push({ text: `${i + 1}. ${shorten(segment.title)}`, callback_data: encodeCallback({ action: 'segment', lessonKey: lesson.key, segmentKey: segmentKey(segment.name) }) });
    });
    const checklist = catalog.checklistById(lesson.slug);
    if (checklist) items.push({ text: `☑ ${shorten(catalog.checklistVersion(checklist, lang).title)}`, callback_data: encodeCallback({ action: 'checklist', checklistKey: checklist.key, page: 0 }) });
  }
  for (const child of node.children) items.push(childButton(catalog, child, lang, done));
  return items;
}

function childButton(catalog: Catalog, child: TreeNode, lang: string, done: Done): InlineButton {
  const { title } = catalog.nodeTitle(child, lang);
  if (child.kind === 'checklist') {
    return { text: `☑ ${shorten(title)}`, callback_data: encodeCallback({ action: 'checklist', checklistKey: catalog.checklistById(child.id)!.key, page: 0 }) };
  }
  if (child.kind === 'lesson') {
    const lesson = catalog.bySlug(child.id)!;
    const mark = done.lessons.has(lesson.slug) ? '✅ ' : '';
    const { version } = catalog.version(lesson, lang);
    // A lesson made of one file opens at once; a level shows its segments first.
    const opensMenu = (version.segments?.length ?? 0) > 1 || version.checklist || child.children.length;
    const callback_data = opensMenu ? encodeCallback({ action: 'tree', nodeKey: child.key, page: 0 }) : encodeCallback({ action: 'open', lessonKey: lesson.key });
    return { text: mark + shorten(title), callback_data };
  }
  return { text: `📂 ${shorten(title)}`, callback_data: encodeCallback({ action: 'tree', nodeKey: child.key, page: 0 }) };
}
