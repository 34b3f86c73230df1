import { Composer } from 'grammy';
import { type Catalog, type Lesson, segmentKey } from '../../content/catalog.ts';
import type { BotContext } from '../context.ts';
import { nextLesson, openLesson, sendLessonMessage } from '../lesson-delivery.ts';
import { lessonChoiceKeyboard } from '../keyboards/menus.ts';
import { type InlineButton, shorten } from '../keyboards/lesson.ts';
import { ignoreNotModified } from '../telegram-errors.ts';

export const lessonFeature = new Composer<BotContext>();

const MAX_QUERY = 200;

/**
 * `/lesson calls` opens the lesson; an ambiguous query offers choices, an
 * unknown one suggests the closest; `/lesson` alone continues the last one.
 */
lessonFeature.command('lesson', async (ctx) => {
  const query = ctx.match.trim();
  const catalog = ctx.services.catalog();
  if (!query) {
    const last = ctx.services.store.lastUnfinished(ctx.from!.id);
    const lesson = last && catalog.bySlug(last.lesson);
    if (!lesson) return void (await ctx.reply(ctx.t('lesson-nothing-to-continue')));
    return openLesson(ctx, lesson);
  }
  if (query.length > MAX_QUERY) return void (await ctx.reply(ctx.t('lesson-query-too-long')));
  const matches = catalog.find(query, ctx.lang);
  const best = matches[0];
  if (best && (matches.length === 1 || best.score > matches[1]!.score)) return openLesson(ctx, best.lesson);
  if (best) {
    const top = matches.filter((m) => m.score === best.score).map((m) => m.lesson);
    return void (await ctx.reply(ctx.t('lesson-ambiguous', { query: shortQuery(query) }), { reply_markup: lessonChoiceKeyboard(catalog, top, ctx.lang) }));
  }
  await replyNotFound(ctx, catalog, query);
});

async function replyNotFound(ctx: BotContext, catalog: Catalog, query: string): Promise<void> {
  const suggestions = catalog.suggest(query);
  const text = [ctx.t('lesson-not-found', { query: shortQuery(query) }), suggestions.length ? ctx.t('lesson-suggest') : ctx.t('lesson-see-all')].join('\n');
  await ctx.reply(text, suggestions.length ? { reply_markup: lessonChoiceKeyboard(catalog, suggestions, ctx.lang) } : {});
}

function shortQuery(query: string): string {
  return shorten(query, 40);
}

/**
 * The lesson a tapped button names, with the tap answered. A button whose
 * lesson is gone (or whose position no longer exists) gets a polite answer and
 * undefined.
 */
async function tappedLesson(ctx: BotContext, stillValid: (lesson: Lesson) => boolean = () => true): Promise<Lesson | undefined> {
  const lesson = ctx.services.catalog().byCallbackKey((ctx.action as { lessonKey: string }).lessonKey);
  if (!lesson || !stillValid(lesson)) {
    await ctx.answerCallbackQuery({ text: ctx.t('button-expired') });
    return undefined;
  }
  await ctx.answerCallbackQuery();
  return lesson;
}

/** A button tapped on a lesson message: open a linked lesson. */
lessonFeature.filter(
  (ctx) => ctx.action?.action === 'open',
  async (ctx) => {
    const lesson = await tappedLesson(ctx);
    if (lesson) await openLesson(ctx, lesson);
  },
);

/** A link to one segment of a lesson: the lesson from that segment on. */
lessonFeature.filter(
  (ctx) => ctx.action?.action === 'segment',
  async (ctx) => {
    const { segmentKey: key } = ctx.action as { segmentKey: string };
    const startOf = (lesson: Lesson) => ctx.services.catalog().version(lesson, ctx.lang).version.segments?.find((s) => segmentKey(s.name) === key)?.start;
    const lesson = await tappedLesson(ctx, (l) => startOf(l) !== undefined);
    if (lesson) await sendLessonMessage(ctx, lesson, startOf(lesson)!);
  },
);

/** Continue: the tapped message keeps its link buttons, the next message follows. */
lessonFeature.filter(
  (ctx) => ctx.action?.action === 'page',
  async (ctx) => {
    const { index } = ctx.action as { index: number };
    const lesson = await tappedLesson(ctx, (l) => index < ctx.services.catalog().version(l, ctx.lang).version.messages.length);
    if (!lesson) return;
    await removeTappedButton(ctx);
    await sendLessonMessage(ctx, lesson, index);
  },
);

/** Done: congratulate and offer the next unfinished lesson. */
lessonFeature.filter(
  (ctx) => ctx.action?.action === 'done',
  async (ctx) => {
    const lesson = await tappedLesson(ctx);
    if (!lesson) return;
    await removeTappedButton(ctx);
    const catalog = ctx.services.catalog();
    const title = catalog.version(lesson, ctx.lang).version.title;
    const next = nextLesson(ctx, lesson.slug);
    const text = next ? `${ctx.t('lesson-finished', { title })}\n${ctx.t('lesson-next-suggestion')}` : ctx.t('lesson-finished', { title });
    await ctx.reply(text, next ? { reply_markup: lessonChoiceKeyboard(catalog, [next], ctx.lang) } : {});
  },
);

/** Removes the tapped button; the message's other buttons stay. */
async function removeTappedButton(ctx: BotContext): Promise<void> {
  const message = ctx.callbackQuery?.message;
  const data = ctx.callbackQuery?.data;
  if (!message || !('reply_markup' in message) || !message.reply_markup) return;
  // Only the tapped button goes: ☆ Save beside it stays on the message.
  const rows = (message.reply_markup.inline_keyboard as InlineButton[][])
    .map((row) => row.filter((b) => !('callback_data' in b && b.callback_data === data)))
    .filter((row) => row.length > 0);
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows as never } }).catch(ignoreNotModified);
}

