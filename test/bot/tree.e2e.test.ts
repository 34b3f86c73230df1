// A content tree served by the real bot process, driven over HTTP through the
// fake Bot API (which refuses anything Telegram would refuse).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BotProcess, startPollingBot, stopBot } from '../helpers/bot-process.ts';
import { type BotMessage, type FakeBotApi, type FakeUser, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir } from '../helpers/temp.ts';

const TREE = new URL('../fixtures/tree', import.meta.url).pathname;

describe('a content tree in the bot, end to end', () => {
  let api: FakeBotApi;
  let dir: string;
  let env: Record<string, string>;
  let bot: BotProcess | undefined;

  const start = async () => {
    bot = await startPollingBot(api, env);
  };
  const buttons = (message: BotMessage) => (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
  /** The ✅/⬜ state of a checklist message's tick buttons, in order. */
  const tickMarks = (message: BotMessage) =>
    (message.reply_markup?.inline_keyboard ?? []).flat().flatMap((b) => ('callback_data' in b && b.callback_data.startsWith('k:') ? [[...b.text][0]] : []));
  /** Presses a button and waits until the tapped message changes (edited in place). */
  const pressAndWaitEdit = async (user: FakeUser, message: BotMessage, text: string) => {
    const before = JSON.stringify([api.botMessage(user.id, message.message_id)!.text, api.botMessage(user.id, message.message_id)!.reply_markup]);
    api.pressButton(user, message, { text });
    await api.waitUntil(() => {
      const now = api.botMessage(user.id, message.message_id)!;
      return JSON.stringify([now.text, now.reply_markup]) !== before;
    });
    return api.botMessage(user.id, message.message_id)!;
  };
  const pressAndWaitNew = async (user: FakeUser, message: BotMessage, text: string, count = 1) => {
    const since = api.mark();
    api.pressButton(user, message, { text });
    return api.waitForMessages(user.id, count, 10_000, since);
  };

  before(async () => {
    api = await startFakeBotApi();
    dir = await makeTempDir();
    env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
      LESSONS_DIR: TREE,
      DAILY_CHECK_SECONDS: '3600',
    };
    await start();
  });

  after(async () => {
    await stopBot(bot);
    await api.close();
    await removeDir(dir);
  });

  it('browses to a level, reads it to its checklist, ticks items, and finds them ticked after a restart', async () => {
    const ana: FakeUser = { id: 3001, first_name: 'Ana', language_code: 'en' };
    const [menu] = await api.say(ana, '/lessons');
    assert.deepEqual(buttons(menu!), ['📂 Communications', '📂 Information', '📂 Tools', '📂 Glossary', '📂 Pathways']);
    let view = await pressAndWaitEdit(ana, menu!, '📂 Communications');
    assert.match(view.plainText, /^Communications/);
    assert.deepEqual(buttons(view), ['📂 Mobile phones', '📂 Email', '⬆ All lessons']);
    view = await pressAndWaitEdit(ana, menu!, '📂 Mobile phones');
    assert.deepEqual(buttons(view).slice(0, 2), ['Beginner', 'Advanced']);
    view = await pressAndWaitEdit(ana, menu!, 'Beginner');
    assert.match(view.plainText, /^Mobile phones · Beginner/);
    const levelButtons = buttons(view);
    assert.equal(levelButtons[0], '▶ Read');
    assert.equal(levelButtons.filter((b) => /^\d\. /.test(b)).length, 3, 'its three segments, in order');
    assert.ok(levelButtons.some((b) => b.startsWith('☑ ')), 'and its checklist');

    // Read: one message at a time; Next names the segment it leads into.
    let [message] = await pressAndWaitNew(ana, view, '▶ Read');
    const seen: BotMessage[] = [message!];
    let photos = 0;
    let nextNamedSegment = false;
    let checklist: BotMessage | undefined;
    for (let step = 0; step < 20 && !checklist; step++) {
      const next = message!.reply_markup!.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data.startsWith('p:'));
      assert.ok(next, `message ${step} has a Next button: ${buttons(message!).join(' | ')}`);
      if (!/^▶ Continue/.test(next.text)) nextNamedSegment = true;
      const arrived = await pressAndWaitNew(ana, message!, next.text);
      if (step === 0) {
        // The tapped Next goes; the message keeps its other buttons, ☆ Save included.
        await api.waitUntil(() => !buttons(api.botMessage(ana.id, message!.message_id)!).includes(next.text));
        assert.ok(buttons(api.botMessage(ana.id, message!.message_id)!).some((b) => b.startsWith('☆')));
      }
      message = arrived[0]!;
      seen.push(message);
      if (message.kind === 'photo') photos++;
      // The last message of the level is followed by its checklist.
      if (!message.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data.startsWith('p:'))) {
        const isChecklist = (m: BotMessage) => (m.reply_markup?.inline_keyboard ?? []).flat().some((b) => 'callback_data' in b && b.callback_data.startsWith('k:'));
        await api.waitUntil(() => api.messagesTo(ana.id).some(isChecklist));
        checklist = api.messagesTo(ana.id).find(isChecklist);
      }
    }
    assert.ok(nextNamedSegment, 'a Next button names the segment it opens');
    assert.equal(photos, 1, 'the image beside the segment came as a photo');
    assert.ok(checklist, 'the level ended with its checklist');
    assert.match(checklist.plainText, /0 of 4 done/);
    assert.match(checklist.plainText, /For calls and messages/, 'the label is shown');
    const ticks = checklist.reply_markup!.inline_keyboard.flat().filter((b) => 'callback_data' in b && b.callback_data.startsWith('k:'));
    assert.equal(ticks.length, 4, 'one button per check; the label is not checkable');
    assert.ok(!ticks.some((b) => b.text.includes('For calls and messages')));
    assert.ok(checklist.entities.some((e) => e.type === 'text_link' && e.url === 'https://signal.org/'), 'the web link inside an item works');

    // Tick two items: the same message is edited in place.
    let edited = await pressAndWaitEdit(ana, checklist, ticks[0]!.text);
    assert.match(edited.plainText, /1 of 4 done/);
    edited = await pressAndWaitEdit(ana, checklist, ticks[2]!.text);
    assert.match(edited.plainText, /2 of 4 done/);
    assert.ok(edited.edited);
    assert.deepEqual(tickMarks(edited), ['✅', '⬜', '✅', '⬜']);

    // An internal link inside a check item opens its lesson.
    const [passwords] = await pressAndWaitNew(ana, edited, buttons(edited).find((b) => b.startsWith('📖 '))!);
    assert.match(passwords!.plainText, /password/i);

    await bot!.stop('SIGTERM');
    await start();

    const [progress] = await api.say(ana, '/progress');
    assert.match(progress!.plainText, /Mobile phones · Beginner: 2\/4/);
    // Back to the checklist from the menu: the ticks are still there.
    const [again] = await api.say(ana, '/lessons');
    await pressAndWaitEdit(ana, again!, '📂 Communications');
    await pressAndWaitEdit(ana, again!, '📂 Mobile phones');
    const level = await pressAndWaitEdit(ana, again!, '✅ Beginner');
    const [reopened] = await pressAndWaitNew(ana, level, buttons(level).find((b) => b.startsWith('☑ '))!);
    assert.match(reopened!.plainText, /2 of 4 done/);
    assert.deepEqual(tickMarks(reopened!), ['✅', '⬜', '✅', '⬜']);

    // Every call the bot made on the way was accepted (the fake server checks each text with TDLib).
    const refused = api.calls.filter((call) => !call.ok && call.method !== 'getUpdates');
    assert.deepEqual(refused.map((c) => `${c.method}: ${c.error?.description}`), []);
  });

  it('uploads an image once and then reuses its file_id', async () => {
    const photoCalls = () => api.calls.filter((call) => call.method === 'sendPhoto' && call.ok);
    const uploads = () => photoCalls().filter((call) => call.files.length > 0).length;
    const before = uploads();
    const byId = photoCalls().filter((call) => call.files.length === 0).length;
    const ben: FakeUser = { id: 3002, first_name: 'Ben', language_code: 'en' };
    const [menu] = await api.say(ben, '/lessons');
    await pressAndWaitEdit(ben, menu!, '📂 Communications');
    await pressAndWaitEdit(ben, menu!, '📂 Mobile phones');
    const level = await pressAndWaitEdit(ben, menu!, 'Beginner');
    const segment = buttons(level).find((b) => b.startsWith('2. '))!;
    const [first] = await pressAndWaitNew(ben, level, segment);
    // The segment opens on its own first message; the photo is one or two messages on.
    let message = first!;
    for (let i = 0; i < 3 && message.kind !== 'photo'; i++) message = (await pressAndWaitNew(ben, message, message.reply_markup!.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data.startsWith('p:'))!.text))[0]!;
    assert.equal(message.kind, 'photo');
    assert.equal(uploads(), before, 'no new upload: the file_id from the first upload was used');
    assert.equal(photoCalls().filter((call) => call.files.length === 0).length, byId + 1);
  });

  it('opens tree places linked from lessons: a segment, a topic, a lesson named in another language', async () => {
    const cai: FakeUser = { id: 3003, first_name: 'Cai', language_code: 'en' };
    const [first] = await api.say(cai, '/lesson mobile phones beginner');
    assert.match(first!.plainText, /^Phone basics/);
    const topic = buttons(first!).find((b) => b === '📂 email lessons');
    assert.ok(topic, buttons(first!).join(' | '));
    const [menu] = await pressAndWaitNew(cai, first!, topic);
    assert.match(menu!.plainText, /^Email/);
    const [strong] = await pressAndWaitNew(cai, first!, '📖 رمزهای عبور قوی');
    assert.match(strong!.plainText, /strong password/i);
    const [calls] = await pressAndWaitNew(cai, first!, '📖 secure calls');
    assert.match(calls!.plainText, /call/i);
  });

  it('opens a pathway checklist from /lessons, ticks it, and lists it in /progress', async () => {
    const dee: FakeUser = { id: 3006, first_name: 'Dee', language_code: 'en' };
    const [menu] = await api.say(dee, '/lessons');
    const pathways = await pressAndWaitEdit(dee, menu!, '📂 Pathways');
    const [checklist] = await pressAndWaitNew(dee, pathways, '☑ Travelling safely');
    assert.match(checklist!.plainText, /^Travelling safely\n0 of \d+ done/);
    assert.ok(!buttons(checklist!).includes('✅ Done'), 'a pathway ends no lesson');
    const first = checklist!.reply_markup!.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data.startsWith('k:'))!;
    const ticked = await pressAndWaitEdit(dee, checklist!, first.text);
    assert.match(ticked.plainText, /1 of \d+ done/);
    const [progress] = await api.say(dee, '/progress');
    assert.match(progress!.plainText, /Travelling safely: 1\/\d+/);
  });

  it('speaks Persian and Chinese titles in the menus', async () => {
    for (const [id, lang, script] of [[3004, 'fa', /\p{Script=Arabic}/u], [3005, 'zh-hant', /\p{Script=Han}/u]] as const) {
      const user: FakeUser = { id, first_name: 'U', language_code: lang };
      await api.say(user, lang === 'fa' ? '/language fa' : '/language zh-Hant');
      const [menu] = await api.say(user, '/lessons');
      for (const label of buttons(menu!)) assert.match(label, script, `${lang}: ${label}`);
    }
  });
});
