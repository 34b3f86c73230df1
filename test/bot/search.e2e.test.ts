// Search, bookmarks and inline mode: the real bot process against the fake
// Bot API (which refuses, like Telegram, any text or inline result TDLib
// would refuse), driven as users would.
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type BotProcess, startPollingBot, stopBot } from '../helpers/bot-process.ts';
import { eventually } from '../helpers/eventually.ts';
import { type BotMessage, type FakeBotApi, type FakeUser, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir, writeTree } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;
const MIDDLE_WORD = 'checkpoint';
const TIPS = 24;

function longLesson(): string {
  const part = (n: number) =>
    `## Part ${n}\n\n` + Array.from({ length: 12 }, (_, i) => `Paragraph ${n}.${i}: ${'keep your devices updated and your accounts protected '.repeat(6)}`).join('\n\n');
  const middle = `If your laptop was taken at a ${MIDDLE_WORD}, change the passwords of every account it had open.`;
  return `---\ntitle: Long lesson\nindex: 1\n---\n${part(1)}\n\n${part(2)}\n\n${middle}\n\n${part(3)}\n\n${part(4)}\n`;
}

const buttons = (message: BotMessage) => message.reply_markup?.inline_keyboard.flat() ?? [];
const callbackButtons = (message: BotMessage) => buttons(message).flatMap((b) => ('callback_data' in b && b.callback_data ? [{ text: b.text, data: b.callback_data }] : []));

describe('search, bookmarks and inline mode, end to end', () => {
  let api: FakeBotApi;
  let dir: string;
  let env: Record<string, string>;
  let bot: BotProcess | undefined;

  const start = async () => {
    bot = await startPollingBot(api, env);
  };

  before(async () => {
    api = await startFakeBotApi();
    dir = await makeTempDir();
    await cp(LESSONS, join(dir, 'lessons'), { recursive: true });
    const tips: Record<string, string> = {};
    for (let i = 0; i < TIPS; i++) tips[`tip-${i}/en.md`] = `---\ntitle: Tip ${i}\nindex: ${10 + i}\n---\nA short tip about strong passwords, number ${i}.\n`;
    await writeTree(join(dir, 'lessons'), {
      'long/en.md': longLesson(),
      'seized/zh-Hant.md': '---\ntitle: 裝置被扣押時\nindex: 2\n---\n如果您的手機被沒收，請立即從另一台裝置變更密碼。\n',
      'seized/en.md': '---\ntitle: When a device is seized\nindex: 2\n---\nIf your phone was seized, change your passwords from another device at once.\n',
      'tricky/en.md': '---\ntitle: Characters_like *these* [and] (those)\nindex: 3\n---\nSymbols such as `code`, 1.5 and a_b stay readable.\n',
      ...tips,
    });
    env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
      LESSONS_DIR: join(dir, 'lessons'),
      PARASOL_NOW: '2026-11-23T10:00:00Z',
    };
    await start();
  });

  after(async () => {
    await stopBot(bot);
    await api.close();
    await removeDir(dir);
  });

  it('registers /search and /saved in the command menu', async () => {
    await api.waitUntil(() => api.myCommands({ type: 'default' }, 'zh') !== undefined);
    for (const lang of ['', 'en', 'es', 'fr', 'ru', 'ar', 'fa', 'zh']) {
      const commands = api.myCommands({ type: 'default' }, lang)!.map((c) => c.command);
      assert.ok(commands.includes('search') && commands.includes('saved'), lang);
    }
  });

  it('/search finds a word from the middle of a long lesson and the result opens that message', async () => {
    const ana: FakeUser = { id: 2001, first_name: 'Ana', language_code: 'en' };
    const [results] = await api.say(ana, `/search ${MIDDLE_WORD}`);
    assert.match(results!.plainText, /Long lesson/);
    assert.match(results!.plainText, new RegExp(`taken at a ${MIDDLE_WORD}`), 'a snippet around the match');
    const [first] = callbackButtons(results!);
    assert.match(first!.text, /Long lesson/);
    api.pressButton(ana, results!, first!.data);
    const [opened] = await api.waitForMessages(ana.id, 1);
    assert.match(opened!.plainText, new RegExp(MIDDLE_WORD));
    assert.doesNotMatch(opened!.plainText, /^Long lesson/, 'not the start of the lesson');
    // The message has its own Continue button (a later one) and ☆ Save.
    const next = callbackButtons(opened!).find((b) => b.data.startsWith('p:'));
    assert.ok(next && Number(next.data.split(':')[2]) >= 2, `continues further on (${next?.data})`);
    assert.ok(callbackButtons(opened!).some((b) => b.text === '☆ Save'));
    // The results stay, to try another one.
    assert.ok(callbackButtons(api.botMessage(ana.id, results!.message_id)!).some((b) => b.data === first!.data));
  });

  it('searches plain text, opens a lesson named exactly, and pages through many results', async () => {
    const ben: FakeUser = { id: 2002, first_name: 'Ben', language_code: 'en' };
    const [lesson] = await api.say(ben, 'calls');
    assert.match(lesson!.plainText, /^Making secure calls/, 'an exact lesson name opens it');
    const [results] = await api.say(ben, 'strong passwords');
    assert.match(results!.plainText, /Tip \d+/);
    const pages = /\((\d+)\/(\d+)\)/.exec(results!.plainText);
    assert.ok(pages && Number(pages[2]) >= 5, `${TIPS} tips make pages (${pages?.[0]})`);
    const next = callbackButtons(results!).find((b) => b.data.startsWith('q:1:'))!;
    assert.ok(next, 'a Next page button');
    const before = results!.plainText;
    api.pressButton(ben, results!, next.data);
    await api.waitUntil(() => api.botMessage(ben.id, results!.message_id)!.plainText !== before);
    assert.match(api.botMessage(ben.id, results!.message_id)!.plainText, /\(2\/\d+\)/);
  });

  it('finds a Chinese lesson from a Chinese query', async () => {
    const chen: FakeUser = { id: 2003, first_name: 'Chen', language_code: 'zh-hant' };
    const [results] = await api.say(chen, '/search 手機');
    assert.match(results!.plainText, /裝置被扣押時/);
    assert.match(results!.plainText, /手機被沒收/);
    const [first] = callbackButtons(results!);
    api.pressButton(chen, results!, first!.data);
    const [opened] = await api.waitForMessages(chen.id, 1);
    assert.match(opened!.plainText, /手機被沒收/);
  });

  it('prefers lessons in the learner’s language', async () => {
    const dee: FakeUser = { id: 2004, first_name: 'Dee', language_code: 'es' };
    // "Signal" is in the English, Spanish, French and Russian lesson on calls.
    const [results] = await api.say(dee, '/search signal');
    assert.match(results!.plainText, /Llamadas seguras/);
    assert.match(results!.plainText, /Signal es una herramienta|Signal/);
    const [first] = callbackButtons(results!);
    api.pressButton(dee, results!, first!.data);
    const [opened] = await api.waitForMessages(dee.id, 1);
    assert.match(opened!.plainText, /Signal es una herramienta gratuita/, 'the Spanish text');
  });

  it('answers FTS syntax, emoji, very long and unknown queries clearly', async () => {
    const eve: FakeUser = { id: 2005, first_name: 'Eve', language_code: 'en' };
    const [syntax] = await api.say(eve, '/search "*(:^-');
    assert.match(syntax!.plainText, /only search for words/);
    const [mixed] = await api.say(eve, '/search "passwords*" AND (NEAR:^-');
    assert.match(mixed!.plainText, /Tip \d+|found nothing/);
    const [emoji] = await api.say(eve, '🙂🔒');
    assert.match(emoji!.plainText, /only search for words/);
    const [long] = await api.say(eve, `/search ${'y'.repeat(3990)}`);
    assert.match(long!.plainText, /found nothing/);
    const [none] = await api.say(eve, 'kubernetes');
    assert.match(none!.plainText, /found nothing about “kubernetes”.*\n?.*\/lessons/s);
    const [usage] = await api.say(eve, '/search');
    assert.match(usage!.plainText, /\/search phone/);
    // Titles full of MarkdownV2 characters are escaped (the fake API would refuse them otherwise).
    const [tricky] = await api.say(eve, '/search symbols');
    assert.match(tricky!.plainText, /Characters_like \*these\* \[and\] \(those\)/);
  });

  it('saves a lesson with ☆, lists it in /saved after a restart, and forgets it with /forget', async () => {
    const fay: FakeUser = { id: 2006, first_name: 'Fay', language_code: 'en' };
    const [lesson] = await api.say(fay, '/lesson calls');
    const save = callbackButtons(lesson!).find((b) => b.text === '☆ Save')!;
    assert.ok(save, 'a ☆ Save button');
    api.pressButton(fay, lesson!, save.data);
    const toast = await api.waitFor((c) => c.method === 'answerCallbackQuery' && typeof c.payload.text === 'string' && /Saved/.test(c.payload.text as string));
    assert.ok(toast.ok);
    await api.waitUntil(() => callbackButtons(api.botMessage(fay.id, lesson!.message_id)!).some((b) => b.text === '★ Saved'));
    // A lesson opened again shows it saved.
    const [again] = await api.say(fay, '/lesson calls');
    assert.ok(callbackButtons(again!).some((b) => b.text === '★ Saved'));

    await bot!.stop('SIGTERM');
    await start();
    const [saved] = await api.say(fay, '/saved');
    assert.ok(buttons(saved!).some((b) => /Making secure calls/.test(b.text)), 'kept across a restart');
    const open = callbackButtons(saved!).find((b) => /Making secure calls/.test(b.text))!;
    api.pressButton(fay, saved!, open.data);
    const [opened] = await api.waitForMessages(fay.id, 1);
    assert.match(opened!.plainText, /^Making secure calls/);

    const [confirm] = await api.say(fay, '/forget');
    api.pressButton(fay, confirm!, 'f:yes');
    await api.waitUntil(() => /Nothing about you/.test(api.botMessage(fay.id, confirm!.message_id)!.plainText));
    const [empty] = await api.say(fay, '/saved');
    assert.match(empty!.plainText, /not saved a lesson/);
    const db = new Database(env.DATABASE_PATH!, { readonly: true });
    try {
      assert.equal((db.prepare('SELECT count(*) AS n FROM bookmarks WHERE user_id = ?').get(fay.id) as { n: number }).n, 0);
    } finally {
      db.close();
    }
  });

  it('removes a lesson from /saved with ✕, and ★ Saved unsaves', async () => {
    const gus: FakeUser = { id: 2007, first_name: 'Gus', language_code: 'en' };
    const [lesson] = await api.say(gus, '/lesson long');
    api.pressButton(gus, lesson!, { text: '☆ Save' });
    await api.waitUntil(() => callbackButtons(api.botMessage(gus.id, lesson!.message_id)!).some((b) => b.text === '★ Saved'));
    api.pressButton(gus, lesson!, { text: '★ Saved' });
    await api.waitUntil(() => callbackButtons(api.botMessage(gus.id, lesson!.message_id)!).some((b) => b.text === '☆ Save'));
    const [empty] = await api.say(gus, '/saved');
    assert.match(empty!.plainText, /not saved a lesson/);

    api.pressButton(gus, lesson!, { text: '☆ Save' });
    await api.waitUntil(() => callbackButtons(api.botMessage(gus.id, lesson!.message_id)!).some((b) => b.text === '★ Saved'));
    const [list] = await api.say(gus, '/saved');
    const remove = callbackButtons(list!).find((b) => b.text === '✕')!;
    api.pressButton(gus, list!, remove.data);
    await api.waitUntil(() => /not saved a lesson/.test(api.botMessage(gus.id, list!.message_id)!.plainText));
  });

  it('answers inline queries with valid results, pages them, and the deep link opens the lesson', async () => {
    const hal: FakeUser = { id: 2008, first_name: 'Hal', language_code: 'fr' };
    // Every answer is checked by the fake API like Telegram: a refused one throws here.
    const calls = await api.inlineQuery(hal, 'appels');
    const [result] = calls.results;
    assert.equal(result!.type, 'article');
    assert.match(String(result!.title), /^Appels sécurisés/, 'in the user’s language');
    const content = result!.input_message_content as { message_text: string; parse_mode: string };
    assert.equal(content.parse_mode, 'MarkdownV2');
    const markup = result!.reply_markup as { inline_keyboard: Array<Array<{ text: string; url?: string }>> };
    const link = markup.inline_keyboard.flat().find((b) => b.url?.startsWith(`https://t.me/${api.botUser.username}?start=`))!;
    assert.ok(link, 'a deep link to the bot');
    const payload = new URL(link.url!).searchParams.get('start')!;
    assert.match(payload, /^[A-Za-z0-9_-]{1,64}$/);
    const [opened] = await api.say(hal, `/start ${payload}`);
    assert.match(opened!.plainText, /^Appels sécurisés/);

    const page1 = await api.inlineQuery(hal, 'passwords');
    assert.equal(page1.results.length, 20);
    assert.equal(page1.next_offset, '20');
    const page2 = await api.inlineQuery(hal, 'passwords', page1.next_offset);
    assert.ok(page2.results.length >= TIPS - 20);
    assert.equal(page2.next_offset, '');
    const ids = new Set([...page1.results, ...page2.results].map((r) => r.id));
    assert.equal(ids.size, page1.results.length + page2.results.length, 'no lesson twice');
    for (const r of [...page1.results, ...page2.results]) assert.ok(Buffer.byteLength(String(r.id)) <= 64);

    const all = await api.inlineQuery(hal, '');
    assert.ok(all.results.length > 0, 'an empty query lists lessons');
    const odd = await api.inlineQuery(hal, '"*(:^-');
    assert.ok(Array.isArray(odd.results));
  });

  it('never logs what users searched for', async () => {
    await eventually(() => bot!.output().includes('search index built'), 5_000, 'the index build to be logged');
    const output = bot!.output();
    for (const secret of ['kubernetes', MIDDLE_WORD, '手機', 'strong passwords', api.token]) assert.ok(!output.includes(secret), `log contains "${secret}"`);
  });
});
