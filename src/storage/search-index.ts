// Full-text search over the lessons: an in-memory SQLite FTS5 index, derived
// from a Catalog and rebuilt whenever the catalog changes (nothing on disk,
// no migration). One row per lesson message (the first one also holding the
// title, aliases and description, weighted higher) and one for the checklist,
// so that a hit opens the lesson at the message that matches.
//
// One tokenizer for seven languages: text is normalised in JS before it is
// indexed and before it is queried (see `normaliseForSearch`), then FTS5's
// unicode61 splits it into words. Chinese has no spaces between words, so a
// run of Han/Kana characters is indexed as its overlapping pairs ("手機密碼" →
// 手機 機密 密碼 碼, the last character alone): a two-character word is one
// token, a longer one a phrase of pairs, a single character a prefix (which a
// trigram index cannot match). Pairs, not single characters, because single
// characters are so frequent that phrase queries over them are slow. User
// text is never passed to FTS5 as query syntax: the query is rebuilt from its
// words, each one quoted.
import Database from 'better-sqlite3';
import type { Catalog, Lesson, LessonVersion } from '../content/catalog.ts';
import { markdownV2PlainText } from '../content/telegram-text.ts';

/** Han ideographs and Kana: scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * The form both the index and the queries are made of: compatibility
 * decomposition (NFKD: full-width letters, Arabic presentation forms),
 * diacritics and harakat removed, lower case, Arabic and Persian spellings
 * of the same letter unified (ي/ى/ی, ك/ک, ة/ه), tatweel removed, Persian and
 * Arabic-Indic digits as ASCII, ZWNJ as a space (Persian writes
 * "می‌خواهم", "می خواهم" or "میخواهم"), and runs of Han/Kana characters
 * as their pairs (see above).
 */
export function normaliseForSearch(text: string): string {
  return normaliseLetters(text).replace(CJK_RUN, (run) => ` ${cjkPairs([...run]).join(' ')} `);
}

/** "手機密碼" → 手機 機密 密碼 碼: each character starts one token. */
function cjkPairs(chars: string[]): string[] {
  return chars.map((c, i) => (i + 1 < chars.length ? c + chars[i + 1] : c));
}

/** normaliseForSearch without the Chinese pairs. */
function normaliseLetters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0640/g, '')
    .replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) - (d.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660)) % 10))
    .replace(/[\u200C\u200D\u200E\u200F]/g, ' ');
}

/** A query term: a word, or a run of CJK characters that must appear together. */
export interface QueryTerm {
  /** the normalised word, or the characters of a CJK run */
  words: string[];
  cjk: boolean;
}

/** The words of a query, as the index sees them. Everything that is not a letter or a digit separates words. */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  // Runs of letters/digits, each split into CJK runs and the rest.
  for (const word of query.normalize('NFKD').replace(/\p{M}/gu, '').split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    for (const part of word.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)/u)) {
      if (!part) continue;
      if (CJK.test(part)) {
        terms.push({ words: [...normaliseLetters(part)].filter((c) => /[\p{L}\p{N}]/u.test(c)), cjk: true });
        continue;
      }
      for (const w of normaliseLetters(part).split(/[^\p{L}\p{N}]+/u)) if (w) terms.push({ words: [w], cjk: false });
    }
  }
  return terms;
}

/** Longest query the index looks at: longer text is cut at a word boundary. */
export const MAX_QUERY_TERMS = 8;

/**
 * An FTS5 MATCH expression built from the query's words: each term quoted
 * (so no character of the user's text is ever FTS5 syntax), all required
 * (`AND`) or any (`OR`), the last non-CJK word as a prefix when it has at
 * least two letters (results as you type). Empty when the query has no word.
 */
export function ftsQuery(terms: QueryTerm[], operator: 'AND' | 'OR' = 'AND'): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return terms
    .slice(0, MAX_QUERY_TERMS)
    .map((term, i, all) => {
      // One character: any pair it starts (or itself, last in a run); two: one pair; more: consecutive pairs.
      if (term.cjk) return term.words.length === 1 ? `${quote(term.words[0]!)}*` : quote(cjkPairs(term.words).slice(0, -1).join(' '));
      const last = i === all.length - 1;
      return last && term.words[0]!.length >= 2 ? `${quote(term.words[0]!)}*` : quote(term.words[0]!);
    })
    .join(` ${operator} `);
}

export interface SearchHit {
  lesson: Lesson;
  /** the version that matched */
  version: LessonVersion;
  /** the message that matched (0 for a title or description) */
  index: number;
  /** where it matched */
  field: 'title' | 'text' | 'checklist';
  /** FTS5 bm25 (lower is better) */
  score: number;
  /** a short piece of the matching text, around the first word that matched (plain text) */
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** lessons found in all (up to `MAX_RESULTS`) */
  total: number;
}

export interface SearchOptions {
  /** the learner's language: its lessons come first */
  lang: string;
  offset?: number;
  limit?: number;
}

/** At most this many lessons are found for a query. */
export const MAX_RESULTS = 50;
const TITLE_WEIGHT = 10;
const SNIPPET_CHARS = 90;

interface Row {
  lesson: Lesson;
  version: LessonVersion;
  index: number;
  field: SearchHit['field'];
  /** plain text as the learner reads it (for snippets) */
  plain: string;
}

export class SearchIndex {
  readonly db: Database.Database;
  /** rows by rowid - 1; rows of one language have consecutive rowids */
  private readonly rows: Row[] = [];
  /** first and last rowid of each language */
  private readonly ranges = new Map<string, { lo: number; hi: number }>();
  readonly stats: { rows: number; ms: number };
  private readonly ids: Database.Statement<{ match: string }>;
  private readonly find: Database.Statement<{ match: string; lo: number; hi: number; limit: number }, { id: number; score: number }>;

  constructor(readonly catalog: Catalog) {
    const started = performance.now();
    this.db = new Database(':memory:');
    // Contentless: the index only answers which rows match and how well; the
    // texts stay in `rows`.
    this.db.exec(`CREATE VIRTUAL TABLE chunks USING fts5(title, body, content = '', tokenize = 'unicode61 remove_diacritics 2');`);
    const insert = this.db.prepare<[number, string, string]>('INSERT INTO chunks (rowid, title, body) VALUES (?, ?, ?)');
    const add = (row: Row, title: string, body: string) => {
      this.rows.push(row);
      insert.run(this.rows.length, normaliseForSearch(title), normaliseForSearch(body));
    };
    const byLanguage = new Map<string, Array<{ lesson: Lesson; version: LessonVersion }>>();
    for (const lesson of catalog.lessons.values()) {
      for (const version of lesson.versions.values()) {
        if (!byLanguage.has(version.lang)) byLanguage.set(version.lang, []);
        byLanguage.get(version.lang)!.push({ lesson, version });
      }
    }
    this.db.transaction(() => {
      for (const [lang, versions] of byLanguage) {
        const lo = this.rows.length + 1;
        for (const { lesson, version } of versions) {
          // The title, aliases and description share the first message's row:
          // a hit there opens the lesson at its start.
          const names = [version.title, ...version.aliases, lesson.slug.replace(/[-_]+/g, ' '), version.description ?? ''].join('\n');
          if (!version.messages.length) add({ lesson, version, index: 0, field: 'title', plain: version.title }, names, '');
          version.messages.forEach((message, index) => {
            const plain = markdownV2PlainText(message.text);
            const segment = version.segments?.find((s) => s.start === index);
            add({ lesson, version, index, field: 'text', plain }, index === 0 ? names : (segment?.title ?? ''), plain);
          });
          const items = version.checklist?.items.map((item) => item.plain).filter(Boolean) ?? [];
          if (items.length && version.messages.length) {
            const plain = items.join('\n');
            add({ lesson, version, index: version.messages.length - 1, field: 'checklist', plain }, version.checklist!.title, plain);
          }
        }
        this.ranges.set(lang, { lo, hi: this.rows.length });
      }
    })();
    this.db.exec(`INSERT INTO chunks (chunks) VALUES ('optimize');`);
    // Only rowids and scores come out of SQLite (reading no column is what
    // keeps a query fast); bm25 weighs a title hit ten times a body hit.
    this.find = this.db.prepare(
      `SELECT rowid AS id, bm25(chunks, ${TITLE_WEIGHT}, 1.0) AS score FROM chunks
       WHERE chunks MATCH @match AND rowid BETWEEN @lo AND @hi ORDER BY score LIMIT @limit`,
    );
    this.ids = this.db.prepare<{ match: string }>('SELECT rowid FROM chunks WHERE chunks MATCH @match').pluck();
    this.stats = { rows: this.rows.length, ms: performance.now() - started };
  }

  close(): void {
    this.db.close();
  }

  search(query: string, options: SearchOptions): SearchResult {
    const terms = queryTerms(query);
    if (!terms.length) return { hits: [], total: 0 };
    let ranked = this.safeRank(ftsQuery(terms, 'AND'), options.lang);
    // "is whatsapp safe": when no lesson has every word, lessons with some of them.
    if (!ranked.length && terms.length > 1) ranked = this.safeRank(ftsQuery(terms, 'OR'), options.lang);
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.max(0, options.limit ?? 10);
    const words = terms.slice(0, MAX_QUERY_TERMS);
    const hits = ranked.slice(offset, offset + limit).map(({ id, score }) => {
      const row = this.rows[id - 1]!;
      return { lesson: row.lesson, version: row.version, index: row.index, field: row.field, score, snippet: snippet(row.plain, words) };
    });
    return { hits, total: ranked.length };
  }

  /**
   * Belt and braces: the query is made of quoted words only, but should FTS5
   * still refuse one (a character its tables see differently), the answer is
   * "nothing found", not an error.
   */
  private safeRank(match: string, lang: string): Array<{ id: number; score: number }> {
    try {
      return this.rank(match, lang);
    } catch (error) {
      if (error instanceof Database.SqliteError) return [];
      throw error;
    }
  }

  /**
   * The best row of each lesson, best first, at most MAX_RESULTS: lessons in
   * the learner's language first, then in the default language, then in the
   * others, one language after another (bm25 is computed for every row a
   * query matches, so a language is only looked at while results are
   * missing; and scores of two languages hardly compare anyway).
   */
  private rank(match: string, lang: string): Array<{ id: number; score: number }> {
    const best = new Map<Lesson, { id: number; score: number }>();
    const base = (code: string) => code.split('-')[0]!.toLowerCase();
    const mine = this.ranges.has(lang) ? lang : [...this.ranges.keys()].find((code) => base(code) === base(lang));
    const take = (code: string) => {
      const { lo, hi } = this.ranges.get(code)!;
      for (const row of this.find.all({ match, lo, hi, limit: MAX_RESULTS * 2 })) {
        if (best.size >= MAX_RESULTS) break;
        const lesson = this.rows[row.id - 1]!.lesson;
        if (!best.has(lesson)) best.set(lesson, row);
      }
    };
    if (mine) take(mine);
    if (best.size < MAX_RESULTS) {
      // Which other languages match at all (cheap: no ranking), so that only those are ranked.
      const present = new Set<string>();
      for (const id of this.ids.all({ match }) as number[]) present.add(this.rows[id - 1]!.version.lang);
      const order = [...new Set([this.catalog.defaultLanguage, ...[...present].sort()])];
      for (const code of order) {
        if (best.size >= MAX_RESULTS) break;
        if (code !== mine && present.has(code)) take(code);
      }
    }
    return [...best.values()];
  }
}

const charCache = new Map<string, string>();
function normaliseChar(ch: string): string {
  if (ch.charCodeAt(0) < 128) return ch.toLowerCase();
  let n = charCache.get(ch);
  if (n === undefined) {
    n = normaliseLetters(ch).replace(/\s+/g, '');
    if (charCache.size < 50_000) charCache.set(ch, n);
  }
  return n;
}

/**
 * About SNIPPET_CHARS characters of `plain` around the first place a query
 * word starts, on one line, with … where it was cut. The start of the text
 * when no word is found (a match in another field).
 */
export function snippet(plain: string, terms: QueryTerm[], width = SNIPPET_CHARS): string {
  const flat = plain.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  // Most often a word is found as typed (lower case): no need to normalise the text.
  const lower = flat.toLowerCase();
  for (const term of terms) {
    if (term.cjk) continue;
    const at = lower.search(new RegExp(`(?<![\\p{L}\\p{N}])${term.words[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'));
    if (at !== -1 && lower.length === flat.length) return cut(flat, at, width);
  }
  // Normalise character by character, remembering where each normalised
  // character came from, to find the match in the original text.
  let normal = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of flat) {
    const n = normaliseChar(ch);
    for (let k = 0; k < n.length; k++) origin.push(i);
    normal += n;
    i += ch.length;
  }
  let at = -1;
  for (const term of terms) {
    const needle = term.words.join('');
    let from = 0;
    while (needle && (from = normal.indexOf(needle, from)) !== -1) {
      // A word starts here: the text starts, or the previous character is no letter (CJK always counts).
      if (term.cjk || from === 0 || !/[\p{L}\p{N}]/u.test(normal[from - 1]!)) break;
      from += 1;
    }
    if (from !== -1 && needle && (at === -1 || origin[from]! < at)) at = origin[from]!;
  }
  return cut(flat, at === -1 ? 0 : at, width);
}

/** About `width` characters of `flat` around `at`, cut at spaces when there are some near the edges. */
function cut(flat: string, at: number, width: number): string {
  let start = Math.max(0, at - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  start = Math.max(0, end - width);
  // Cut at spaces when there are some near the edges (not in Chinese).
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space !== -1 && space < at && space - start < 15) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > at && end - space < 15) end = space;
  }
  // Never split a surrogate pair.
  if (/[\uDC00-\uDFFF]/.test(flat[start] ?? '')) start += 1;
  if (/[\uD800-\uDBFF]/.test(flat[end - 1] ?? '')) end -= 1;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

// One index per catalog; a reload (a new Catalog object) builds a new one
// and closes the previous.
const indexes = new WeakMap<Catalog, SearchIndex>();
let latest: SearchIndex | undefined;

/** The search index of a catalog, built on first use. */
export function searchIndexFor(catalog: Catalog): SearchIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new SearchIndex(catalog);
    indexes.set(catalog, index);
    if (latest && latest.catalog !== catalog) {
      indexes.delete(latest.catalog);
      latest.close();
    }
    latest = index;
  }
  return index;
}
