// `npm start` without BOT_TOKEN: a local simulated Telegram (the validating
// fake Bot API the tests use) and a web page to chat with the bot through it.
// main.ts then runs the bot exactly as usual, pointed at the simulation.
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';
import { startFakeBotApi } from './fake-bot-api.ts';
import { Playground } from './playground.ts';
import { startPlaygroundServer } from './server.ts';

export { startPlaygroundServer } from './server.ts';
export { Playground } from './playground.ts';

const PLAYGROUND_TOKEN = '424242:playground';

/**
 * Starts the simulated Telegram on 127.0.0.1 and the playground page, and
 * returns the configuration to run the bot with: the simulation's token and
 * address and, unless DATABASE_PATH was set, a database of its own
 * (playground.sqlite beside the usual one), so simulated users never mix with
 * real ones. Prints where to open the page once the bot is polling.
 */
export async function startPlayground(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const api = await startFakeBotApi({ token: PLAYGROUND_TOKEN, botUsername: 'parasol_playground_bot', keepFiles: true });
  const playground = new Playground(api, config.defaultLanguage);
  let server;
  try {
    server = await startPlaygroundServer(playground, { port: config.playgroundPort, validation: api.validation });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `PLAYGROUND_PORT ${config.playgroundPort} is already in use on 127.0.0.1: stop what uses it, or set PLAYGROUND_PORT to another port (0 picks a free one).`,
      );
      process.exit(1);
    }
    throw error;
  }
  const databasePath = env.DATABASE_PATH?.trim() ? config.databasePath : join(dirname(config.databasePath), 'playground.sqlite');

  // The banner comes once the bot is really listening, after its start-up logs.
  const url = server.url;
  const unsubscribe = api.onChange(() => {
    if (!api.isPolling) return;
    unsubscribe();
    console.log(banner(url, api.validation, databasePath));
  });

  return { ...config, botToken: api.token, apiRoot: api.apiRoot, databasePath };
}

function banner(url: string, validation: 'telegram' | 'reduced', databasePath: string): string {
  const lines = [
    '',
    `Parasol playground: open ${url} — no BOT_TOKEN set, so this runs against a local simulated Telegram.`,
    `To run for real: BOT_TOKEN=… npm start`,
    `Simulated users' progress is kept in ${databasePath}.`,
  ];
  if (validation === 'reduced') {
    lines.push(
      "Reduced checks: Telegram's own parser (TDLib, a dev dependency) is not installed, so messages are measured but their MarkdownV2 is not checked. Run `npm ci` (with dev dependencies) for full checks.",
    );
  }
  return lines.join('\n') + '\n';
}
