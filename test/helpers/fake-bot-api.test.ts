import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from './fake-bot-api.ts';

const alice = { id: 1001, first_name: 'Alice', language_code: 'en' };
const bob = { id: 1002, first_name: 'Bob', language_code: 'ru' };

interface Harness {
  api: FakeBotApi;
  bot: Bot;
  /** Starts long polling and resolves once the bot is waiting for updates. */
  startPolling(): Promise<void>;
}

/** Runs `fn` against a fresh server and bot, and always stops both. */
async function withBot(fn: (h: Harness) => Promise<void>, options: FakeBotApiOptions = {}): Promise<void> {
  const api = await startFakeBotApi(options);
  const bot = new Bot(options.token ?? '123:TEST', { client: { apiRoot: api.apiRoot } });
  let running: Promise<void> | undefined;
  const startPolling = async () => {
    running = bot.start({ timeout: 30 });
    await api.waitForIdle();
  };
  try {
    await fn({ api, bot, startPolling });
  } finally {
    if (bot.isRunning()) await bot.stop();
    await running;
    await api.close();
  }
}

function isApiError(code: number, description: string | RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof GrammyError, `expected a GrammyError, got ${String(error)}`);
    assert.equal(error.error_code, code);
    if (typeof description === 'string') assert.equal(error.description, description);
    else assert.match(error.description, description);
    return true;
  };
}

describe('fake Bot API: MarkdownV2 validation', () => {
  test('an unescaped "." is refused with Telegram\'s error', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      await assert.rejects(
        bot.api.sendMessage(alice.id, 'Stay safe.', { parse_mode: 'MarkdownV2' }),
        isApiError(400, "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"),
      );
      assert.equal(api.messagesTo(alice.id).length, 0);
      const failed = api.calls.find((c) => c.method === 'sendMessage');
      assert.equal(failed?.ok, false);
      assert.equal(failed?.status, 400);
      assert.equal(api.stats.badRequests, 1);
    }));

  test('valid text is accepted and stored with its parsed form', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      const sent = await bot.api.sendMessage(alice.id, '*Stay* safe\\. Use [2FA](https://example.org/2fa)', {
        parse_mode: 'MarkdownV2',
      });
      assert.equal(sent.text, 'Stay safe. Use 2FA');
      assert.deepEqual(sent.entities, [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'text_link', offset: 15, length: 3, url: 'https://example.org/2fa' },
      ]);
      const [message, ...rest] = api.messagesTo(alice.id);
      assert.equal(rest.length, 0);
      assert.equal(message?.text, '*Stay* safe\\. Use [2FA](https://example.org/2fa)');
      assert.equal(message?.plainText, 'Stay safe. Use 2FA');
      assert.equal(message?.parse_mode, 'MarkdownV2');
    }));

  test('empty and over-long texts are refused', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      await assert.rejects(bot.api.sendMessage(alice.id, '  \n '), isApiError(400, 'Bad Request: message text is empty'));
      await assert.rejects(bot.api.sendMessage(alice.id, 'x'.repeat(4097)), isApiError(400, 'Bad Request: message is too long'));
      // The limit applies to the parsed text, not the MarkdownV2 source.
      await bot.api.sendMessage(alice.id, `*${'x'.repeat(4096)}*`, { parse_mode: 'MarkdownV2' });
    }));

  test('validation can be switched off', () =>
    withBot(
      async ({ api, bot }) => {
        api.addUser(alice);
        await bot.api.sendMessage(alice.id, 'Stay safe.', { parse_mode: 'MarkdownV2' });
        assert.equal(api.messagesTo(alice.id)[0]?.plainText, 'Stay safe.');
      },
      { validate: false },
    ));
});

describe('fake Bot API: inline keyboards', () => {
  test('callback_data over 64 bytes is refused, 64 bytes is fine', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      const ok = 'é'.repeat(32); // 64 bytes in UTF-8
      await bot.api.sendMessage(alice.id, 'pick', { reply_markup: new InlineKeyboard().text('A', ok) });
      await assert.rejects(
        bot.api.sendMessage(alice.id, 'pick', { reply_markup: new InlineKeyboard().text('A', `${ok}a`) }),
        isApiError(400, 'Bad Request: BUTTON_DATA_INVALID'),
      );
    }));

  test('a mailto: url button is refused, https: is fine', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      await bot.api.sendMessage(alice.id, 'link', { reply_markup: new InlineKeyboard().url('Site', 'https://example.org') });
      await assert.rejects(
        bot.api.sendMessage(alice.id, 'link', { reply_markup: new InlineKeyboard().url('Mail', 'mailto:a@example.org') }),
        isApiError(400, /^Bad Request: inline keyboard button URL 'mailto:a@example.org' is invalid/),
      );
    }));

  test('too many buttons and text-only buttons are refused', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      const wide = new InlineKeyboard();
      for (let i = 0; i < 9; i++) wide.text(String(i), String(i));
      await assert.rejects(
        bot.api.sendMessage(alice.id, 'x', { reply_markup: wide }),
        isApiError(400, 'Bad Request: reply markup is too long'),
      );
      await assert.rejects(
        bot.api.sendMessage(alice.id, 'x', { reply_markup: { inline_keyboard: [[{ text: 'A' } as never]] } }),
        isApiError(400, /Text buttons are unallowed/),
      );
    }));
});

describe('fake Bot API: faults', () => {
  test('failNext injects a 429 that grammY reports with retry_after', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      api.failNext('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
      await assert.rejects(bot.api.sendMessage(alice.id, 'hi'), (error: unknown) => {
        assert.ok(error instanceof GrammyError);
        assert.equal(error.error_code, 429);
        assert.equal(error.parameters.retry_after, 1);
        return true;
      });
      assert.equal(api.stats.tooManyRequests, 1);
      await bot.api.sendMessage(alice.id, 'hi'); // only the next call failed
      assert.equal(api.messagesTo(alice.id).length, 1);
    }));

  test('the global rate limit answers 429 beyond its budget', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      api.addUser(bob);
      api.rateLimit({ perSecond: 2 });
      await bot.api.sendMessage(alice.id, '1');
      await bot.api.sendMessage(bob.id, '2');
      await assert.rejects(bot.api.sendMessage(alice.id, '3'), (error: unknown) => {
        assert.ok(error instanceof GrammyError);
        assert.equal(error.error_code, 429);
        assert.equal(error.description, 'Too Many Requests: retry after 1');
        assert.equal(error.parameters.retry_after, 1);
        return true;
      });
      assert.equal(api.stats.tooManyRequests, 1);
      api.rateLimit(false);
      await bot.api.sendMessage(alice.id, '3');
    }));

  test('a blocked user yields 403 until unblocked', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      api.blockUser(alice.id);
      await assert.rejects(bot.api.sendMessage(alice.id, 'hi'), isApiError(403, 'Forbidden: bot was blocked by the user'));
      api.unblockUser(alice.id);
      await bot.api.sendMessage(alice.id, 'hi');
      assert.equal(api.stats.forbidden, 1);
    }));

  test('unknown chats, tokens and methods are refused', () =>
    withBot(async ({ api, bot }) => {
      await assert.rejects(bot.api.sendMessage(999, 'hi'), isApiError(400, 'Bad Request: chat not found'));
      const stranger = new Bot('456:WRONG', { client: { apiRoot: api.apiRoot } });
      await assert.rejects(stranger.api.getMe(), isApiError(401, 'Unauthorized'));
      const res = await fetch(`${api.apiRoot}/bot${api.token}/sendTelepathy`, { method: 'POST' });
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { ok: false, error_code: 404, description: 'Not Found: method not found' });
      const me = await bot.api.getMe();
      assert.equal(me.username, 'parasol_test_bot');
    }));
});

describe('fake Bot API: editing', () => {
  test('editing to identical content yields "message is not modified"', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      const keyboard = new InlineKeyboard().text('Next', 'next');
      const sent = await bot.api.sendMessage(alice.id, '*Lesson 1*', { parse_mode: 'MarkdownV2', reply_markup: keyboard });
      await assert.rejects(
        bot.api.editMessageText(alice.id, sent.message_id, '*Lesson 1*', { parse_mode: 'MarkdownV2', reply_markup: keyboard }),
        isApiError(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        ),
      );
      // Same text without the keyboard is a modification: it removes the keyboard.
      await bot.api.editMessageText(alice.id, sent.message_id, '*Lesson 1*', { parse_mode: 'MarkdownV2' });
      const [edited] = api.messagesTo(alice.id);
      assert.equal(edited?.edited, true);
      assert.equal(edited?.reply_markup, undefined);
      await assert.rejects(
        bot.api.editMessageReplyMarkup(alice.id, sent.message_id),
        isApiError(400, /^Bad Request: message is not modified/),
      );
      await assert.rejects(
        bot.api.editMessageText(alice.id, sent.message_id + 100, 'x'),
        isApiError(400, 'Bad Request: message to edit not found'),
      );
    }));
});

describe('fake Bot API: driving a polling bot', () => {
  test('/start from a user reaches bot.command("start") and its reply is recorded', () =>
    withBot(async ({ api, bot, startPolling }) => {
      let seenEntities: unknown;
      bot.command('start', async (ctx) => {
        seenEntities = ctx.message?.entities;
        await ctx.reply(`Hello, ${ctx.from?.first_name}\\!`, { parse_mode: 'MarkdownV2' });
      });
      await startPolling();

      const [reply, ...more] = await api.say(alice, '/start');
      assert.equal(more.length, 0);
      assert.equal(reply?.plainText, 'Hello, Alice!');
      assert.deepEqual(seenEntities, [{ type: 'bot_command', offset: 0, length: 6 }]);

      await api.waitForIdle();
      assert.deepEqual(api.sentCountByChat(), new Map([[alice.id, 1]]));
      assert.equal(api.pendingUpdates, 0);
    }));

  test('pressing a button delivers a callback query; edits are visible', () =>
    withBot(async ({ api, bot, startPolling }) => {
      bot.command('start', (ctx) => ctx.reply('Ready?', { reply_markup: new InlineKeyboard().text('Go', 'go') }));
      bot.callbackQuery('go', async (ctx) => {
        await ctx.answerCallbackQuery({ text: 'Going' });
        await ctx.editMessageText('Gone');
      });
      await startPolling();

      const [question] = await api.say(alice, '/start');
      assert.ok(question);
      const press = api.pressButton(alice, question, { text: 'Go' });
      const answer = await api.waitFor(
        (c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === press.callback_query?.id,
      );
      assert.equal(answer.ok, true);
      await api.waitFor((c) => c.method === 'editMessageText' && c.ok);
      assert.deepEqual(
        api.messagesTo(alice.id).map((m) => [m.plainText, m.edited]),
        [['Gone', true]],
      );
      assert.throws(() => api.pressButton(alice, question, 'go'), /no callback button/);
    }));

  test('several users each get exactly one reply', () =>
    withBot(async ({ api, bot, startPolling }) => {
      bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
      await startPolling();
      const users = [alice, bob, { id: 1003 }];
      for (const user of users) api.sendText(user, `hi from ${user.id}`);
      await api.waitUntil(() => users.every((u) => api.messagesTo(u.id).length >= 1));
      await api.waitForIdle();
      for (const user of users) {
        assert.equal(api.sentCountByChat().get(user.id), 1);
        assert.equal(api.messagesTo(user.id)[0]?.plainText, `echo: hi from ${user.id}`);
      }
      const incoming = api.log.filter((e) => e.dir === 'in');
      assert.equal(incoming.length, 3);
    }));

  test('sendPhoto with an uploaded file is accepted as multipart', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      const photo = new InputFile(Buffer.from('not really a png'), 'lock.png');
      const sent = await bot.api.sendPhoto(alice.id, photo, {
        caption: '*Замки* 🔒',
        parse_mode: 'MarkdownV2',
        reply_markup: new InlineKeyboard().text('More', 'more'),
      });
      assert.equal(sent.caption, 'Замки 🔒'); // UTF-8 survives multipart parsing
      const call = api.calls.find((c) => c.method === 'sendPhoto');
      assert.equal(call?.files.length, 1);
      assert.equal(call?.files[0]?.filename, 'lock.png');
      assert.equal(call?.files[0]?.size, 16);
      const [stored] = api.messagesTo(alice.id);
      assert.equal(stored?.kind, 'photo');
      assert.equal(stored?.plainText, 'Замки 🔒');
      assert.deepEqual(stored?.reply_markup, { inline_keyboard: [[{ text: 'More', callback_data: 'more' }]] });
      await assert.rejects(
        bot.api.sendPhoto(alice.id, new InputFile(Buffer.from('x')), { caption: 'x'.repeat(1025) }),
        isApiError(400, 'Bad Request: message caption is too long'),
      );
    }));

  test('setMyCommands is recorded per language and scope', () =>
    withBot(async ({ api, bot }) => {
      await bot.api.setMyCommands([{ command: 'start', description: 'Start' }]);
      await bot.api.setMyCommands([{ command: 'start', description: 'Начать' }], { language_code: 'ru' });
      assert.deepEqual(api.myCommands(), [{ command: 'start', description: 'Start' }]);
      assert.deepEqual(api.myCommands({ type: 'default' }, 'ru'), [{ command: 'start', description: 'Начать' }]);
      assert.deepEqual(await bot.api.getMyCommands({ language_code: 'ru' }), [{ command: 'start', description: 'Начать' }]);
      await assert.rejects(
        bot.api.setMyCommands([{ command: 'Start!', description: 'x' }]),
        isApiError(400, 'Bad Request: BOT_COMMAND_INVALID'),
      );
    }));

  test('close() answers a held long poll with an empty result', async () => {
    const api = await startFakeBotApi();
    const bot = new Bot('123:TEST', { client: { apiRoot: api.apiRoot } });
    const poll = bot.api.getUpdates({ timeout: 50 });
    await api.waitUntil(() => api.isPolling);
    await api.close();
    assert.deepEqual(await poll, []);
  });

  test('a wait that cannot be satisfied times out with the recent calls', () =>
    withBot(async ({ api, bot }) => {
      api.addUser(alice);
      await assert.rejects(bot.api.sendMessage(alice.id, 'oops.', { parse_mode: 'MarkdownV2' }));
      await assert.rejects(api.waitForMessages(alice.id, 1, 50), /Timed out.*\n.*sendMessage chat=1001 "oops\." → 400/s);
    }));
});

describe('fake Bot API: inline queries', () => {
  const article = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
    type: 'article' as const,
    id,
    title: 'A lesson',
    input_message_content: { message_text: text, parse_mode: 'MarkdownV2' as const },
    ...extra,
  });

  test('a valid answer is accepted once, and the test sees its results', () =>
    withBot(async ({ api, bot, startPolling }) => {
      bot.on('inline_query', (ctx) =>
        ctx.answerInlineQuery([article('a', '*Stay* safe\\.', { reply_markup: { inline_keyboard: [[{ text: 'Open', url: 'https://t.me/x?start=abc' }]] } })], { next_offset: '5' }),
      );
      await startPolling();
      const answer = await api.inlineQuery(alice, 'calls');
      assert.equal(answer.results.length, 1);
      assert.equal(answer.next_offset, '5');
    }));

  test('results Telegram would refuse are refused: MarkdownV2, ids, duplicates, next_offset, buttons', () =>
    withBot(async ({ api, bot }) => {
      const refused = async (results: unknown[], options: Record<string, unknown>, description: RegExp) => {
        const update = api.sendInlineQuery(alice, 'q');
        await assert.rejects(bot.api.answerInlineQuery(update.inline_query!.id, results as never, options), isApiError(400, description));
      };
      await refused([article('a', 'Stay safe.')], {}, /can't parse entities/);
      await refused([article('x'.repeat(65), 'ok')], {}, /RESULT_ID_INVALID/);
      await refused([article('a', 'ok'), article('a', 'ok')], {}, /RESULT_ID_DUPLICATE/);
      await refused([article('a', 'ok')], { next_offset: 'n'.repeat(65) }, /NEXT_OFFSET_INVALID/);
      await refused([article('a', 'ok', { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'd'.repeat(65) }]] } })], {}, /BUTTON_DATA_INVALID/);
      await refused([article('a', 'ok', { reply_markup: { inline_keyboard: [[{ text: 'x', url: 'javascript:alert(1)' }]] } })], {}, /Unsupported URL protocol/);
      await refused([article('a', 'x'.repeat(4097))], {}, /message is too long/);
    }));
});
