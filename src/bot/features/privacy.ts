import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { forgetKeyboard } from '../keyboards/menus.ts';

export const privacyFeature = new Composer<BotContext>();

/** `/forget` deletes everything stored about the user, after a confirmation. */
privacyFeature.command('forget', (ctx) => ctx.reply(ctx.t('forget-confirm'), { reply_markup: forgetKeyboard((k, v) => ctx.t(k, v)) }));

privacyFeature.filter(
  (ctx) => ctx.action?.action === 'forget',
  async (ctx) => {
    const { confirm } = ctx.action as { confirm: boolean };
    if (confirm) ctx.services.store.forget(ctx.from!.id);
    await ctx.answerCallbackQuery();
    const text = ctx.t(confirm ? 'forget-done' : 'forget-cancelled');
    await ctx.editMessageText(text).catch(() => ctx.reply(text));
  },
);
