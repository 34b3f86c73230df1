// npm run bench:daily — the lesson of the day for 10,000 subscribers through
// `npm run daily` (a process of its own, as cron would run it):
//   1. against the validating fake Bot API limited to 1,000 messages/s:
//      rate achieved as a fraction of the limit, 429s, duplicates, peak RSS;
//   2. against the same fake with no limit (its TDLib check bounds the rate);
//   3. against a stub that answers at once: the sender's own ceiling.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DailyStore } from '../src/storage/daily-store.ts';
import { openDatabase } from '../src/storage/database.ts';
import { Store } from '../src/storage/store.ts';
import { logLine, runDaily } from '../test/helpers/daily-process.ts';
import { startFakeBotApi } from '../test/helpers/fake-bot-api.ts';
import { makeTempDir, removeDir } from '../test/helpers/temp.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const LIMIT = 1000;
const FIRST_ID = 1_000_000;
const LESSONS = new URL('../lessons', import.meta.url).pathname;

async function seed(dbPath: string, addUser: (id: number) => void): Promise<void> {
  const db = openDatabase(dbPath);
  const daily = new DailyStore(db);
  const store = new Store(db);
  db.transaction(() => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      addUser(FIRST_ID + i);
      store.setLanguage(FIRST_ID + i, ['en', 'es', 'fr', 'ru'][i % 4]!);
      daily.subscribe(FIRST_ID + i, 8, 'UTC');
    }
  })();
  db.close();
}

async function daily(dbPath: string, apiRoot: string, token: string, env: Record<string, string>) {
  const run = runDaily({ BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, DATABASE_PATH: dbPath, LESSONS_DIR: LESSONS, PARASOL_NOW: '2026-11-23T09:00:00Z', DAILY_CONCURRENCY: '16', ...env });
  const code = await run.exited;
  if (code !== 0) throw new Error(`npm run daily exited with ${code}:\n${run.output()}`);
  const check = openDatabase(dbPath);
  const states = Object.fromEntries((check.prepare('SELECT state, count(*) AS n FROM deliveries GROUP BY state').all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
  check.close();
  return { summary: logLine(run.output(), 'daily: finished')!, states };
}

async function againstFake(limit: number | false, env: Record<string, string>) {
  const api = await startFakeBotApi();
  const dir = await makeTempDir('parasol-bench-daily-');
  try {
    const dbPath = join(dir, 'parasol.sqlite');
    await seed(dbPath, (id) => api.addUser({ id, first_name: 'x' }));
    api.rateLimit(limit === false ? false : { perSecond: limit, burst: limit / 10 });
    const { summary } = await daily(dbPath, api.apiRoot, api.token, env);
    const sends = api.calls.filter((c) => c.method === 'sendMessage' && c.ok);
    const perUser = new Map<number, number>();
    for (const c of sends) perUser.set(c.chatId!, (perUser.get(c.chatId!) ?? 0) + 1);
    const seconds = (sends[sends.length - 1]!.at - sends[0]!.at) / 1000;
    return {
      sent: sends.length,
      seconds,
      rate: (sends.length - 1) / seconds,
      tooMany: api.stats.tooManyRequests,
      duplicates: [...perUser.values()].filter((n) => n > 1).length,
      missing: SUBSCRIBERS - perUser.size,
      rssMb: summary.maxRssMb,
    };
  } finally {
    await api.close();
    await removeDir(dir);
  }
}

async function againstStub() {
  const stub = spawn(process.execPath, [new URL('./bot-api-stub.mjs', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => stub.stdout.once('data', (data) => resolve(String(data).trim())));
  const dir = await makeTempDir('parasol-bench-daily-');
  try {
    const dbPath = join(dir, 'parasol.sqlite');
    await seed(dbPath, () => undefined);
    const { summary, states } = await daily(dbPath, `http://127.0.0.1:${port}`, '1:stub', { DAILY_RATE: '0' });
    return { rate: summary.sent! / summary.seconds!, seconds: summary.seconds!, states, rssMb: summary.maxRssMb };
  } finally {
    stub.kill('SIGTERM');
    await removeDir(dir);
  }
}

const limited = await againstFake(LIMIT, { DAILY_RATE: String(LIMIT) });
console.log(
  `limited to ${LIMIT} msg/s: ${limited.sent} sent in ${limited.seconds.toFixed(2)} s = ${limited.rate.toFixed(0)} msg/s, ${(limited.rate / LIMIT).toFixed(3)} of the limit (target ≥ 0.95); 429s: ${limited.tooMany}; duplicates: ${limited.duplicates}; missing: ${limited.missing}; peak RSS of npm run daily: ${limited.rssMb} MB`,
);
const open = await againstFake(false, { DAILY_RATE: '0' });
console.log(`no limit, validating fake Bot API: ${open.sent} sent in ${open.seconds.toFixed(2)} s = ${open.rate.toFixed(0)} msg/s (the fake server checks every message with TDLib); duplicates: ${open.duplicates}; missing: ${open.missing}`);
const ceiling = await againstStub();
console.log(`no limit, Bot API stub answering at once: ceiling ${ceiling.rate.toFixed(0)} msg/s (target ≥ 2000) in ${ceiling.seconds.toFixed(2)} s; ledger ${JSON.stringify(ceiling.states)}; peak RSS ${ceiling.rssMb} MB`);
