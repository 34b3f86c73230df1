// Every UI string the code asks for exists in every language.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const require = createRequire(import.meta.url);
const { FluentResource, FluentBundle } = require('@fluent/bundle') as typeof import('@fluent/bundle');

const ROOT = new URL('../..', import.meta.url).pathname;
const LOCALES = join(ROOT, 'locales');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
}

/** Keys passed to t('…') / ctx.t('…') and the cmd-<name> keys built for the command menu. */
function keysUsedByCode(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = readFileSync(file, 'utf8');
    // The first argument of every t(…) call (or the second, for i18n.t(locale, key)):
    // any string literal in it is a key, e.g. t(cond ? 'a' : 'b').
    for (const match of source.matchAll(/\bt\(/g)) {
      for (const key of firstArguments(source, match.index! + match[0].length)) keys.add(key);
    }
    const commands = /const names = \[([^\]]+)\]/.exec(source);
    if (commands) for (const name of commands[1]!.matchAll(/'([a-z]+)'/g)) keys.add(`cmd-${name[1]}`);
  }
  return keys;
}

function firstArguments(source: string, start: number): string[] {
  let depth = 0;
  const args: string[] = [''];
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push('');
      continue;
    }
    args[args.length - 1] += c;
  }
  const literal = (arg: string) => [...arg.matchAll(/'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]!);
  return [...literal(args[0] ?? ''), ...(/^\s*(locale|lang|code|config\.defaultLanguage|services\.config\.defaultLanguage)\s*$/.test(args[0] ?? '') ? literal(args[1] ?? '') : [])];
}

/** The variables of the admins' /stats message. */
const STATS_ARGS = { users: 9, reachable: 8, activeWeek: 7, subscribers: 6, readersToday: 5, dailySent: 4, dailyFailed: 3, dailyPending: 2, errors: 1, hours: 0 };

describe('locales', () => {
  const files = readdirSync(LOCALES).filter((f) => f.endsWith('.ftl'));
  const used = keysUsedByCode();

  it('cover the seven languages', () => {
    assert.deepEqual(files.map((f) => f.slice(0, -4)).sort(), ['ar', 'en', 'es', 'fa', 'fr', 'ru', 'zh-Hant']);
  });

  it('the code asks for keys (the scan works)', () => {
    for (const key of ['welcome', 'lesson-not-found', 'forget-done', 'cmd-lesson', 'lesson-next', 'unknown-command']) assert.ok(used.has(key), key);
  });

  for (const file of files) {
    it(`${file} has every key the code uses, parses cleanly and formats without errors`, () => {
      const resource = new FluentResource(readFileSync(join(LOCALES, file), 'utf8'));
      const bundle = new FluentBundle(file.slice(0, -4), { useIsolating: false });
      const errors = bundle.addResource(resource);
      assert.deepEqual(errors, []);
      const defined = new Set(resource.body.map((message) => message.id));
      const declared = (readFileSync(join(LOCALES, file), 'utf8').match(/^[a-z][a-z0-9-]* =/gm) ?? []).length;
      assert.equal(defined.size, declared, 'a message failed to parse');
      for (const key of used) assert.ok(defined.has(key), `${file} lacks "${key}"`);
      for (const key of defined) {
        const formatErrors: Error[] = [];
        bundle.formatPattern(bundle.getMessage(key)!.value!, { page: 1, pages: 2, total: 3, title: 'T', query: 'q', language: 'L', read: 1, time: '09:00', zone: 'Europe/Paris', done: 1, ...STATS_ARGS }, formatErrors);
        assert.deepEqual(formatErrors, [], `${file}: ${key}`);
      }
    });
  }
});
