// Entry point: configuration, lessons, database, bot; long polling with
// @grammyjs/runner; a graceful stop on SIGTERM/SIGINT.
import { run } from '@grammyjs/runner';
import { join, dirname } from 'node:path';
import { ALLOWED_UPDATES, createBot, registerCommands } from './bot/bot.ts';
import type { BotContext } from './bot/context.ts';
import { createI18n, UI_LANGUAGES } from './bot/i18n.ts';
import { ConfigError, loadConfig } from './config.ts';
import { loadLibrary } from './content/library.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './storage/database.ts';
import { Store } from './storage/store.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  const library = await loadLibrary(config.lessonsDir, { defaultLanguage: config.defaultLanguage, cacheDir: join(dirname(config.databasePath), 'cache') });
  for (const problem of library.problems) logger[problem.severity === 'error' ? 'error' : 'warn']({ path: problem.path, line: problem.line }, problem.reason);
  logger.info({ ...library.stats }, 'lessons loaded');

  const db = openDatabase(config.databasePath);
  const store = new Store(db);
  const catalog = library.catalog;
  const i18n = createI18n<BotContext>(config.defaultLanguage, (ctx) => ctx.lang);
  const services = { config, store, logger, catalog: () => catalog, i18n };
  const bot = createBot(config.botToken!, services);

  await bot.init();
  await registerCommands(bot, services, UI_LANGUAGES).catch((error) => logger.warn({ error: (error as Error).message }, 'could not register commands'));

  // Updates are handled concurrently; sequentialize (in createBot) keeps each chat's in order.
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info({ bot: bot.botInfo.username }, 'Parasol is running (long polling)');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the updates in hand');
    await runner.stop();
    db.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
