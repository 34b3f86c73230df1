import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { openLesson } from '../lesson-delivery.ts';
import { languageKeyboard } from '../keyboards/menus.ts';
import { uiLanguages } from './language.ts';
import { offerDailyOnce } from './daily.ts';

export const startFeature = new Composer<BotContext>();

/** `/start` welcomes; `/start <lesson>` (a t.me deep link) opens that lesson. */
startFeature.command('start', async (ctx) => {
  const payload = ctx.match.trim();
  if (payload) {
    const catalog = ctx.services.catalog();
    const lesson = catalog.bySlug(payload) ?? catalog.byCallbackKey(payload);
    if (lesson) return openLesson(ctx, lesson);
  }
  await ctx.reply(ctx.t('welcome'));
  // First contact: the language was guessed from Telegram; offer the choice,
  // then (once it is chosen) the lesson of the day.
  if (!ctx.services.store.user(ctx.from!.id)?.language) {
    await ctx.reply(ctx.t('choose-language'), { reply_markup: languageKeyboard(uiLanguages(ctx)) });
  } else {
    await offerDailyOnce(ctx);
  }
});

startFeature.command('help', (ctx) => ctx.reply(ctx.t('help')));
