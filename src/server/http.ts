// The bot's HTTP server: GET /healthz in every mode and, with WEBHOOK_URL,
// the webhook Telegram posts updates to. Bad requests get a 4xx answer and
// never reach the bot.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import type { HealthReport } from './health.ts';

/** Telegram's header carrying the secret_token given to setWebhook. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are small; anything larger is not one. */
const MAX_BODY_BYTES = 1_000_000;

export interface WebhookRoute {
  /** path of WEBHOOK_URL, e.g. /telegram */
  path: string;
  secret: string;
  /** hands a well-formed update to the bot; resolves when it is handled (the answer may have gone earlier) */
  handle: (update: Update, req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  health: () => Promise<HealthReport>;
  webhook?: WebhookRoute;
  /** told about requests that failed inside the bot (never their content) */
  onError?: (error: unknown) => void;
}

export interface BotHttpServer {
  port: number;
  /** Stops accepting requests and waits for the updates being handled. */
  close: () => Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<BotHttpServer> {
  const inFlight = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const task = route(options, req, res).catch((error) => {
      options.onError?.(error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });
  // Slow or silent clients cannot hold sockets for long.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all(inFlight);
      server.closeAllConnections();
      await closed;
    },
  };
}

async function route(options: HttpServerOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    const report = await options.health();
    return void res.writeHead(report.ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(report));
  }
  const webhook = options.webhook;
  if (!webhook || path !== webhook.path) return void res.writeHead(404).end();
  if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
  // The secret is checked before the body is read: a refused request costs nothing and reaches nothing.
  if (!sameSecret(req.headers[SECRET_HEADER], webhook.secret)) return void res.writeHead(401).end();

  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === 'too large') return void res.writeHead(413, { Connection: 'close' }).end();
  const update = parseUpdate(body);
  if (!update) return void res.writeHead(400).end();
  await webhook.handle(update, req, res);
  if (!res.writableEnded) res.end();
}

function sameSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(header), digest(secret));
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve('too large');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too large');
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** An object with an integer update_id and at least one other field, or null. */
export function parseUpdate(body: Buffer): Update | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record.update_id)) return null;
  const kinds = Object.keys(record).filter((key) => key !== 'update_id');
  if (kinds.length !== 1 || typeof record[kinds[0]!] !== 'object' || record[kinds[0]!] === null) return null;
  return value as Update;
}
