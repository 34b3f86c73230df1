// Entry point: configuration, lessons, database, bot; long polling with
// @grammyjs/runner, or a webhook with WEBHOOK_URL; /healthz; SIGHUP reloads
// the lessons; a graceful stop on SIGTERM/SIGINT.
import { run, type RunnerHandle } from '@grammyjs/runner';
import { join, dirname } from 'node:path';
import { ALLOWED_UPDATES, createBot, registerCommands } from './bot/bot.ts';
import type { BotContext, Metrics } from './bot/context.ts';
import { createDailySender } from './bot/daily-sender.ts';
import { createI18n, translator, UI_LANGUAGES } from './bot/i18n.ts';
import { setWebhook, webhookRoute } from './bot/webhook.ts';
import { ConfigError, loadConfig } from './config.ts';
import { loadLibrary, type LoadedLibrary } from './content/library.ts';
import { createLogger, type Logger } from './logger.ts';
import { startPlayground } from './playground/index.ts';
import { createHealthCheck } from './server/health.ts';
import { startHttpServer, type BotHttpServer } from './server/http.ts';
import { removePidFile, writePidFile } from './server/pid-file.ts';
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
  const token = config.botToken!;

  const loadLessons = () => loadLibrary(config.lessonsDir, { defaultLanguage: config.defaultLanguage, cacheDir: join(dirname(config.databasePath), 'cache') });
  const library = await loadLessons();
  logProblems(logger, library);
  logger.info({ ...library.stats }, 'lessons loaded');
  // The search index is built now (and again at each reload) rather than on the first search.
  const index = searchIndexFor(library.catalog);
  logger.info({ rows: index.stats.rows, ms: Math.round(index.stats.ms) }, 'search index built');

  const db = openDatabase(config.databasePath);
  const store = new Store(db);
  const daily = new DailyStore(db);
  const bookmarks = new BookmarkStore(db);
  let catalog = library.catalog;
  const clock = clockFromEnv(process.env.PARASOL_NOW);
  const i18n = createI18n<BotContext>(config.defaultLanguage, (ctx) => ctx.lang);
  const sendMeter = new SendMeter();
  const metrics: Metrics = { startedAt: Date.now(), updateErrors: 0 };
  const services = { config, store, daily, logger, bookmarks, catalog: () => catalog, i18n, sendMeter, metrics, now: () => clock.now() };
  const bot = createBot(token, services);

  await bot.init();
  await registerCommands(bot, services, UI_LANGUAGES).catch((error) => logger.warn({ error: (error as Error).message }, 'could not register commands'));

  const mode = config.webhookUrl ? 'webhook' : 'polling';
  let server: BotHttpServer;
  try {
    server = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      health: createHealthCheck({ db, apiRoot: config.apiRoot, token, mode }),
      ...(config.webhookUrl ? { webhook: webhookRoute(bot, config.webhookUrl, config.webhookSecret!) } : {}),
      onError: (error) => logger.error({ error: (error as Error).message }, 'http request failed'),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`HTTP_PORT ${config.httpPort} is already in use on ${config.httpHost}: stop what uses it, or set HTTP_PORT to another port (0 picks a free one).`);
    process.exit(1);
  }
  logger.info({ host: config.httpHost, port: server.port }, 'http server listening (/healthz)');

  let runner: RunnerHandle | undefined;
  if (config.webhookUrl) {
    await setWebhook(bot, config.webhookUrl, config.webhookSecret!);
    // Only the host: some operators put a secret (even the token) in the path.
    logger.info({ bot: bot.botInfo.username, host: new URL(config.webhookUrl).host }, 'Parasol is running (webhook)');
  } else {
    // Telegram refuses getUpdates while a webhook is set (e.g. after running in webhook mode).
    const webhook = await bot.api.getWebhookInfo();
    if (webhook.url) {
      await bot.api.deleteWebhook();
      logger.info('webhook removed: switching to long polling');
    }
    // Updates are handled concurrently; sequentialize (in createBot) keeps each chat's in order.
    runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    logger.info({ bot: bot.botInfo.username }, 'Parasol is running (long polling)');
  }

  // The lesson of the day, checked every DAILY_CHECK_SECONDS.
  const scheduler = startDailyScheduler({
    daily,
    store,
    catalog: () => catalog,
    defaultLanguage: config.defaultLanguage,
    send: createDailySender({ token, apiRoot: config.apiRoot, catalog: () => catalog, translate: (lang) => translator(i18n, lang) }),
    clock,
    log: (fields, message) => logger.info(fields, message),
    rate: config.dailyRate,
    concurrency: config.dailyConcurrency,
    interactiveLoad: () => sendMeter.lastSecond(),
    intervalMs: config.dailyCheckSeconds * 1000,
  });

  // `npm run lessons -- reload` finds the running bot through this file, and sends SIGHUP.
  const pidFile = writePidFile(config.databasePath, logger);

  // SIGHUP: read the lessons again and swap the catalog everywhere at once.
  // Progress is stored by lesson name and message position, so it carries over.
  let reloading: Promise<void> = Promise.resolve();
  const reload = () =>
    (reloading = reloading.then(async () => {
      let next: LoadedLibrary;
      try {
        next = await loadLessons();
      } catch (error) {
        logger.error({ error: (error as Error).message }, 'lessons reload failed: keeping the lessons in use');
        return;
      }
      logProblems(logger, next);
      if (next.catalog.size === 0 && catalog.size > 0) {
        logger.error({ ...next.stats }, 'lessons reload found no usable lesson: keeping the lessons in use');
        return;
      }
      const nextIndex = searchIndexFor(next.catalog);
      catalog = next.catalog;
      logger.info({ ...next.stats, errors: next.problems.filter((p) => p.severity === 'error').length, searchRows: nextIndex.stats.rows }, 'lessons reloaded');
    }));
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading lessons');
    void reload();
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the updates in hand');
    await Promise.all([runner?.stop(), server.close(), scheduler.stop(), reloading]);
    db.close();
    removePidFile(pidFile);
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function logProblems(logger: Logger, library: LoadedLibrary): void {
  for (const problem of library.problems) logger[problem.severity === 'error' ? 'error' : 'warn']({ path: problem.path, line: problem.line }, problem.reason);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
