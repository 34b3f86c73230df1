// Loads a lessons folder into a Catalog: discover and read files, compile
// them (in worker threads, or from a cache keyed by content), resolve
// internal links to lessons, and report every problem with its file and line.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Catalog, type LessonButton, type LessonVersion } from './catalog.ts';
import { type CompileResult, compileLessonText } from './compile.ts';
import type { CompileJob } from './compile-worker.ts';
import type { ChunkLink } from './chunk.ts';
import { classifyHref, webUrl } from './links.ts';
import { discoverLibrary, type LessonSource } from './loader.ts';
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
  const cache = options.cacheDir ? await readCache(options.cacheDir, version) : new Map<string, CompileResult>();
  const keys = discovered.sources.map((source) => createHash('sha256').update(source.bytes).digest('base64url'));
  const missing = discovered.sources.map((source, i) => ({ source, key: keys[i]! })).filter(({ key }) => !cache.has(key));
  const compiled = await compileAll(
    missing.map(({ source }) => ({ source: source.content, fallbackTitle: source.slug })),
    options.workers,
  );
  missing.forEach(({ key }, i) => cache.set(key, compiled[i]!));
  if (options.cacheDir && missing.length) await writeCache(options.cacheDir, version, keys, cache);

  const versions: Array<{ source: LessonSource; version: LessonVersion; result: Extract<CompileResult, { ok: true }> }> = [];
  const seen = new Map<string, string>();
  discovered.sources.forEach((source, i) => {
    const result = cache.get(keys[i]!)!;
    if (!result.ok) {
      problems.push({ path: source.path, line: result.line, severity: 'error', reason: result.reason });
      return;
    }
    const { meta } = result.lesson;
    const lang = source.lang ?? meta.lang ?? defaultLanguage;
    const id = `${source.slug}/${lang}`;
    if (!source.slug) {
      problems.push({ path: source.path, line: 1, severity: 'error', reason: 'cannot make a lesson name from this file name' });
      return;
    }
    if (seen.has(id)) {
      problems.push({ path: source.path, line: 1, severity: 'error', reason: `lesson "${source.slug}" in "${lang}" is already defined by ${seen.get(id)}` });
      return;
    }
    seen.set(id, source.path);
    // lesson.yml names in every language find the lesson, whichever languages it has.
    const aliases = [...meta.aliases, ...[...(discovered.aliases.get(source.slug)?.values() ?? [])].flat()];
    versions.push({
      source,
      result,
      version: {
        slug: source.slug,
        lang,
        title: meta.title,
        order: meta.order ?? Number.MAX_SAFE_INTEGER,
        difficulty: meta.difficulty,
        description: meta.description,
        aliases,
        path: source.path,
        messages: [],
      },
    });
  });

  const catalog = new Catalog(
    versions.map((v) => v.version),
    defaultLanguage,
  );
  const lessonFiles = new Map(versions.map((v) => [resolve(v.source.path), v.version.slug]));
  for (const { source, version, result } of versions) {
    const resolveTarget = (href: string) => resolveInternalHref(href, source.path, catalog, lessonFiles);
    version.messages = result.lesson.chunks.map((chunk) => ({
      text: chunk.text,
      buttons: disambiguateLabels(chunk.links).flatMap((link): LessonButton[] => {
        const kind = classifyHref(link.href);
        if (kind === 'web') return [{ kind: 'url', label: link.label, url: webUrl(link.href)! }];
        if (kind !== 'internal') return [];
        const slug = resolveTarget(link.href);
        return slug && slug !== version.slug ? [{ kind: 'lesson', label: link.label, slug }] : [];
      }),
    }));
    for (const link of result.lesson.links) {
      const kind = classifyHref(link.href);
      if (kind === 'internal' && !resolveTarget(link.href)) {
        problems.push({ path: source.path, line: link.line, severity: 'warning', reason: `link "${link.label}" points to "${link.href}", which is no lesson here` });
      } else if (kind === 'refused') {
        problems.push({ path: source.path, line: link.line, severity: 'warning', reason: `link "${link.label}" uses a scheme Telegram does not open ("${link.href}"); it shows as plain text` });
      }
    }
  }

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

/**
 * The lesson an internal link opens: `umbrella://lesson/<name>` by slug,
 * title or alias; other `umbrella://` paths and relative paths by the file or
 * folder they name, else by their last part as a name.
 */
export function resolveInternalHref(href: string, fromPath: string, catalog: Catalog, lessonFiles: Map<string, string>): string | undefined {
  const target = safeDecode(href.trim().split('#')[0]!);
  if (!target) return undefined;
  const umbrella = /^umbrella:\/*/i.exec(target);
  const parts = (umbrella ? target.slice(umbrella[0].length) : target).split('/').filter(Boolean);
  if (umbrella && parts[0]?.toLowerCase() === 'lesson' && parts.length >= 2) {
    return catalog.byName(parts.slice(1).join('/'))?.slug ?? catalog.byName(parts[1]!)?.slug;
  }
  if (!umbrella) {
    const path = resolve(dirname(fromPath), target);
    const file = lessonFiles.get(path) ?? lessonFiles.get(`${path}.md`);
    if (file) return file;
    for (const [filePath, slug] of lessonFiles) if (dirname(filePath) === path) return slug;
  }
  const last = parts[parts.length - 1]?.replace(/^s_/, '').replace(/\.md$/i, '');
  return last ? catalog.byName(last)?.slug : undefined;
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

async function readCache(cacheDir: string, version: string): Promise<Map<string, CompileResult>> {
  try {
    const data = JSON.parse(await readFile(join(cacheDir, CACHE_FILE), 'utf8')) as { version: string; entries: Record<string, CompileResult> };
    if (data.version === version) return new Map(Object.entries(data.entries));
  } catch {
    // no cache yet, or unreadable: compile everything
  }
  return new Map();
}

async function writeCache(cacheDir: string, version: string, keys: string[], cache: Map<string, CompileResult>): Promise<void> {
  // Only entries for files that exist now, so the cache does not grow forever.
  const entries = Object.fromEntries(keys.map((key) => [key, cache.get(key)!]));
  await mkdir(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `${CACHE_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify({ version, entries }));
  await rename(tmp, join(cacheDir, CACHE_FILE));
}
