// npm run bench:lessons [flat|tree] — loads a generated 4,000-file, 5 MB
// library cold (no cache), then warm (unchanged files, cache present), and
// times telegramify-markdown alone over the same files for the baseline; once
// as flat lessons, once as a content tree.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../src/content/library.ts';
import { generateLibrary, generateTree } from './generate-library.ts';

const require = createRequire(import.meta.url);
const convert = require('telegramify-markdown') as (markdown: string, strategy: string) => string;

const FILES = Number(process.env.BENCH_FILES ?? 4000);

/** Times one layout: telegramify-markdown alone over its files, then a cold and a warm load. */
async function measure(layout: 'flat' | 'tree'): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'parasol-bench-'));
  const dir = join(root, 'lessons');
  const cacheDir = join(root, 'cache');
  try {
    const bytes = await (layout === 'flat' ? generateLibrary : generateTree)(dir, FILES);
    const paths = (await readdir(dir, { recursive: true })).map(String).filter((p) => p.endsWith('.md')).map((p) => join(dir, p));
    console.log(`${layout === 'flat' ? 'flat library (<slug>/<lang>.md)' : 'content tree (<lang>/<category>/<topic>/<level>/s_*.md, .category.yml, checklists)'}: ${paths.length} files, ${(bytes / 1e6).toFixed(2)} MB, 7 languages`);
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
    console.log(`  telegramify-markdown alone: ${(telegramifyMs / 1000).toFixed(2)} s (one core)`);
    console.log(`  cold load (read + render + chunk + links, no cache): ${(coldMs / 1000).toFixed(2)} s, ${cold.stats.compiled} compiled, ${cold.stats.lessons} lessons, ${messages} messages; ratio to telegramify alone: ${(coldMs / telegramifyMs).toFixed(2)} (target ≤ 1.5)`);
    console.log(`  warm load (files unchanged): ${(warmMs / 1000).toFixed(2)} s, ${warm.stats.fromCache} from cache (target < 2 s); ratio to telegramify alone: ${(warmMs / telegramifyMs).toFixed(2)}`);
    const errors = cold.problems.filter((p) => p.severity === 'error');
    const warnings = cold.problems.length - errors.length;
    console.log(`  problems: ${errors.length} errors, ${warnings} warnings${errors.length ? `; first: ${errors[0]!.reason}` : ''}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const only = process.argv[2];
for (const layout of ['flat', 'tree'] as const) if (!only || only === layout) await measure(layout);
