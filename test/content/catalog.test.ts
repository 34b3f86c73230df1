import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLibrary } from '../../src/content/library.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;

describe('finding lessons', () => {
  it('finds calls by slug, alias or title words in any language, ignoring case and accents', async () => {
    const { catalog } = await loadLibrary(LESSONS);
    for (const query of ['calls', 'CALLS', 'llamadas', 'Llamadas seguras', 'appels', 'APPELS SECURISES', 'звонки', 'Звонки', 'вызовов', 'secure calls']) {
      assert.equal(catalog.find(query)[0]?.lesson.slug, 'calls', query);
    }
  });

  it('finds nothing for unknown or hostile queries, and suggests close names', async () => {
    const { catalog } = await loadLibrary(LESSONS);
    for (const query of ['nosuchthing', '../../etc/passwd', "'; DROP TABLE users; --", '', '   ']) {
      assert.deepEqual(catalog.find(query), [], query);
    }
    assert.equal(catalog.suggest('cals')[0]?.slug, 'calls');
    assert.equal(catalog.suggest('lamadas')[0]?.slug, 'calls');
  });

  it('falls back to the default language, then any language', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'a/en.md': '# A en\n\ntext\n',
      'a/es.md': '# A es\n\ntexto\n',
      'b/ru.md': '# B ru\n\nтекст\n',
      'c/zh-Hant.md': '# C\n\n文字\n',
    });
    const { catalog } = await loadLibrary(dir, { defaultLanguage: 'en' });
    const a = catalog.bySlug('a')!;
    assert.deepEqual(pick(catalog.version(a, 'es')), ['es', false]);
    assert.deepEqual(pick(catalog.version(a, 'fa')), ['en', true]);
    assert.deepEqual(pick(catalog.version(catalog.bySlug('b')!, 'fr')), ['ru', true]);
    assert.deepEqual(pick(catalog.version(catalog.bySlug('c')!, 'zh')), ['zh-Hant', false]);
  });

  it('gives every lesson a short key that is stable across loads', async () => {
    const first = await loadLibrary(LESSONS);
    const second = await loadLibrary(LESSONS);
    const key = first.catalog.bySlug('calls')!.key;
    assert.equal(second.catalog.bySlug('calls')!.key, key);
    assert.ok(key.length <= 16);
    assert.equal(second.catalog.byCallbackKey(key)?.slug, 'calls');
  });
});

function pick(result: { version: { lang: string }; fallback: boolean }): [string, boolean] {
  return [result.version.lang, result.fallback];
}
