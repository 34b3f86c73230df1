// The lesson of the day over the Bot API: the lesson's first message with
// its buttons and a way to continue. A plain Api, without auto-retry: the
// dispatcher itself decides what a 429, a 403 or a lost answer means.
import { Api, GrammyError, HttpError } from 'grammy';
import type { Catalog } from '../content/catalog.ts';
import type { DailySend } from '../scheduling/dispatcher.ts';
import { keepAliveFetchConfig } from './http-agent.ts';
import { lessonMessage, type Translate } from './keyboards/lesson.ts';

export function createDailySender(options: {
  token: string;
  apiRoot: string;
  catalog: () => Catalog;
  translate: (language: string) => Translate;
}): DailySend {
  const api = new Api(options.token, { apiRoot: options.apiRoot, baseFetchConfig: keepAliveFetchConfig(options.apiRoot) });
  return async (delivery, language) => {
    const catalog = options.catalog();
    const lesson = catalog.bySlug(delivery.lesson);
    if (!lesson) return { kind: 'failed', error: `lesson "${delivery.lesson}" no longer exists` };
    const { version } = catalog.version(lesson, language);
    const message = lessonMessage(catalog, lesson, version, 0, options.translate(language));
    try {
      const sent = await api.sendMessage(delivery.user_id, message.text, {
        parse_mode: message.parse_mode,
        reply_markup: message.reply_markup,
        link_preview_options: { is_disabled: true },
      });
      return { kind: 'sent', messageId: sent.message_id, completed: version.messages.length === 1 };
    } catch (error) {
      if (error instanceof GrammyError) {
        if (error.error_code === 429) return { kind: 'rate-limited', retryAfterSeconds: error.parameters.retry_after ?? 1 };
        if (error.error_code === 403) return { kind: 'blocked' };
        if (error.error_code >= 500) return { kind: 'retry', error: `${error.error_code} ${error.description}` };
        return { kind: 'failed', error: `${error.error_code} ${error.description}` };
      }
      if (error instanceof HttpError) {
        const code = (error.error as NodeJS.ErrnoException | undefined)?.code;
        // Refused before anything was sent: safe to try again later.
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'retry', error: code };
        return { kind: 'unknown', error: error.message };
      }
      throw error;
    }
  };
}
