// Entry point: configuration, lessons, database, bot; long polling with
// @grammyjs/runner; a graceful stop on SIGTERM/SIGINT.
import { run } from '@grammyjs/runner';
import { join, dirname } from 'node:path';
import { ALLOWED_UPDATES, createBot, registerCommands } from './bot/bot.ts';
import type { BotContext } from './bot/context.ts';
import { createDailySender } from './bot/daily-sender.ts';
import { createI18n, translator, UI_LANGUAGES } from './bot/i18n.ts';
import { ConfigError, loadConfig } from './config.ts';
import { loadLibrary } from './content/library.ts';
import { createLogger } from './logger.ts';
import { startPlayground } from './playground/index.ts';
import { openDatabase } from './storage/database.ts';
import { BookmarkStore } from './storage/bookmarks.ts';
import { DailyStore } from './storage/daily-store.ts';
import { searchIndexFor } from './storage/search-index.ts';
import { Store } from './storage/store.ts';
import { clockFromEnv } from './scheduling/clock.ts';
import { startDailyScheduler } from './scheduling/scheduler.ts';
import { SendMeter } from './scheduling/send-meter.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { requireToken: false });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // No BOT_TOKEN: the playground, a local simulated Telegram and a web page to chat through it.
  if (!config.botToken) config = await startPlayground(config);

  const library = await loadLibrary(config.lessonsDir, { defaultLanguage: config.defaultLanguage, cacheDir: join(dirname(config.databasePath), 'cache') });
  for (const problem of library.problems) logger[problem.severity === 'error' ? 'error' : 'warn']({ path: problem.path, line: problem.line }, problem.reason);
  logger.info({ ...library.stats }, 'lessons loaded');
  // Built now rather than on the first search; a reloaded catalog gets its own on first use.
  const index = searchIndexFor(library.catalog);
  logger.info({ rows: index.stats.rows, ms: Math.round(index.stats.ms) }, 'search index built');

  const db = openDatabase(config.databasePath);
  const store = new Store(db);
  const daily = new DailyStore(db);
  const bookmarks = new BookmarkStore(db);
  const catalog = library.catalog;
  const i18n = createI18n<BotContext>(config.defaultLanguage, (ctx) => ctx.lang);
  const sendMeter = new SendMeter();
  const services = { config, store, daily, bookmarks, logger, catalog: () => catalog, i18n, sendMeter };
  const bot = createBot(config.botToken!, services);

  await bot.init();
  await registerCommands(bot, services, UI_LANGUAGES).catch((error) => logger.warn({ error: (error as Error).message }, 'could not register commands'));

  // Updates are handled concurrently; sequentialize (in createBot) keeps each chat's in order.
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info({ bot: bot.botInfo.username }, 'Parasol is running (long polling)');

  // The lesson of the day, checked every DAILY_CHECK_SECONDS.
  const scheduler = startDailyScheduler({
    daily,
    store,
    catalog,
    defaultLanguage: config.defaultLanguage,
    send: createDailySender({ token: config.botToken!, apiRoot: config.apiRoot, catalog: () => catalog, translate: (lang) => translator(i18n, lang) }),
    clock: clockFromEnv(process.env.PARASOL_NOW),
    log: (fields, message) => logger.info(fields, message),
    rate: config.dailyRate,
    concurrency: config.dailyConcurrency,
    interactiveLoad: () => sendMeter.lastSecond(),
    intervalMs: config.dailyCheckSeconds * 1000,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the updates in hand');
    await Promise.all([runner.stop(), scheduler.stop()]);
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
