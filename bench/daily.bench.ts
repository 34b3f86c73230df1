// npm run bench:daily — the lesson of the day for 10,000 subscribers through
// `npm run daily` against the fake Bot API: first limited to 1,000 messages/s
// (rate achieved as a fraction of the limit, 429s, duplicates, peak RSS),
// then unlimited (the sender's own ceiling).
import { join } from 'node:path';
import { DailyStore } from '../src/storage/daily-store.ts';
import { openDatabase } from '../src/storage/database.ts';
import { Store } from '../src/storage/store.ts';
import { logLine, runDaily } from '../test/helpers/daily-process.ts';
import { startFakeBotApi } from '../test/helpers/fake-bot-api.ts';
import { makeTempDir, removeDir } from '../test/helpers/temp.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const LIMIT = 1000;
const LESSONS = new URL('../lessons', import.meta.url).pathname;

async function round(label: string, limit: number | false, env: Record<string, string>) {
  const api = await startFakeBotApi();
  const dir = await makeTempDir('parasol-bench-daily-');
  try {
    const dbPath = join(dir, 'parasol.sqlite');
    const db = openDatabase(dbPath);
    const daily = new DailyStore(db);
    const store = new Store(db);
    db.transaction(() => {
      for (let i = 0; i < SUBSCRIBERS; i++) {
        const id = 1_000_000 + i;
        api.addUser({ id, first_name: 'x' });
        store.setLanguage(id, ['en', 'es', 'fr', 'ru'][i % 4]!);
        daily.subscribe(id, 8, 'UTC');
      }
    })();
    db.close();
    api.rateLimit(limit === false ? false : { perSecond: limit, burst: limit / 10 });

    const run = runDaily({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, LESSONS_DIR: LESSONS, PARASOL_NOW: '2026-11-23T09:00:00Z', ...env });
    const code = await run.exited;
    if (code !== 0) throw new Error(`npm run daily exited with ${code}:\n${run.output()}`);

    const sends = api.calls.filter((c) => c.method === 'sendMessage' && c.ok);
    const perUser = new Map<number, number>();
    for (const c of sends) perUser.set(c.chatId!, (perUser.get(c.chatId!) ?? 0) + 1);
    const duplicates = [...perUser.values()].filter((n) => n > 1).length;
    const missing = SUBSCRIBERS - perUser.size;
    const seconds = (sends[sends.length - 1]!.at - sends[0]!.at) / 1000;
    const rate = (sends.length - 1) / seconds;
    const summary = logLine(run.output(), 'daily: finished');
    return { label, sent: sends.length, seconds, rate, tooMany: api.stats.tooManyRequests, duplicates, missing, rssMb: summary?.maxRssMb };
  } finally {
    await api.close();
    await removeDir(dir);
  }
}

const limited = await round('limited', LIMIT, { DAILY_RATE: String(LIMIT), DAILY_CONCURRENCY: '16' });
console.log(
  `limited to ${LIMIT} msg/s: ${limited.sent} sent in ${limited.seconds.toFixed(2)} s, ${limited.rate.toFixed(0)} msg/s = ${(limited.rate / LIMIT).toFixed(3)} of the limit (target ≥ 0.95); 429s: ${limited.tooMany}; duplicates: ${limited.duplicates}; missing: ${limited.missing}; peak RSS of npm run daily: ${limited.rssMb} MB`,
);
const open = await round('unlimited', false, { DAILY_RATE: '0', DAILY_CONCURRENCY: '16' });
console.log(
  `no limit: ${open.sent} sent in ${open.seconds.toFixed(2)} s, ceiling ${open.rate.toFixed(0)} msg/s (target ≥ 2000); duplicates: ${open.duplicates}; missing: ${open.missing}; peak RSS: ${open.rssMb} MB`,
);
