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
  /** the file it comes from, for reports */
  path: string;
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

/** A place in the lesson tree: the root, a category or topic, a lesson, or a stand-alone checklist. */
export interface TreeNode {
  /** tree path without language (`communications/mobile-phones`); a lesson's node has its slug; the root is '' */
  id: string;
  /** short, stable id for callback data */
  key: string;
  kind: 'root' | 'section' | 'lesson' | 'checklist';
  parent?: TreeNode;
  children: TreeNode[];
  order: number;
  /** per language; a node without its own title in a language shows another's */
  titles: Map<string, { title: string; description?: string }>;
}

/** A checklist in every language it exists in. */
export interface ChecklistEntry {
  id: string;
  key: string;
  versions: Map<string, Checklist>;
  /** the lesson it ends, for a level's checklist */
  lessonSlug?: string;
}

export interface TreeSpec {
  /** section and lesson titles per node id and language */
  titles: Map<string, Map<string, { title: string; description?: string }>>;
  /** order per node id (lower first) */
  order: Map<string, number>;
  /** stand-alone checklists (pathways), by id */
  checklists: ChecklistEntry[];
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

export function checklistKey(id: string): string {
  return lessonKey(`checklist:${id}`);
}

/** A segment's key within its lesson, for callback data. */
export function segmentKey(name: string): string {
  return createHash('sha256').update(name).digest('base64url').slice(0, 6);
}

/** `mobile-phones` -> `Mobile phones`: a title for a folder that has none. */
export function titleFromName(name: string): string {
  const words = name.replace(/^[sc]_/, '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

/** Things found by name: normalised names (slugs, titles, aliases, in any language) -> id -> thing. */
class NameIndex<T> {
  readonly entries = new Map<string, Map<string, T>>();

  add(names: string[], id: string, value: T): void {
    for (const name of names) {
      const key = normaliseQuery(name);
      if (!key) continue;
      if (!this.entries.has(key)) this.entries.set(key, new Map());
      this.entries.get(key)!.set(id, value);
    }
  }

  /** The one thing called `name`, if exactly one is. */
  only(name: string): T | undefined {
    const found = this.entries.get(normaliseQuery(name));
    return found?.size === 1 ? found.values().next().value : undefined;
  }
}

export class Catalog {
  readonly lessons = new Map<string, Lesson>();
  private readonly byKey = new Map<string, Lesson>();
  /** normalised name -> lessons, names being slugs, titles and aliases in every language */
  private readonly names = new NameIndex<Lesson>();

  readonly root: TreeNode;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly nodesByKey = new Map<string, TreeNode>();
  private readonly checklists = new Map<string, ChecklistEntry>();
  /** reading order: position of each lesson in a walk of the tree */
  private readonly rank = new Map<string, number>();
  /** normalised segment name or title -> lessons and segment names */
  private readonly segmentNames = new NameIndex<{ lesson: Lesson; segment: string }>();
  /** normalised folder name or title -> sections of the tree */
  private readonly nodeNames = new NameIndex<TreeNode>();

  constructor(
    versions: LessonVersion[],
    readonly defaultLanguage: string,
    tree: TreeSpec = { titles: new Map(), order: new Map(), checklists: [] },
  ) {
    for (const version of versions) {
      let lesson = this.lessons.get(version.slug);
      if (!lesson) {
        lesson = { slug: version.slug, key: lessonKey(version.slug), versions: new Map() };
        this.lessons.set(version.slug, lesson);
        this.byKey.set(lesson.key, lesson);
      }
      lesson.versions.set(version.lang, version);
      // normaliseQuery reads `social-media` and `social_media` as `social media`.
      this.names.add([version.slug, version.title, ...version.aliases], lesson.slug, lesson);
      for (const segment of version.segments ?? []) {
        this.segmentNames.add([segment.name, segment.title], `${lesson.slug}/${segment.name}`, { lesson, segment: segment.name });
      }
    }
    for (const entry of tree.checklists) this.checklists.set(entry.key, entry);
    this.indexChecklists();
    this.root = this.buildTree(tree);
  }

  /** Registers the checklists that end lessons and titles stand-alone ones (call again after filling them). */
  indexChecklists(): void {
    for (const entry of this.checklists.values()) {
      const node = this.nodes.get(entry.id);
      if (node?.kind !== 'checklist') continue;
      for (const [lang, checklist] of entry.versions) if (!node.titles.has(lang)) node.titles.set(lang, { title: checklist.title });
    }
    for (const lesson of this.lessons.values()) {
      for (const version of lesson.versions.values()) {
        if (!version.checklist) continue;
        const id = version.checklist.id;
        const entry = this.checklists.get(checklistKey(id)) ?? { id, key: checklistKey(id), versions: new Map(), lessonSlug: lesson.slug };
        entry.versions.set(version.lang, version.checklist);
        this.checklists.set(entry.key, entry);
      }
    }
  }

  /** Sections from lesson slugs and checklist ids (`a/b/c` lives in `a/b`, in `a`), ordered. */
  private buildTree(spec: TreeSpec): TreeNode {
    const root: TreeNode = { id: '', key: lessonKey(''), kind: 'root', children: [], order: 0, titles: new Map() };
    this.nodes.set('', root);
    const ensure = (id: string, kind: TreeNode['kind']): TreeNode => {
      const existing = this.nodes.get(id);
      if (existing) {
        if (kind !== 'section') existing.kind = kind;
        return existing;
      }
      const cut = id.lastIndexOf('/');
      const parent = cut === -1 ? root : ensure(id.slice(0, cut), 'section');
      const node: TreeNode = { id, key: lessonKey(id), kind, parent, children: [], order: spec.order.get(id) ?? Number.MAX_SAFE_INTEGER, titles: new Map(spec.titles.get(id) ?? []) };
      parent.children.push(node);
      this.nodes.set(id, node);
      this.nodesByKey.set(node.key, node);
      return node;
    };
    for (const lesson of this.lessons.values()) {
      const node = ensure(lesson.slug, 'lesson');
      for (const [lang, version] of lesson.versions) {
        if (!node.titles.has(lang)) node.titles.set(lang, { title: version.title, description: version.description });
      }
      if (!spec.order.has(lesson.slug)) node.order = Math.min(...[...lesson.versions.values()].map((v) => v.order));
    }
    for (const entry of spec.checklists) {
      const node = ensure(entry.id, 'checklist');
      for (const [lang, checklist] of entry.versions) if (!node.titles.has(lang)) node.titles.set(lang, { title: checklist.title });
    }
    for (const node of this.nodes.values()) {
      if (node.kind !== 'section') continue;
      this.nodeNames.add([node.id.split('/').pop()!, ...[...node.titles.values()].map((t) => t.title)], node.id, node);
    }
    const sortTitle = (node: TreeNode) => this.nodeTitle(node, this.defaultLanguage).title;
    const walk = (node: TreeNode) => {
      node.children.sort((a, b) => a.order - b.order || sortTitle(a).localeCompare(sortTitle(b)) || a.id.localeCompare(b.id));
      if (node.kind === 'lesson') this.rank.set(node.id, this.rank.size);
      node.children.forEach(walk);
    };
    walk(root);
    return root;
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  nodeByKey(key: string): TreeNode | undefined {
    return key === this.root.key ? this.root : this.nodesByKey.get(key);
  }

  /** A node's title and description in `lang`, else its base language, the default, any; else from its name. */
  nodeTitle(node: TreeNode, lang: string): { title: string; description?: string } {
    return this.inLanguage(node.titles, lang)?.value ?? { title: titleFromName(node.id.split('/').pop() ?? '') };
  }

  /** A section (category, topic) by its folder name or title in any language. */
  nodeByName(name: string): TreeNode | undefined {
    return this.nodeNames.only(name);
  }

  checklistByKey(key: string): ChecklistEntry | undefined {
    return this.checklists.get(key);
  }

  checklistById(id: string): ChecklistEntry | undefined {
    return this.checklists.get(checklistKey(id));
  }

  /** Every checklist, in tree order. */
  allChecklists(): ChecklistEntry[] {
    return [...this.checklists.values()];
  }

  /** A checklist in `lang`, else its base language, the default, any. */
  checklistVersion(entry: ChecklistEntry, lang: string): Checklist {
    return this.inLanguage(entry.versions, lang)!.value;
  }

  /** A segment of a lesson by its name or title (any language). */
  segmentByName(name: string): { lesson: Lesson; segment: string } | undefined {
    return this.segmentNames.only(name);
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
    const { value, fallback } = this.inLanguage(lesson.versions, lang)!;
    return { version: value, fallback };
  }

  /**
   * What `byLanguage` has for `lang`, else for its base language (`zh` for
   * `zh-Hant`), else for the default language (`fallback`), else for the first
   * language in alphabetical order; undefined when it is empty.
   */
  private inLanguage<T>(byLanguage: Map<string, T>, lang: string): { value: T; fallback: boolean } | undefined {
    const exact = byLanguage.get(lang);
    if (exact !== undefined) return { value: exact, fallback: false };
    const base = lang.split('-')[0]!;
    for (const [code, value] of byLanguage) if (code.split('-')[0] === base) return { value, fallback: false };
    const other = byLanguage.get(this.defaultLanguage) ?? byLanguage.get([...byLanguage.keys()].sort()[0]!);
    return other === undefined ? undefined : { value: other, fallback: true };
  }

  /** Lessons in reading order (a walk of the tree) for a language. */
  list(lang: string): LessonVersion[] {
    return [...this.lessons.values()].sort((a, b) => this.rank.get(a.slug)! - this.rank.get(b.slug)!).map((lesson) => this.version(lesson, lang).version);
  }

  /** Lesson whose slug, title or alias (any language) is exactly `name`. */
  byName(name: string): Lesson | undefined {
    return this.names.only(name);
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
    const exact = this.names.only(q);
    if (exact) return [{ lesson: exact, score: 100 }];
    const words = q.split(' ');
    const scores = new Map<Lesson, number>();
    for (const [name, lessons] of this.names.entries) {
      let score = 0;
      if (name === q) score = 100;
      else {
        const nameWords = name.split(' ');
        const matched = words.filter((w) => nameWords.some((n) => n === w || (w.length >= 3 && n.startsWith(w))));
        if (matched.length === words.length) score = 50 + Math.round((20 * words.length) / nameWords.length);
      }
      if (!score) continue;
      for (const lesson of lessons.values()) {
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
    for (const [name, lessons] of this.names.entries) {
      const candidates = [name, ...name.split(' ')];
      const distance = Math.min(...candidates.map((c) => editDistance(q, c)));
      if (distance > Math.max(2, Math.floor(q.length / 3))) continue;
      for (const lesson of lessons.values()) best.set(lesson, Math.min(best.get(lesson) ?? Infinity, distance));
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
