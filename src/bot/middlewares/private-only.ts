import type { NextFunction } from 'grammy';
import type { BotContext } from '../context.ts';

/**
 * Lessons are personal: the bot works in private chats. In a group it answers
 * commands addressed to it with a pointer to the private chat and ignores the
 * rest; channel posts are ignored.
 */
export async function privateOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (ctx.chat?.type === 'private' || (!ctx.chat && ctx.from)) return next();
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t('private-only'), show_alert: true });
    return;
  }
  const text = ctx.message?.text ?? '';
  const username = ctx.me.username.toLowerCase();
  const addressed = text.startsWith('/') && (!text.split(/\s/)[0]!.includes('@') || text.split(/\s/)[0]!.toLowerCase().endsWith(`@${username}`));
  if (ctx.chat && (ctx.chat.type === 'group' || ctx.chat.type === 'supergroup') && addressed) {
    await ctx.reply(ctx.t('private-only'), { reply_parameters: ctx.message ? { message_id: ctx.message.message_id, allow_sending_without_reply: true } : undefined });
  }
}
