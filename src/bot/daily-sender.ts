// The lesson of the day over the Bot API: the lesson's first message with
// its buttons and a way to continue.
//
// This is the one place that does not go through grammY's Api: it sends
// thousands of identical-but-for-chat_id requests in a burst, and grammY's
// node-fetch path costs more CPU per request than the sender has at 2,000
// messages a second. A keep-alive http.request with the JSON body prepared
// once per lesson and language does the same call. No auto-retry either: the
// dispatcher itself decides what a 429, a 403 or a lost answer means.
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Catalog } from '../content/catalog.ts';
import type { DailySend, SendOutcome } from '../scheduling/dispatcher.ts';
import { bookmarkButton, withBookmarkButton } from './keyboards/bookmarks.ts';
import { lessonMessage, type Translate } from './keyboards/lesson.ts';

const TIMEOUT_MS = 30_000;

export function createDailySender(options: { token: string; apiRoot: string; catalog: () => Catalog; translate: (language: string) => Translate }): DailySend {
  const url = new URL(`${options.apiRoot}/bot${options.token}/sendMessage`);
  // One pool of kept-alive connections, as many as requests in flight.
  const agent = url.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // The body after "chat_id", per catalog, lesson and language: the same for every subscriber.
  let bodies = new WeakMap<Catalog, Map<string, { rest: string; completed: boolean } | null>>();

  const bodyFor = (lessonSlug: string, language: string) => {
    const catalog = options.catalog();
    let perCatalog = bodies.get(catalog);
    if (!perCatalog) bodies.set(catalog, (perCatalog = new Map()));
    const key = `${lessonSlug}\u0000${language}`;
    if (!perCatalog.has(key)) {
      const lesson = catalog.bySlug(lessonSlug);
      if (!lesson) perCatalog.set(key, null);
      else {
        const { version } = catalog.version(lesson, language);
        const message = lessonMessage(catalog, lesson, version, 0, options.translate(language));
        // ☆ Save as on every lesson message (tapping it saves; it never unsaves, see the bookmarks feature).
        const reply_markup = withBookmarkButton(message.reply_markup, bookmarkButton(lesson, false, options.translate(language)));
        const rest = JSON.stringify({ text: message.text, parse_mode: message.parse_mode, reply_markup, link_preview_options: { is_disabled: true } }).slice(1);
        perCatalog.set(key, { rest, completed: version.messages.length === 1 });
      }
    }
    return perCatalog.get(key)!;
  };

  return (delivery, language) => {
    const prepared = bodyFor(delivery.lesson, language);
    if (!prepared) return Promise.resolve({ kind: 'failed', error: `lesson "${delivery.lesson}" no longer exists` });
    const body = `{"chat_id":${delivery.user_id},${prepared.rest}`;
    return post(request, url, agent, body).then((answer) => outcomeOf(answer, prepared.completed));
  };

  function post(send: typeof httpRequest, target: URL, via: Agent, body: string): Promise<{ status: number; json?: ApiAnswer; error?: NodeJS.ErrnoException; sent: boolean }> {
    return new Promise((resolve) => {
      let sent = false;
      const req = send(target, { method: 'POST', agent: via, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApiAnswer, sent: true });
          } catch (error) {
            resolve({ status: res.statusCode ?? 0, error: error as NodeJS.ErrnoException, sent: true });
          }
        });
        res.on('error', (error) => resolve({ status: 0, error, sent: true }));
      });
      // Once the body is handed to the socket the request may reach Telegram.
      req.on('finish', () => (sent = true));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, error, sent }));
      req.end(body);
    });
  }
}

interface ApiAnswer {
  ok: boolean;
  result?: { message_id: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

function outcomeOf(answer: { status: number; json?: ApiAnswer; error?: NodeJS.ErrnoException; sent: boolean }, completed: boolean): SendOutcome {
  const { json } = answer;
  if (json?.ok && json.result) return { kind: 'sent', messageId: json.result.message_id, completed };
  if (json && !json.ok) {
    const code = json.error_code ?? answer.status;
    const description = `${code} ${json.description ?? ''}`.trim();
    if (code === 429) return { kind: 'rate-limited', retryAfterSeconds: json.parameters?.retry_after ?? 1 };
    if (code === 403) return { kind: 'blocked' };
    if (code >= 500) return { kind: 'retry', error: description };
    return { kind: 'failed', error: description };
  }
  if (answer.status >= 500) return { kind: 'retry', error: `HTTP ${answer.status}` };
  // No usable answer. Refused before the request left: safe to try again later;
  // otherwise it may have been delivered.
  const code = answer.error?.code;
  if (!answer.sent || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'retry', error: code ?? 'not sent' };
  return { kind: 'unknown', error: code ?? answer.error?.message ?? `HTTP ${answer.status}` };
}
