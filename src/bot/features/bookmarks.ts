import { Composer } from 'grammy';
import { type Lesson, lessonKey as keyOf } from '../../content/catalog.ts';
import type { BotContext } from '../context.ts';
import { SAVED_MARK, savedKeyboard, savedPageCount, withBookmarkState } from '../keyboards/bookmarks.ts';
import type { InlineButton } from '../keyboards/lesson.ts';
import { ignoreNotModified } from '../telegram-errors.ts';

export const bookmarksFeature = new Composer<BotContext>();

/** Saved lessons that still exist, the most recently saved first. */
function savedLessons(ctx: BotContext): Lesson[] {
  const catalog = ctx.services.catalog();
  return ctx.services.bookmarks.list(ctx.from!.id).flatMap((slug) => catalog.bySlug(slug) ?? []);
}

function savedView(ctx: BotContext, page: number): { text: string; reply_markup?: ReturnType<typeof savedKeyboard> } {
  const lessons = savedLessons(ctx);
  if (!lessons.length) return { text: ctx.t('saved-empty') };
  const pages = savedPageCount(lessons.length);
  const current = Math.min(Math.max(0, page), pages - 1);
  return {
    text: ctx.t('saved-title', { page: current + 1, pages }),
    reply_markup: savedKeyboard(ctx.services.catalog(), lessons, ctx.lang, current, (k, v) => ctx.t(k, v)),
  };
}

/** `/saved` lists the saved lessons as buttons. */
bookmarksFeature.command('saved', async (ctx) => {
  const view = savedView(ctx, 0);
  await ctx.reply(view.text, view.reply_markup ? { reply_markup: view.reply_markup } : {});
});

bookmarksFeature.filter(
  (ctx) => ctx.action?.action === 'saved',
  async (ctx) => {
    await ctx.answerCallbackQuery();
    const view = savedView(ctx, (ctx.action as { page: number }).page);
    await ctx.editMessageText(view.text, view.reply_markup ? { reply_markup: view.reply_markup } : {}).catch(ignoreNotModified);
  },
);

/**
 * ☆ Save / ★ Saved on a lesson message: what the button showed says what the
 * learner wants (so a double tap, or a message from before, never does the
 * opposite); the button then shows the new state. ✕ in /saved removes.
 */
bookmarksFeature.filter(
  (ctx) => ctx.action?.action === 'bookmark',
  async (ctx) => {
    const { lessonKey, listPage } = ctx.action as { lessonKey: string; listPage?: number };
    const { bookmarks, catalog } = ctx.services;
    const userId = ctx.from!.id;
    const lesson = catalog().byCallbackKey(lessonKey);
    if (listPage !== undefined) {
      // From the list: the lesson may be gone from the catalog; its bookmark goes all the same.
      const slug = lesson?.slug ?? bookmarks.list(userId).find((s) => keyOf(s) === lessonKey);
      if (slug) bookmarks.remove(userId, slug);
      await ctx.answerCallbackQuery({ text: ctx.t('bookmark-removed') });
      const view = savedView(ctx, listPage);
      await ctx.editMessageText(view.text, view.reply_markup ? { reply_markup: view.reply_markup } : {}).catch(ignoreNotModified);
      return;
    }
    if (!lesson) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    const data = ctx.callbackQuery!.data!;
    const markup = ctx.callbackQuery?.message && 'reply_markup' in ctx.callbackQuery.message ? ctx.callbackQuery.message.reply_markup : undefined;
    const tapped = (markup?.inline_keyboard as InlineButton[][] | undefined)?.flat().find((b) => 'callback_data' in b && b.callback_data === data);
    const save = !tapped?.text.startsWith(SAVED_MARK);
    if (save) bookmarks.add(userId, lesson.slug);
    else bookmarks.remove(userId, lesson.slug);
    await ctx.answerCallbackQuery({ text: ctx.t(save ? 'bookmark-added' : 'bookmark-removed') });
    if (markup) {
      const keyboard = withBookmarkState({ inline_keyboard: markup.inline_keyboard as InlineButton[][] }, data, save, (k, v) => ctx.t(k, v));
      await ctx.editMessageReplyMarkup({ reply_markup: keyboard as never }).catch(ignoreNotModified);
    }
  },
);
