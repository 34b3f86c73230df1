// Finds lesson files in a library folder and reads them safely. Layout:
//   <dir>/<slug>/<lang>.md     one lesson in one language
//   <dir>/<slug>/lesson.yml    optional: aliases per language
//   <dir>/<slug>.<lang>.md     the same, as a single file
//   <dir>/<slug>.md            language from its metadata, else the default
// Slugs come from names found on disk, never the other way round.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Problem } from './problems.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { safeLoad: (source: string) => unknown };

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LessonSource {
  /** path as given to the loader, for messages */
  path: string;
  slug: string;
  /** language from the file name, if the name says it */
  lang?: string;
  content: string;
  bytes: Buffer;
}

export interface DiscoveredLibrary {
  sources: LessonSource[];
  /** slug -> language -> aliases, from lesson.yml */
  aliases: Map<string, Map<string, string[]>>;
  problems: Problem[];
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Where a file sits in the layout: its slug and, if the name says it, its language. */
export function identifyLessonFile(path: string): { slug: string; lang?: string } {
  const name = basename(path).replace(/\.md$/i, '');
  if (LANGUAGE.test(name)) return { slug: slugify(basename(dirname(path))), lang: name };
  const dot = name.lastIndexOf('.');
  if (dot > 0 && LANGUAGE.test(name.slice(dot + 1))) return { slug: slugify(name.slice(0, dot)), lang: name.slice(dot + 1) };
  return { slug: slugify(name) };
}

export async function discoverLibrary(dir: string): Promise<DiscoveredLibrary> {
  const library: DiscoveredLibrary = { sources: [], aliases: new Map(), problems: [] };
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })).map(String).sort();
  } catch (error) {
    library.problems.push({ path: dir, line: 1, severity: 'error', reason: `cannot read the lessons folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    return library;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry);
      if (basename(entry).startsWith('.')) return;
      if (/\.md$/i.test(entry)) {
        const result = await readLessonSource(path);
        if ('problem' in result) library.problems.push(result.problem);
        else library.sources.push(result);
      } else if (basename(entry) === 'lesson.yml') {
        await readAliases(path, library);
      }
    }),
  );
  library.sources.sort((a, b) => a.path.localeCompare(b.path));
  return library;
}

export async function readLessonSource(path: string): Promise<LessonSource | { problem: Problem }> {
  const fail = (reason: string, line = 1) => ({ problem: { path, line, severity: 'error' as const, reason } });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
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
