// A checklist as one interactive message per page: the items as text (links
// inside them work), a ✅/⬜ button per item to tick, the page's internal links.
import type { Catalog, Checklist, ChecklistEntry } from '../../content/catalog.ts';
import { escapeMarkdownV2, markdownV2Length, MESSAGE_LIMIT } from '../../content/telegram-text.ts';
import { encodeCallback } from '../callback-data.ts';
import { type InlineButton, linkButton, type OutgoingMessage, shorten, type Translate } from './lesson.ts';

export const CHECKS_PER_PAGE = 10;
const TICK_LABEL = 40;
/** Room kept for the title and progress line on every page. */
const PAGE_TEXT_BUDGET = MESSAGE_LIMIT - 600;

/**
 * Pages of item positions: at most CHECKS_PER_PAGE checks and a text that
 * fits a message; a label stays with the checks that follow it.
 */
export function checklistPages(checklist: Checklist): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let checks = 0;
  let length = 0;
  const flush = () => {
    if (page.length) pages.push(page);
    page = [];
    checks = 0;
    length = 0;
  };
  checklist.items.forEach((item, index) => {
    const itemLength = markdownV2Length(item.text) + 4;
    const full = checks >= CHECKS_PER_PAGE || length + itemLength > PAGE_TEXT_BUDGET;
    if (full || (item.kind === 'label' && checks >= CHECKS_PER_PAGE - 1)) flush();
    page.push(index);
    length += itemLength;
    if (item.kind === 'check') checks++;
  });
  flush();
  // A trailing page of labels alone joins the page before it.
  const last = pages[pages.length - 1];
  if (pages.length > 1 && last && last.every((i) => checklist.items[i]!.kind === 'label')) pages[pages.length - 2]!.push(...pages.pop()!);
  return pages.length ? pages : [[]];
}

export function pageOfItem(checklist: Checklist, item: number): number {
  return Math.max(0, checklistPages(checklist).findIndex((page) => page.includes(item)));
}

/** How many of a checklist's checks are ticked, of how many (labels do not count). */
export function checklistProgress(checklist: Checklist, ticked: Set<number>): { done: number; total: number } {
  let done = 0;
  let total = 0;
  checklist.items.forEach((item, i) => {
    if (item.kind !== 'check') return;
    total++;
    if (ticked.has(i)) done++;
  });
  return { done, total };
}

export function checklistMessage(catalog: Catalog, entry: ChecklistEntry, checklist: Checklist, ticked: Set<number>, page: number, t: Translate): OutgoingMessage {
  const pages = checklistPages(checklist);
  const current = Math.min(Math.max(0, page), pages.length - 1);
  const lines = [`*${escapeMarkdownV2(checklist.title)}*`, escapeMarkdownV2(t('checklist-progress', checklistProgress(checklist, ticked)))];
  if (pages.length > 1) lines[1] += escapeMarkdownV2(` · ${current + 1}/${pages.length}`);
  lines.push('');
  const rows: InlineButton[][] = [];
  const links: InlineButton[][] = [];
  for (const index of pages[current]!) {
    const item = checklist.items[index]!;
    if (item.kind === 'label') {
      lines.push('', `▸ ${item.text}`);
    } else {
      const mark = ticked.has(index) ? '✅' : '⬜';
      lines.push(`${mark} ${item.text}`);
      rows.push([{ text: `${mark} ${shorten(item.plain, TICK_LABEL)}`, callback_data: encodeCallback({ action: 'tick', checklistKey: entry.key, item: index }) }]);
    }
    for (const button of item.buttons) links.push([linkButton(catalog, button)]);
  }
  rows.push(...links);
  const nav: InlineButton[] = [];
  if (current > 0) nav.push({ text: t('browse-previous'), callback_data: encodeCallback({ action: 'checklist', checklistKey: entry.key, page: current - 1 }) });
  if (current < pages.length - 1) nav.push({ text: t('browse-next'), callback_data: encodeCallback({ action: 'checklist', checklistKey: entry.key, page: current + 1 }) });
  if (nav.length) rows.push(nav);
  const lesson = entry.lessonSlug ? catalog.bySlug(entry.lessonSlug) : undefined;
  if (lesson) rows.push([{ text: t('lesson-done'), callback_data: encodeCallback({ action: 'done', lessonKey: lesson.key }) }]);
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n'), parse_mode: 'MarkdownV2', reply_markup: { inline_keyboard: rows } };
}
