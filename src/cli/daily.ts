// `npm run daily`: one dispatch of the lesson of the day, for deployments that
// prefer system cron (e.g. every 5 minutes). Safe to run while the bot runs
// its own scheduler, or twice at once: each delivery is claimed by one sender.
import { dirname, join } from 'node:path';
import { createDailySender } from '../bot/daily-sender.ts';
import { createI18n, translator } from '../bot/i18n.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { loadLibrary } from '../content/library.ts';
import { createLogger } from '../logger.ts';
import { clockFromEnv } from '../scheduling/clock.ts';
import { dispatch } from '../scheduling/dispatcher.ts';
import { planDue } from '../scheduling/planner.ts';
import { DailyStore } from '../storage/daily-store.ts';
import { openDatabase } from '../storage/database.ts';
import { Store } from '../storage/store.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const library = await loadLibrary(config.lessonsDir, { defaultLanguage: config.defaultLanguage, cacheDir: join(dirname(config.databasePath), 'cache') });
  const db = openDatabase(config.databasePath);
  const store = new Store(db);
  const daily = new DailyStore(db);
  const i18n = createI18n(config.defaultLanguage);
  const clock = clockFromEnv(process.env.PARASOL_NOW);
  const context = { daily, store, catalog: library.catalog, defaultLanguage: config.defaultLanguage };

  const abort = new AbortController();
  process.once('SIGTERM', () => abort.abort());
  process.once('SIGINT', () => abort.abort());

  const planned = planDue(context, clock.now());
  logger.info({ planned }, 'daily: planned');
  const summary = await dispatch({
    ...context,
    send: createDailySender({ token: config.botToken!, apiRoot: config.apiRoot, catalog: () => library.catalog, translate: (lang) => translator(i18n, lang) }),
    clock,
    log: (fields, message) => logger.info(fields, message),
    rate: config.dailyRate,
    concurrency: config.dailyConcurrency,
    signal: abort.signal,
  });
  logger.info({ ...summary, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }, 'daily: finished');
  db.close();
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
