import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

/** Whatever no feature handled gets a helpful answer. */
export const fallbackFeature = new Composer<BotContext>();

fallbackFeature.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
fallbackFeature.on('message:text', (ctx) => ctx.reply(ctx.t(ctx.message.text.startsWith('/') ? 'unknown-command' : 'unknown-text')));
fallbackFeature.on('message', (ctx) => ctx.reply(ctx.t('unknown-text')));
