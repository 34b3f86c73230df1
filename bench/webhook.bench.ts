// npm run bench:webhook — the real bot in webhook mode: 1,000 new users each
// send `/lesson calls`, posted as Telegram does (at most 40 requests open at
// once, setWebhook's max_connections), against the fake Bot API (validation
// on). A request is answered once its update is handled, so its latency is
// update → reply sent. One unmeasured warm-up burst, then BENCH_ROUNDS; the
// median round is printed. Env: BENCH_USERS (1000), BENCH_ROUNDS (3),
// BENCH_CONNECTIONS (40).
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBot } from '../test/helpers/bot-process.ts';
import { startFakeBotApi } from '../test/helpers/fake-bot-api.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 40);
const SECRET = 'bench-secret';
const LANGUAGES = ['en', 'es', 'fr', 'ru'];

const api = await startFakeBotApi();
const dir = await mkdtemp(join(tmpdir(), 'parasol-bench-webhook-'));
await cp(join(ROOT, 'lessons'), join(dir, 'lessons'), { recursive: true });
const bot = startBot({
  BOT_TOKEN: api.token,
  TELEGRAM_API_ROOT: api.apiRoot,
  DATABASE_PATH: join(dir, 'parasol.sqlite'),
  LESSONS_DIR: join(dir, 'lessons'),
  WEBHOOK_URL: 'https://bench.example.org/hook',
  WEBHOOK_SECRET: SECRET,
  LOG_LEVEL: 'info', // the HTTP port is read from the start-up log
});
const port = await bot.httpPort(60_000);
await api.waitFor((call) => call.method === 'setWebhook', 60_000);
const url = `http://127.0.0.1:${port}/hook`;

/** CPU ms used so far by a process (Linux /proc), for the bot child. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

let nextUser = 10_000_000;
async function burst(users: number) {
  const bodies = Array.from({ length: users }, (_, i) => {
    const id = nextUser++;
    return JSON.stringify(api.sendText({ id, first_name: 'U', language_code: LANGUAGES[i % LANGUAGES.length]! }, '/lesson calls'));
  });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const botCpuBefore = cpuMs(bot.child.pid!);
  const harnessCpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
        await response.arrayBuffer();
        if (response.status === 200) latencies.push(performance.now() - sent);
        else failed++;
      }
    }),
  );
  const wallMs = performance.now() - started;
  const botCpu = cpuMs(bot.child.pid!) - botCpuBefore;
  const harness = process.cpuUsage(harnessCpuBefore);
  const harnessCpu = (harness.user + harness.system) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { users, failed, p50: at(0.5), p99: at(0.99), throughput: (users / wallMs) * 1000, wallMs, botCpuPerUpdate: botCpu / users, harnessCpuPerUpdate: harnessCpu / users };
}

try {
  await burst(USERS);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await burst(USERS));
  rounds.sort((a, b) => a.throughput - b.throughput);
  const median = rounds[Math.floor(rounds.length / 2)]!;
  const sent = api.calls.filter((c) => c.method === 'sendMessage' && c.status === 200).length;
  console.log(
    `webhook: ${USERS} users × ${ROUNDS} rounds, ${CONNECTIONS} connections: median ${median.throughput.toFixed(0)} updates/s, ` +
      `p50 ${median.p50.toFixed(1)} ms, p99 ${median.p99.toFixed(1)} ms, failed ${median.failed}; CPU per update: bot ${median.botCpuPerUpdate.toFixed(2)} ms, harness (client + fake Bot API) ${median.harnessCpuPerUpdate.toFixed(2)} ms; ${sent} replies accepted by the fake Bot API, ` +
      `max RSS of this harness ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
} finally {
  await bot.stop();
  await api.close();
  await rm(dir, { recursive: true, force: true });
}
