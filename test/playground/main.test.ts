// `npm start` without BOT_TOKEN, without a browser: the real bot process runs
// against the embedded simulated Telegram and the playground answers.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import type { ChatItem, ChatState, PlaygroundUser } from '../../src/playground/playground.ts';
import { startBot, type BotProcess, stopBot } from '../helpers/bot-process.ts';
import { eventually } from '../helpers/eventually.ts';
import { makeTempDir, removeDir } from '../helpers/temp.ts';

describe('PLAYGROUND_PORT', () => {
  it('defaults to 8080, accepts 0 (a free port), refuses anything else', () => {
    assert.equal(loadConfig({}, { requireToken: false }).playgroundPort, 8080);
    assert.equal(loadConfig({ PLAYGROUND_PORT: '0' }, { requireToken: false }).playgroundPort, 0);
    assert.equal(loadConfig({ PLAYGROUND_PORT: '9000' }, { requireToken: false }).playgroundPort, 9000);
    for (const bad of ['abc', '65536', '-1', '80.5']) {
      assert.throws(() => loadConfig({ PLAYGROUND_PORT: bad }, { requireToken: false }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PLAYGROUND_PORT must be a port number from 0 to 65535/);
        return true;
      });
    }
  });
});

describe('npm start without BOT_TOKEN', () => {
  let dir: string;
  let bot: BotProcess;
  let url: string;
  before(async () => {
    dir = await makeTempDir('parasol-playground-');
    bot = startBot({ PLAYGROUND_PORT: '0', DATABASE_PATH: join(dir, 'parasol.sqlite'), LOG_LEVEL: 'warn' });
    await eventually(() => /open http:\/\/127\.0\.0\.1:\d+ /.test(bot.output()), 30_000, 'the playground banner');
    url = /open (http:\/\/127\.0\.0\.1:\d+) /.exec(bot.output())![1]!;
  });
  after(async () => {
    await stopBot(bot);
    await removeDir(dir);
  });

  it('says it is the playground and how to run for real', () => {
    const output = bot.output();
    assert.match(output, /Parasol playground: open http:\/\/127\.0\.0\.1:\d+ — no BOT_TOKEN set, so this runs against a local simulated Telegram\./);
    assert.match(output, /To run for real: BOT_TOKEN=… npm start/);
  });

  it('serves the page and lets a simulated user take a lesson', async () => {
    assert.equal((await fetch(url)).status, 200);
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const user = (await (await post('/api/users', { language_code: 'es' })).json()) as PlaygroundUser;
    await post('/api/send', { user: user.id, text: '/lesson calls' });
    let chat: ChatState | undefined;
    let version = -1;
    const deadline = Date.now() + 15_000;
    for (;;) {
      chat = (await (await fetch(`${url}/api/chat?user=${user.id}${version < 0 ? '' : `&after=${version}`}`)).json()) as ChatState;
      if (chat.items.some((i) => i.kind === 'bot')) break;
      assert.ok(Date.now() < deadline, 'no reply in time');
      version = chat.version;
    }
    const lesson = chat.items.find((i): i is Extract<ChatItem, { kind: 'bot' }> => i.kind === 'bot')!;
    assert.match(lesson.text, /^Llamadas seguras/);
    assert.ok(lesson.entities.some((e) => e.type === 'bold' && e.offset === 0), 'the title is bold');
    assert.ok(lesson.keyboard?.flat().some((b) => b.url?.startsWith('https://')), 'link buttons');
    assert.ok(chat.commands.some((c) => c.command === 'lesson'), 'the command menu is set');
    assert.equal(chat.items.some((i) => i.kind === 'refused'), false);
  });

  it('says clearly when PLAYGROUND_PORT is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const second = startBot({ PLAYGROUND_PORT: String(port), DATABASE_PATH: join(dir, 'second.sqlite'), LOG_LEVEL: 'warn' });
      assert.equal(await second.exited, 1);
      assert.match(second.output(), new RegExp(`PLAYGROUND_PORT ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });
});
