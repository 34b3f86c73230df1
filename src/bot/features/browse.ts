import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { browseKeyboard, pageCount } from '../keyboards/menus.ts';
import { ignoreNotModified } from './lesson.ts';

export const browseFeature = new Composer<BotContext>();

function listText(ctx: BotContext, page: number): string {
  const catalog = ctx.services.catalog();
  if (!catalog.size) return ctx.t('lessons-empty');
  return ctx.t('lessons-title', { page: page + 1, pages: pageCount(catalog) });
}

browseFeature.command('lessons', async (ctx) => {
  const catalog = ctx.services.catalog();
  await ctx.reply(listText(ctx, 0), { reply_markup: browseKeyboard(catalog, ctx.lang, 0, (k, v) => ctx.t(k, v)) });
});

browseFeature.filter(
  (ctx) => ctx.action?.action === 'browse',
  async (ctx) => {
    const catalog = ctx.services.catalog();
    const page = Math.min((ctx.action as { page: number }).page, pageCount(catalog) - 1);
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(listText(ctx, page), { reply_markup: browseKeyboard(catalog, ctx.lang, page, (k, v) => ctx.t(k, v)) })
      .catch(ignoreNotModified);
  },
);
