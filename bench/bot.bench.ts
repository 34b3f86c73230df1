// npm run bench:bot — Parasol against a bare grammY echo bot, both as child
// processes talking to the same kind of fake Bot API (validation on, no rate
// limit). Each round injects `/lesson calls` from 1,000 new users at once (a
// burst, language_code en/es/fr/ru) and measures, per user, update enqueued →
// first successful sendMessage to that chat (p50, p99), and throughput =
// users / (first enqueue → last first reply). Rounds alternate between the two
// bots; the median of the rounds is reported.
// Env: BENCH_USERS (1000), BENCH_ROUNDS (3), BENCH_WARMUP (50).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseMarkdownV2 } from '../src/cli/telegram-check.ts';
import { startBot } from '../test/helpers/bot-process.ts';
import { type FakeBotApi, type FakeBotApiOptions, type FakeUser, startFakeBotApi } from '../test/helpers/fake-bot-api.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const LANGUAGES = ['en', 'es', 'fr', 'ru'];
const TEXT = '/lesson calls';
/** The same settings for both bots' servers. */
const SERVER: FakeBotApiOptions = { validate: true };

interface Proc {
  output: () => string;
  stop: () => Promise<number | string>;
}

interface Target {
  name: string;
  api: FakeBotApi;
  proc: Proc;
}

interface Round {
  users: number;
  p50: number;
  p99: number;
  throughput: number;
  failed: number;
}

/** The echo bot, run exactly like the real bot (node --import tsx). */
function startEcho(env: Record<string, string>): Proc {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/echo-bot.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function waitPolling(target: Target): Promise<void> {
  await target.api.waitUntil(() => target.api.isPolling, 60_000).catch((error: Error) => {
    throw new Error(`${target.name} did not start polling: ${error.message}\noutput:\n${target.proc.output()}`);
  });
}

let nextUserId = 1_000_000;

/** Enqueues `count` updates from new users at once; resolves when each got its first reply. */
async function burst(target: Target, count: number): Promise<Round> {
  const { api } = target;
  await waitPolling(target);
  const users: FakeUser[] = Array.from({ length: count }, (_, i) => ({
    id: nextUserId++,
    first_name: 'Bench',
    language_code: LANGUAGES[i % LANGUAGES.length]!,
  }));
  const enqueued = new Map<number, number>();
  const replied = new Map<number, number>();
  let failed = 0;
  let cursor = api.calls.length;
  const logFrom = api.log.length;

  for (const user of users) api.sendText(user, TEXT);
  for (let i = logFrom; i < api.log.length; i++) {
    const entry = api.log[i]!;
    if (entry.dir === 'in' && entry.chatId !== undefined) enqueued.set(entry.chatId, entry.at);
  }

  await api
    .waitUntil(() => {
      for (; cursor < api.calls.length; cursor++) {
        const call = api.calls[cursor]!;
        if (call.method !== 'sendMessage' || call.chatId === undefined || !enqueued.has(call.chatId)) continue;
        if (!call.ok) failed++;
        else if (!replied.has(call.chatId)) replied.set(call.chatId, call.at);
      }
      return replied.size >= count;
    }, 60_000)
    .catch((error: Error) => {
      throw new Error(`${target.name}: ${replied.size}/${count} users answered: ${error.message.split('\n')[0]}\noutput:\n${target.proc.output().slice(-2000)}`);
    });

  const latencies = users.map((u) => replied.get(u.id)! - enqueued.get(u.id)!).sort((a, b) => a - b);
  const first = Math.min(...enqueued.values());
  const last = Math.max(...replied.values());
  return {
    users: count,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    throughput: count / (Math.max(1, last - first) / 1000),
    failed,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarize(rounds: Round[]): Round {
  return {
    users: rounds[0]!.users,
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    throughput: median(rounds.map((r) => r.throughput)),
    failed: rounds.reduce((n, r) => n + r.failed, 0),
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (name: string, r: Round) =>
  `${name}: ${r.users} updates, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, throughput ${Math.round(r.throughput)} updates/s${r.failed ? `, ${r.failed} failed sendMessage calls` : ''}`;

/** Median time TDLib takes to parse each distinct MarkdownV2 text the bot sent, in µs. */
function tdlibCost(api: FakeBotApi): { perMessageUs: number; texts: number } | undefined {
  const texts = new Set<string>();
  for (const call of api.calls) {
    if (call.method === 'sendMessage' && call.ok && call.payload.parse_mode === 'MarkdownV2' && typeof call.payload.text === 'string') texts.add(call.payload.text);
  }
  if (texts.size === 0) return undefined;
  const samples: number[] = [];
  for (const text of texts) {
    const started = performance.now();
    for (let i = 0; i < 200; i++) parseMarkdownV2(text);
    samples.push(((performance.now() - started) / 200) * 1000);
  }
  return { perMessageUs: median(samples), texts: texts.size };
}

const started = performance.now();
const dir = await mkdtemp(join(tmpdir(), 'parasol-bench-'));
const targets: Target[] = [];
try {
  const parasolApi = await startFakeBotApi(SERVER);
  const echoApi = await startFakeBotApi(SERVER);
  parasolApi.rateLimit(false);
  echoApi.rateLimit(false);
  const parasol: Target = {
    name: 'parasol',
    api: parasolApi,
    proc: startBot({
      BOT_TOKEN: parasolApi.token,
      TELEGRAM_API_ROOT: parasolApi.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
      LESSONS_DIR: 'lessons',
      LOG_LEVEL: 'warn',
    }),
  };
  targets.push(parasol);
  const echo: Target = { name: 'echo bot', api: echoApi, proc: startEcho({ BOT_TOKEN: echoApi.token, TELEGRAM_API_ROOT: echoApi.apiRoot }) };
  targets.push(echo);
  await Promise.all(targets.map(waitPolling));

  console.log(
    `fake Bot API: validation ${SERVER.validate ? 'on' : 'off'} and no rate limit, same settings for both bots; ` +
      `${USERS} users per round (burst), ${ROUNDS} rounds alternating, warm-up ${WARMUP} users`,
  );
  for (const target of targets) await burst(target, WARMUP);

  const results = new Map<Target, Round[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [parasol, echo] : [echo, parasol];
    for (const target of order) {
      await sleep(300); // let the previous burst's sockets and GC settle
      const result = await burst(target, USERS);
      results.get(target)!.push(result);
      console.log(`  round ${round + 1} ${line(target.name, result)}`);
    }
  }

  const p = summarize(results.get(parasol)!);
  const e = summarize(results.get(echo)!);
  console.log(`median of ${ROUNDS} round(s):`);
  console.log(line('parasol', p));
  console.log(line('echo bot', e));
  const p99Ratio = p.p99 / e.p99;
  const throughputRatio = p.throughput / e.throughput;
  console.log(
    `ratios: p99 parasol/echo ${p99Ratio.toFixed(2)} (target ≤ 1.3${p99Ratio <= 1.3 ? ', met' : ', MISSED'}), ` +
      `throughput parasol/echo ${throughputRatio.toFixed(2)} (target ≥ 0.8${throughputRatio >= 0.8 ? ', met' : ', MISSED'})`,
  );
  const tdlib = tdlibCost(parasolApi);
  console.log(
    `validation: included for both bots (same server settings). Parasol's replies are MarkdownV2, parsed by TDLib in the fake server` +
      (tdlib ? ` (~${Math.round(tdlib.perMessageUs)} µs per message, ${tdlib.texts} distinct texts)` : '') +
      `; the echo bot's replies are plain text, so they only get the length checks.`,
  );
} finally {
  await Promise.all(targets.map((t) => t.proc.stop()));
  await Promise.all(targets.map((t) => t.api.close()));
  await rm(dir, { recursive: true, force: true });
  console.log(`(bench took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
