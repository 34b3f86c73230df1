import type { NextFunction } from 'grammy';
import type { BotContext } from '../context.ts';
import { matchUiLanguage } from '../i18n.ts';

/** Sets ctx.lang from the stored choice, else Telegram's language_code. */
export async function resolveLanguage(ctx: BotContext, next: NextFunction): Promise<void> {
  const { store, config } = ctx.services;
  const stored = ctx.from ? store.user(ctx.from.id)?.language : undefined;
  ctx.lang = stored ?? matchUiLanguage(ctx.from?.language_code, config.defaultLanguage);
  await next();
}
