// Callback data the bot's buttons carry. Always short (Telegram allows 64
// bytes): a one-letter action, a lesson's 10-character key, a number.
import { CALLBACK_DATA_LIMIT } from '../content/telegram-text.ts';

export type CallbackAction =
  | { action: 'open'; lessonKey: string }
  | { action: 'page'; lessonKey: string; index: number }
  | { action: 'done'; lessonKey: string }
  | { action: 'browse'; page: number }
  | { action: 'language'; lang: string }
  | { action: 'forget'; confirm: boolean }
  | { action: 'daily'; op: 'on' | 'off' | 'hours' | 'zones' }
  | { action: 'hour'; hour: number }
  | { action: 'zone'; index: number }
  // the lesson tree (#5): a node's page, a lesson at a segment, a checklist's page, a tick
  | { action: 'tree'; nodeKey: string; page: number }
  /** a tree place linked from a lesson: opens in a new message */
  | { action: 'node'; nodeKey: string }
  | { action: 'segment'; lessonKey: string; segmentKey: string }
  | { action: 'checklist'; checklistKey: string; page: number }
  | { action: 'tick'; checklistKey: string; item: number }
  // search and bookmarks (#8): save/unsave (from a lesson, or from page `listPage` of /saved),
  // a page of /saved, a page of search results (the query travels in the button), a result
  | { action: 'bookmark'; lessonKey: string; listPage?: number }
  | { action: 'saved'; page: number }
  | { action: 'search'; page: number; query: string }
  | { action: 'hit'; lessonKey: string; index: number };

const KEY = '[A-Za-z0-9_-]{1,16}';
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => CallbackAction]> = [
  [new RegExp(`^o:(${KEY})$`), (m) => ({ action: 'open', lessonKey: m[1]! })],
  [new RegExp(`^p:(${KEY}):(\\d{1,4})$`), (m) => ({ action: 'page', lessonKey: m[1]!, index: Number(m[2]) })],
  [new RegExp(`^d:(${KEY})$`), (m) => ({ action: 'done', lessonKey: m[1]! })],
  [/^b:(\d{1,4})$/, (m) => ({ action: 'browse', page: Number(m[1]) })],
  [/^l:([a-z]{2,3}(?:-[A-Za-z]{2,8})?)$/, (m) => ({ action: 'language', lang: m[1]! })],
  [/^f:(yes|no)$/, (m) => ({ action: 'forget', confirm: m[1] === 'yes' })],
  [/^s:(on|off|hours|zones)$/, (m) => ({ action: 'daily', op: m[1] as 'on' | 'off' | 'hours' | 'zones' })],
  [/^h:(\d{1,2})$/, (m) => ({ action: 'hour', hour: Number(m[1]) })],
  [/^z:(\d{1,3})$/, (m) => ({ action: 'zone', index: Number(m[1]) })],
  [new RegExp(`^t:(${KEY}):(\\d{1,4})$`), (m) => ({ action: 'tree', nodeKey: m[1]!, page: Number(m[2]) })],
  [new RegExp(`^n:(${KEY})$`), (m) => ({ action: 'node', nodeKey: m[1]! })],
  [new RegExp(`^g:(${KEY}):(${KEY})$`), (m) => ({ action: 'segment', lessonKey: m[1]!, segmentKey: m[2]! })],
  [new RegExp(`^c:(${KEY}):(\\d{1,4})$`), (m) => ({ action: 'checklist', checklistKey: m[1]!, page: Number(m[2]) })],
  [new RegExp(`^k:(${KEY}):(\\d{1,4})$`), (m) => ({ action: 'tick', checklistKey: m[1]!, item: Number(m[2]) })],
  [new RegExp(`^m:(${KEY})(?::(\\d{1,4}))?$`), (m) => ({ action: 'bookmark', lessonKey: m[1]!, ...(m[2] !== undefined ? { listPage: Number(m[2]) } : {}) })],
  [/^v:(\d{1,4})$/, (m) => ({ action: 'saved', page: Number(m[1]) })],
  [/^q:(\d{1,3}):([\s\S]+)$/, (m) => ({ action: 'search', page: Number(m[1]), query: m[2]! })],
  [new RegExp(`^i:(${KEY}):(\\d{1,4})$`), (m) => ({ action: 'hit', lessonKey: m[1]!, index: Number(m[2]) })],
];

export function encodeCallback(data: CallbackAction): string {
  let encoded: string;
  switch (data.action) {
    case 'open':
      encoded = `o:${data.lessonKey}`;
      break;
    case 'page':
      encoded = `p:${data.lessonKey}:${data.index}`;
      break;
    case 'done':
      encoded = `d:${data.lessonKey}`;
      break;
    case 'browse':
      encoded = `b:${data.page}`;
      break;
    case 'language':
      encoded = `l:${data.lang}`;
      break;
    case 'forget':
      encoded = `f:${data.confirm ? 'yes' : 'no'}`;
      break;
    case 'daily':
      encoded = `s:${data.op}`;
      break;
    case 'hour':
      encoded = `h:${data.hour}`;
      break;
    case 'zone':
      encoded = `z:${data.index}`;
      break;
    case 'tree':
      encoded = `t:${data.nodeKey}:${data.page}`;
      break;
    case 'node':
      encoded = `n:${data.nodeKey}`;
      break;
    case 'segment':
      encoded = `g:${data.lessonKey}:${data.segmentKey}`;
      break;
    case 'checklist':
      encoded = `c:${data.checklistKey}:${data.page}`;
      break;
    case 'tick':
      encoded = `k:${data.checklistKey}:${data.item}`;
      break;
    case 'bookmark':
      encoded = data.listPage === undefined ? `m:${data.lessonKey}` : `m:${data.lessonKey}:${data.listPage}`;
      break;
    case 'saved':
      encoded = `v:${data.page}`;
      break;
    case 'search':
      encoded = `q:${data.page}:${data.query}`;
      break;
    case 'hit':
      encoded = `i:${data.lessonKey}:${data.index}`;
      break;
  }
  if (Buffer.byteLength(encoded) > CALLBACK_DATA_LIMIT) throw new Error(`callback data too long: ${encoded.length} bytes`);
  return encoded;
}

/**
 * The longest start of `query`, cut between words, that fits in a search
 * button's callback data next to a page number up to 999.
 */
export function fitSearchQuery(query: string): string {
  const room = CALLBACK_DATA_LIMIT - 'q:999:'.length;
  let fitted = query.replace(/\s+/g, ' ').trim();
  while (Buffer.byteLength(fitted) > room) {
    const cut = fitted.lastIndexOf(' ');
    // One long word: cut it by characters (never inside a surrogate pair).
    fitted = cut > 0 ? fitted.slice(0, cut) : [...fitted].slice(0, -1).join('');
  }
  return fitted;
}

/** The action a button asks for, or null for data this bot never made (old or forged). */
export function decodeCallback(data: string | undefined): CallbackAction | null {
  if (!data || Buffer.byteLength(data) > CALLBACK_DATA_LIMIT) return null;
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(data);
    if (match) return build(match);
  }
  return null;
}
