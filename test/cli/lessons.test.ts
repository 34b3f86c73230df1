import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseMarkdownV2 } from '../helpers/tdlib.ts';
import { tempDir, writeTree } from '../helpers/temp.ts';
import { plantedProblems } from '../helpers/fixtures.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function lessons(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/lessons.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run lessons -- check', () => {
  it('lists exactly the broken links planted in the content-tree fixture, with file and line, and passes the older variant clean', async () => {
    const tree = join(ROOT, 'test/fixtures/tree');
    const result = lessons('check', 'test/fixtures/tree');
    assert.equal(result.code, 0, result.stderr);
    const reported = result.stdout
      .trim()
      .split('\n')
      .map((line) => /^test\/fixtures\/tree\/(.+?):(\d+): warning: /.exec(line))
      .map((m) => (m ? `${m[1]}:${m[2]}` : 'unexpected line'));
    assert.deepEqual(reported.sort(), await plantedProblems(tree));
    const legacy = lessons('check', 'test/fixtures/tree-legacy', '--strict');
    assert.equal(legacy.code, 0, legacy.stdout + legacy.stderr);
    assert.equal(legacy.stdout.trim(), '');
  });

  it('passes the shipped lessons with warnings only, and fails them with --strict', () => {
    const plain = lessons('check');
    assert.equal(plain.code, 0, plain.stderr);
    const lines = plain.stdout.trim().split('\n');
    assert.equal(lines.length, 8);
    for (const line of lines) assert.match(line, /^lessons\/calls\/(es|fr)\.md:\d+: warning: .*umbrella:\/\//);
    assert.equal(lessons('check', '--strict').code, 1);
  });

  it('prints path:line: reason for every error and exits 1', async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      'ok/en.md': '# Fine\n\nText.\n',
      'bad/en.md': '---\ntitle: x\nindex: [\n---\nText\n',
      'nul/en.md': Buffer.from('# x\n\0'),
    });
    const result = lessons('check', dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`^${dir}/bad/en\\.md:\\d+: error: invalid front matter`, 'm'));
    assert.match(result.stdout, new RegExp(`^${dir}/nul/en\\.md:2: error: binary file`, 'm'));
    assert.doesNotMatch(result.stdout, /ok\/en\.md/);
  });
});

describe('npm run lessons -- render', () => {
  it('prints the exact messages as JSON, one per line, valid for Telegram', () => {
    const result = lessons('render', 'calls', '--lang', 'es', '--json');
    assert.equal(result.code, 0, result.stderr);
    const messages = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.ok(messages.length >= 1);
    messages.forEach((message, index) => {
      assert.deepEqual(Object.keys(message).sort(), ['index', 'lang', 'lesson', 'parse_mode', 'reply_markup', 'text']);
      assert.equal(message.lesson, 'calls');
      assert.equal(message.lang, 'es');
      assert.equal(message.index, index);
      assert.equal(message.parse_mode, 'MarkdownV2');
      const parsed = parseMarkdownV2(message.text);
      assert.ok(parsed.ok && parsed.text.length <= 4096);
      for (const row of message.reply_markup.inline_keyboard) {
        assert.ok(row.length <= 8);
        for (const button of row) {
          if (button.url) assert.match(button.url, /^(https?|tg):/);
          else assert.ok(Buffer.byteLength(button.callback_data) <= 64);
        }
      }
    });
    const urls = messages.flatMap((m) => m.reply_markup.inline_keyboard.flat().map((b: { url?: string }) => b.url));
    assert.ok(urls.includes('https://signal.org/about/'));
  });

  it('renders a file, a folder, and a slug from another --dir', async () => {
    const dir = await tempDir();
    await writeTree(dir, { 'topic/en.md': '# Topic\n\nSee [calls](https://example.org/x).\n', 'topic/fr.md': '# Sujet\n\nTexte.\n' });
    const file = lessons('render', join(dir, 'topic/fr.md'), '--json');
    assert.equal(file.code, 0, file.stderr);
    assert.deepEqual(file.stdout.trim().split('\n').map((l) => JSON.parse(l).lang), ['fr']);
    const folder = lessons('render', dir, '--json');
    assert.deepEqual(folder.stdout.trim().split('\n').map((l) => JSON.parse(l).lang).sort(), ['en', 'fr']);
    const slug = lessons('render', 'topic', '--dir', dir, '--lang', 'en');
    assert.equal(slug.code, 0);
    assert.match(slug.stdout, /Topic/);
    assert.match(slug.stdout, /https:\/\/example\.org\/x/);
    const missing = lessons('render', 'nosuchlesson');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No lesson "nosuchlesson"/);
  });
});
