// Running the bot: /stats for admins only, /healthz in polling mode, and
// reloading lessons (SIGHUP, `npm run lessons -- reload`) without losing progress.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type BotProcess, startPollingBot, stopBot } from '../helpers/bot-process.ts';
import { eventually } from '../helpers/eventually.ts';
import { type FakeBotApi, type FakeUser, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir, writeTree } from '../helpers/temp.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const LESSONS = join(ROOT, 'lessons');
const ADMIN: FakeUser = { id: 3001, first_name: 'Root', language_code: 'en' };

/** A lesson long enough for several messages; `edition` appears in every paragraph. */
function reloadLesson(edition: string): string {
  const section = (n: number) =>
    `## Part ${n}\n\n` + Array.from({ length: 12 }, (_, i) => `Paragraph ${n}.${i} of the ${edition} edition: ${'lock your phone and check who can see your screen '.repeat(6)}`).join('\n\n');
  return `---\ntitle: Screen safety\nindex: 0\n---\n${[1, 2, 3].map(section).join('\n\n')}\n`;
}

describe('operating the bot', () => {
  let api: FakeBotApi;
  let dir: string;
  let env: Record<string, string>;
  let bot: BotProcess;

  const count = (sql: string) => {
    const db = new Database(env.DATABASE_PATH!, { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const lessonsCli = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/lessons.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: env.DATABASE_PATH!, LESSONS_DIR: env.LESSONS_DIR! },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const waitForLog = async (pattern: RegExp, from: number) =>
    eventually(() => pattern.test(bot.output().slice(from)), 15_000, `a log line matching ${pattern}`);

  before(async () => {
    api = await startFakeBotApi();
    dir = await makeTempDir();
    await cp(LESSONS, join(dir, 'lessons'), { recursive: true });
    await writeTree(join(dir, 'lessons'), { 'screens/en.md': reloadLesson('first') });
    env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
      LESSONS_DIR: join(dir, 'lessons'),
      ADMIN_IDS: `999,${ADMIN.id}`,
    };
    bot = await startPollingBot(api, env);
  });

  after(async () => {
    await stopBot(bot);
    await api.close();
    await removeDir(dir);
  });

  it('answers /stats from a non-admin exactly as an unknown command', async () => {
    const eve: FakeUser = { id: 3002, first_name: 'Eve', language_code: 'en' };
    const [unknown] = await api.say(eve, '/nosuchcommand');
    const [stats] = await api.say(eve, '/stats');
    assert.equal(stats!.plainText, unknown!.plainText);
    assert.equal(stats!.reply_markup, unknown!.reply_markup);
    const fr: FakeUser = { id: 3003, first_name: 'Flo', language_code: 'fr' };
    const [unknownFr] = await api.say(fr, '/nosuchcommand');
    const [statsFr] = await api.say(fr, '/stats');
    assert.equal(statsFr!.plainText, unknownFr!.plainText);
    await api.waitUntil(() => api.myCommands({ type: 'default' }, '') !== undefined);
    assert.ok(!api.myCommands({ type: 'default' }, '')!.some((c) => c.command === 'stats'), 'not in the command menu');
  });

  it('gives admins totals that match the database, and nothing personal', async () => {
    for (const id of [3004, 3005, 3006]) await api.say({ id, first_name: `Reader${id}`, language_code: 'en' }, '/lesson calls');
    const sub: FakeUser = { id: 3007, first_name: 'Sub', language_code: 'en' };
    await api.say(sub, '/daily hour 9');
    await eventually(() => count('SELECT count(*) AS n FROM subscriptions') === 1, 10_000, 'the subscription');
    const users = count('SELECT count(*) AS n FROM users');
    const readers = count('SELECT count(DISTINCT user_id) AS n FROM progress');
    assert.ok(users >= 4 && readers >= 3);

    const [stats] = await api.say(ADMIN, '/stats');
    const text = stats!.plainText.replace(/[\u2068\u2069]/g, ''); // Fluent's bidi isolation marks
    assert.match(text, new RegExp(`Users: ${users} \\(${users} reachable\\)`));
    assert.match(text, new RegExp(`Active in the last 7 days: ${readers}\\b`));
    assert.match(text, /Daily lesson subscribers: 1\b/);
    assert.match(text, new RegExp(`Read a lesson today \\(UTC\\): ${readers}\\b`));
    assert.match(text, /Lessons of the day today: \d+ sent, 0 failed, \d+ waiting/);
    assert.match(text, /Errors since start \(\d+ h ago\): 0\b/);
    for (const personal of ['3004', '3007', 'Reader', 'Sub', 'calls']) assert.ok(!text.includes(personal), `stats show "${personal}"`);
  });

  it('reports its health on /healthz in polling mode', async () => {
    const response = await fetch(`http://127.0.0.1:${await bot.httpPort()}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(
      Object.entries((await response.json()) as Record<string, unknown>).filter(([key]) => key !== 'uptime_seconds'),
      [['ok', true], ['database', 'ok'], ['telegram', 'ok'], ['mode', 'polling']],
    );
  });

  it('reloads a changed lesson with `npm run lessons -- reload`, keeping progress', async () => {
    const lia: FakeUser = { id: 3010, first_name: 'Lia', language_code: 'en' };
    const [first] = await api.say(lia, '/lesson screen safety');
    assert.match(first!.plainText, /^Screen safety/);
    const next = first!.reply_markup!.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data?.startsWith('p:'))!;
    api.pressButton(lia, first!, { text: next.text });
    const [second] = await api.waitForMessages(lia.id, 1);
    assert.match(second!.plainText, /of the first edition/);

    const file = join(env.LESSONS_DIR!, 'screens', 'en.md');
    await writeFile(file, reloadLesson('final')); // same length: the messages split at the same places
    const mark = bot.output().length;
    const cli = lessonsCli('reload');
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, new RegExp(`Reload sent \\(SIGHUP\\) to Parasol, pid ${bot.child.pid}`));
    await waitForLog(/"msg":"lessons reloaded"/, mark);

    const [resumed] = await api.say(lia, '/lesson');
    assert.equal(resumed!.plainText, second!.plainText.replaceAll('first edition', 'final edition'), 'the new text, at the message where she stopped');
    const [progress] = await api.say(lia, '/progress');
    assert.match(progress!.plainText, /Screen safety: 2\/\d/);
  });

  it('refuses to reload lessons with errors, and says so when no bot runs', async () => {
    const broken = join(env.LESSONS_DIR!, 'broken', 'en.md');
    await writeTree(env.LESSONS_DIR!, { 'broken/en.md': '---\ntitle: x\nindex: [\n---\nText\n' });
    const refused = lessonsCli('reload');
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /broken\/en\.md:\d+: error/);
    assert.match(refused.stderr, /Not reloaded/);
    await rename(broken, `${broken}.off`);

    const none = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/lessons.ts'), 'reload'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'elsewhere', 'parasol.sqlite') },
    });
    assert.equal(none.status, 1);
    assert.match(none.stderr, /No running Parasol found/);
  });

  it('keeps serving the lessons in use when a SIGHUP reload finds none', async () => {
    const lessonsDir = env.LESSONS_DIR!;
    await rename(lessonsDir, `${lessonsDir}.away`);
    const mark = bot.output().length;
    bot.child.kill('SIGHUP');
    await waitForLog(/keeping the lessons in use/, mark);
    const mo: FakeUser = { id: 3011, first_name: 'Mo', language_code: 'en' };
    const [lesson] = await api.say(mo, '/lesson screen safety');
    assert.match(lesson!.plainText, /of the final edition/);
    await rename(`${lessonsDir}.away`, lessonsDir);

    // And a plain SIGHUP (systemd's ExecReload) picks up the next change.
    await writeFile(join(lessonsDir, 'screens', 'en.md'), reloadLesson('third'));
    const again = bot.output().length;
    bot.child.kill('SIGHUP');
    await waitForLog(/"msg":"lessons reloaded"/, again);
    const [third] = await api.say(mo, '/lesson screen safety');
    assert.match(third!.plainText, /of the third edition/);
  });

  it('removes its pid file when it stops', async () => {
    const pidFile = join(dir, 'data', 'parasol.pid');
    assert.equal((await readFile(pidFile, 'utf8')).trim(), String(bot.child.pid));
    assert.equal(await bot.stop('SIGTERM'), 0);
    await assert.rejects(readFile(pidFile, 'utf8'), { code: 'ENOENT' });
  });
});
