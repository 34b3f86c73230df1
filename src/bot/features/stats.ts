import { Composer } from 'grammy';
import { readStats } from '../../storage/stats.ts';
import type { BotContext } from '../context.ts';

/**
 * `/stats`, for the ids in ADMIN_IDS only: totals, never anything about one
 * person. Anyone else falls through to the fallback and gets the same answer
 * as for any unknown command, so the command's existence is not revealed.
 */
export const statsFeature = new Composer<BotContext>();

statsFeature.command('stats', async (ctx, next) => {
  const { config, store, metrics, now } = ctx.services;
  if (!ctx.from || !config.adminIds.includes(ctx.from.id)) return next();
  const stats = readStats(store.db, now?.() ?? Date.now());
  await ctx.reply(
    ctx.t('stats', {
      users: stats.users,
      reachable: stats.reachable,
      activeWeek: stats.activeWeek,
      subscribers: stats.subscribers,
      readersToday: stats.readersToday,
      dailySent: stats.dailySentToday,
      dailyFailed: stats.dailyFailedToday,
      dailyPending: stats.dailyPending,
      errors: metrics?.updateErrors ?? 0,
      hours: Math.floor((Date.now() - (metrics?.startedAt ?? Date.now())) / 3_600_000),
    }),
  );
});
