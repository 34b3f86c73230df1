// The real bot process against the fake Bot API, driven as users would.
import assert from 'node:assert/strict';
import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type BotProcess, startPollingBot, stopBot } from '../helpers/bot-process.ts';
import { eventually } from '../helpers/eventually.ts';
import { type FakeBotApi, type FakeUser, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir, writeTree } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;

function longLesson(): string {
  const section = (n: number) =>
    `## Part ${n}\n\n` + Array.from({ length: 12 }, (_, i) => `Paragraph ${n}.${i}: ${'keep your devices updated and your accounts protected '.repeat(6)}`).join('\n\n');
  return `---\ntitle: Long lesson\nindex: 1\n---\n${[1, 2, 3].map(section).join('\n\n')}\n`;
}

describe('the bot, end to end', () => {
  let api: FakeBotApi;
  let dir: string;
  let env: Record<string, string>;
  let bot: BotProcess | undefined;

  const start = async () => {
    bot = await startPollingBot(api, env);
  };
  const restart = async (signal: NodeJS.Signals = 'SIGTERM') => {
    await bot!.stop(signal);
    await start();
  };
  const connections: Database.Database[] = [];
  const db = () => {
    const connection = new Database(env.DATABASE_PATH!, { readonly: true });
    connections.push(connection);
    return connection;
  };

  before(async () => {
    api = await startFakeBotApi();
    dir = await makeTempDir();
    await cp(LESSONS, join(dir, 'lessons'), { recursive: true });
    await writeTree(join(dir, 'lessons'), {
      'long/en.md': longLesson(),
      'intro/en.md': '---\ntitle: Introduction\nindex: 0\n---\nStart with [secure calls](umbrella://lesson/calls).\n',
    });
    env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
      LESSONS_DIR: join(dir, 'lessons'),
      PARASOL_NOW: '2026-11-23T10:00:00Z',
      DAILY_CHECK_SECONDS: '0.2',
    };
    await start();
  });

  after(async () => {
    await stopBot(bot);
    await api.close();
    for (const connection of connections) connection.close();
    await removeDir(dir);
  });

  it('registers its commands in every UI language', async () => {
    await api.waitUntil(() => api.myCommands({ type: 'default' }, 'fa') !== undefined);
    for (const lang of ['', 'en', 'es', 'fr', 'ru', 'ar', 'fa', 'zh']) {
      const commands = api.myCommands({ type: 'default' }, lang);
      assert.deepEqual(commands?.map((c) => c.command), ['start', 'help', 'lessons', 'lesson', 'search', 'saved', 'daily', 'language', 'progress', 'forget'], lang);
    }
  });

  it('sends the Spanish lesson with its buttons to a Spanish-speaking user', async () => {
    const ana: FakeUser = { id: 1001, first_name: 'Ana', language_code: 'es' };
    const [lesson] = await api.say(ana, '/lesson calls');
    assert.match(lesson!.plainText, /^Llamadas seguras/);
    assert.match(lesson!.plainText, /Signal es una herramienta gratuita/);
    const buttons = lesson!.reply_markup!.inline_keyboard.flat();
    const urls = buttons.flatMap((b) => ('url' in b && b.url ? [b.url] : []));
    assert.ok(urls.includes('https://signal.org/download/'));
    assert.ok(urls.includes('https://signal.org/about/'));
    assert.ok(urls.includes('https://meet.jit.si/'));
    assert.ok(buttons.some((b) => b.text === '✅ Hecho' || ('callback_data' in b && b.callback_data?.startsWith('d:'))));
  });

  it('keeps the chosen language across a restart', async () => {
    const bob: FakeUser = { id: 1002, first_name: 'Bob', language_code: 'en' };
    const [confirmation] = await api.say(bob, '/language fr');
    assert.match(confirmation!.plainText, /français/i);
    await restart();
    const [lesson] = await api.say(bob, '/lesson calls');
    assert.match(lesson!.plainText, /^Appels sécurisés/);
  });

  it('saves progress as the user reads, and resumes after a restart and after kill -9', async () => {
    const chen: FakeUser = { id: 1003, first_name: 'Chen', language_code: 'en' };
    const [first] = await api.say(chen, '/lesson long');
    assert.match(first!.plainText, /^Long lesson/);
    const next = first!.reply_markup!.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data?.startsWith('p:'))!;
    assert.ok(next, 'a Continue button');
    api.pressButton(chen, first!, { text: next.text });
    const [second] = await api.waitForMessages(chen.id, 1);
    assert.match(second!.plainText, /Part 2|Paragraph 1\.\d+|Paragraph 2/);
    // The tapped message loses its Continue button, keeps nothing else to press.
    await api.waitUntil(() => !api.botMessage(chen.id, first!.message_id)!.reply_markup?.inline_keyboard.flat().some((b) => b.text === next.text));

    await restart('SIGKILL');
    const [resumed] = await api.say(chen, '/lesson');
    assert.equal(resumed!.plainText, second!.plainText, '/lesson resumes at the last message read');
    const [progress] = await api.say(chen, '/progress');
    assert.match(progress!.plainText, /Long lesson: 2\/\d/);
  });

  it('opens the linked lesson when an internal link button is tapped', async () => {
    const dee: FakeUser = { id: 1004, first_name: 'Dee', language_code: 'en' };
    const [intro] = await api.say(dee, '/lesson introduction');
    const link = intro!.reply_markup!.inline_keyboard.flat().find((b) => b.text.includes('secure calls'))!;
    assert.ok(link && 'callback_data' in link);
    api.pressButton(dee, intro!, { text: link.text });
    const [calls] = await api.waitForMessages(dee.id, 1);
    assert.match(calls!.plainText, /^Making secure calls on your computer/);
  });

  it('answers bad input clearly and keeps serving', async () => {
    const eve: FakeUser = { id: 1005, first_name: 'Eve', language_code: 'en' };
    const [unknown] = await api.say(eve, '/lesson nosuchthing');
    assert.match(unknown!.plainText, /no lesson called “nosuchthing”/);
    const [traversal] = await api.say(eve, '/lesson ../../etc/passwd');
    assert.match(traversal!.plainText, /no lesson called/);
    assert.doesNotMatch(traversal!.plainText, /root:/);
    const [sql] = await api.say(eve, "/lesson '; DROP TABLE users; --");
    assert.match(sql!.plainText, /no lesson called/);
    const [long] = await api.say(eve, 'x'.repeat(4000));
    assert.match(long!.plainText, /\/lesson/);
    const [longCommand] = await api.say(eve, `/lesson ${'y'.repeat(3990)}`);
    assert.match(longCommand!.plainText, /too long/);
    const [typo] = await api.say(eve, '/lesson cals');
    assert.ok(typo!.reply_markup?.inline_keyboard.flat().some((b) => /secure calls/i.test(b.text)), 'suggests the closest lesson');
    const [command] = await api.say(eve, '/nosuchcommand');
    assert.match(command!.plainText, /\/help/);

    // A forged button: the bot answers the callback politely.
    const [lesson] = await api.say(eve, '/lesson calls');
    const update = api.sendUpdate({
      callback_query: { id: 'forged-1', from: { id: eve.id, is_bot: false, first_name: 'Eve' }, chat_instance: '1', data: 'o:../../etc', message: lesson!.message as never },
    });
    const answer = await api.waitFor((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === update.callback_query!.id);
    assert.match(String(answer.payload.text), /no longer valid/);
    const [after] = await api.say(eve, '/lesson calls');
    assert.match(after!.plainText, /^Making secure calls/);
    const tables = db().prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    assert.ok(tables.some((t) => t.name === 'users'), 'the users table is still there');
  });

  it('retries after 429 and 5xx, and marks a user who blocked the bot as inactive', async () => {
    const fay: FakeUser = { id: 1006, first_name: 'Fay', language_code: 'en' };
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const [lesson] = await api.say(fay, '/lesson calls');
    assert.match(lesson!.plainText, /^Making secure calls/);
    assert.ok(api.stats.tooManyRequests >= 1);

    api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 1);
    const [afterServerError] = await api.say(fay, '/lesson calls', 1, 30_000);
    assert.match(afterServerError!.plainText, /^Making secure calls/, 'delivered after a 502 answer');

    api.blockUser(fay.id);
    api.sendText(fay, '/lesson calls');
    await api.waitFor((c) => c.method === 'sendMessage' && c.chatId === fay.id && c.status === 403);
    const user = () => db().prepare('SELECT active FROM users WHERE id = ?').get(fay.id) as { active: number } | undefined;
    await eventually(() => user()?.active === 0, 10_000, 'the user to be marked inactive');
    api.unblockUser(fay.id);
  });

  it('answers in groups only to commands, pointing to the private chat', async () => {
    const group = { id: -2001, type: 'group' as const, title: 'Newsroom' };
    const from = { id: 1007, is_bot: false, first_name: 'Gus' };
    api.sendUpdate({ message: { message_id: 1, date: 0, chat: group, from, text: 'hello everyone' } as never });
    api.sendUpdate({ message: { message_id: 2, date: 0, chat: group, from, text: '/lesson calls', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } as never });
    const [reply] = await api.waitForMessages(group.id, 1);
    assert.match(reply!.plainText, /private chat/);
    assert.equal(api.messagesTo(group.id).length, 1, 'plain group chatter is ignored');
  });

  it('deletes everything about a user after /forget is confirmed', async () => {
    const hal: FakeUser = { id: 1008, first_name: 'Hal', language_code: 'ru' };
    await api.say(hal, '/language es');
    await api.say(hal, '/lesson long', 2); // a note that it is in English, then the lesson
    const count = (sql: string) => (db().prepare(sql).get(hal.id) as { n: number }).n;
    assert.equal(count('SELECT count(*) AS n FROM users WHERE id = ?'), 1);
    await eventually(() => count('SELECT count(*) AS n FROM progress WHERE user_id = ?') === 1, 10_000, 'progress to be saved');
    const [confirm] = await api.say(hal, '/forget');
    api.pressButton(hal, confirm!, 'f:yes');
    await api.waitUntil(() => /Listo|Hecho|ya no|nada/i.test(api.botMessage(hal.id, confirm!.message_id)!.plainText));
    assert.equal(count('SELECT count(*) AS n FROM users WHERE id = ?'), 0);
    assert.equal(count('SELECT count(*) AS n FROM progress WHERE user_id = ?'), 0);
  });

  it('welcomes a new user in their language and offers the languages as buttons', async () => {
    const ivo: FakeUser = { id: 1009, first_name: 'Ivo', language_code: 'ru' };
    const [welcome, choose] = await api.say(ivo, '/start', 2);
    assert.match(welcome!.plainText, /Parasol/);
    assert.match(welcome!.plainText, /[а-яё]/i, 'in Russian');
    const buttons = choose!.reply_markup!.inline_keyboard.flat();
    assert.equal(buttons.length, 7);
    assert.ok(buttons.some((b) => b.text === 'Español'));
    api.pressButton(ivo, choose!, 'l:es');
    const [offer] = await api.waitForMessages(ivo.id, 1);
    assert.match(api.botMessage(ivo.id, choose!.message_id)!.plainText, /español/i);
    assert.ok(offer!.reply_markup!.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data === 's:on'), 'the lesson of the day is offered');
    const [again] = await api.say(ivo, '/start');
    assert.match(again!.plainText, /bienvenida/i);
    // Updates of one user are handled in order: once /help is answered, /start is done.
    await api.say(ivo, '/help');
    assert.equal(api.messagesTo(ivo.id).length, 5, 'welcome, choice (now the confirmation), daily offer, welcome, help: nothing offered twice');
  });

  it('opens a lesson from a deep link', async () => {
    const jo: FakeUser = { id: 1010, first_name: 'Jo', language_code: 'fr' };
    const [lesson] = await api.say(jo, '/start calls');
    assert.match(lesson!.plainText, /^Appels sécurisés/);
  });

  it('browses the catalog with pages and opens a lesson from it', async () => {
    const kai: FakeUser = { id: 1011, first_name: 'Kai', language_code: 'en' };
    const [list] = await api.say(kai, '/lessons');
    const titles = list!.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    assert.deepEqual(titles.slice(0, 3), ['Introduction', 'Long lesson', 'Making secure calls on your computer']);
    api.pressButton(kai, list!, { text: 'Long lesson' });
    const [lesson] = await api.waitForMessages(kai.id, 1);
    assert.match(lesson!.plainText, /^Long lesson/);
  });

  it('keeps each user\u2019s updates in order and slows down a flooding user', async () => {
    const lea: FakeUser = { id: 1012, first_name: 'Lea', language_code: 'en' };
    for (let i = 0; i < 30; i++) api.sendText(lea, i % 2 ? '/lesson nosuchthing' : '/progress');
    await api.waitUntil(() => api.messagesTo(lea.id).some((m) => /quickly/.test(m.plainText)));
    await api.waitForIdle();
    const texts = api.messagesTo(lea.id).map((m) => m.plainText);
    const answers = texts.filter((t) => !/quickly/.test(t));
    assert.ok(answers.length <= 20, `${answers.length} answers`);
    assert.equal(texts.filter((t) => /quickly/.test(t)).length, 1, 'warned once');
    answers.forEach((text, i) => assert.match(text, i % 2 ? /no lesson called/ : /not opened a lesson/, `answer ${i} in order`));
  });

  it('subscribes to the lesson of the day with buttons and delivers it at the chosen hour', async () => {
    const max: FakeUser = { id: 1013, first_name: 'Max', language_code: 'es' };
    const [status] = await api.say(max, '/daily');
    api.pressButton(max, status!, 's:on');
    await api.waitUntil(() => (api.botMessage(max.id, status!.message_id)!.reply_markup?.inline_keyboard.flat().length ?? 0) >= 10);
    const zones = api.botMessage(max.id, status!.message_id)!.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    assert.equal(zones[0], 'America/Mexico City', 'zones likely for a Spanish speaker come first');
    api.pressButton(max, status!, { text: 'UTC' });
    await api.waitUntil(() => api.botMessage(max.id, status!.message_id)!.reply_markup?.inline_keyboard.flat().length === 24);
    // The bot's clock is set (PARASOL_NOW) to 10:00 UTC: an 08:00 subscription is due at once.
    const beforeHour = api.mark();
    api.pressButton(max, status!, 'h:8');
    await api.waitUntil(() => /08:00/.test(api.botMessage(max.id, status!.message_id)!.plainText));
    const [lesson] = await api.waitForMessages(max.id, 1, 15_000, beforeHour);
    assert.match(lesson!.plainText, /^(Contraseñas|Llamadas seguras|Introduction|Long lesson)/);
    assert.ok(lesson!.reply_markup!.inline_keyboard.flat().some((b) => b.text === '☆ Guardar'), 'the lesson of the day can be saved too');
    const [typed] = await api.say(max, '/daily zone america/bogota');
    assert.match(typed!.plainText, /America\/Bogota/);
    const [bad] = await api.say(max, '/daily zone Mars/Olympus');
    assert.match(bad!.plainText, /Mars\/Olympus/);
    const [off] = await api.say(max, '/daily off');
    assert.match(off!.plainText, /\/daily/);
    await eventually(() => db().prepare('SELECT count(*) AS n FROM subscriptions WHERE user_id = ?').get(max.id) !== undefined && (db().prepare('SELECT count(*) AS n FROM subscriptions WHERE user_id = ?').get(max.id) as { n: number }).n === 0);
  });

  it('keeps its database private and never logs texts, names or the token', async () => {
    const mode = (await stat(env.DATABASE_PATH!)).mode & 0o777;
    assert.equal(mode, 0o600);
    const output = bot!.output();
    for (const secret of [api.token, 'Ana', 'nosuchthing', 'DROP TABLE', 'Newsroom']) assert.ok(!output.includes(secret), `log contains "${secret}"`);
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await bot!.stop('SIGTERM');
    assert.equal(code, 0, bot!.output());
    assert.match(bot!.output(), /"msg":"stopped"/);
    await start();
  });
});
