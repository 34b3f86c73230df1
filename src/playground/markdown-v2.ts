// A small MarkdownV2 reader for when Telegram's own parser (TDLib, a dev
// dependency) is not installed: the playground then still shows bold, links,
// quotes… It follows TDLib's algorithm for the markup this bot produces, but it
// is not the oracle: the tests compare it with TDLib, and the fake Bot API only
// uses it to display, never to refuse.
import type { MessageEntity } from 'grammy/types';

export type LiteParse = { ok: true; text: string; entities: MessageEntity[] } | { ok: false; error: string };

type OpenType = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'code' | 'pre' | 'text_link' | 'custom_emoji';

interface Open {
  type: OpenType;
  /** offset in the output text (UTF-16 units) */
  start: number;
  /** where in the source it was opened, for the error message */
  at: number;
  language?: string;
}

const RESERVED = '_*[]()~`>#+-=|{}.!';
const NAMES: Record<OpenType, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  code: 'Code',
  pre: 'Pre',
  text_link: 'TextUrl',
  custom_emoji: 'CustomEmoji',
};

export function parseMarkdownV2Lite(source: string): LiteParse {
  const n = source.length;
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  let text = '';
  let quote: { start: number; expandable: boolean; closing: boolean } | undefined;
  let lineStart = true;
  let i = 0;

  const add = (entity: Record<string, unknown> & { type: string; offset: number; length: number }) => {
    if (entity.length > 0) entities.push(entity as unknown as MessageEntity);
  };
  const closeQuote = () => {
    if (!quote) return;
    add({ type: quote.expandable ? 'expandable_blockquote' : 'blockquote', offset: quote.start, length: text.length - quote.start });
    quote = undefined;
  };
  const fail = (error: string): LiteParse => ({ ok: false, error });

  while (i < n) {
    const top = stack[stack.length - 1];
    const inCode = top?.type === 'code' || top?.type === 'pre';

    if (lineStart && !inCode) {
      lineStart = false;
      if (quote?.closing) closeQuote();
      if (source.startsWith('**>', i)) {
        closeQuote();
        quote = { start: text.length, expandable: true, closing: false };
        i += 3;
        continue;
      }
      if (source[i] === '>') {
        if (!quote) quote = { start: text.length, expandable: false, closing: false };
        i += 1;
        continue;
      }
      closeQuote();
    }

    const c = source[i]!;
    if (c === '\\' && i + 1 < n) {
      const code = source.charCodeAt(i + 1);
      if (code > 0 && code <= 126) {
        text += source[i + 1];
        i += 2;
        continue;
      }
    }
    if (c === '\n') {
      text += c;
      i += 1;
      lineStart = !inCode;
      continue;
    }
    if (inCode ? c !== '`' : !RESERVED.includes(c)) {
      text += c;
      i += 1;
      continue;
    }

    // The end of the innermost open entity?
    if (top) {
      const next = source[i + 1];
      let end = 0;
      switch (top.type) {
        case 'bold':
          end = c === '*' ? 1 : 0;
          break;
        case 'italic':
          end = c === '_' && next !== '_' ? 1 : 0;
          break;
        case 'underline':
          end = c === '_' && next === '_' ? 2 : 0;
          break;
        case 'strikethrough':
          end = c === '~' ? 1 : 0;
          break;
        case 'spoiler':
          end = c === '|' && next === '|' ? 2 : 0;
          break;
        case 'code':
          end = c === '`' ? 1 : 0;
          break;
        case 'pre':
          end = source.startsWith('```', i) ? 3 : 0;
          break;
        case 'text_link':
        case 'custom_emoji':
          end = c === ']' ? 1 : 0;
          break;
      }
      if (end) {
        stack.pop();
        i += end;
        const entity: Record<string, unknown> & { type: string; offset: number; length: number } = {
          type: top.type,
          offset: top.start,
          length: text.length - top.start,
        };
        if (top.type === 'pre' && top.language) entity.language = top.language;
        if (top.type === 'text_link' || top.type === 'custom_emoji') {
          let url = '';
          if (source[i] === '(') {
            let j = i + 1;
            while (j < n && source[j] !== ')') {
              if (source[j] === '\\' && j + 1 < n) j++;
              url += source[j];
              j++;
            }
            if (j >= n) return fail(`Can't find end of a URL at byte offset ${i}`);
            i = j + 1;
          }
          if (top.type === 'custom_emoji') {
            const id = /^tg:\/\/emoji\?id=(\d+)$/.exec(url)?.[1];
            if (!id) return fail(`Custom emoji URL must have scheme tg`);
            entity.custom_emoji_id = id;
          } else {
            if (!url) continue; // Telegram keeps the text and drops a link without URL
            entity.url = url;
          }
        }
        add(entity);
        continue;
      }
    }

    // The end of an expandable quote: "||" closing its last line.
    if (quote?.expandable && c === '|' && source[i + 1] === '|' && (i + 2 >= n || source[i + 2] === '\n') && top?.type !== 'spoiler') {
      quote.closing = true;
      i += 2;
      continue;
    }

    // The start of an entity.
    const open = (type: OpenType, length: number, extra: Partial<Open> = {}) => {
      stack.push({ type, start: text.length, at: i, ...extra });
      i += length;
    };
    switch (c) {
      case '_':
        if (source[i + 1] === '_') open('underline', 2);
        else open('italic', 1);
        continue;
      case '*':
        open('bold', 1);
        continue;
      case '~':
        open('strikethrough', 1);
        continue;
      case '|':
        if (source[i + 1] === '|') {
          open('spoiler', 2);
          continue;
        }
        break;
      case '[':
        open('text_link', 1);
        continue;
      case '!':
        if (source[i + 1] === '[') {
          open('custom_emoji', 2);
          continue;
        }
        break;
      case '`':
        if (source.startsWith('```', i)) {
          // As TDLib reads it: a language tag is a run of non-space, non-` characters
          // followed by something other than `; then one line break is dropped.
          const at = i;
          let j = i + 3;
          let tag = j;
          while (tag < n && !/[\s`]/.test(source[tag]!)) tag++;
          let language: string | undefined;
          if (tag > j && tag < n && source[tag] !== '`') {
            language = source.slice(j, tag);
            j = tag;
          }
          if (source[j] === '\n' || source[j] === '\r') {
            const pair = (source[j + 1] === '\n' || source[j + 1] === '\r') && source[j + 1] !== source[j];
            j += pair ? 2 : 1;
          }
          stack.push({ type: 'pre', start: text.length, at, ...(language ? { language } : {}) });
          i = j;
          continue;
        }
        open('code', 1);
        continue;
    }
    return fail(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
  }

  const unclosed = stack[stack.length - 1];
  if (unclosed) return fail(`Can't find end of ${NAMES[unclosed.type]} entity at byte offset ${Buffer.byteLength(source.slice(0, unclosed.at))}`);
  closeQuote();
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text, entities };
}
