// Runs the real bot (src/main.ts) as a child process, as an operator would.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  /** everything the process wrote to stdout and stderr */
  output: () => string;
  /** resolves with the exit code (or signal name) */
  exited: Promise<number | string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | string>;
  /** the port of the bot's HTTP server (/healthz, the webhook), once it listens (read from the log: LOG_LEVEL info or finer) */
  httpPort: (timeoutMs?: number) => Promise<number>;
}

export function startBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // HTTP_PORT 0: bots started by tests in parallel never compete for a port.
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    httpPort: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const port = /"port":(\d+),"msg":"http server listening/.exec(output)?.[1];
        if (port) return Number(port);
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the bot's HTTP server did not start; output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** Starts the bot and resolves once it polls `api`; if it never does, fails with the bot's output. */
export async function startPollingBot(api: { isPolling: boolean; waitUntil: (condition: () => boolean, timeoutMs?: number) => Promise<void> }, env: Record<string, string>): Promise<BotProcess> {
  const bot = startBot(env);
  await api.waitUntil(() => api.isPolling, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}\nbot output:\n${bot.output()}`);
  });
  return bot;
}

/** Stops a bot at the end of a suite, printing its output first when SHOW_BOT_OUTPUT is set. */
export async function stopBot(bot: BotProcess | undefined): Promise<void> {
  if (process.env.SHOW_BOT_OUTPUT) console.log(bot?.output());
  await bot?.stop();
}
