import type { NextFunction } from 'grammy';
import { decodeCallback } from '../callback-data.ts';
import type { BotContext } from '../context.ts';

/** Decodes a button's data once; forged or stale data decodes to null. */
export async function decodeAction(ctx: BotContext, next: NextFunction): Promise<void> {
  if (ctx.callbackQuery) ctx.action = decodeCallback(ctx.callbackQuery.data);
  await next();
}
