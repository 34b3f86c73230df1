import { Composer } from 'grammy';
import { escapeMarkdownV2 } from '../../content/telegram-text.ts';
import { type SearchHit, searchIndexFor } from '../../storage/search-index.ts';
import { encodeCallback, fitSearchQuery } from '../callback-data.ts';
import type { BotContext } from '../context.ts';
import { type InlineButton, shorten } from '../keyboards/lesson.ts';
import { lessonChoiceKeyboard } from '../keyboards/menus.ts';
import { languageName, openLesson, sendLessonMessage } from '../lesson-delivery.ts';
import { ignoreNotModified } from '../telegram-errors.ts';

export const searchFeature = new Composer<BotContext>();

export const RESULTS_PER_PAGE = 5;

function shortQuery(query: string): string {
  return shorten(query, 40);
}

/**
 * The button that opens a result: at the message that matched when it is in
 * the version the learner reads, else the lesson itself (in their language).
 */
function resultButton(ctx: BotContext, hit: SearchHit, n: number): InlineButton {
  const catalog = ctx.services.catalog();
  const served = catalog.version(hit.lesson, ctx.lang).version;
  const title = shorten(`${n}. ${served.title}`, 60);
  return served === hit.version
    ? { text: title, callback_data: encodeCallback({ action: 'hit', lessonKey: hit.lesson.key, index: hit.index }) }
    : { text: title, callback_data: encodeCallback({ action: 'open', lessonKey: hit.lesson.key }) };
}

/** A page of results as MarkdownV2 (every piece of text escaped) and its buttons; undefined when nothing matches. */
function resultsView(ctx: BotContext, query: string, page: number): { text: string; reply_markup: { inline_keyboard: InlineButton[][] } } | undefined {
  const catalog = ctx.services.catalog();
  const index = searchIndexFor(catalog);
  let result = index.search(query, { lang: ctx.lang, offset: page * RESULTS_PER_PAGE, limit: RESULTS_PER_PAGE });
  if (!result.total) return undefined;
  const pages = Math.ceil(result.total / RESULTS_PER_PAGE);
  const current = Math.min(Math.max(0, page), pages - 1);
  if (current !== page) result = index.search(query, { lang: ctx.lang, offset: current * RESULTS_PER_PAGE, limit: RESULTS_PER_PAGE });
  const { hits } = result;
  const lines = [`🔎 *${escapeMarkdownV2(ctx.t('search-results', { query: shortQuery(query), page: current + 1, pages }))}*`];
  hits.forEach((hit, i) => {
    const n = current * RESULTS_PER_PAGE + i + 1;
    const served = catalog.version(hit.lesson, ctx.lang).version;
    const where = served === hit.version ? '' : ` · ${ctx.t('search-in-language', { language: languageName(ctx, hit.version.lang) })}`;
    lines.push('', `*${escapeMarkdownV2(`${n}. ${served.title}`)}*${escapeMarkdownV2(where)}`, escapeMarkdownV2(hit.snippet));
  });
  const rows = hits.map((hit, i) => [resultButton(ctx, hit, current * RESULTS_PER_PAGE + i + 1)]);
  const nav: InlineButton[] = [];
  if (current > 0) nav.push({ text: ctx.t('browse-previous'), callback_data: encodeCallback({ action: 'search', page: current - 1, query }) });
  if (current < pages - 1) nav.push({ text: ctx.t('browse-next'), callback_data: encodeCallback({ action: 'search', page: current + 1, query }) });
  if (nav.length) rows.push(nav);
  return { text: lines.join('\n'), reply_markup: { inline_keyboard: rows } };
}

/** Searches and answers: results, or a clear "nothing found" with the closest lesson names. */
export async function replySearch(ctx: BotContext, typed: string): Promise<void> {
  // The query is what fits in the result pages' buttons (about 58 bytes, whole words):
  // page 2 then searches exactly what page 1 did.
  const query = fitSearchQuery(typed);
  if (!/[\p{L}\p{N}]/u.test(query)) return void (await ctx.reply(ctx.t('search-no-words')));
  const view = resultsView(ctx, query, 0);
  if (view) return void (await ctx.reply(view.text, { parse_mode: 'MarkdownV2', reply_markup: view.reply_markup, link_preview_options: { is_disabled: true } }));
  const catalog = ctx.services.catalog();
  const suggestions = catalog.suggest(query);
  const text = [ctx.t('search-nothing', { query: shortQuery(query) }), ...(suggestions.length ? [ctx.t('lesson-suggest')] : [])].join('\n');
  await ctx.reply(text, suggestions.length ? { reply_markup: lessonChoiceKeyboard(catalog, suggestions, ctx.lang) } : {});
}

/** `/search words` finds lessons by their text. */
searchFeature.command('search', async (ctx) => {
  const query = ctx.match.trim();
  if (!query) return void (await ctx.reply(ctx.t('search-usage')));
  await replySearch(ctx, query);
});

/** Plain text: an exact lesson name opens it (as /lesson does); anything else is searched for. */
searchFeature.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith('/')) return next();
  const exact = text.length <= 200 ? ctx.services.catalog().byName(text) : undefined;
  if (exact) return openLesson(ctx, exact);
  await replySearch(ctx, text);
});

/** ◀ ▶ between pages of results. */
searchFeature.filter(
  (ctx) => ctx.action?.action === 'search',
  async (ctx) => {
    const { page, query } = ctx.action as { page: number; query: string };
    const view = resultsView(ctx, query, page);
    if (!view) return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(view.text, { parse_mode: 'MarkdownV2', reply_markup: view.reply_markup, link_preview_options: { is_disabled: true } })
      .catch(ignoreNotModified);
  },
);

/** A result: the lesson at the message that matched (the results stay, to try another). */
searchFeature.filter(
  (ctx) => ctx.action?.action === 'hit',
  async (ctx) => {
    const { lessonKey, index } = ctx.action as { lessonKey: string; index: number };
    const catalog = ctx.services.catalog();
    const lesson = catalog.byCallbackKey(lessonKey);
    if (!lesson || index >= catalog.version(lesson, ctx.lang).version.messages.length) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
    }
    await ctx.answerCallbackQuery();
    await sendLessonMessage(ctx, lesson, index);
  },
);
