// Checklists: `c_checklist.yml` / `pathways/c_<name>.yml` (a YAML `list` of
// `check:` and `label:` items) and the older `.checks.md` (repeated
// `[Text]: # (...)` / `[NoCheck]: # (true|false)` pairs). Pure: text in, items out.
import { createRequire } from 'node:module';
import { LessonFileError } from './metadata.ts';
import { prepareMarkdown } from './markdown.ts';
import { renderBlock } from './render.ts';
import { markdownV2PlainText } from './telegram-text.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { safeLoad: (source: string) => unknown };

export interface RawChecklistItem {
  kind: 'check' | 'label';
  /** Markdown as the author wrote it */
  markdown: string;
  line: number;
}

export interface RawChecklist {
  title?: string;
  order?: number;
  items: RawChecklistItem[];
}

export function parseChecklistYaml(source: string): RawChecklist {
  let data: unknown;
  try {
    data = yaml.safeLoad(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    throw new LessonFileError(`invalid checklist: ${(error as { reason?: string }).reason ?? (error as Error).message}`, (mark?.line ?? 0) + 1);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new LessonFileError('invalid checklist: expected `list:` with check and label items');
  const { list, index, title } = data as { list?: unknown; index?: unknown; title?: unknown };
  if (!Array.isArray(list)) throw new LessonFileError('invalid checklist: `list:` is missing or not a list');
  // js-yaml gives no positions: the n-th `- check:`/`- label:` line is the n-th item.
  const itemLines: number[] = [];
  source.split(/\r\n?|\n/).forEach((line, i) => {
    if (/^\s*-\s*(check|label)\s*:/.test(line)) itemLines.push(i + 1);
  });
  const items = list.map((entry, i): RawChecklistItem => {
    const line = itemLines[i] ?? 1;
    const record = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const value = record.check ?? record.label;
    if ((typeof value !== 'string' && typeof value !== 'number') || !String(value).trim()) {
      throw new LessonFileError('checklist item must be `check: text` or `label: text`', line);
    }
    return { kind: record.check !== undefined ? 'check' : 'label', markdown: String(value).trim(), line };
  });
  return {
    title: typeof title === 'string' && title.trim() ? title.trim() : undefined,
    order: index === undefined || index === null || !Number.isFinite(Number(index)) ? undefined : Number(index),
    items,
  };
}

const META_LINE = /^\[([A-Za-z][\w -]*)\]:\s*#\s*(?:\((.*)\)|"(.*)"|'(.*)')\s*$/;

export function parseChecksMarkdown(source: string): RawChecklist {
  const items: RawChecklistItem[] = [];
  let title: string | undefined;
  let order: number | undefined;
  source.split(/\r\n?|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const match = META_LINE.exec(line);
    if (!match) throw new LessonFileError('expected `[Text]: # (...)` or `[NoCheck]: # (true|false)`', i + 1);
    const key = match[1]!.trim().toLowerCase();
    const value = (match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (key === 'text') items.push({ kind: 'check', markdown: value, line: i + 1 });
    else if (key === 'nocheck') {
      const last = items[items.length - 1];
      if (!last) throw new LessonFileError('[NoCheck] before any [Text]', i + 1);
      if (/^true$/i.test(value)) last.kind = 'label';
    } else if (key === 'title' || key === 'name') title = value || undefined;
    else if (key === 'order' || key === 'index') order = Number.isFinite(Number(value)) ? Number(value) : undefined;
  });
  return { title, order, items: items.filter((item) => item.markdown) };
}

export interface RenderedChecklistItem {
  kind: 'check' | 'label';
  /** MarkdownV2, one line */
  text: string;
  plain: string;
  links: Array<{ label: string; href: string; line: number }>;
}

/** One item's Markdown as a MarkdownV2 line: web links stay links, others read as text. */
export function renderChecklistItem(item: RawChecklistItem): RenderedChecklistItem {
  const prepared = prepareMarkdown(item.markdown, item.line - 1);
  const text = prepared.blocks
    .map((block) => renderBlock(block))
    .join(' ')
    .replace(/\n+/g, ' ')
    .trim();
  return { kind: item.kind, text, plain: markdownV2PlainText(text), links: prepared.links };
}
