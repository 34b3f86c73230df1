// The playground's HTTP API, without a browser: a grammY bot runs against the
// simulated Telegram, and the test acts as the page would.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Bot, InputFile } from 'grammy';
import { type FakeBotApi, startFakeBotApi } from '../../src/playground/fake-bot-api.ts';
import type { ChatItem, ChatState, PlaygroundUser } from '../../src/playground/playground.ts';
import { Playground } from '../../src/playground/playground.ts';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/playground/server.ts';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function demoBot(api: FakeBotApi): Bot {
  const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
  bot.command('start', (ctx) => ctx.reply('Welcome!'));
  bot.hears('hello', (ctx) =>
    ctx.reply('*Hello* _there_, ||secret|| and [a link](https://example.org/)\n>quoted', {
      parse_mode: 'MarkdownV2',
      reply_markup: {
        inline_keyboard: [[{ text: 'Site', url: 'https://example.org/' }], [{ text: 'Again', callback_data: 'again' }]],
      },
    }),
  );
  bot.hears('bad', (ctx) => ctx.reply('Price: 5.00 *today', { parse_mode: 'MarkdownV2' }).catch(() => undefined));
  bot.hears('photo', (ctx) => ctx.replyWithPhoto(new InputFile(PNG, 'dot.png'), { caption: 'A *dot*', parse_mode: 'MarkdownV2' }));
  bot.callbackQuery('again', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Done' });
    await ctx.editMessageText('_Edited_', { parse_mode: 'MarkdownV2' });
  });
  return bot;
}

interface Harness {
  api: FakeBotApi;
  bot: Bot;
  server: PlaygroundServer;
  post: (path: string, body: unknown) => Promise<Response>;
  waitChat: (user: number, until: (chat: ChatState) => boolean) => Promise<ChatState>;
}

async function harness(markdownParser?: 'telegram' | 'builtin'): Promise<Harness> {
  const api = await startFakeBotApi({ keepFiles: true, ...(markdownParser ? { markdownParser } : {}) });
  const playground = new Playground(api, 'en');
  const server = await startPlaygroundServer(playground, { port: 0, validation: api.validation });
  const bot = demoBot(api);
  void bot.start({ drop_pending_updates: true });
  await api.waitUntil(() => api.isPolling);
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const waitChat = async (user: number, until: (chat: ChatState) => boolean) => {
    let version = -1;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const query = version < 0 ? '' : `&after=${version}`;
      const chat = (await (await fetch(`${server.url}/api/chat?user=${user}${query}`)).json()) as ChatState;
      if (until(chat)) return chat;
      if (Date.now() > deadline) assert.fail(`timed out; chat: ${JSON.stringify(chat.items)}`);
      version = chat.version;
    }
  };
  return { api, bot, server, post, waitChat };
}

async function stop(h: Harness): Promise<void> {
  await h.bot.stop();
  await h.server.close();
  await h.api.close();
}

const bots = (chat: ChatState) => chat.items.filter((i): i is Extract<ChatItem, { kind: 'bot' }> => i.kind === 'bot');

describe('playground HTTP API', () => {
  let h: Harness;
  let user: PlaygroundUser;
  before(async () => {
    h = await harness('telegram');
  });
  after(() => stop(h));

  it('serves the page with a strict content security policy, on 127.0.0.1 only', async () => {
    const page = await fetch(`${h.server.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await page.text();
    assert.match(html, /<script src="\/app.js"/);
    assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1)/, 'the page loads nothing from elsewhere');
    for (const asset of ['/app.js', '/app.css', '/favicon.svg']) assert.equal((await fetch(`${h.server.url}${asset}`)).status, 200, asset);
    assert.equal((await fetch(`${h.server.url}/../package.json`)).status, 404);
    assert.match(h.server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Another host name (DNS rebinding) is refused.
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = http.get(`${h.server.url}/api/info`, { headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    assert.equal(rebound, 421);
    // Posting needs JSON, which a cross-site form cannot send without a preflight.
    const form = await fetch(`${h.server.url}/api/users`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(form.status, 415);
  });

  it('creates simulated users and reports the bot and the languages', async () => {
    const created = await h.post('/api/users', { first_name: 'Rosa', language_code: 'es' });
    assert.equal(created.status, 201);
    user = (await created.json()) as PlaygroundUser;
    assert.equal(user.first_name, 'Rosa');
    assert.equal(user.language_code, 'es');
    const info = (await (await fetch(`${h.server.url}/api/info`)).json()) as {
      bot: { username: string };
      validation: string;
      languages: Array<{ code: string; name: string }>;
      users: PlaygroundUser[];
    };
    assert.equal(info.validation, 'telegram');
    assert.equal(info.bot.username, h.api.botUser.username);
    assert.deepEqual(info.users, [user]);
    assert.ok(info.languages.some((l) => l.code === 'es' && l.name === 'Español'));
    assert.ok(info.languages.some((l) => l.code === 'ar' && l.name === 'العربية'));
  });

  it('delivers a message and shows the reply with its entities and buttons', async () => {
    assert.equal((await h.post('/api/send', { user: user.id, text: 'hello' })).status, 200);
    const chat = await h.waitChat(user.id, (c) => bots(c).length >= 1);
    const mine = chat.items.find((i) => i.kind === 'user');
    assert.ok(mine && mine.kind === 'user' && mine.text === 'hello');
    const reply = bots(chat)[0]!;
    assert.equal(reply.text, 'Hello there, secret and a link\nquoted');
    const types = reply.entities.map((e) => `${e.type}@${e.offset}+${e.length}`).sort();
    assert.deepEqual(types, ['blockquote@31+6', 'bold@0+5', 'italic@6+5', 'spoiler@13+6', 'text_link@24+6'].sort());
    assert.equal(reply.entities.find((e) => e.type === 'text_link')?.url, 'https://example.org/');
    assert.deepEqual(reply.keyboard, [[{ text: 'Site', url: 'https://example.org/' }], [{ text: 'Again', callback_data: 'again' }]]);
  });

  it('taps a callback button: the answer is a notice and the message is edited in place', async () => {
    const before = bots(await h.waitChat(user.id, () => true));
    const message = before[0]!;
    assert.equal((await h.post('/api/press', { user: user.id, message_id: message.id, data: 'again' })).status, 200);
    const chat = await h.waitChat(user.id, (c) => bots(c)[0]?.edited === true && c.notices.length > 0);
    const edited = bots(chat)[0]!;
    assert.equal(edited.id, message.id);
    assert.equal(edited.text, 'Edited');
    assert.deepEqual(edited.entities, [{ type: 'italic', offset: 0, length: 6 }]);
    assert.equal(edited.keyboard, undefined, 'an edit without reply_markup removes the keyboard');
    assert.deepEqual(chat.notices.map((n) => n.text), ['Done']);
    assert.deepEqual(chat.pending, []);
    // The button is gone now.
    assert.equal((await h.post('/api/press', { user: user.id, message_id: message.id, data: 'again' })).status, 409);
  });

  it('shows a message Telegram refuses as refused, with Telegram\'s error text', async () => {
    await h.post('/api/send', { user: user.id, text: 'bad' });
    const chat = await h.waitChat(user.id, (c) => c.items.some((i) => i.kind === 'refused'));
    const refused = chat.items.find((i): i is Extract<ChatItem, { kind: 'refused' }> => i.kind === 'refused')!;
    assert.equal(refused.method, 'sendMessage');
    assert.match(refused.error, /^400 Bad Request: can't parse entities: Character '\.' is reserved/);
    assert.equal(refused.text, 'Price: 5.00 *today');
    assert.equal(refused.parse_mode, 'MarkdownV2');
  });

  it('shows photos the bot uploads', async () => {
    await h.post('/api/send', { user: user.id, text: 'photo' });
    const chat = await h.waitChat(user.id, (c) => bots(c).some((b) => b.photo));
    const photo = bots(chat).find((b) => b.photo)!;
    assert.equal(photo.text, 'A dot');
    assert.deepEqual(photo.entities, [{ type: 'bold', offset: 2, length: 3 }]);
    const image = await fetch(`${h.server.url}${photo.photo!.src}`);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), PNG);
  });

  it('changes the language the user\'s app reports and offers the commands in it', async () => {
    await h.bot.api.setMyCommands([{ command: 'lesson', description: 'Open a lesson' }]);
    await h.bot.api.setMyCommands([{ command: 'lesson', description: 'Abrir una lección' }], { language_code: 'es' });
    let chat = await h.waitChat(user.id, () => true);
    assert.deepEqual(chat.commands, [{ command: 'lesson', description: 'Abrir una lección' }]);
    const response = await h.post(`/api/users/${user.id}`, { language_code: 'fr' });
    assert.equal(((await response.json()) as PlaygroundUser).language_code, 'fr');
    chat = await h.waitChat(user.id, (c) => c.items.some((i) => i.kind === 'service'));
    assert.deepEqual(chat.commands, [{ command: 'lesson', description: 'Open a lesson' }]);
    assert.ok(chat.items.some((i) => i.kind === 'service' && i.language_code === 'fr'));
    // The next update carries the new language_code.
    await h.post('/api/send', { user: user.id, text: '/start' });
    await h.api.waitUntil(() => h.api.log.some((e) => e.dir === 'in' && e.update.message?.text === '/start'));
    const update = h.api.log.filter((e) => e.dir === 'in').at(-1);
    assert.equal(update?.dir === 'in' ? update.update.message?.from?.language_code : undefined, 'fr');
  });

  it('refuses what the page cannot do', async () => {
    assert.equal((await h.post('/api/send', { user: user.id, text: '   ' })).status, 400);
    assert.equal((await h.post('/api/send', { user: 999, text: 'hi' })).status, 404);
    assert.equal((await fetch(`${h.server.url}/api/chat?user=999`)).status, 404);
    assert.equal((await h.post(`/api/users/${user.id}`, { language_code: '<script>' })).status, 200);
    const chat = await h.waitChat(user.id, () => true);
    assert.equal(chat.user.language_code, 'fr', 'an invalid language code is ignored');
  });
});

describe('playground without TDLib (reduced checks)', () => {
  it('accepts what it cannot check, still shows formatting, and says checks are reduced', async () => {
    const h = await harness('builtin');
    try {
      const info = (await (await fetch(`${h.server.url}/api/info`)).json()) as { validation: string };
      assert.equal(info.validation, 'reduced');
      const user = (await (await h.post('/api/users', {})).json()) as PlaygroundUser;
      await h.post('/api/send', { user: user.id, text: 'hello' });
      let chat = await h.waitChat(user.id, (c) => bots(c).length >= 1);
      assert.equal(bots(chat)[0]!.text, 'Hello there, secret and a link\nquoted');
      assert.ok(bots(chat)[0]!.entities.some((e) => e.type === 'spoiler'));
      await h.post('/api/send', { user: user.id, text: 'bad' });
      chat = await h.waitChat(user.id, (c) => bots(c).length >= 2);
      assert.equal(chat.items.some((i) => i.kind === 'refused'), false);
      assert.equal(bots(chat)[1]!.text, 'Price: 5.00 today');
    } finally {
      await stop(h);
    }
  });
});
