// Loads a lessons folder into a Catalog: discover and read files, compile
// them (in worker threads, or from a cache keyed by content), resolve
// internal links to lessons, and report every problem with its file and line.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Catalog, type Checklist, type ChecklistEntry, checklistKey, type LessonButton, type LessonVersion, titleFromName, type TreeSpec } from './catalog.ts';
import { parseChecklistYaml, parseChecksMarkdown, type RawChecklist, type RenderedChecklistItem, renderChecklistItem } from './checklist.ts';
import { LessonFileError } from './metadata.ts';
import { type CompileResult, compileLessonText } from './compile.ts';
import type { CompileJob } from './compile-worker.ts';
import type { ChunkLink } from './chunk.ts';
import { classifyHref, webUrl } from './links.ts';
import { defaultFolderOrder, type DiscoveredLibrary, discoverLibrary, type FolderInfo, type LessonSource, segmentName, treeId } from './loader.ts';
import type { Problem } from './problems.ts';

export interface LoadOptions {
  defaultLanguage?: string;
  /** folder for the compiled-lesson cache; no cache when absent */
  cacheDir?: string;
  /** worker threads; 0 compiles on the main thread. Default: one per core for large libraries. */
  workers?: number;
}

export interface LoadedLibrary {
  catalog: Catalog;
  problems: Problem[];
  stats: { files: number; lessons: number; compiled: number; fromCache: number; ms: number };
}

const contentDir = dirname(fileURLToPath(import.meta.url));

export async function loadLibrary(dir: string, options: LoadOptions = {}): Promise<LoadedLibrary> {
  const started = performance.now();
  const defaultLanguage = options.defaultLanguage ?? 'en';
  const discovered = await discoverLibrary(dir);
  const problems = [...discovered.problems];

  const version = await pipelineVersion();
  const cache = options.cacheDir ? await readCache(options.cacheDir, version) : new Map<string, Cached>();
  const keys = discovered.sources.map((source) => createHash('sha256').update(source.bytes).digest('base64url'));
  const missing = discovered.sources.map((source, i) => ({ source, key: keys[i]! })).filter(({ key }) => !cache.has(key));
  const compiled = await compileAll(
    missing.map(({ source }) => ({ source: source.content, fallbackTitle: source.slug })),
    options.workers,
  );
  missing.forEach(({ key }, i) => cache.set(key, compiled[i]!));
  // Checklists are cached too: their items are Markdown to render.
  const checklistKeys = discovered.checklists.map((source) => `c:${createHash('sha256').update(source.format).update('\0').update(source.content).digest('base64url')}`);
  let checklistsCompiled = 0;
  discovered.checklists.forEach((source, i) => {
    if (cache.has(checklistKeys[i]!)) return;
    cache.set(checklistKeys[i]!, compileChecklist(source.format, source.content));
    checklistsCompiled++;
  });
  if (options.cacheDir && (missing.length || checklistsCompiled)) await writeCache(options.cacheDir, version, [...keys, ...checklistKeys], cache);

  // Group compiled files by lesson and language: a tree level is one lesson
  // made of its segment files, in order.
  type Part = { source: LessonSource; result: Extract<CompileResult, { ok: true }> };
  const groups = new Map<string, { slug: string; lang: string; parts: Part[] }>();
  const seen = new Map<string, string>();
  discovered.sources.forEach((source, i) => {
    const result = cache.get(keys[i]!) as CompileResult;
    if (!result.ok) {
      problems.push({ path: source.path, line: result.line, severity: 'error', reason: result.reason });
      return;
    }
    if (!source.slug) {
      problems.push({ path: source.path, line: 1, severity: 'error', reason: 'cannot make a lesson name from this file name' });
      return;
    }
    const lang = source.lang ?? result.lesson.meta.lang ?? defaultLanguage;
    const id = `${source.slug}/${lang}/${source.segment ?? ''}`;
    if (seen.has(id)) {
      const what = source.segment ? `segment "${source.segment}" of lesson "${source.slug}"` : `lesson "${source.slug}"`;
      problems.push({ path: source.path, line: 1, severity: 'error', reason: `${what} in "${lang}" is already defined by ${seen.get(id)}` });
      return;
    }
    seen.set(id, source.path);
    const key = `${source.slug}\u0000${lang}`;
    if (!groups.has(key)) groups.set(key, { slug: source.slug, lang, parts: [] });
    groups.get(key)!.parts.push({ source, result });
  });

  const folders = folderTitles(discovered.folders);
  const versions: Array<{ version: LessonVersion; parts: Part[] }> = [];
  for (const { slug, lang, parts } of groups.values()) {
    parts.sort((a, b) => (a.result.lesson.meta.order ?? Infinity) - (b.result.lesson.meta.order ?? Infinity) || (a.source.segment ?? '').localeCompare(b.source.segment ?? ''));
    const first = parts[0]!;
    const { meta } = first.result.lesson;
    const segmented = first.source.segment !== undefined;
    const folder = folders.titles.get(slug)?.get(lang);
    // lesson.yml names in every language find the lesson, whichever languages it has.
    const aliases = [...parts.flatMap((p) => p.result.lesson.meta.aliases), ...[...(discovered.aliases.get(slug)?.values() ?? [])].flat()];
    versions.push({
      parts,
      version: {
        slug,
        lang,
        title: segmented ? levelTitle(slug, lang, folders.titles) : meta.title,
        order: (segmented ? folders.order.get(slug) : meta.order) ?? Number.MAX_SAFE_INTEGER,
        difficulty: meta.difficulty ?? (segmented ? folder?.title : undefined),
        description: segmented ? folder?.description : meta.description,
        aliases,
        path: segmented ? dirname(first.source.path) : first.source.path,
        messages: [],
        // Starts are known once the messages are built.
        segments: segmented ? parts.map((p) => ({ name: p.source.segment!, title: p.result.lesson.meta.title, start: 0 })) : undefined,
      },
    });
  }

  const checklists = discovered.checklists.flatMap((source, i) => {
    const result = cache.get(checklistKeys[i]!) as ChecklistResult;
    if (result.ok) return [{ source, raw: result.raw, items: result.items }];
    problems.push({ path: source.path, line: result.line, severity: 'error', reason: result.reason });
    return [];
  });
  const standalone = new Map<string, ChecklistEntry>();
  for (const { source, raw } of checklists) {
    if (source.ofLesson) continue;
    if (!standalone.has(source.id)) standalone.set(source.id, { id: source.id, key: checklistKey(source.id), versions: new Map() });
    if (raw.order !== undefined && !folders.order.has(source.id)) folders.order.set(source.id, raw.order);
  }

  const catalog = new Catalog(
    versions.map((v) => v.version),
    defaultLanguage,
    { titles: folders.titles, order: folders.order, checklists: [...standalone.values()] },
  );
  const resolver = new LinkResolver(catalog, discovered);
  const images = new Set([...discovered.images].map((path) => resolve(path)));
  const reportLinks = (path: string, links: Array<{ label: string; href: string; line: number }>) => {
    for (const link of links) {
      const kind = classifyHref(link.href);
      if (kind === 'internal' && !resolver.resolve(link.href, path)) {
        problems.push({ path, line: link.line, severity: 'warning', reason: `link "${link.label}" points to "${link.href}", which is nothing in this library` });
      } else if (kind === 'refused' || kind === 'contact') {
        problems.push({ path, line: link.line, severity: 'warning', reason: `link "${link.label}" uses a scheme Telegram does not open on a button ("${link.href}"); it shows as text` });
      }
    }
  };
  const buttonsFor = (links: ChunkLink[], fromPath: string, self: { slug: string; segment?: string }) =>
    disambiguateLabels(links).flatMap((link): LessonButton[] => {
      const kind = classifyHref(link.href);
      if (kind === 'web') return [{ kind: 'url', label: link.label, url: webUrl(link.href)! }];
      if (kind !== 'internal') return [];
      const target = resolver.resolve(link.href, fromPath);
      if (!target) return [];
      if (target.kind === 'node') return [{ kind: 'node', label: link.label, node: target.node }];
      if (target.slug === self.slug && target.segment === self.segment) return [];
      return [{ kind: 'lesson', label: link.label, slug: target.slug, ...(target.segment ? { segment: target.segment } : {}) }];
    });

  for (const { version, parts } of versions) {
    for (const { source, result } of parts) {
      const start = version.messages.length;
      for (const chunk of result.lesson.chunks) {
        if (chunk.photo) {
          const file = localFile(chunk.photo.src, source.path);
          if (file && images.has(file)) version.messages.push({ text: chunk.text, buttons: [], photo: { path: file } });
          else if (chunk.text) version.messages.push({ text: chunk.text, buttons: [] });
          continue;
        }
        version.messages.push({ text: chunk.text, buttons: buttonsFor(chunk.links, source.path, { slug: version.slug, segment: source.segment }) });
      }
      const segment = version.segments?.find((s) => s.name === source.segment);
      if (segment) segment.start = start;
      reportLinks(source.path, result.lesson.links);
      for (const image of result.lesson.images) {
        const file = localFile(image.src, source.path);
        if (!webUrl(image.src) && !(file && images.has(file))) {
          problems.push({ path: source.path, line: image.line, severity: 'warning', reason: `image "${image.src}" is not in the library; it shows as "🖼 ${image.alt}"` });
        }
      }
    }
  }

  for (const { source, raw, items } of checklists) {
    const checklist: Checklist = {
      id: source.id,
      path: source.path,
      title: raw.title ?? (source.ofLesson ? levelTitle(source.id, source.lang, folders.titles) : (folders.titles.get(source.id)?.get(source.lang)?.title ?? titleFromName(source.id.split('/').pop()!))),
      items: items.map((item) => ({ kind: item.kind, text: item.text, plain: item.plain, buttons: buttonsFor(item.links, source.path, { slug: '' }) })),
    };
    for (const item of items) reportLinks(source.path, item.links);
    if (source.ofLesson) {
      const version = catalog.bySlug(source.id)?.versions.get(source.lang);
      if (version) version.checklist = checklist;
      else problems.push({ path: source.path, line: 1, severity: 'warning', reason: `checklist of "${source.id}", which has no lesson in "${source.lang}"` });
    } else {
      standalone.get(source.id)!.versions.set(source.lang, checklist);
    }
  }
  catalog.indexChecklists();

  problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  return {
    catalog,
    problems,
    stats: {
      files: discovered.sources.length,
      lessons: catalog.size,
      compiled: missing.length,
      fromCache: discovered.sources.length - missing.length,
      ms: performance.now() - started,
    },
  };
}

/** Folder titles per id and language, and each folder's order. */
function folderTitles(folders: FolderInfo[]): { titles: TreeSpec['titles']; order: Map<string, number> } {
  const titles: TreeSpec['titles'] = new Map();
  const order = new Map<string, number>();
  for (const folder of folders) {
    if (!titles.has(folder.id)) titles.set(folder.id, new Map());
    if (folder.title) titles.get(folder.id)!.set(folder.lang, { title: folder.title, description: folder.description });
    if (folder.order !== undefined && !order.has(folder.id)) order.set(folder.id, folder.order);
  }
  for (const id of titles.keys()) {
    const fallback = defaultFolderOrder(id);
    if (!order.has(id) && fallback !== undefined) order.set(id, fallback);
  }
  return { titles, order };
}

/** A level's title reads with its topic's: "Mobile phones · Beginner". */
function levelTitle(slug: string, lang: string, titles: TreeSpec['titles']): string {
  const parts = slug.split('/');
  const own = titles.get(slug)?.get(lang)?.title ?? titleFromName(parts[parts.length - 1]!);
  if (parts.length < 2) return own;
  const parentId = parts.slice(0, -1).join('/');
  const parent = titles.get(parentId)?.get(lang)?.title ?? titleFromName(parts[parts.length - 2]!);
  return `${parent} · ${own}`;
}

/** The absolute path a relative image or link target names, beside `fromPath`. */
function localFile(src: string, fromPath: string): string | undefined {
  const target = safeDecode(src.trim().split(/[?#]/)[0]!);
  if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  return resolve(dirname(fromPath), target);
}

export type LinkTarget = { kind: 'lesson'; slug: string; segment?: string } | { kind: 'node'; node: string };

/**
 * Where an internal link leads. `umbrella://lesson/<name>`: a lesson or
 * segment by slug, title or alias, in any language. Other `umbrella://` paths
 * and relative paths: the tree place they name (topic, level, segment, tool),
 * or the flat lesson file or folder; else their last part as a name.
 */
export class LinkResolver {
  /** absolute file path -> lesson and segment */
  private readonly files = new Map<string, { slug: string; segment?: string }>();
  /** absolute folder path -> the flat lesson whose language files it holds */
  private readonly lessonFolders = new Map<string, string>();
  private readonly roots: string[];

  constructor(
    private readonly catalog: Catalog,
    discovered: DiscoveredLibrary,
  ) {
    for (const source of discovered.sources) {
      const path = resolve(source.path);
      this.files.set(path, { slug: source.slug, segment: source.segment });
      if (source.segment === undefined && !this.lessonFolders.has(dirname(path))) this.lessonFolders.set(dirname(path), source.slug);
    }
    this.roots = [...discovered.treeRoots.keys()].map((root) => resolve(root));
  }

  /** Each link is resolved for its button and again for the report: the answer is kept per folder and target. */
  private readonly resolved = new Map<string, LinkTarget | undefined>();

  resolve(href: string, fromPath: string): LinkTarget | undefined {
    const key = `${dirname(fromPath)}\u0000${href}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.resolveUncached(href, fromPath));
    return this.resolved.get(key);
  }

  private resolveUncached(href: string, fromPath: string): LinkTarget | undefined {
    const target = safeDecode(href.trim().split('#')[0]!);
    if (!target) return undefined;
    const umbrella = /^umbrella:\/*/i.exec(target);
    if (umbrella) {
      const parts = target.slice(umbrella[0].length).split('/').filter(Boolean);
      if (parts[0]?.toLowerCase() === 'lesson' && parts.length >= 2) return this.byName(parts.slice(1).join('/')) ?? this.byName(parts[1]!);
      return this.byTreePath(parts) ?? this.byLastPart(parts);
    }
    const path = resolve(dirname(fromPath), target);
    const file = this.files.get(path) ?? this.files.get(`${path}.md`);
    if (file) return { kind: 'lesson', slug: file.slug, ...(file.segment ? { segment: file.segment } : {}) };
    const root = this.roots.find((abs) => path === abs || path.startsWith(abs + sep));
    if (root) return this.byTreePath(relative(root, path).split(sep).filter(Boolean));
    const folder = this.lessonFolders.get(path);
    if (folder) return { kind: 'lesson', slug: folder };
    return this.byLastPart(target.split('/').filter(Boolean));
  }

  private byName(name: string): LinkTarget | undefined {
    const lesson = this.catalog.byName(name);
    if (lesson) return { kind: 'lesson', slug: lesson.slug };
    const segment = this.catalog.segmentByName(name);
    if (segment) return { kind: 'lesson', slug: segment.lesson.slug, segment: segment.segment };
    const node = this.catalog.nodeByName(name);
    return node ? { kind: 'node', node: node.id } : undefined;
  }

  /** `a/b/c` (a folder) or `a/b/c/s_x.md` (a file) inside a content tree. */
  private byTreePath(parts: string[]): LinkTarget | undefined {
    if (!parts.length) return undefined;
    const last = parts[parts.length - 1]!;
    if (/\.md$/i.test(last)) {
      const folder = treeId(parts.slice(0, -1));
      const name = segmentName(last);
      const tool = this.catalog.bySlug(`${folder}/${name}`);
      if (tool) return { kind: 'lesson', slug: tool.slug };
      const level = this.catalog.bySlug(folder);
      if (level && [...level.versions.values()].some((v) => v.segments?.some((s) => s.name === name))) return { kind: 'lesson', slug: level.slug, segment: name };
      return undefined;
    }
    const id = treeId(parts);
    if (this.catalog.bySlug(id)) return { kind: 'lesson', slug: id };
    const node = this.catalog.node(id);
    return node && node.kind !== 'root' ? { kind: 'node', node: id } : undefined;
  }

  private byLastPart(parts: string[]): LinkTarget | undefined {
    const last = parts[parts.length - 1]?.replace(/^s_/, '').replace(/\.md$/i, '');
    if (!last || last === '..' || last === '.') return undefined;
    return this.byName(last);
  }
}

/**
 * Buttons must say where they lead: two "Android" links in one message (one
 * for Signal, one for Jitsi) become "Signal · Android" and "JitsiMeet · Android".
 */
export function disambiguateLabels(links: ChunkLink[]): ChunkLink[] {
  const count = new Map<string, number>();
  for (const link of links) count.set(link.label, (count.get(link.label) ?? 0) + 1);
  return links.map((link) => {
    if (count.get(link.label)! < 2) return link;
    if (link.section && link.section !== link.label) return { ...link, label: `${link.section} · ${link.label}` };
    const host = webUrl(link.href) ? new URL(link.href).hostname.replace(/^www\./, '') : undefined;
    return host ? { ...link, label: `${link.label} (${host})` } : link;
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function compileAll(jobs: CompileJob[], workers?: number): Promise<CompileResult[]> {
  const threads = workers ?? (jobs.length >= 64 ? Math.min(availableParallelism(), 8) : 0);
  if (threads === 0 || jobs.length === 0) return jobs.map((job) => compileLessonText(job.source, job.fallbackTitle));
  const results: CompileResult[] = new Array(jobs.length);
  const batchSize = Math.max(8, Math.ceil(jobs.length / (threads * 16)));
  let next = 0;
  const pool = Array.from({ length: threads }, () => new Worker(new URL('./compile-worker.mjs', import.meta.url)));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolveWorker, reject) => {
            const send = () => {
              if (next >= jobs.length) return resolveWorker();
              const start = next;
              next += batchSize;
              worker.postMessage({ id: start, jobs: jobs.slice(start, start + batchSize) });
            };
            worker.on('message', (message: { id: number; results: CompileResult[] }) => {
              message.results.forEach((result, i) => (results[message.id + i] = result));
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

let cachedVersion: string | undefined;
/** Changes whenever the rendering code or telegramify-markdown changes. */
async function pipelineVersion(): Promise<string> {
  if (cachedVersion) return cachedVersion;
  const hash = createHash('sha256');
  for (const name of (await readdir(contentDir)).filter((n) => n.endsWith('.ts')).sort()) {
    hash.update(name).update(await readFile(join(contentDir, name)));
  }
  cachedVersion = hash.digest('base64url');
  return cachedVersion;
}

const CACHE_FILE = 'compiled-lessons.json';

type ChecklistResult = { ok: true; raw: RawChecklist; items: RenderedChecklistItem[] } | { ok: false; line: number; reason: string };
/** Cache entries: compiled lesson files, and checklists under keys starting with `c:`. */
type Cached = CompileResult | ChecklistResult;

function compileChecklist(format: 'yaml' | 'checks-md', content: string): ChecklistResult {
  try {
    const raw = format === 'yaml' ? parseChecklistYaml(content) : parseChecksMarkdown(content);
    return { ok: true, raw, items: raw.items.map(renderChecklistItem) };
  } catch (error) {
    return { ok: false, line: error instanceof LessonFileError ? error.line : 1, reason: (error as Error).message };
  }
}

async function readCache(cacheDir: string, version: string): Promise<Map<string, Cached>> {
  try {
    const data = JSON.parse(await readFile(join(cacheDir, CACHE_FILE), 'utf8')) as { version: string; entries: Record<string, Cached> };
    if (data.version === version) return new Map(Object.entries(data.entries));
  } catch {
    // no cache yet, or unreadable: compile everything
  }
  return new Map();
}

async function writeCache(cacheDir: string, version: string, keys: string[], cache: Map<string, Cached>): Promise<void> {
  // Only entries for files that exist now, so the cache does not grow forever.
  const entries = Object.fromEntries(keys.map((key) => [key, cache.get(key)!]));
  await mkdir(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `${CACHE_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify({ version, entries }));
  await rename(tmp, join(cacheDir, CACHE_FILE));
}
