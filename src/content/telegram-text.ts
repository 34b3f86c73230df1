// Facts about Telegram message text that are independent of any bot framework.

/** Telegram's limit for a message text, in UTF-16 code units after entity parsing. */
export const MESSAGE_LIMIT = 4096;
/** Telegram's limit for callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

const RESERVED = /[_*[\]()~`>#+\-=|{}.!\\]/g;

/** Escapes text so that MarkdownV2 shows it literally. */
export function escapeMarkdownV2(value: string): string {
  return value.replace(RESERVED, (c) => '\\' + c);
}

/**
 * The text Telegram shows for a MarkdownV2 string this pipeline produced:
 * markup removed, escapes resolved. Its `.length` is what Telegram's 4096 limit
 * counts. (Checked against TDLib's own parser in the tests.)
 */
export function markdownV2PlainText(source: string): string {
  let out = '';
  let i = 0;
  const n = source.length;
  let lineStart = true;
  while (i < n) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < n) {
      out += source[i + 1];
      i += 2;
      lineStart = false;
      continue;
    }
    if (c === '`' && source.startsWith('```', i)) {
      i += 3;
      // As TDLib reads it: a language tag is a run of characters other than
      // white space and `, followed by something other than `; then one line
      // break is dropped. "```js extra\n" keeps " extra\n"… as text.
      let tag = i;
      while (tag < n && !/[\s`]/.test(source[tag]!)) tag++;
      if (tag > i && tag < n && source[tag] !== '`') i = tag;
      if (source[i] === '\n' || source[i] === '\r') {
        const pair = (source[i + 1] === '\n' || source[i + 1] === '\r') && source[i + 1] !== source[i];
        i += pair ? 2 : 1;
      }
      const close = findUnescaped(source, '```', i);
      const end = close === -1 ? n : close;
      out += unescape(source.slice(i, end));
      i = end + 3;
      lineStart = false;
      continue;
    }
    if (c === '`') {
      const close = findUnescaped(source, '`', i + 1);
      const end = close === -1 ? n : close;
      out += unescape(source.slice(i + 1, end));
      i = end + 1;
      lineStart = false;
      continue;
    }
    if (c === ']' && source[i + 1] === '(') {
      const close = findUnescaped(source, ')', i + 2);
      i = close === -1 ? n : close + 1;
      continue;
    }
    if (c === '>' && lineStart) {
      i += 1;
      lineStart = false;
      continue;
    }
    // "**>" opens an expandable quote.
    if (c === '*' && lineStart && source.startsWith('**>', i)) {
      i += 3;
      lineStart = false;
      continue;
    }
    // "![👍](tg://emoji?id=…)": a custom emoji shows its text.
    if (c === '!' && source[i + 1] === '[') {
      i += 1;
      continue;
    }
    if (c === '*' || c === '_' || c === '~' || c === '|' || c === '[') {
      i += 1;
      lineStart = false;
      continue;
    }
    out += c;
    lineStart = c === '\n';
    i += 1;
  }
  return out;
}

function findUnescaped(source: string, token: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source.startsWith(token, i)) return i;
  }
  return -1;
}

function unescape(value: string): string {
  return value.replace(/\\([\s\S])/g, '$1');
}

/** Length Telegram counts for a MarkdownV2 text (UTF-16 code units). */
export function markdownV2Length(source: string): number {
  return markdownV2PlainText(source).length;
}
