// The bot: plugins, middlewares and one composer per feature.
import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError } from 'grammy';
import type { BotContext, Services } from './context.ts';
import { bookmarksFeature } from './features/bookmarks.ts';
import { browseFeature } from './features/browse.ts';
import { checklistFeature } from './features/checklist.ts';
import { dailyFeature } from './features/daily.ts';
import { fallbackFeature } from './features/fallback.ts';
import { inlineFeature } from './features/inline.ts';
import { languageFeature } from './features/language.ts';
import { lessonFeature } from './features/lesson.ts';
import { privacyFeature } from './features/privacy.ts';
import { progressFeature } from './features/progress.ts';
import { searchFeature } from './features/search.ts';
import { startFeature } from './features/start.ts';
import { statsFeature } from './features/stats.ts';
import { decodeAction } from './middlewares/callback.ts';
import { resolveLanguage } from './middlewares/language.ts';
import { privateOnly } from './middlewares/private-only.ts';

export const FLOOD_LIMIT = 20;
export const FLOOD_WINDOW_MS = 10_000;

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'editMessageText', 'editMessageReplyMarkup', 'copyMessage']);

/** Updates the bot asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member', 'inline_query'] as const;

export function createBot(token: string, services: Services): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, { client: { apiRoot: services.config.apiRoot } });

  // 429: wait retry_after and retry; 5xx and network errors: retry with backoff.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  // 403 "bot was blocked by the user": remember that this user cannot be reached.
  // Replies sent are counted, so the lesson-of-the-day batch leaves them room.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (result.ok && SEND_METHODS.has(method)) services.sendMeter?.record();
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    if (!result.ok && result.error_code === 403 && typeof chatId === 'number') {
      services.store.setActive(chatId, false);
      services.logger.info({ method, chat: chatId }, 'user unreachable (403), marked inactive');
    }
    return result;
  });

  // With @grammyjs/runner updates run concurrently; each user's stay in order.
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use((ctx, next) => {
    ctx.services = services;
    return next();
  });
  // Blocking or unblocking the bot arrives as my_chat_member in the private chat.
  bot.on('my_chat_member', (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const status = ctx.myChatMember.new_chat_member.status;
    if (services.store.user(ctx.from.id)) services.store.setActive(ctx.from.id, status !== 'kicked');
  });
  bot.use(resolveLanguage);
  bot.use(services.i18n);
  bot.use(privateOnly);
  // Per-user flood control: past FLOOD_LIMIT updates in FLOOD_WINDOW_MS the
  // user is told once to slow down and the rest of the window is ignored.
  const warned = new Map<number, number>();
  bot.use(
    limit<BotContext, never>({
      timeFrame: FLOOD_WINDOW_MS,
      limit: FLOOD_LIMIT,
      // Inline queries (one per keystroke or so) are counted apart, so typing "@bot …" never mutes the private chat.
      keyGenerator: (ctx) => (ctx.inlineQuery ? `inline:${ctx.from!.id}` : ctx.from?.id.toString()),
      onLimitExceeded: async (ctx) => {
        // Inline queries come as the user types: past the limit they are dropped (there is no chat to answer in).
        if (ctx.inlineQuery) return;
        if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: ctx.t('too-fast') }).catch(() => undefined));
        const id = ctx.from!.id;
        if ((warned.get(id) ?? 0) > Date.now() - FLOOD_WINDOW_MS) return;
        warned.set(id, Date.now());
        if (warned.size > 10_000) warned.clear();
        await ctx.reply(ctx.t('too-fast')).catch(() => undefined);
      },
    }),
  );
  bot.use(decodeAction);
  bot.use(startFeature, languageFeature, lessonFeature, browseFeature, checklistFeature, progressFeature, dailyFeature, privacyFeature, statsFeature, bookmarksFeature, searchFeature, inlineFeature, fallbackFeature);

  bot.catch(async (error) => {
    const cause = error.error;
    if (services.metrics) services.metrics.updateErrors++;
    const details =
      cause instanceof GrammyError
        ? { method: cause.method, code: cause.error_code, description: cause.description }
        : cause instanceof HttpError
          ? { network: true, message: cause.message }
          : { message: cause instanceof Error ? cause.message : String(cause), stack: cause instanceof Error ? cause.stack : undefined };
    services.logger.error({ update: error.ctx.update.update_id, ...details }, 'error while handling an update');
    if (!(cause instanceof GrammyError) && !(cause instanceof HttpError) && error.ctx.chat?.type === 'private') {
      await error.ctx.reply(error.ctx.t('error-generic')).catch(() => undefined);
    }
  });
  return bot;
}

/** Registers the command menu in every UI language (Telegram wants two-letter codes). */
export async function registerCommands(bot: Bot<BotContext>, services: Services, languages: string[]): Promise<void> {
  const names = ['start', 'help', 'lessons', 'lesson', 'search', 'saved', 'daily', 'language', 'progress', 'forget'];
  const commands = (lang: string) => names.map((command) => ({ command, description: services.i18n.t(lang, `cmd-${command}`) }));
  await bot.api.setMyCommands(commands(services.config.defaultLanguage));
  for (const lang of languages) {
    await bot.api.setMyCommands(commands(lang), { language_code: lang.split('-')[0] as never });
  }
}
