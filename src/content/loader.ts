// Finds lesson files in a library folder and reads them safely. Every layout
// goes through the same path: each Markdown file becomes a source naming the
// lesson it belongs to (and, for lessons made of several files, its segment).
//
// Flat layout:
//   <dir>/<slug>/<lang>.md     one lesson in one language
//   <dir>/<slug>/lesson.yml    optional: aliases per language
//   <dir>/<slug>.<lang>.md     the same, as a single file
//   <dir>/<slug>.md            language from its metadata, else the default
// Content trees (../shared/CONTENT-FORMATS.md, section 3):
//   <dir>/<lang>/<category>/<subcategory>/<level>/s_<segment>.md   a level is one lesson
//   <dir>/<lang>/tools/<group>/s_<tool>.md, glossary/s_<term>.md   one lesson per file
//   .category.yml (titles, order), c_checklist.yml, pathways/c_<name>.yml
//   <dir>/contents_<lang>/...  the older variant: .metadata.md, <segment>.md, .checks.md
// Slugs come from names found on disk, never the other way round.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { createRequire } from 'node:module';
import { LessonFileError, parseLessonFile } from './metadata.ts';
import type { Problem } from './problems.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { safeLoad: (source: string) => unknown };

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const READ_BATCH = 256;
const IMAGE = /\.(png|jpe?g|gif|webp)$/i;
/** Tree folders whose every file is a lesson of its own, not a segment of its folder. */
const ONE_LESSON_PER_FILE = new Set(['tools', 'glossary']);
const LEVEL_ORDER: Record<string, number> = { beginner: 1, advanced: 2, expert: 3 };

export interface LessonSource {
  /** path as given to the loader, for messages */
  path: string;
  slug: string;
  /** language from the file name or tree, if the layout says it */
  lang?: string;
  /** for a lesson made of several files (a tree level): this file's segment name */
  segment?: string;
  content: string;
  bytes: Buffer;
}

/** Titles and order of a content-tree folder in one language. */
export interface FolderInfo {
  /** tree path without the language, e.g. `communications/mobile-phones` */
  id: string;
  lang: string;
  path: string;
  title?: string;
  description?: string;
  order?: number;
}

export interface ChecklistSource {
  /** the level's slug for `c_checklist.yml` / `.checks.md`, else `<folder>/<name>` (a pathway) */
  id: string;
  /** true when the checklist ends a lesson (a level), false for a stand-alone one */
  ofLesson: boolean;
  lang: string;
  path: string;
  format: 'yaml' | 'checks-md';
  content: string;
}

export interface DiscoveredLibrary {
  sources: LessonSource[];
  /** slug -> language -> aliases, from lesson.yml */
  aliases: Map<string, Map<string, string[]>>;
  folders: FolderInfo[];
  checklists: ChecklistSource[];
  /** absolute paths of the images in the library */
  images: Set<string>;
  /** absolute path of each content-tree language root -> its language */
  treeRoots: Map<string, string>;
  problems: Problem[];
}

const slugs = new Map<string, string>();
export function slugify(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = slugOf(name);
    if (slugs.size > 100_000) slugs.clear();
    slugs.set(name, slug);
  }
  return slug;
}

function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A tree path (folders from the language root) as a slug: `communications/mobile-phones`. */
export function treeId(parts: string[]): string {
  return parts.map(slugify).filter(Boolean).join('/');
}

/** A segment's or tool's name from its file name: `s_calls.md` -> `calls`. */
export function segmentName(file: string): string {
  return slugify(basename(file).replace(/\.md$/i, '').replace(/^s_/, ''));
}

/** Where a file sits in the flat layout: its slug and, if the name says it, its language. */
export function identifyLessonFile(path: string): { slug: string; lang?: string } {
  const name = basename(path).replace(/\.md$/i, '');
  if (LANGUAGE.test(name)) return { slug: slugify(basename(dirname(path))), lang: name };
  const dot = name.lastIndexOf('.');
  if (dot > 0 && LANGUAGE.test(name.slice(dot + 1))) return { slug: slugify(name.slice(0, dot)), lang: name.slice(dot + 1) };
  return { slug: slugify(name) };
}

/** The content tree a top-level folder holds, if any: `<lang>/` with subfolders, or `contents_<lang>/`. */
function treeRootOf(top: string, entries: string[]): { lang: string; legacy: boolean } | undefined {
  const legacy = /^contents_(.+)$/.exec(top);
  if (legacy && LANGUAGE.test(legacy[1]!)) return { lang: legacy[1]!, legacy: true };
  if (LANGUAGE.test(top) && entries.some((entry) => entry.split(sep).length >= 3)) return { lang: top, legacy: false };
  return undefined;
}

/** Order of a folder when its metadata gives none: levels by difficulty. */
export function defaultFolderOrder(id: string): number | undefined {
  return LEVEL_ORDER[id.split('/').pop() ?? ''];
}

export async function discoverLibrary(dir: string): Promise<DiscoveredLibrary> {
  const library: DiscoveredLibrary = { sources: [], aliases: new Map(), folders: [], checklists: [], images: new Set(), treeRoots: new Map(), problems: [] };
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })).map(String).sort();
  } catch (error) {
    library.problems.push({ path: dir, line: 1, severity: 'error', reason: `cannot read the lessons folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return library;
  }
  const byTop = new Map<string, string[]>();
  for (const entry of entries) {
    const top = entry.split(sep)[0]!;
    if (!byTop.has(top)) byTop.set(top, []);
    byTop.get(top)!.push(entry);
  }
  const trees = new Map<string, { lang: string; legacy: boolean }>();
  for (const [top, list] of byTop) {
    const root = treeRootOf(top, list);
    if (root) {
      trees.set(top, root);
      library.treeRoots.set(join(dir, top), root.lang);
    }
  }
  // Folders holding segments are levels: their checklist belongs to the lesson.
  const lessonFolders = new Set<string>();
  for (const entry of entries) {
    const parts = entry.split(sep);
    const tree = trees.get(parts[0]!);
    if (!tree || parts.length < 3 || !isSegmentFile(parts[parts.length - 1]!, tree.legacy)) continue;
    if (!ONE_LESSON_PER_FILE.has(parts[1]!)) lessonFolders.add(treeId(parts.slice(1, -1)));
  }

  // Small files are read synchronously (one system call each instead of four
  // thread-pool round trips), a batch at a time so a reload in a running bot
  // leaves the event loop free between batches.
  const readEntry = async (entry: string): Promise<void> => {
    const path = join(dir, entry);
    const parts = entry.split(sep);
    const tree = trees.get(parts[0]!);
    if (tree) return readTreeEntry(path, parts.slice(1), tree, lessonFolders, library);
    if (IMAGE.test(entry)) return void library.images.add(path);
    if (basename(entry).startsWith('.')) return;
    if (/\.md$/i.test(entry)) {
      const result = await readLessonSource(path);
      if ('problem' in result) library.problems.push(result.problem);
      else library.sources.push(result);
    } else if (basename(entry) === 'lesson.yml') {
      await readAliases(path, library);
    }
  };
  for (let start = 0; start < entries.length; start += READ_BATCH) {
    await Promise.all(entries.slice(start, start + READ_BATCH).map(readEntry));
    await new Promise((resolve) => setImmediate(resolve));
  }
  library.sources.sort((a, b) => a.path.localeCompare(b.path));
  library.folders.sort((a, b) => a.path.localeCompare(b.path));
  library.checklists.sort((a, b) => a.path.localeCompare(b.path));
  return library;
}

function isSegmentFile(name: string, legacy: boolean): boolean {
  if (!/\.md$/i.test(name) || name.startsWith('.')) return false;
  return legacy || name.startsWith('s_');
}

/** One file of a content tree; `parts` is its path from the language root. */
async function readTreeEntry(
  path: string,
  parts: string[],
  tree: { lang: string; legacy: boolean },
  lessonFolders: Set<string>,
  library: DiscoveredLibrary,
): Promise<void> {
  const name = parts[parts.length - 1]!;
  const folder = parts.slice(0, -1);
  const folderId = treeId(folder);
  if (IMAGE.test(name)) return void library.images.add(path);
  if (name === '.category.yml' || name === '.metadata.md') return readFolderInfo(path, folderId, tree.lang, name === '.metadata.md', library);
  if (name === '.checks.md' || /^c_.+\.ya?ml$/i.test(name)) {
    const read = await readTextFile(path);
    if ('problem' in read) return void library.problems.push(read.problem);
    const own = name === '.checks.md' || /^c_checklist\.ya?ml$/i.test(name);
    const level = own && lessonFolders.has(folderId);
    const id = level ? folderId : treeId([...folder, own ? 'checklist' : name.replace(/^c_/, '').replace(/\.ya?ml$/i, '')]);
    library.checklists.push({ id, ofLesson: level, lang: tree.lang, path, format: name === '.checks.md' ? 'checks-md' : 'yaml', content: read.content });
    return;
  }
  if (!isSegmentFile(name, tree.legacy) || folder.length === 0) return;
  const result = await readLessonSource(path);
  if ('problem' in result) return void library.problems.push(result.problem);
  const segment = segmentName(name);
  if (!segment) return void library.problems.push({ path, line: 1, severity: 'error', reason: 'cannot make a lesson name from this file name' });
  const perFile = ONE_LESSON_PER_FILE.has(folder[0]!);
  library.sources.push({
    ...result,
    slug: perFile ? `${folderId}/${segment}` : folderId,
    lang: tree.lang,
    segment: perFile ? undefined : segment,
  });
}

async function readFolderInfo(path: string, id: string, lang: string, legacy: boolean, library: DiscoveredLibrary): Promise<void> {
  const read = await readTextFile(path);
  if ('problem' in read) return void library.problems.push(read.problem);
  try {
    let data: Record<string, unknown>;
    if (legacy) {
      const { meta } = parseLessonFile(read.content);
      data = { title: meta.title, description: meta.description, index: meta.order };
    } else {
      const loaded = yaml.safeLoad(read.content);
      if (loaded !== undefined && loaded !== null && (typeof loaded !== 'object' || Array.isArray(loaded))) throw new LessonFileError('expected key: value pairs');
      data = (loaded ?? {}) as Record<string, unknown>;
    }
    const order = data.index ?? data.order;
    if (order !== undefined && order !== null && !Number.isFinite(Number(order))) throw new LessonFileError(`index must be a number, not "${String(order)}"`);
    const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined);
    library.folders.push({ id, lang, path, title: text(data.title ?? data.name), description: text(data.description), order: order === undefined || order === null ? undefined : Number(order) });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const line = error instanceof LessonFileError ? error.line : (mark?.line ?? 0) + 1;
    library.problems.push({ path, line, severity: 'error', reason: `invalid folder metadata: ${(error as { reason?: string }).reason ?? (error as Error).message}` });
  }
}

async function readTextFile(path: string): Promise<{ content: string } | { problem: Problem }> {
  const result = await readLessonSource(path);
  return 'problem' in result ? result : { content: result.content };
}

export async function readLessonSource(path: string): Promise<LessonSource | { problem: Problem }> {
  const fail = (reason: string, line = 1) => ({ problem: { path, line, severity: 'error' as const, reason } });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fail('is a folder, not a lesson file');
    return fail(`cannot read the file (${code ?? (error as Error).message})`);
  }
  if (bytes.length > MAX_FILE_BYTES) return fail(`file too large (${bytes.length} bytes, limit ${MAX_FILE_BYTES})`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail('binary file, not text (contains NUL bytes)', lineAt(bytes, nul));
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not valid UTF-8 text', lineAt(bytes, firstInvalidUtf8(bytes)));
  }
  return { path, ...identifyLessonFile(path), content, bytes };
}

async function readAliases(path: string, library: DiscoveredLibrary): Promise<void> {
  try {
    const data = yaml.safeLoad(await readFile(path, 'utf8')) as { aliases?: Record<string, unknown> } | null;
    const byLanguage = new Map<string, string[]>();
    for (const [lang, names] of Object.entries(data?.aliases ?? {})) {
      const list = Array.isArray(names) ? names : [names];
      byLanguage.set(lang, list.map(String).map((n) => n.trim()).filter(Boolean));
    }
    library.aliases.set(slugify(basename(dirname(path))), byLanguage);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    library.problems.push({ path, line: (mark?.line ?? 0) + 1, severity: 'error', reason: `invalid lesson.yml: ${(error as { reason?: string }).reason ?? (error as Error).message}` });
  }
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search for the shortest invalid prefix.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}
