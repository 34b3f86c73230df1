// Markdown source -> a cleaned mdast tree whose every node telegramify-markdown
// serialises into MarkdownV2 that Telegram accepts. Each fix here answers a
// failure measured on real lessons (../shared/FACTS.md).
import { createRequire } from 'node:module';
import { type MdNode, plainOf, text } from './mdast.ts';
import { classifyHref, contactAddress, webUrl } from './links.ts';

const require = createRequire(import.meta.url);
const unified = require('unified');
const remarkParse = require('remark-parse');
const remarkGfm = require('remark-gfm');
const removeComments = require('remark-remove-comments');

const processor = unified().use(remarkParse).use(remarkGfm).use(removeComments);

/** A link as the author wrote it: where it points and the line it is on. */
export interface LinkOccurrence {
  label: string;
  href: string;
  line: number;
}

export interface ImageOccurrence {
  alt: string;
  src: string;
  line: number;
}

export interface PreparedMarkdown {
  blocks: MdNode[];
  links: LinkOccurrence[];
  images: ImageOccurrence[];
}

/**
 * Repairs loose Markdown seen in real lessons without moving any line, so that
 * line numbers in reports still match the author's file. Only prose is
 * repaired: code keeps `f[0](a, b)` and `&#x1F600;` exactly as written.
 */
export function repairLooseMarkdown(source: string): string {
  const normalised = source
    .replace(/\r\n?/g, '\n')
    // `*<tab>item`: bullets followed by tabs. (First: a tab after a bullet can
    // turn the item's text into indented code.)
    .replace(/^([ \t]*)([*+-])\t+/gm, '$1$2 ');
  const repaired = repairProse(normalised);
  if (repaired === normalised || normalised.includes(MASK)) return repaired;
  // Something was repaired: redo it with the code spans and blocks masked.
  const pieces: string[] = [];
  let masked = '';
  let last = 0;
  for (const [start, end] of codeRanges(processor.parse(normalised) as MdNode)) {
    const code = normalised.slice(start, end);
    masked += normalised.slice(last, start) + code.replace(/[^\n]/g, MASK);
    pieces.push(...code.split('\n').filter(Boolean));
    last = end;
  }
  masked += normalised.slice(last);
  // The repairs move no line break and no masked character: the k-th run of
  // masks is the k-th line piece of code.
  let k = 0;
  return repairProse(masked).replace(/\uE000+/g, () => pieces[k++] ?? '');
}

const MASK = '\uE000';

function repairProse(source: string): string {
  return (
    source
      // `&#x1F600;`: the parser (micromark 2) decodes numeric references with
      // String.fromCharCode, which keeps only the low 16 bits of a code point
      // above U+FFFF (😀 became U+F600). Such references, unless escaped,
      // become the character.
      .replace(/(?<=(?:^|[^\\])(?:\\\\)*)&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));/g, (whole, hex?: string, dec?: string) => {
        const code = hex ? parseInt(hex, 16) : Number(dec);
        return code > 0xffff && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      })
      // `[text] (https://…)`: a space between the brackets breaks the link.
      .replace(/\][ \t]+\((?=[ \t]*(?:[a-z][a-z0-9+.-]*:|\.{0,2}\/|#))/gi, '](')
      // `[text](umbrella://lesson/social media)`: lesson names may hold spaces,
      // which CommonMark accepts only between angle brackets.
      .replace(/\]\(([^()<>\s"'][^()<>\n"']*?[ \t][^()<>\n"']*?)\)/g, (_whole, target: string) => `](<${target.trim()}>)`)
  );
}

/** Source offsets [start, end) of every code block and code span, in order. */
function codeRanges(node: MdNode, into: Array<[number, number]> = []): Array<[number, number]> {
  const position = node.position as { start: { offset?: number }; end: { offset?: number } } | undefined;
  if ((node.type === 'code' || node.type === 'inlineCode') && position?.start.offset !== undefined && position.end.offset !== undefined) {
    into.push([position.start.offset, position.end.offset]);
  }
  for (const child of node.children ?? []) codeRanges(child, into);
  return into;
}

export function parseMarkdown(source: string): MdNode {
  const tree = processor.parse(repairLooseMarkdown(source));
  return processor.runSync(tree) as MdNode;
}

/**
 * Parses a lesson body and rewrites the tree: links and images recorded,
 * non-web links and images turned into readable text, HTML reduced to its
 * text, tables into lines, nesting Telegram refuses flattened.
 * `lineOffset` is the number of file lines before the body.
 */
export function prepareMarkdown(source: string, lineOffset = 0): PreparedMarkdown {
  const root = parseMarkdown(source);
  const definitions = new Map<string, { url: string; title: string | null }>();
  collectDefinitions(root, definitions);
  const result: PreparedMarkdown = { blocks: [], links: [], images: [] };
  const context: Context = { definitions, result, lineOffset };
  result.blocks = transformChildren(root.children ?? [], context, { block: true, format: false, quote: false, heading: false, list: false }).filter(
    (block) => !isEmptyBlock(block),
  );
  return result;
}

interface Context {
  definitions: Map<string, { url: string; title: string | null }>;
  result: PreparedMarkdown;
  lineOffset: number;
}

interface Scope {
  /** children of root, blockquote or listItem: flow content */
  block: boolean;
  /** inside bold, italic or strikethrough */
  format: boolean;
  quote: boolean;
  heading: boolean;
  /** inside a list item: no line of it starts at the start of a line */
  list: boolean;
}

function collectDefinitions(node: MdNode, into: Context['definitions']): void {
  if (node.type === 'definition' && node.identifier && node.url !== undefined) {
    if (!into.has(node.identifier)) into.set(node.identifier, { url: node.url, title: node.title ?? null });
  }
  for (const child of node.children ?? []) collectDefinitions(child, into);
}

function lineOf(node: MdNode, context: Context): number {
  return (node.position?.start.line ?? 1) + context.lineOffset;
}

function transformChildren(children: MdNode[], context: Context, scope: Scope): MdNode[] {
  const out: MdNode[] = [];
  for (const child of children) out.push(...transformNode(child, context, scope));
  return out;
}

function transformNode(node: MdNode, context: Context, scope: Scope): MdNode[] {
  const inline: Scope = { ...scope, block: false };
  switch (node.type) {
    case 'definition':
      return [];
    case 'text':
      // A soft line break inside a paragraph is a space to a reader.
      return [text((node.value ?? '').replace(/[ \t]*\n[ \t]*/g, ' '))];
    case 'inlineCode':
      return [{ type: 'inlineCode', value: (node.value ?? '').replace(/\n/g, ' ') }];
    case 'break':
      return [{ type: 'break' }];
    case 'linkReference': {
      const definition = context.definitions.get(node.identifier ?? '');
      if (!definition) return transformChildren(node.children ?? [], context, inline);
      return transformNode({ ...node, type: 'link', url: definition.url }, context, scope);
    }
    case 'imageReference': {
      const definition = context.definitions.get(node.identifier ?? '');
      return transformNode({ ...node, type: 'image', url: definition?.url ?? '' }, context, scope);
    }
    case 'image': {
      const alt = (node.alt ?? node.title ?? '').trim();
      context.result.images.push({ alt, src: node.url ?? '', line: lineOf(node, context) });
      const label = alt ? `🖼 ${alt}` : '🖼';
      return scope.block ? [{ type: 'paragraph', children: [text(label)] }] : [text(label)];
    }
    case 'link':
      return transformLink(node, context, inline);
    case 'html':
      return transformHtml(node, scope);
    case 'emphasis':
    case 'strong':
    case 'delete': {
      const children = transformChildren(node.children ?? [], context, { ...inline, format: true });
      // Telegram refuses some nested emphasis and headings are already bold:
      // keep one level of formatting only.
      if (scope.format || scope.heading || !plainOf({ type: 'x', children }).trim()) return children;
      return [{ type: node.type, children }];
    }
    case 'heading':
      return [{ type: 'heading', depth: node.depth ?? 1, children: transformChildren(node.children ?? [], context, { ...inline, heading: true }) }];
    case 'paragraph': {
      // A paragraph of images alone (`![alt](picture.png)` on its line) is
      // sent as photos; an image inside a sentence reads as "🖼 alt".
      const photos = scope.block && !scope.list && !scope.quote ? photoBlocks(node, context) : undefined;
      if (photos) return photos;
      return [{ type: 'paragraph', children: transformChildren(node.children ?? [], context, inline) }];
    }
    case 'blockquote': {
      const children = transformChildren(node.children ?? [], context, { ...scope, block: true, quote: true });
      // Telegram has no nested quotes, and a quote's `>` must open a line,
      // which a list item's marker or indentation never leaves it.
      return scope.quote || scope.list ? children : [{ type: 'blockquote', children }];
    }
    case 'code': {
      const value = (node.value ?? '').replace(/^#![a-z]+\n/, '');
      if (!value.trim()) return [];
      if (scope.quote) return [{ type: 'paragraph', children: [{ type: 'inlineCode', value: value.replace(/\n/g, ' ') }] }];
      return [{ type: 'code', lang: null, value }];
    }
    case 'list':
      return [
        {
          type: 'list',
          ordered: node.ordered ?? false,
          start: node.start ?? 1,
          spread: false,
          children: transformChildren(node.children ?? [], context, scope),
        },
      ];
    case 'listItem': {
      const children = transformChildren(node.children ?? [], context, { ...scope, block: true, list: true });
      if (node.checked === true || node.checked === false) {
        const mark = node.checked ? '☑ ' : '☐ ';
        const first = children[0];
        if (first?.type === 'paragraph') first.children = [text(mark), ...(first.children ?? [])];
        else children.unshift({ type: 'paragraph', children: [text(mark)] });
      }
      return [{ type: 'listItem', spread: false, children: children.filter((c) => !isEmptyBlock(c)) }];
    }
    case 'table':
      return [tableToParagraph(node, context)];
    case 'thematicBreak':
      return [{ type: 'paragraph', children: [text('⁂')] }];
    case 'footnoteReference':
      return [text(`[${node.label ?? node.identifier ?? ''}]`)];
    case 'footnoteDefinition':
      return [
        { type: 'paragraph', children: [text(`[${node.label ?? node.identifier ?? ''}] `)] },
        ...transformChildren(node.children ?? [], context, scope),
      ];
    default:
      if (node.children) return transformChildren(node.children, context, scope);
      if (typeof node.value === 'string' && node.value.trim()) {
        return scope.block ? [{ type: 'paragraph', children: [text(node.value)] }] : [text(node.value)];
      }
      return [];
  }
}

/** `photo` blocks for a paragraph made only of images, else undefined. */
function photoBlocks(node: MdNode, context: Context): MdNode[] | undefined {
  const children = (node.children ?? []).filter((child) => !(child.type === 'break' || (child.type === 'text' && !(child.value ?? '').trim())));
  if (!children.length) return undefined;
  const images: MdNode[] = [];
  for (const child of children) {
    const image = child.type === 'imageReference' ? { ...child, type: 'image', url: context.definitions.get(child.identifier ?? '')?.url ?? '' } : child;
    if (image.type !== 'image' || !image.url || webUrl(image.url)) return undefined;
    images.push(image);
  }
  return images.map((image) => {
    const alt = (image.alt ?? image.title ?? '').trim();
    context.result.images.push({ alt, src: image.url!, line: lineOf(image, context) });
    return { type: 'photo', url: image.url, alt, position: image.position };
  });
}

function transformLink(node: MdNode, context: Context, scope: Scope): MdNode[] {
  const href = (node.url ?? '').trim();
  let children = transformChildren(node.children ?? [], context, scope);
  const label = plainOf({ type: 'x', children }).trim();
  context.result.links.push({ label: label || href, href, line: lineOf(node, context) });
  if (!label) children = [text(href)];
  const kind = classifyHref(href);
  if (kind === 'web') return [{ type: 'link', url: webUrl(href)!, children }];
  if (kind === 'contact') {
    const address = contactAddress(href);
    return label.includes(address) ? children : [...children, text(` (${address})`)];
  }
  // Internal links read as their text; the button that opens the target is
  // attached to the message later, once every lesson is known.
  return [{ type: 'internalLink', href, children }];
}

const BLOCK_TAG = /^<\/?(p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|hr)\b/i;

function transformHtml(node: MdNode, scope: Scope): MdNode[] {
  const raw = node.value ?? '';
  if (/^<br\s*\/?>$/i.test(raw.trim())) return scope.block ? [] : [{ type: 'break' }];
  const value = htmlToText(raw);
  if (!value.trim()) return [];
  if (scope.block) {
    return value
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => ({ type: 'paragraph', children: [text(p.trim())] }));
  }
  return [text(BLOCK_TAG.test(raw) ? value.replace(/\n+/g, ' ') : value)];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text an HTML fragment shows, with block tags as line breaks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)>/gi, '\n\n')
    // Table cells would run together ("cell 1cell 2").
    .replace(/<\/t[dh]>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** A table reads as one line per row, cells separated by " | ", the header in bold. */
function tableToParagraph(node: MdNode, context: Context): MdNode {
  const children: MdNode[] = [];
  (node.children ?? []).forEach((row, rowIndex) => {
    if (rowIndex > 0) children.push({ type: 'break' });
    const header = rowIndex === 0;
    const cells: MdNode[] = [];
    (row.children ?? []).forEach((cell, cellIndex) => {
      if (cellIndex > 0) cells.push(text(' | '));
      cells.push(...transformChildren(cell.children ?? [], context, { block: false, format: header, quote: false, heading: false, list: false }));
    });
    const hasText = plainOf({ type: 'x', children: cells }).trim().length > 0;
    if (header && hasText) children.push({ type: 'strong', children: cells });
    else children.push(...cells);
  });
  return { type: 'paragraph', children };
}

export function isEmptyBlock(node: MdNode): boolean {
  if (node.type === 'code') return !(node.value ?? '').trim();
  if (node.type === 'list') return (node.children ?? []).length === 0;
  if (node.type === 'paragraph' || node.type === 'heading') return !plainOf(node).trim();
  if (node.type === 'blockquote' || node.type === 'listItem') return (node.children ?? []).every(isEmptyBlock);
  return false;
}
