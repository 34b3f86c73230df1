// npm run bench:bot — Parasol against a bare grammY echo bot (bench/echo-bot.ts).
// Both run as child processes, each against its own fake Bot API with the same
// settings (validation on, as Telegram does; no rate limit). A round injects
// `/lesson calls` from 1,000 new users at once (a burst; language_code
// en/es/fr/ru) into each bot in turn and measures, per user, update enqueued →
// first successful sendMessage to that chat (p50, p99), and throughput =
// users / (first enqueue → last first reply). The median of the rounds is
// reported; a round during which other processes on the machine used much CPU
// is run again (up to BENCH_EXTRA_ROUNDS times, while the run stays within
// BENCH_BUDGET_SECONDS). Targets are printed, never enforced: the exit code is 0.
// Env: BENCH_USERS (1000), BENCH_ROUNDS (3), BENCH_WARMUP (1000: one unmeasured burst, so both bots are measured with warm JIT),
// BENCH_EXTRA_ROUNDS (3), BENCH_BUDGET_SECONDS (110),
// BENCH_VALIDATE (1; 0 turns validation off for both).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseMarkdownV2 } from '../src/cli/telegram-check.ts';
import { startBot } from '../test/helpers/bot-process.ts';
import { type FakeBotApi, type FakeBotApiOptions, type FakeUser, startFakeBotApi } from '../test/helpers/fake-bot-api.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const EXTRA_ROUNDS = Number(process.env.BENCH_EXTRA_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
/** No new round is started if it would likely end past this. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_SECONDS ?? 110) * 1000;
const LANGUAGES = ['en', 'es', 'fr', 'ru'];
const TEXT = '/lesson calls';
/** The same settings for both bots' servers. */
const SERVER: FakeBotApiOptions = { validate: process.env.BENCH_VALIDATE !== '0' };
/** A round is run again when other processes used more than this share of one core during a burst. */
const NOISY = 0.4;

interface Target {
  name: string;
  api: FakeBotApi;
  pid: number;
  output: () => string;
  stop: () => Promise<unknown>;
}

interface Burst {
  users: number;
  p50: number;
  p99: number;
  throughput: number;
  failed: number;
  /** CPU ms used by the bot process, by this process (fake server + harness), by everything else */
  botCpu?: number;
  serverCpu: number;
  otherCpu?: number;
  wallMs: number;
}

/** The echo bot, run exactly like the real bot (node --import tsx). */
function startEcho(env: Record<string, string>): Omit<Target, 'name' | 'api'> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/echo-bot.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// ─────────── CPU accounting (Linux /proc; skipped elsewhere) ───────────

const TICK_MS = 10; // USER_HZ is 100 on Linux

function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return undefined;
  }
}

/** CPU ms used by the whole machine (all cores, all processes). */
function machineCpuMs(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) * TICK_MS; // user nice system irq softirq steal
  } catch {
    return undefined;
  }
}

// ─────────── measuring ───────────

async function waitPolling(target: Target): Promise<void> {
  await target.api.waitUntil(() => target.api.isPolling, 60_000).catch((error: Error) => {
    throw new Error(`${target.name} did not start polling: ${error.message}\noutput:\n${target.output()}`);
  });
}

let nextUserId = 1_000_000;

/** Enqueues `count` updates from new users at once; resolves when each got its first reply. */
async function burst(target: Target, count: number, others: Target[]): Promise<Burst> {
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
  const ownCpu = process.cpuUsage();
  const botCpu = processCpuMs(target.pid);
  const othersCpu = others.map((t) => processCpuMs(t.pid));
  const machineCpu = machineCpuMs();

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
      throw new Error(`${target.name}: ${replied.size}/${count} users answered: ${error.message.split('\n')[0]}\noutput:\n${target.output().slice(-2000)}`);
    });

  const own = process.cpuUsage(ownCpu);
  const serverCpu = (own.user + own.system) / 1000;
  const botAfter = processCpuMs(target.pid);
  const machineAfter = machineCpuMs();
  const bot = botCpu !== undefined && botAfter !== undefined ? botAfter - botCpu : undefined;
  let other: number | undefined;
  if (bot !== undefined && machineCpu !== undefined && machineAfter !== undefined) {
    const idleBots = others.reduce((sum, t, i) => sum + ((processCpuMs(t.pid) ?? 0) - (othersCpu[i] ?? 0)), 0);
    other = Math.max(0, machineAfter - machineCpu - bot - serverCpu - idleBots);
  }

  const latencies = users.map((u) => replied.get(u.id)! - enqueued.get(u.id)!).sort((a, b) => a - b);
  const first = Math.min(...enqueued.values());
  const last = Math.max(...replied.values());
  const wallMs = Math.max(1, last - first);
  return {
    users: count,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    throughput: count / (wallMs / 1000),
    failed,
    serverCpu,
    wallMs,
    ...(bot !== undefined ? { botCpu: bot } : {}),
    ...(other !== undefined ? { otherCpu: other } : {}),
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

const isNoisy = (b: Burst) => b.otherCpu !== undefined && b.otherCpu > NOISY * b.wallMs;

function summarize(bursts: Burst[]): Burst {
  const m = (pick: (b: Burst) => number | undefined) => {
    const values = bursts.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const botCpu = m((b) => b.botCpu);
  return {
    users: bursts[0]!.users,
    p50: m((b) => b.p50)!,
    p99: m((b) => b.p99)!,
    throughput: m((b) => b.throughput)!,
    failed: bursts.reduce((n, b) => n + b.failed, 0),
    serverCpu: m((b) => b.serverCpu)!,
    wallMs: m((b) => b.wallMs)!,
    ...(botCpu !== undefined ? { botCpu } : {}),
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (name: string, b: Burst) =>
  `${name}: ${b.users} updates, p50 ${ms(b.p50)}, p99 ${ms(b.p99)}, throughput ${Math.round(b.throughput)} updates/s` +
  (b.failed ? `, ${b.failed} failed sendMessage calls` : '');
const cpuNote = (b: Burst) =>
  `CPU per update: ${b.botCpu !== undefined ? `bot ${Math.round((b.botCpu / b.users) * 1000)} µs, ` : ''}fake server ${Math.round((b.serverCpu / b.users) * 1000)} µs` +
  (b.otherCpu !== undefined ? `; other processes ${Math.round((100 * b.otherCpu) / b.wallMs)}% of a core${isNoisy(b) ? ' (noisy, round run again)' : ''}` : '');

/** Users who received the same text twice or more (each sent one update per round). */
function usersAnsweredTwice(api: FakeBotApi): number {
  const seen = new Map<number, Set<string>>();
  const twice = new Set<number>();
  for (const call of api.calls) {
    if (call.method !== 'sendMessage' || !call.ok || call.chatId === undefined) continue;
    const text = String(call.payload.text);
    const texts = seen.get(call.chatId) ?? new Set<string>();
    if (texts.has(text)) twice.add(call.chatId);
    texts.add(text);
    seen.set(call.chatId, texts);
  }
  return twice.size;
}

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

// ─────────── the run ───────────

const started = performance.now();
const dir = await mkdtemp(join(tmpdir(), 'parasol-bench-'));
const targets: Target[] = [];
try {
  const parasolApi = await startFakeBotApi(SERVER);
  const echoApi = await startFakeBotApi(SERVER);
  parasolApi.rateLimit(false);
  echoApi.rateLimit(false);
  const parasolProcess = startBot({
    BOT_TOKEN: parasolApi.token,
    TELEGRAM_API_ROOT: parasolApi.apiRoot,
    DATABASE_PATH: join(dir, 'data', 'parasol.sqlite'),
    LESSONS_DIR: 'lessons',
    LOG_LEVEL: 'warn',
    // Only to count network retries (auto-retry waits 3 s before the first one).
    DEBUG: 'grammy:auto-retry',
  });
  const parasol: Target = {
    name: 'parasol',
    api: parasolApi,
    pid: parasolProcess.child.pid!,
    output: parasolProcess.output,
    stop: () => parasolProcess.stop(),
  };
  targets.push(parasol);
  const echo: Target = { name: 'echo bot', api: echoApi, ...startEcho({ BOT_TOKEN: echoApi.token, TELEGRAM_API_ROOT: echoApi.apiRoot }) };
  targets.push(echo);
  await Promise.all(targets.map(waitPolling));

  console.log(
    `fake Bot API: validation ${SERVER.validate ? 'on' : 'off'}, no rate limit, the same settings for both bots; ` +
      `${USERS} new users per round, all enqueued at once; warm-up ${WARMUP} users`,
  );
  for (const target of targets) await burst(target, WARMUP, targets.filter((t) => t !== target));

  const results = new Map<Target, Burst[]>(targets.map((t) => [t, []]));
  const all = new Map<Target, Burst[]>(targets.map((t) => [t, []]));
  let clean = 0;
  let round = 0;
  let lastRoundMs = 0;
  while (clean < ROUNDS && round < ROUNDS + EXTRA_ROUNDS) {
    if (round > 0 && performance.now() - started + lastRoundMs > BUDGET_MS) {
      console.log(`  (stopping after ${round} round(s) to keep the run within ${BUDGET_MS / 1000} s)`);
      break;
    }
    const roundStarted = performance.now();
    // Alternate which bot goes first, so that neither always follows the other.
    const order = round % 2 === 0 ? [parasol, echo] : [echo, parasol];
    const pair = new Map<Target, Burst>();
    for (const target of order) {
      await sleep(300); // let the previous burst's sockets and GC settle
      pair.set(target, await burst(target, USERS, targets.filter((t) => t !== target)));
    }
    round++;
    lastRoundMs = performance.now() - roundStarted;
    const noisy = [...pair.values()].some(isNoisy);
    for (const target of targets) {
      const b = pair.get(target)!;
      console.log(`  round ${round} ${line(target.name, b)} (${cpuNote(b)})`);
      all.get(target)!.push(b);
      if (!noisy) results.get(target)!.push(b);
    }
    if (!noisy) clean++;
  }
  if (clean < ROUNDS) console.log(`  (the machine was busy: only ${clean} of ${round} rounds were clean${clean ? '' : '; reporting all rounds, so the figures are noisy'})`);
  if (clean === 0) for (const target of targets) results.set(target, all.get(target)!);

  const p = summarize(results.get(parasol)!);
  const e = summarize(results.get(echo)!);
  console.log(clean ? `median of ${clean} clean round(s):` : `median of ${round} round(s), none clean:`);
  console.log(line('parasol', p));
  console.log(line('echo bot', e));
  const p99Ratio = p.p99 / e.p99;
  const throughputRatio = p.throughput / e.throughput;
  console.log(
    `ratios: p99 parasol/echo ${p99Ratio.toFixed(2)} (target ≤ 1.3${p99Ratio <= 1.3 ? ', met' : ', MISSED'}), ` +
      `throughput parasol/echo ${throughputRatio.toFixed(2)} (target ≥ 0.8${throughputRatio >= 0.8 ? ', met' : ', MISSED'})`,
  );
  console.log(`parasol ${cpuNote(p)}`);
  console.log(`echo bot ${cpuNote(e)}`);
  const retries = (parasol.output().match(/HttpError thrown, will retry/g) ?? []).length;
  if (retries) console.log(`parasol: ${retries} failed request(s) retried by auto-retry after ≥ 3 s (the waits are in its latency)`);
  for (const target of targets) {
    const twice = usersAnsweredTwice(target.api);
    if (twice) console.log(`${target.name}: ${twice} user(s) got the same reply more than once, at least (a request the server had answered was retried)`);
  }
  if (SERVER.validate) {
    const tdlib = tdlibCost(parasolApi);
    console.log(
      `validation cost: included for both bots (same server settings), but it is not the same work: Parasol's replies are MarkdownV2 lessons, ` +
        `parsed by TDLib in the fake server` +
        (tdlib ? ` (~${Math.round(tdlib.perMessageUs)} µs each, ${tdlib.texts} distinct texts)` : '') +
        `, the echo bot's are short plain texts that only get the length checks.`,
    );
  } else {
    console.log('validation cost: not included (BENCH_VALIDATE=0) for either bot.');
  }
} finally {
  await Promise.all(targets.map((t) => t.stop()));
  await Promise.all(targets.map((t) => t.api.close()));
  await rm(dir, { recursive: true, force: true });
  console.log(`(bench took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
