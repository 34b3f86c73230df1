import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Lesson } from '../../content/catalog.ts';
import { markdownV2PlainText } from '../../content/telegram-text.ts';
import { searchIndexFor } from '../../storage/search-index.ts';
import type { BotContext } from '../context.ts';
import { type InlineButton, shorten } from '../keyboards/lesson.ts';

/**
 * Inline mode: "@bot calls" in any chat lists matching lessons (all of them,
 * in reading order, for an empty query); choosing one posts the lesson's
 * first message with a button that opens the whole lesson in the bot.
 */
export const inlineFeature = new Composer<BotContext>();

export const INLINE_PAGE = 20;
const MAX_DESCRIPTION = 120;

/** https://t.me/<bot>?start=<lesson key>: /start opens the lesson. */
export function deepLink(username: string, lesson: Lesson): string {
  return `https://t.me/${username}?start=${lesson.key}`;
}

function article(ctx: BotContext, lesson: Lesson): InlineQueryResultArticle {
  const { version } = ctx.services.catalog().version(lesson, ctx.lang);
  const first = version.messages[0];
  const text = first?.text ?? '';
  // The lesson's web links stay buttons; links to other lessons would need the private chat.
  const links: InlineButton[][] = (first?.buttons ?? []).flatMap((b) => (b.kind === 'url' ? [[{ text: `🌐 ${shorten(b.label, 60)}`, url: b.url }]] : [])).slice(0, 20);
  return {
    type: 'article',
    // lesson key (10) + ':' + language (≤ 16): well under Telegram's 64 bytes
    id: `${lesson.key}:${version.lang}`.slice(0, 64),
    title: shorten(version.title, 100) || lesson.slug,
    description: shorten(version.description ?? markdownV2PlainText(text).replace(version.title, ''), MAX_DESCRIPTION),
    input_message_content: { message_text: text, parse_mode: 'MarkdownV2', link_preview_options: { is_disabled: true } },
    reply_markup: { inline_keyboard: [...links, [{ text: ctx.t('inline-open'), url: deepLink(ctx.me.username, lesson) }]] },
  };
}

inlineFeature.on('inline_query', async (ctx) => {
  const query = ctx.inlineQuery.query.slice(0, 256);
  const offset = Math.max(0, Math.min(10_000, Number.parseInt(ctx.inlineQuery.offset, 10) || 0));
  const catalog = ctx.services.catalog();
  let lessons: Lesson[];
  let total: number;
  if (/[\p{L}\p{N}]/u.test(query)) {
    const result = searchIndexFor(catalog).search(query, { lang: ctx.lang, offset, limit: INLINE_PAGE });
    lessons = result.hits.map((hit) => hit.lesson);
    total = result.total;
  } else {
    const all = catalog.list(ctx.lang);
    total = all.length;
    lessons = all.slice(offset, offset + INLINE_PAGE).map((version) => catalog.bySlug(version.slug)!);
  }
  // Only lessons whose first message can be posted as it is (a text message).
  const results = lessons.filter((lesson) => catalog.version(lesson, ctx.lang).version.messages[0]?.photo === undefined).map((lesson) => article(ctx, lesson));
  const next = offset + INLINE_PAGE < total ? String(offset + INLINE_PAGE) : '';
  await ctx.answerInlineQuery(results, { cache_time: 60, is_personal: true, next_offset: next });
});
