import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { matchUiLanguage, UI_LANGUAGES } from '../i18n.ts';
import { languageKeyboard } from '../keyboards/menus.ts';
import { offerDailyOnce } from './daily.ts';

export const languageFeature = new Composer<BotContext>();

export function uiLanguages(ctx: BotContext): Array<{ code: string; name: string }> {
  return UI_LANGUAGES.map((code) => ({ code, name: ctx.services.i18n.t(code, 'language-name') }));
}

async function setLanguage(ctx: BotContext, code: string): Promise<void> {
  ctx.services.store.setLanguage(ctx.from!.id, code);
  ctx.lang = code;
  ctx.i18n.useLocale(code);
}

/** `/language` shows the choice; `/language fr` (or `français`) sets it directly. */
languageFeature.command('language', async (ctx) => {
  const wanted = ctx.match.trim().toLowerCase();
  if (wanted) {
    const byName = uiLanguages(ctx).find((l) => l.name.toLowerCase() === wanted)?.code;
    const code = byName ?? (UI_LANGUAGES.some((l) => l.toLowerCase() === wanted || l.split('-')[0] === wanted.split('-')[0]) ? matchUiLanguage(wanted, '') : '');
    if (code) {
      await setLanguage(ctx, code);
      return void (await ctx.reply(ctx.t('language-set')));
    }
    return void (await ctx.reply(ctx.t('language-unknown'), { reply_markup: languageKeyboard(uiLanguages(ctx)) }));
  }
  await ctx.reply(ctx.t('choose-language'), { reply_markup: languageKeyboard(uiLanguages(ctx)) });
});

languageFeature.filter(
  (ctx) => ctx.action?.action === 'language',
  async (ctx) => {
    const action = ctx.action as { action: 'language'; lang: string };
    if (!UI_LANGUAGES.includes(action.lang)) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    await setLanguage(ctx, action.lang);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('language-set')).catch(() => ctx.reply(ctx.t('language-set')));
    await offerDailyOnce(ctx);
  },
);
