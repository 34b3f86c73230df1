import assert from 'node:assert/strict';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadLibrary } from '../../src/content/library.ts';
import { parseMarkdownV2 } from '../helpers/tdlib.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;
const SEEDS = new URL('../../../shared/seeds', import.meta.url).pathname;

describe('the shipped lessons', () => {
  it('ship the four seeds byte for byte', async (t) => {
    const pairs = [
      ['000_3a815bf65e45e4c9.txt', 'es'],
      ['001_3132f79ad62a13d5.txt', 'fr'],
      ['002_657963db00791a33.txt', 'en'],
      ['003_6a827a445ebe2524.txt', 'ru'],
    ];
    let seeds: Buffer[];
    try {
      seeds = await Promise.all(pairs.map(([file]) => readFile(join(SEEDS, file!))));
    } catch {
      return t.skip('../shared/seeds is not beside the repository');
    }
    for (const [i, [, lang]] of pairs.entries()) {
      assert.deepEqual(await readFile(join(LESSONS, 'calls', `${lang}.md`)), seeds[i], `${lang}.md differs from its seed`);
    }
  });

  it('load in four languages with both metadata styles, every message valid for Telegram', async () => {
    const { catalog, problems } = await loadLibrary(LESSONS);
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    const calls = catalog.bySlug('calls');
    assert.ok(calls);
    assert.deepEqual([...calls.versions.keys()].sort(), ['en', 'es', 'fr', 'ru']);
    assert.equal(calls.versions.get('es')!.title, 'Llamadas seguras');
    assert.equal(calls.versions.get('en')!.title, 'Making secure calls on your computer');
    assert.equal(calls.versions.get('en')!.difficulty, 'Beginner');
    assert.equal(calls.versions.get('ru')!.order, 3);
    for (const version of calls.versions.values()) {
      for (const message of version.messages) {
        const parsed = parseMarkdownV2(message.text);
        assert.ok(parsed.ok, `${version.lang}: ${!parsed.ok && parsed.error}`);
        assert.ok(parsed.text.length <= 4096);
        assert.doesNotMatch(parsed.text, /\[(Title|Order|Difficulty)\]|^---|^index:/m, 'metadata leaked into the text');
      }
    }
  });

  it('Spanish calls: Signal and Jitsi links are URL buttons, loose links work, umbrella links are reported', async () => {
    const { catalog, problems } = await loadLibrary(LESSONS);
    const es = catalog.bySlug('calls')!.versions.get('es')!;
    const urls = es.messages.flatMap((m) => m.buttons.filter((b) => b.kind === 'url').map((b) => (b.kind === 'url' ? b.url : '')));
    assert.ok(urls.some((u) => u.startsWith('https://play.google.com/store/apps/details?id=org.thoughtcrime.securesms')));
    assert.ok(urls.includes('https://signal.org/download/'));
    assert.ok(urls.includes('https://meet.jit.si/'));
    assert.ok(urls.includes('https://itunes.apple.com/us/app/jitsi-meet/id1165103905'), 'the loose "[iOS] (https://…)" link');
    const labels = es.messages.flatMap((m) => m.buttons.map((b) => b.label));
    assert.equal(new Set(labels).size, labels.length, `two buttons of one message say the same: ${labels.join(', ')}`);
    assert.ok(labels.includes('Signal · Android') && labels.includes('JitsiMeet · Android'));
    // "[Open Whisper Systems] (https://signal.org/about/)" has a space before the parenthesis.
    assert.ok(urls.includes('https://signal.org/about/'));
    const parsed = parseMarkdownV2(es.messages[0]!.text);
    assert.ok(parsed.ok);
    const owsStart = parsed.text.indexOf('Open Whisper Systems');
    const entity = parsed.entities.find((e) => e.offset === owsStart);
    assert.equal(entity?.type.url, 'https://signal.org/about/');
    assert.doesNotMatch(parsed.text, /umbrella:|\]\s*\(/);
    assert.ok(parsed.text.includes('enviar un mensaje'), 'internal link text stays readable');
    const warnings = problems.filter((p) => p.severity === 'warning' && p.path.endsWith('es.md'));
    assert.deepEqual(
      warnings.map((w) => w.line),
      [17, 30, 30, 34],
    );
    assert.ok(warnings.every((w) => w.reason.includes('umbrella://')));
  });
});

describe('loading a folder with broken files', () => {
  it('reports each broken file with its path, line and reason, and loads the rest', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'good/en.md': '---\ntitle: Good\n---\nBody text.\n',
      'badyaml/en.md': '---\ntitle: [unclosed\nindex: 1\n---\nBody\n',
      'empty/en.md': '---\ntitle: Empty\n---\n\n   \n',
      'binary/en.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0x01, 0x02]),
      'latin1/en.md': Buffer.from('# Caf\xe9\n', 'latin1'),
      'badorder/en.md': '[Title]: # (Bad order)\n[Order]: # (three)\n\nText\n',
      'secret/en.md': '# Secret\n\nText\n',
      'good/fr.md': '[Title]: # (Bon)\n\nTexte.\n',
    });
    await chmod(join(dir, 'secret/en.md'), 0o000);
    const { catalog, problems } = await loadLibrary(dir);
    assert.deepEqual([...catalog.lessons.keys()].sort(), process.getuid?.() === 0 ? ['good', 'secret'] : ['good']);
    const byFile = new Map(problems.map((p) => [p.path.slice(dir.length + 1), p]));
    assert.match(byFile.get('badyaml/en.md')!.reason, /front matter/);
    const yamlLine = byFile.get('badyaml/en.md')!.line;
    assert.ok(yamlLine >= 2 && yamlLine <= 4, `line ${yamlLine} is inside the front matter`);
    assert.match(byFile.get('empty/en.md')!.reason, /no text/);
    assert.match(byFile.get('binary/en.md')!.reason, /binary/);
    assert.equal(byFile.get('binary/en.md')!.line, 2);
    assert.match(byFile.get('latin1/en.md')!.reason, /UTF-8/);
    assert.match(byFile.get('badorder/en.md')!.reason, /order must be a number/);
    assert.ok(problems.every((p) => p.severity === 'error'));
  });

  it('reports an unreadable folder instead of throwing', async () => {
    const { catalog, problems } = await loadLibrary('/nonexistent/parasol-lessons');
    assert.equal(catalog.size, 0);
    assert.match(problems[0]!.reason, /cannot read the lessons folder/);
  });
});

describe('links between lessons', () => {
  it('become lesson buttons by name, title, alias or relative path; others are reported with their line', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'passwords/en.md': '---\ntitle: Strong passwords\n---\nUse a manager.\n',
      'passwords/lesson.yml': 'aliases:\n  es: [contraseñas]\n',
      'social-media/en.md': '# Social media\n\nBe careful.\n',
      'intro/en.md': [
        '# Intro',
        '',
        'See [p1](umbrella://lesson/passwords), [p2](umbrella://lesson/Strong passwords),',
        '[p3](umbrella://lesson/contraseñas), [p4](../passwords/en.md), [p5](../social-media)',
        'and [sm](umbrella://lesson/social media) and [tool](umbrella://tools/x/s_passwords.md).',
        'Broken: [nothing](umbrella://lesson/nothing-here) [rel](../missing/en.md).',
        'Mail [us](mailto:help@example.org), call [us](tel:+123), [ftp](ftp://x.org/f).',
      ].join('\n'),
    });
    const { catalog, problems } = await loadLibrary(dir);
    const intro = catalog.bySlug('intro')!.versions.get('en')!;
    const targets = intro.messages.flatMap((m) => m.buttons.map((b) => (b.kind === 'lesson' ? `lesson:${b.slug}` : b.kind === 'url' ? `url:${b.url}` : `node:${b.node}`)));
    assert.deepEqual(new Set(targets), new Set(['lesson:passwords', 'lesson:social-media']));
    const reported = problems.filter((p) => p.path.endsWith('intro/en.md')).map((p) => `${p.line}:${p.reason.match(/"([a-z]+:[^"]*|\.\.[^"]*)"/)?.[1]}`);
    // mailto: and tel: stay readable in the text but cannot be buttons: the checker lists them too.
    assert.deepEqual(reported, ['6:umbrella://lesson/nothing-here', '6:../missing/en.md', '7:mailto:help@example.org', '7:tel:+123', '7:ftp://x.org/f']);
    const parsed = parseMarkdownV2(intro.messages[0]!.text);
    assert.ok(parsed.ok);
    assert.ok(parsed.text.includes('(help@example.org)'), 'a mailto address stays readable');
  });
});

describe('the compiled-lesson cache', () => {
  it('serves unchanged files from the cache and recompiles changed ones', async () => {
    const dir = await tempDir();
    const cacheDir = join(dir, '.cache');
    await writeTree(dir, { 'lessons/a/en.md': '# A\n\nFirst text.\n', 'lessons/b/en.md': '# B\n\nOther.\n' });
    const first = await loadLibrary(join(dir, 'lessons'), { cacheDir });
    assert.equal(first.stats.compiled, 2);
    await writeTree(dir, { 'lessons/a/en.md': '# A\n\nChanged text.\n' });
    const second = await loadLibrary(join(dir, 'lessons'), { cacheDir });
    assert.equal(second.stats.compiled, 1);
    assert.equal(second.stats.fromCache, 1);
    const text = second.catalog.bySlug('a')!.versions.get('en')!.messages[0]!.text;
    assert.match(text, /Changed text/);
  });

  it('compiles in worker threads with the same result as on the main thread', async () => {
    const dir = await tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`l${i}/en.md`] = `# Lesson ${i}\n\nText with *bold* and a [link](https://example.org/${i}).\n`;
    await writeTree(dir, files);
    const inline = await loadLibrary(dir, { workers: 0 });
    const threaded = await loadLibrary(dir, { workers: 2 });
    for (const [slug, lesson] of inline.catalog.lessons) {
      assert.deepEqual(threaded.catalog.bySlug(slug)!.versions.get('en')!.messages, lesson.versions.get('en')!.messages);
    }
  });
});
