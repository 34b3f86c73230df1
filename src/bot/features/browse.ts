// /lessons: the lesson tree, browsed in place (category → topic → level →
// segments), and tree places linked from lessons, opened in a new message.
import { Composer } from 'grammy';
import type { TreeNode } from '../../content/catalog.ts';
import type { BotContext } from '../context.ts';
import { treeView } from '../keyboards/tree.ts';
import { ignoreNotModified } from '../telegram-errors.ts';

export const browseFeature = new Composer<BotContext>();

function view(ctx: BotContext, node: TreeNode, page: number) {
  const done = new Set(ctx.services.store.allProgress(ctx.from!.id).filter((p) => p.completed).map((p) => p.lesson));
  return treeView(ctx.services.catalog(), node, ctx.lang, page, (k, v) => ctx.t(k, v), { lessons: done });
}

browseFeature.command('lessons', async (ctx) => {
  const { text, reply_markup } = view(ctx, ctx.services.catalog().root, 0);
  await ctx.reply(text, { reply_markup });
});

/** A menu button: the menu message becomes the place tapped. */
browseFeature.filter(
  (ctx) => ctx.action?.action === 'tree',
  async (ctx) => {
    const { nodeKey, page } = ctx.action as { nodeKey: string; page: number };
    const node = ctx.services.catalog().nodeByKey(nodeKey);
    if (!node) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    await ctx.answerCallbackQuery();
    const { text, reply_markup } = view(ctx, node, page);
    await ctx.editMessageText(text, { reply_markup }).catch(ignoreNotModified);
  },
);

/** A topic or category linked from a lesson: its menu below the lesson. */
browseFeature.filter(
  (ctx) => ctx.action?.action === 'node',
  async (ctx) => {
    const node = ctx.services.catalog().nodeByKey((ctx.action as { nodeKey: string }).nodeKey);
    if (!node) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    await ctx.answerCallbackQuery();
    const { text, reply_markup } = view(ctx, node, 0);
    await ctx.reply(text, { reply_markup });
  },
);
