import { Composer } from 'grammy';
import { COMMON_TIME_ZONES, canonicalTimeZone, timeZonesFor } from '../../scheduling/time-zones.ts';
import type { BotContext } from '../context.ts';
import { dailyStatusKeyboard, hourKeyboard, hourLabel, zoneKeyboard } from '../keyboards/daily.ts';
import { ignoreNotModified } from '../telegram-errors.ts';

export const dailyFeature = new Composer<BotContext>();

const DEFAULT_HOUR = 9;

function statusText(ctx: BotContext): string {
  const subscription = ctx.services.daily.subscription(ctx.from!.id);
  if (!subscription) return ctx.t('daily-status-off');
  return ctx.t('daily-status-on', { time: hourLabel(subscription.hour), zone: subscription.time_zone });
}

function subscribe(ctx: BotContext, change: { hour?: number; zone?: string }): { hour: number; zone: string } {
  const { daily, store } = ctx.services;
  const current = daily.subscription(ctx.from!.id);
  const hour = change.hour ?? current?.hour ?? DEFAULT_HOUR;
  const zone = change.zone ?? current?.time_zone ?? timeZonesFor(ctx.lang)[0]!;
  daily.subscribe(ctx.from!.id, hour, zone);
  // The lesson of the day comes in the language the learner reads now.
  if (!store.user(ctx.from!.id)?.language) store.setLanguage(ctx.from!.id, ctx.lang);
  return { hour, zone };
}

/**
 * `/daily` shows the setting with buttons; `/daily off`, `/daily hour 8` and
 * `/daily zone Africa/Kinshasa` (any IANA zone) change it directly.
 */
dailyFeature.command('daily', async (ctx) => {
  const [word, ...rest] = ctx.match.trim().split(/\s+/);
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  switch (word?.toLowerCase()) {
    case 'off':
    case 'stop':
      ctx.services.daily.unsubscribe(ctx.from!.id);
      return void (await ctx.reply(ctx.t('daily-unsubscribed')));
    case 'on': {
      const { hour, zone } = subscribe(ctx, {});
      return void (await ctx.reply(ctx.t('daily-subscribed', { time: hourLabel(hour), zone }), { reply_markup: dailyStatusKeyboard(true, t) }));
    }
    case 'hour': {
      const hour = Number(rest[0]?.replace(/:00$/, ''));
      if (!Number.isInteger(hour) || hour < 0 || hour > 23) return void (await ctx.reply(ctx.t('daily-hour-invalid')));
      const setting = subscribe(ctx, { hour });
      return void (await ctx.reply(ctx.t('daily-subscribed', { time: hourLabel(setting.hour), zone: setting.zone })));
    }
    case 'zone': {
      const typed = rest.join(' ').slice(0, 64);
      const zone = canonicalTimeZone(typed);
      if (!zone) return void (await ctx.reply(ctx.t('daily-zone-unknown', { zone: typed || '?' }), { reply_markup: zoneKeyboard(ctx.lang) }));
      const setting = subscribe(ctx, { zone });
      return void (await ctx.reply(ctx.t('daily-subscribed', { time: hourLabel(setting.hour), zone: setting.zone })));
    }
    default: {
      const subscribed = Boolean(ctx.services.daily.subscription(ctx.from!.id));
      return void (await ctx.reply(statusText(ctx), { reply_markup: dailyStatusKeyboard(subscribed, t) }));
    }
  }
});

async function show(ctx: BotContext, text: string, reply_markup?: ReturnType<typeof hourKeyboard>): Promise<void> {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(text, reply_markup ? { reply_markup } : {}).catch(ignoreNotModified);
}

dailyFeature.filter(
  (ctx) => ctx.action?.action === 'daily',
  async (ctx) => {
    const { op } = ctx.action as { op: 'on' | 'off' | 'hours' | 'zones' };
    const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
    if (op === 'off') {
      ctx.services.daily.unsubscribe(ctx.from!.id);
      return show(ctx, ctx.t('daily-unsubscribed'));
    }
    if (op === 'on') subscribe(ctx, {});
    if (op === 'on' || op === 'zones') return show(ctx, ctx.t('daily-pick-zone'), zoneKeyboard(ctx.lang));
    const zone = ctx.services.daily.subscription(ctx.from!.id)?.time_zone;
    if (!zone) return show(ctx, statusText(ctx), dailyStatusKeyboard(false, t));
    return show(ctx, ctx.t('daily-pick-hour', { zone }), hourKeyboard());
  },
);

dailyFeature.filter(
  (ctx) => ctx.action?.action === 'zone',
  async (ctx) => {
    const zone = COMMON_TIME_ZONES[(ctx.action as { index: number }).index];
    if (!zone) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    subscribe(ctx, { zone });
    return show(ctx, ctx.t('daily-pick-hour', { zone }), hourKeyboard());
  },
);

dailyFeature.filter(
  (ctx) => ctx.action?.action === 'hour',
  async (ctx) => {
    const { hour } = ctx.action as { hour: number };
    if (hour > 23) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    const setting = subscribe(ctx, { hour });
    const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
    return show(ctx, ctx.t('daily-subscribed', { time: hourLabel(setting.hour), zone: setting.zone }), dailyStatusKeyboard(true, t));
  },
);

/** Offers the lesson of the day once per learner (after their language is settled). */
export async function offerDailyOnce(ctx: BotContext): Promise<void> {
  const { daily } = ctx.services;
  if (daily.wasOffered(ctx.from!.id) || daily.subscription(ctx.from!.id)) return;
  daily.markOffered(ctx.from!.id);
  await ctx.reply(ctx.t('daily-offer'), { reply_markup: dailyStatusKeyboard(false, (key, vars) => ctx.t(key, vars)) });
}
