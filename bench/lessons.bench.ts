// npm run bench:lessons — loads a generated 4,000-file, 5 MB library cold
// (no cache), then warm (unchanged files, cache present), and times
// telegramify-markdown alone over the same files for the baseline.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../src/content/library.ts';
import { generateLibrary } from './generate-library.ts';

const require = createRequire(import.meta.url);
const convert = require('telegramify-markdown') as (markdown: string, strategy: string) => string;

const FILES = Number(process.env.BENCH_FILES ?? 4000);
const root = await mkdtemp(join(tmpdir(), 'parasol-bench-'));
const dir = join(root, 'lessons');
const cacheDir = join(root, 'cache');
try {
  const bytes = await generateLibrary(dir, FILES);
  console.log(`library: ${FILES} files, ${(bytes / 1e6).toFixed(2)} MB, 7 languages`);

  const paths: string[] = [];
  for (const slug of await readdir(dir)) for (const file of await readdir(join(dir, slug))) paths.push(join(dir, slug, file));
  const texts = await Promise.all(paths.map((p) => readFile(p, 'utf8')));

  let started = performance.now();
  for (const text of texts) convert(text, 'escape');
  const telegramifyMs = performance.now() - started;

  started = performance.now();
  const cold = await loadLibrary(dir, { cacheDir });
  const coldMs = performance.now() - started;

  started = performance.now();
  const warm = await loadLibrary(dir, { cacheDir });
  const warmMs = performance.now() - started;

  const messages = [...cold.catalog.lessons.values()].reduce((n, l) => n + [...l.versions.values()].reduce((m, v) => m + v.messages.length, 0), 0);
  console.log(`telegramify-markdown alone: ${(telegramifyMs / 1000).toFixed(2)} s (one core)`);
  console.log(`cold load (read + render + chunk + links, no cache): ${(coldMs / 1000).toFixed(2)} s, ${cold.stats.compiled} compiled, ${messages} messages; ratio to telegramify alone: ${(coldMs / telegramifyMs).toFixed(2)} (target ≤ 1.5)`);
  console.log(`warm load (files unchanged): ${(warmMs / 1000).toFixed(2)} s, ${warm.stats.fromCache} from cache (target < 2 s); ratio to telegramify alone: ${(warmMs / telegramifyMs).toFixed(2)}`);
  const errors = cold.problems.filter((p) => p.severity === 'error');
  if (errors.length) console.log(`problems: ${errors.length} errors, first: ${errors[0]!.reason}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
