// kill -9 in the middle of the day's dispatch, then run it again: every
// subscriber has exactly one lesson, as the fake Bot API's log shows.
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { DailyStore } from '../../src/storage/daily-store.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { Store } from '../../src/storage/store.ts';
import { runDaily } from '../helpers/daily-process.ts';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;
const SUBSCRIBERS = 1000;
const KILL_AFTER = 300;
const CONCURRENCY = 8;

/**
 * Relays requests to the fake Bot API. After `killAfter` answered sends it
 * stops relaying answers: the dispatcher's requests in flight have reached
 * the server (the messages exist) but their answers never come back, which
 * is the case a crash must not turn into a duplicate. Then it calls `onHold`.
 */
function answerWithholdingProxy(target: string, killAfter: number, onHold: (held: number) => void): Promise<{ server: Server; url: string; held: () => number }> {
  let answered = 0;
  let held = 0;
  let fired = false;
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const upstream = request(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      const isSend = /\/sendMessage$/.test(incoming.url ?? '');
      if (isSend && answered >= killAfter) {
        held++;
        answer.resume();
        if (!fired && held >= 1) {
          fired = true;
          // Give the other workers a moment to put their requests in flight too.
          setTimeout(() => onHold(held), 150);
        }
        return;
      }
      if (isSend) answered++;
      response.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(response);
    });
    incoming.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held: () => held })),
  );
}

let api: FakeBotApi;
let dir: string;
before(async () => {
  api = await startFakeBotApi();
  dir = await makeTempDir();
});
after(async () => {
  await api.close();
  await removeDir(dir);
});

it('survives kill -9 mid-way: each of 1,000 subscribers gets exactly one lesson', async () => {
  const dbPath = join(dir, 'parasol.sqlite');
  const db = openDatabase(dbPath);
  const daily = new DailyStore(db);
  const store = new Store(db);
  const languages = ['en', 'es', 'fr', 'ru'];
  db.transaction(() => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const id = 50_000 + i;
      api.addUser({ id, first_name: `S${i}` });
      store.setLanguage(id, languages[i % languages.length]!);
      daily.subscribe(id, 8, i % 2 ? 'Europe/Madrid' : 'Asia/Tehran');
    }
  })();
  db.close();

  const env = {
    BOT_TOKEN: api.token,
    DATABASE_PATH: dbPath,
    LESSONS_DIR: LESSONS,
    PARASOL_NOW: '2026-11-23T10:00:00Z',
    DAILY_RATE: '0',
    DAILY_CONCURRENCY: String(CONCURRENCY),
  };

  let first: ReturnType<typeof runDaily> | undefined;
  const proxy = await answerWithholdingProxy(api.apiRoot, KILL_AFTER, () => first!.child.kill('SIGKILL'));
  first = runDaily({ ...env, TELEGRAM_API_ROOT: proxy.url });
  assert.equal(await first.exited, 'SIGKILL', first.output());
  proxy.server.closeAllConnections();
  proxy.server.close();

  const deliveredBeforeRestart = api.calls.filter((c) => c.method === 'sendMessage' && c.ok).length;
  assert.ok(deliveredBeforeRestart > KILL_AFTER && deliveredBeforeRestart < SUBSCRIBERS, `killed mid-way (${deliveredBeforeRestart} sent)`);

  const second = runDaily({ ...env, TELEGRAM_API_ROOT: api.apiRoot });
  assert.equal(await second.exited, 0, second.output());

  const perUser = new Map<number, number>();
  for (const call of api.calls) if (call.method === 'sendMessage' && call.ok) perUser.set(call.chatId!, (perUser.get(call.chatId!) ?? 0) + 1);
  const counts = Array.from({ length: SUBSCRIBERS }, (_, i) => perUser.get(50_000 + i) ?? 0);
  assert.deepEqual(
    counts.map((n, i) => [50_000 + i, n]).filter(([, n]) => n !== 1),
    [],
    'subscribers without exactly one lesson',
  );

  const check = openDatabase(dbPath);
  const states = Object.fromEntries((check.prepare('SELECT state, count(*) AS n FROM deliveries GROUP BY state').all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
  check.close();
  // The sends whose answers were lost in the crash (and any whose confirmation
  // was not yet written) are recorded as uncertain, not sent again.
  assert.equal((states.sent ?? 0) + (states.uncertain ?? 0), SUBSCRIBERS, JSON.stringify(states));
  assert.ok(states.uncertain! >= proxy.held(), JSON.stringify(states));
  assert.ok(proxy.held() >= 1 && proxy.held() <= CONCURRENCY);
});
