// Webhook mode: the real bot process serves updates over HTTP; the test posts
// them itself, as Telegram would, with a missing, wrong or right secret.
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Update } from 'grammy/types';
import { startBot, type BotProcess, stopBot } from '../helpers/bot-process.ts';
import { eventually } from '../helpers/eventually.ts';
import { type FakeBotApi, type FakeUser, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;
const SECRET = 'webhook-test-secret_0123456789';
const PUBLIC_URL = 'https://bot.example.org/telegram-hook';

describe('webhook mode', () => {
  let api: FakeBotApi;
  let dir: string;
  let env: Record<string, string>;
  let bot: BotProcess;
  let port: number;

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/telegram-hook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const postUpdate = (update: Update, secret?: string) => post(JSON.stringify(update), secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret });
  const userRows = (id: number) => {
    const db = new Database(env.DATABASE_PATH!, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM users WHERE id = ?').get(id) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  before(async () => {
    api = await startFakeBotApi();
    dir = await makeTempDir();
    await cp(LESSONS, join(dir, 'lessons'), { recursive: true });
    env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
      LESSONS_DIR: join(dir, 'lessons'),
      WEBHOOK_URL: PUBLIC_URL,
      WEBHOOK_SECRET: SECRET,
    };
    bot = startBot(env);
    port = await bot.httpPort();
    await api.waitFor((call) => call.method === 'setWebhook', 30_000);
  });

  after(async () => {
    await stopBot(bot);
    await api.close();
    await removeDir(dir);
  });

  it('registers the webhook with its secret and the updates it handles, and does not poll', async () => {
    const call = api.calls.find((c) => c.method === 'setWebhook')!;
    assert.equal(call.payload.url, PUBLIC_URL);
    assert.equal(call.payload.secret_token, SECRET);
    assert.deepEqual(call.payload.allowed_updates, ['message', 'callback_query', 'my_chat_member', 'inline_query']);
    assert.equal(api.calls.filter((c) => c.method === 'getUpdates').length, 0);
    await eventually(() => /Parasol is running \(webhook\)/.test(bot.output()), 10_000, 'the start-up log line');
  });

  it('refuses requests with a missing or wrong secret (401) and processes nothing of them', async () => {
    const mallory: FakeUser = { id: 2001, first_name: 'Mallory', language_code: 'en' };
    const before = api.mark();
    const missing = await postUpdate(api.sendText(mallory, '/lesson calls'));
    assert.equal(missing.status, 401);
    const wrong = await postUpdate(api.sendText(mallory, '/lesson calls'), 'not-the-secret');
    assert.equal(wrong.status, 401);
    const almost = await postUpdate(api.sendText(mallory, '/lesson calls'), SECRET.slice(0, -1));
    assert.equal(almost.status, 401);
    // A valid update sent afterwards is answered: had the refused ones been processed, their replies would be there too.
    const trent: FakeUser = { id: 2002, first_name: 'Trent', language_code: 'en' };
    assert.equal((await postUpdate(api.sendText(trent, '/lesson calls'), SECRET)).status, 200);
    await api.waitForMessages(trent.id, 1, 10_000, before);
    assert.equal(api.messagesTo(mallory.id).length, 0, 'no reply to a refused update');
    assert.equal(api.calls.slice(before).filter((c) => c.chatId === mallory.id).length, 0, 'no API call about a refused update');
    assert.equal(userRows(mallory.id), 0, 'nothing stored about a refused update');
  });

  it('processes a valid update and answers Telegram once it is handled', async () => {
    const ana: FakeUser = { id: 2003, first_name: 'Ana', language_code: 'es' };
    const response = await postUpdate(api.sendText(ana, '/lesson calls'), SECRET);
    assert.equal(response.status, 200);
    // The reply was sent while the request was open: it is already there.
    const [lesson] = api.messagesTo(ana.id);
    assert.match(lesson!.plainText, /^Llamadas seguras/);
    assert.equal(userRows(ana.id), 1, 'progress stored');
  });

  it('answers garbage with 4xx and keeps serving', async () => {
    const auth = { 'X-Telegram-Bot-Api-Secret-Token': SECRET };
    assert.equal((await post('{not json', auth)).status, 400);
    assert.equal((await post('null', auth)).status, 400);
    assert.equal((await post('[1,2]', auth)).status, 400);
    assert.equal((await post('{"update_id":"x","message":{}}', auth)).status, 400);
    assert.equal((await post('{"update_id":5}', auth)).status, 400);
    assert.equal((await post('x'.repeat(2_000_000), auth)).status, 413);
    assert.equal((await fetch(`http://127.0.0.1:${port}/telegram-hook`)).status, 405);
    assert.equal((await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: 'POST', headers: auth, body: '{}' })).status, 404);
    // A well-formed update with nothing the bot expects in it is handled (ignored), not a crash.
    assert.equal((await post(JSON.stringify({ update_id: 999_999, message: { message_id: 1 } }), auth)).status, 200);

    const bo: FakeUser = { id: 2004, first_name: 'Bo', language_code: 'en' };
    assert.equal((await postUpdate(api.sendText(bo, '/help'), SECRET)).status, 200);
    assert.equal(api.messagesTo(bo.id).length, 1);
    assert.equal(bot.child.exitCode, null, 'still running');
  });

  it('reports its health on /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.ok, true);
    assert.equal(body.database, 'ok');
    assert.equal(body.telegram, 'ok');
    assert.equal(body.mode, 'webhook');
  });

  it('never logs the secret, the token, texts or names', () => {
    const output = bot.output();
    for (const secret of [SECRET, api.token, 'Mallory', 'Ana', 'Llamadas']) assert.ok(!output.includes(secret), `log contains "${secret}"`);
  });

  it('answers a slow update within 8 s, goes on handling it, and a stop waits for it', async () => {
    const sam: FakeUser = { id: 2006, first_name: 'Sam', language_code: 'en' };
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 10', parameters: { retry_after: 10 } });
    const started = Date.now();
    const response = await postUpdate(api.sendText(sam, '/lesson calls'), SECRET);
    const answeredAfter = Date.now() - started;
    assert.equal(response.status, 200);
    assert.ok(answeredAfter >= 7_000 && answeredAfter < 9_500, `answered after ${answeredAfter} ms`);
    assert.equal(api.messagesTo(sam.id).length, 0, 'still waiting out the 429');
    assert.equal(await bot.stop('SIGTERM'), 0, bot.output());
    assert.match(api.messagesTo(sam.id)[0]!.plainText, /^Making secure calls/, 'sent before the process exited');
    assert.equal(userRows(sam.id), 1, 'its progress saved before the database closed');
  });

  it('stops cleanly, and back in polling mode removes the webhook first', async () => {
    assert.equal(await bot.stop('SIGTERM'), 0, bot.output());
    assert.match(bot.output(), /"msg":"stopped"/);
    const { WEBHOOK_URL: _url, WEBHOOK_SECRET: _secret, ...pollingEnv } = env;
    bot = startBot(pollingEnv);
    await api.waitUntil(() => api.isPolling, 30_000);
    assert.ok(api.calls.some((c) => c.method === 'deleteWebhook'));
    const cy: FakeUser = { id: 2005, first_name: 'Cy', language_code: 'en' };
    const [reply] = await api.say(cy, '/help');
    assert.ok(reply);
  });
});
