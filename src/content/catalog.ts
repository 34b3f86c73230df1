// Lessons by slug and language, ready to serve: every message is rendered at
// load time, so serving a lesson does no Markdown work.
import { createHash } from 'node:crypto';

export type LessonButton =
  | { kind: 'url'; label: string; url: string }
  /** a lesson, at one of its segments when `segment` is set */
  | { kind: 'lesson'; label: string; slug: string; segment?: string }
  /** a place in the lesson tree (a topic, a category, a pathway checklist) */
  | { kind: 'node'; label: string; node: string };

export interface LessonMessage {
  /** MarkdownV2; a photo's caption when `photo` is set */
  text: string;
  buttons: LessonButton[];
  /** an image file sent as a photo, `text` being its caption */
  photo?: { path: string };
}

/** One file of a lesson made of several (a level of a content tree). */
export interface Segment {
  /** the file's name without `s_` and `.md`: the same in every language */
  name: string;
  title: string;
  /** index of its first message in the lesson */
  start: number;
}

export interface ChecklistItem {
  /** a label is a heading inside the list, not something to tick */
  kind: 'check' | 'label';
  /** MarkdownV2 */
  text: string;
  /** the text as a reader sees it */
  plain: string;
  /** internal links inside the item (web links are in `text`) */
  buttons: LessonButton[];
}

export interface Checklist {
  /** stable id: the tree path of its level or pathway, e.g. `travel/borders/beginner` */
  id: string;
  title: string;
  items: ChecklistItem[];
}

export interface LessonVersion {
  slug: string;
  lang: string;
  title: string;
  order: number;
  difficulty?: string;
  description?: string;
  aliases: string[];
  path: string;
  messages: LessonMessage[];
  /** set for lessons made of several files, in reading order */
  segments?: Segment[];
  /** shown after the last message */
  checklist?: Checklist;
}

export interface Lesson {
  slug: string;
  /** short, stable id for callback data */
  key: string;
  versions: Map<string, LessonVersion>;
}

export interface Match {
  lesson: Lesson;
  score: number;
}

/** Lowercase, accents and diacritics removed, punctuation as spaces. */
export function normaliseQuery(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function lessonKey(slug: string): string {
  return createHash('sha256').update(slug).digest('base64url').slice(0, 10);
}

export class Catalog {
  readonly lessons = new Map<string, Lesson>();
  private readonly byKey = new Map<string, Lesson>();
  /** normalised name -> lessons, names being slugs, titles and aliases in every language */
  private readonly names = new Map<string, Set<Lesson>>();

  constructor(
    versions: LessonVersion[],
    readonly defaultLanguage: string,
  ) {
    for (const version of versions) {
      let lesson = this.lessons.get(version.slug);
      if (!lesson) {
        lesson = { slug: version.slug, key: lessonKey(version.slug), versions: new Map() };
        this.lessons.set(version.slug, lesson);
        this.byKey.set(lesson.key, lesson);
      }
      lesson.versions.set(version.lang, version);
      for (const name of [version.slug, version.slug.replace(/[-_]+/g, ' '), version.title, ...version.aliases]) {
        const key = normaliseQuery(name);
        if (!key) continue;
        if (!this.names.has(key)) this.names.set(key, new Set());
        this.names.get(key)!.add(lesson);
      }
    }
  }

  get size(): number {
    return this.lessons.size;
  }

  bySlug(slug: string): Lesson | undefined {
    return this.lessons.get(slug);
  }

  byCallbackKey(key: string): Lesson | undefined {
    return this.byKey.get(key);
  }

  /** The lesson in `lang`, else its base language, else the default, else any. */
  version(lesson: Lesson, lang: string): { version: LessonVersion; fallback: boolean } {
    const exact = lesson.versions.get(lang);
    if (exact) return { version: exact, fallback: false };
    const base = lang.split('-')[0]!;
    for (const [code, version] of lesson.versions) {
      if (code.split('-')[0] === base) return { version, fallback: false };
    }
    const fallback = lesson.versions.get(this.defaultLanguage) ?? [...lesson.versions.values()].sort((a, b) => a.lang.localeCompare(b.lang))[0]!;
    return { version: fallback, fallback: true };
  }

  /** Lessons in reading order for a language. */
  list(lang: string): LessonVersion[] {
    return [...this.lessons.values()]
      .map((lesson) => this.version(lesson, lang).version)
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  }

  /** Lesson whose slug, title or alias (any language) is exactly `name`. */
  byName(name: string): Lesson | undefined {
    const found = this.names.get(normaliseQuery(name));
    return found && found.size === 1 ? [...found][0] : undefined;
  }

  /**
   * Lessons matching a query, best first: an exact slug, title or alias scores
   * 100; every query word starting a word of a name scores 50 and more.
   * Titles in the learner's language count a little more.
   */
  find(query: string, lang?: string): Match[] {
    const q = normaliseQuery(query);
    if (!q) return [];
    // An exact slug, title or alias of one lesson needs no scan.
    const exact = this.names.get(q);
    if (exact?.size === 1) return [{ lesson: [...exact][0]!, score: 100 }];
    const words = q.split(' ');
    const scores = new Map<Lesson, number>();
    for (const [name, lessons] of this.names) {
      let score = 0;
      if (name === q) score = 100;
      else {
        const nameWords = name.split(' ');
        const matched = words.filter((w) => nameWords.some((n) => n === w || (w.length >= 3 && n.startsWith(w))));
        if (matched.length === words.length) score = 50 + Math.round((20 * words.length) / nameWords.length);
      }
      if (!score) continue;
      for (const lesson of lessons) {
        const bonus = lang && lesson.versions.has(lang) ? 1 : 0;
        scores.set(lesson, Math.max(scores.get(lesson) ?? 0, score + bonus));
      }
    }
    return [...scores]
      .map(([lesson, score]) => ({ lesson, score }))
      .sort((a, b) => b.score - a.score || a.lesson.slug.localeCompare(b.lesson.slug));
  }

  /** Closest lessons by spelling, for "did you mean". */
  suggest(query: string, limit = 3): Lesson[] {
    const q = normaliseQuery(query);
    if (!q) return [];
    const best = new Map<Lesson, number>();
    for (const [name, lessons] of this.names) {
      const candidates = [name, ...name.split(' ')];
      const distance = Math.min(...candidates.map((c) => editDistance(q, c)));
      if (distance > Math.max(2, Math.floor(q.length / 3))) continue;
      for (const lesson of lessons) best.set(lesson, Math.min(best.get(lesson) ?? Infinity, distance));
    }
    return [...best]
      .sort((a, b) => a[1] - b[1] || a[0].slug.localeCompare(b[0].slug))
      .slice(0, limit)
      .map(([lesson]) => lesson);
  }
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
