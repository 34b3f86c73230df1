// Checklists: a tap on an item ticks or unticks it and the message is edited
// in place; ticks are kept per learner.
import { Composer } from 'grammy';
import type { ChecklistEntry } from '../../content/catalog.ts';
import type { BotContext } from '../context.ts';
import { pageOfItem } from '../keyboards/checklist.ts';
import { sendChecklist } from '../lesson-delivery.ts';

export const checklistFeature = new Composer<BotContext>();

async function tappedChecklist(ctx: BotContext): Promise<ChecklistEntry | undefined> {
  const entry = ctx.services.catalog().checklistByKey((ctx.action as { checklistKey: string }).checklistKey);
  if (!entry) await ctx.answerCallbackQuery({ text: ctx.t('button-expired') });
  return entry;
}

/** Whether the tapped message is this checklist (its tick buttons are on it). */
function onChecklistMessage(ctx: BotContext, entry: ChecklistEntry): boolean {
  const message = ctx.callbackQuery?.message;
  const rows = message && 'reply_markup' in message ? (message.reply_markup?.inline_keyboard ?? []) : [];
  return rows.flat().some((button) => 'callback_data' in button && button.callback_data?.startsWith(`k:${entry.key}:`));
}

checklistFeature.filter(
  (ctx) => ctx.action?.action === 'checklist',
  async (ctx) => {
    const entry = await tappedChecklist(ctx);
    if (!entry) return;
    await ctx.answerCallbackQuery();
    await sendChecklist(ctx, entry, (ctx.action as { page: number }).page, onChecklistMessage(ctx, entry));
  },
);

checklistFeature.filter(
  (ctx) => ctx.action?.action === 'tick',
  async (ctx) => {
    const entry = await tappedChecklist(ctx);
    if (!entry) return;
    const { item } = ctx.action as { item: number };
    const checklist = ctx.services.catalog().checklistVersion(entry, ctx.lang);
    if (checklist.items[item]?.kind !== 'check') return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    const ticked = ctx.services.store.toggleTick(ctx.from!.id, entry.id, item);
    await ctx.answerCallbackQuery({ text: ticked ? '✅' : '⬜' });
    await sendChecklist(ctx, entry, pageOfItem(checklist, item), true);
  },
);
