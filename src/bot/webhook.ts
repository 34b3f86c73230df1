// Webhook mode: Telegram posts each update to WEBHOOK_URL, with the secret
// token given to setWebhook in a header. grammY's webhookCallback checks the
// secret (again: src/server/http.ts refuses a wrong one before reading the
// body) and answers Telegram once the update is handled.
import type { ServerResponse } from 'node:http';
import { type Bot, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import type { WebhookRoute } from '../server/http.ts';
import { ALLOWED_UPDATES } from './bot.ts';
import type { BotContext } from './context.ts';

/**
 * Telegram waits about a minute for an answer, then sends the update again.
 * An update still being handled after this long (e.g. waiting out a 429) is
 * answered at once and goes on being handled: the HTTP server still counts
 * it as in flight, so a stop waits for it.
 */
const ANSWER_WITHIN_MS = 8_000;

export function webhookRoute(bot: Bot<BotContext>, url: string, secret: string): WebhookRoute {
  const adapter = (update: Update, res: ServerResponse, header: string | undefined) => ({
    update: Promise.resolve(update),
    header,
    end: () => res.end(),
    respond: (json: string) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(json),
    unauthorized: () => res.writeHead(401).end(),
  });
  const handle = webhookCallback(bot, adapter, { secretToken: secret, timeoutMilliseconds: Infinity });
  return {
    path: new URL(url).pathname,
    secret,
    handle: async (update, req, res) => {
      const header = req.headers['x-telegram-bot-api-secret-token'];
      const answerEarly = setTimeout(() => {
        if (!res.headersSent) res.writeHead(200).end();
      }, ANSWER_WITHIN_MS);
      try {
        await handle(update, res, typeof header === 'string' ? header : undefined);
      } finally {
        clearTimeout(answerEarly);
      }
    },
  };
}

/** Points Telegram at the webhook; updates that waited while the bot was down are kept. */
export async function setWebhook(bot: Bot<BotContext>, url: string, secret: string): Promise<void> {
  await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: 40 });
}
