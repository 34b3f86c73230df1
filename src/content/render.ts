// mdast block -> MarkdownV2 text, through telegramify-markdown's own
// serialiser with the handlers that lose or break text replaced.
import { createRequire } from 'node:module';
import type { MdNode } from './mdast.ts';
import { markdownV2Length } from './telegram-text.ts';

const require = createRequire(import.meta.url);
type Safe = { before: string; after: string };
type Handler = (node: MdNode, parent: MdNode | undefined, context: unknown, safe?: Safe) => string;
const toMarkdown = require('mdast-util-to-markdown') as (tree: MdNode, options: unknown) => string;
const createTelegramifyOptions = require('telegramify-markdown/lib/telegramify') as (
  definitions: Record<string, unknown>,
  unsupportedTagsStrategy: string,
) => { handlers: Record<string, Handler>; [key: string]: unknown };
const { escapeSymbols } = require('telegramify-markdown/lib/utils') as {
  escapeSymbols: (text: string, kind?: string) => string;
};
const phrasing = require('mdast-util-to-markdown/lib/util/container-phrasing') as (
  node: MdNode,
  context: unknown,
  safe: { before: string; after: string },
) => string;
const defaultHandlers = require('mdast-util-to-markdown/lib/handle') as Record<string, Handler>;
const containerFlow = require('mdast-util-to-markdown/lib/util/container-flow') as (node: MdNode, context: unknown) => string;
const indentLines = require('mdast-util-to-markdown/lib/util/indent-lines') as (
  value: string,
  map: (line: string, index: number, blank: boolean) => string,
) => string;

const base = createTelegramifyOptions({}, 'escape');

/** Text escaping telegramify does, plus the backslash it forgets (`C:\Windows`). */
function escapeText(value: string): string {
  return escapeSymbols(value.replace(/\\/g, '\u0000'), 'text').replace(/\u0000/g, '\\\\');
}

function escapeUrl(url: string): string {
  return url.replace(/\\/g, '\\\\').replace(/\)/g, '\\)');
}

const handlers: Record<string, Handler> = {
  ...base.handlers,
  text: (node) => escapeText(node.value ?? ''),
  // telegramify leaves inline code to the default handler, which does not
  // escape ` and \ as Telegram requires inside code.
  inlineCode: (node) => '`' + escapeSymbols(node.value ?? '', 'code') + '`',
  // The default hard break is "\\\n", a stray backslash in Telegram.
  break: () => '\n',
  // Only web links reach this handler (see markdown.ts); decodeURI in
  // telegramify's version throws on a lone "%".
  link: (node, _parent, context) => {
    const label = phrasing(node, context, { before: '[', after: ']' });
    return `[${label}](${escapeUrl(node.url ?? '')})`;
  },
  internalLink: (node, _parent, context, safe) => phrasing(node, context, safe ?? { before: '', after: '' }),
  // Italic right after italic ("_a__b_") reads as an underline marker, "__":
  // Telegram's documented separator is "\r", which it ignores.
  emphasis: (node, parent, context, safe) => (safe?.before === '_' ? '\r' : '') + base.handlers.emphasis!(node, parent, context, safe),
  // Telegram keeps the space of "> text" in the quote's text: every line of
  // the quote would start with a space.
  blockquote: (node, _parent, context) => {
    const exit = (context as { enter: (name: string) => () => void }).enter('blockquote');
    const value = indentLines(containerFlow(node, context), (line) => '>' + line);
    exit();
    return value;
  },
  // telegramify rewrites "^\d+." on every line of a list, item text included;
  // only the item's own marker is rewritten here.
  list: (node, parent, context) => defaultHandlers.list!(node, parent, context),
  listItem: (node, parent, context) =>
    defaultHandlers.listItem!(node, parent, context).replace(/^(\d+)\./, '$1\\.').replace(/^\*/, '•'),
};

/**
 * mdast-util-to-markdown separates two adjacent lists with an HTML comment,
 * `<!---->`, so that Markdown would not merge them (and a list and indented
 * code after it, which `fences: true` rules out): raw `!` and `-` that
 * Telegram refuses. Telegram has no lists to merge; a blank line is enough.
 * The serialiser asks its join rules in order, the first answer winning, and
 * options can only append rules: this one is put first when the root is entered.
 */
const joinWithoutComment = (left: MdNode, right: MdNode): number | undefined =>
  left.type === 'list' && right.type === 'list' ? 1 : undefined;

handlers.root = (node, parent, context) => {
  const ctx = context as { join: unknown[] };
  if (ctx.join[0] !== joinWithoutComment) ctx.join = [joinWithoutComment, ...ctx.join];
  return defaultHandlers.root!(node, parent, context);
};

const options = { ...base, listItemIndent: 'one', fences: true, handlers };

/** MarkdownV2 for one block (paragraph, heading, list, quote, code). */
export function renderBlock(block: MdNode): string {
  return toMarkdown({ type: 'root', children: [block] }, options).replace(/\n+$/, '');
}

export interface RenderedBlock {
  node: MdNode;
  text: string;
  /** UTF-16 length Telegram counts after parsing. */
  length: number;
}

export function renderMeasured(block: MdNode): RenderedBlock {
  const text = renderBlock(block);
  return { node: block, text, length: markdownV2Length(text) };
}
