// The lesson of the day with a set clock, real SQLite files and the fake Bot
// API over HTTP: who gets what, when, and exactly once.
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createDailySender } from '../../src/bot/daily-sender.ts';
import { createI18n, translator } from '../../src/bot/i18n.ts';
import { loadLibrary } from '../../src/content/library.ts';
import type { Catalog } from '../../src/content/catalog.ts';
import { ManualClock } from '../../src/scheduling/clock.ts';
import { dispatch, type DispatchOptions } from '../../src/scheduling/dispatcher.ts';
import { planDue } from '../../src/scheduling/planner.ts';
import { DailyStore } from '../../src/storage/daily-store.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { Store } from '../../src/storage/store.ts';
import { type FakeBotApi, startFakeBotApi } from '../helpers/fake-bot-api.ts';
import { makeTempDir, removeDir, writeTree } from '../helpers/temp.ts';

const LESSONS = new URL('../../lessons', import.meta.url).pathname;
const i18n = createI18n('en');

describe('the lesson of the day', () => {
  let api: FakeBotApi;
  let dir: string;
  let catalog: Catalog;
  let db: Db;
  let dbPath: string;
  let clock: ManualClock;
  let run = 0;

  before(async () => {
    api = await startFakeBotApi();
    dir = await makeTempDir();
    await cp(LESSONS, join(dir, 'lessons'), { recursive: true });
    await writeTree(join(dir, 'lessons'), {
      'passwords/en.md': '---\ntitle: Passwords\nindex: 1\n---\nUse a password manager.\n',
      'passwords/es.md': '---\ntitle: Contraseñas\nindex: 1\n---\nUse un gestor de contraseñas.\n',
    });
    catalog = (await loadLibrary(join(dir, 'lessons'))).catalog;
  });
  after(async () => {
    await api.close();
    await removeDir(dir);
  });
  beforeEach(() => {
    dbPath = join(dir, `daily-${run++}.sqlite`);
    db = openDatabase(dbPath);
    clock = new ManualClock(Date.parse('2026-11-23T00:00:00Z'));
  });

  const options = (database: Db, overrides: Partial<DispatchOptions> = {}): DispatchOptions => {
    const store = new Store(database);
    return {
      daily: new DailyStore(database),
      store,
      catalog,
      defaultLanguage: 'en',
      send: createDailySender({ token: api.token, apiRoot: api.apiRoot, catalog: () => catalog, translate: (lang) => translator(i18n, lang) }),
      clock,
      log: () => undefined,
      rate: 0,
      concurrency: 4,
      ...overrides,
    };
  };

  const subscribe = (id: number, zone: string, hour: number, language: string) => {
    api.addUser({ id, first_name: `U${id}`, language_code: language });
    new Store(db).setLanguage(id, language);
    new DailyStore(db).subscribe(id, hour, zone);
  };

  /** Every successful sendMessage to a chat, with the (set) time it was sent at. */
  const sentTo = (chatId: number) => api.calls.filter((c) => c.method === 'sendMessage' && c.ok && c.chatId === chatId);

  it('sends each subscriber one lesson on each of their days, at their hour in their zone, none before', async () => {
    const base = 10_000;
    subscribe(base + 1, 'UTC', 9, 'en');
    subscribe(base + 2, 'Asia/Tehran', 8, 'fa');
    subscribe(base + 3, 'America/Bogota', 7, 'es');
    subscribe(base + 4, 'Asia/Taipei', 20, 'zh-Hant');
    subscribe(base + 5, 'Pacific/Kiritimati', 0, 'en');
    subscribe(base + 6, 'UTC', 0, 'en');
    new DailyStore(db).unsubscribe(base + 6);

    const sentAt = new Map<number, string[]>();
    const seen = new Map<number, number>();
    for (let tick = 0; tick < 96; tick++) {
      const now = clock.now();
      planDue(options(db), now);
      await dispatch(options(db));
      for (let id = base + 1; id <= base + 6; id++) {
        const count = sentTo(id).length;
        for (let k = seen.get(id) ?? 0; k < count; k++) sentAt.set(id, [...(sentAt.get(id) ?? []), new Date(now).toISOString().slice(11, 16)]);
        seen.set(id, count);
      }
      clock.advance(15 * 60_000);
    }
    // Worked out by hand from each zone's offset on 23 November 2026.
    assert.deepEqual(Object.fromEntries(sentAt), {
      [base + 1]: ['09:00'], // UTC 09:00
      [base + 2]: ['04:30'], // Tehran is UTC+3:30: 08:00 local
      [base + 3]: ['00:00', '12:00'], // Bogota UTC-5: still the 22nd (19:00 local), then 07:00 local on the 23rd
      [base + 4]: ['12:00'], // Taipei UTC+8: 20:00 local
      [base + 5]: ['00:00', '10:00'], // Kiritimati UTC+14: the 23rd (hour 0 passed), then the 24th begins at 10:00 UTC
    });
    // In the learner's language, their next unfinished lesson in catalog order.
    const bogota = sentTo(base + 3).map((c) => String(c.payload.text));
    assert.match(bogota[0]!, /^\*Contraseñas\*/);
    assert.match(bogota[1]!, /^\*Llamadas seguras\*/);
    const persian = sentTo(base + 2).map((c) => String(c.payload.text));
    assert.match(persian[0]!, /^\*Passwords\*/, 'no Persian version: the default language');
  });

  it('sends each lesson once when two dispatchers run at the same time', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => 20_000 + i);
    for (const id of ids) subscribe(id, 'Europe/Paris', 0, 'en');
    clock.set('2026-11-23T08:00:00Z');
    const first = openDatabase(dbPath);
    const second = openDatabase(dbPath);
    planDue(options(first), clock.now());
    planDue(options(second), clock.now());
    const [a, b] = await Promise.all([dispatch(options(first)), dispatch(options(second))]);
    assert.equal(a.sent + b.sent, 200);
    assert.ok(a.sent > 0 && b.sent > 0, `both dispatchers worked (${a.sent} + ${b.sent})`);
    for (const id of ids) assert.equal(sentTo(id).length, 1, `user ${id}`);
    // Running again changes nothing.
    planDue(options(first), clock.now());
    const again = await dispatch(options(first));
    assert.equal(again.sent, 0);
    first.close();
    second.close();
  });

  it('unsubscribes a user who blocked the bot, pauses on 429, retries server errors later', async () => {
    subscribe(30_001, 'UTC', 0, 'en');
    subscribe(30_002, 'UTC', 0, 'en');
    subscribe(30_003, 'UTC', 0, 'en');
    api.blockUser(30_003);
    clock.set('2026-11-23T06:00:00Z');
    planDue(options(db), clock.now());
    api.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    api.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const started = performance.now();
    const summary = await dispatch(options(db, { concurrency: 1, retryDelayMs: 60_000 }));
    assert.equal(summary.rateLimited, 1);
    assert.ok(performance.now() - started >= 900, 'waited for retry_after');
    assert.equal(summary.blocked, 1);
    assert.equal(new DailyStore(db).subscription(30_003), undefined);
    assert.equal(new Store(db).user(30_003)?.active, 0);
    assert.equal(summary.retried, 1, 'the 500 is retried later, not now');
    assert.equal(sentTo(30_001).length + sentTo(30_002).length, 1);
    clock.advance(61_000);
    const later = await dispatch(options(db));
    assert.equal(later.sent, 1);
    assert.equal(sentTo(30_001).length, 1);
    assert.equal(sentTo(30_002).length, 1);
    api.unblockUser(30_003);
  });

  it('gives up on a delivery after a few server errors', async () => {
    subscribe(40_001, 'UTC', 0, 'en');
    clock.set('2026-11-23T06:00:00Z');
    planDue(options(db), clock.now());
    api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 3);
    for (let attempt = 0; attempt < 4; attempt++) {
      await dispatch(options(db, { retryDelayMs: 1000, maxAttempts: 3 }));
      clock.advance(1001);
    }
    assert.equal(sentTo(40_001).length, 0);
    const row = db.prepare('SELECT state, attempts FROM deliveries WHERE user_id = ?').get(40_001) as { state: string; attempts: number };
    assert.deepEqual({ ...row }, { state: 'failed', attempts: 3 });
  });
});
