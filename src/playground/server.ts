// The playground's web server, on 127.0.0.1 only: the page (plain HTML, CSS
// and JavaScript from public/, no build step, nothing fetched from elsewhere)
// and a small JSON API between the page and the simulated Telegram.
//
//   GET  /api/info                      bot, validation level, languages, users
//   POST /api/users        {first_name?, language_code?}           a new simulated user
//   POST /api/users/:id    {first_name?, language_code?}           change what their app reports
//   GET  /api/chat?user=ID[&after=VERSION]   the chat; with `after`, waits (long poll) for a change
//   POST /api/send         {user, text}                            the user sends a message
//   POST /api/press        {user, message_id, data}                the user taps a callback button
//   GET  /api/file/:file_id                                        a photo the bot uploaded
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES_DIR, UI_LANGUAGES } from '../bot/i18n.ts';
import { Playground, PlaygroundError } from './playground.ts';

const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
/** Longest a long poll is held; the page polls again right away. */
const LONG_POLL_MS = 25_000;
const MAX_BODY = 64 * 1024;
/** Telegram's limit for a message a user types. */
const MAX_USER_TEXT = 4096;

export interface PlaygroundServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  playground: Playground;
  close(): Promise<void>;
}

export interface PlaygroundServerOptions {
  /** 0 picks a free port */
  port: number;
  host?: string;
  /** Tells the page that MarkdownV2 is measured but not checked (no TDLib). */
  validation: 'telegram' | 'reduced';
}

interface Language {
  code: string;
  name: string;
}

/** Starts the web server; rejects (EADDRINUSE…) if it cannot listen. */
export async function startPlaygroundServer(playground: Playground, options: PlaygroundServerOptions): Promise<PlaygroundServer> {
  const host = options.host ?? '127.0.0.1';
  const statics = loadStatics();
  const languages = uiLanguages();
  const server = http.createServer();
  const open = new Set<http.ServerResponse>();
  let port = options.port;

  server.on('request', (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof PlaygroundError ? error.status : 500;
      json(res, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Only this machine, by its own name: a web page elsewhere cannot reach the
    // API through DNS rebinding, and cannot post without a CORS preflight.
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      return json(res, 421, { error: 'open the playground at its printed address' });
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
      const file = statics.get(path === '/' ? '/index.html' : path);
      if (!file) return json(res, 404, { error: 'not found' });
      res.writeHead(200, { 'content-type': file.type, ...SECURITY_HEADERS });
      res.end(method === 'HEAD' ? undefined : file.body);
      return;
    }

    if (method === 'GET' && path === '/api/info') {
      const api = playground.api;
      return json(res, 200, {
        bot: { first_name: api.botUser.first_name, username: api.botUser.username },
        validation: options.validation,
        languages,
        users: playground.listUsers(),
      });
    }

    if (method === 'GET' && path === '/api/chat') {
      const user = Number(url.searchParams.get('user'));
      if (!playground.user(user)) throw new PlaygroundError(404, `no simulated user ${url.searchParams.get('user')}`);
      const after = url.searchParams.get('after');
      if (after !== null && /^\d+$/.test(after)) {
        const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
        await Promise.race([playground.waitForChange(Number(after), LONG_POLL_MS), closed]);
        if (res.destroyed) return;
      }
      return json(res, 200, playground.chat(user));
    }

    const file = /^\/api\/file\/([A-Za-z0-9_-]{1,100})$/.exec(path)?.[1];
    if (method === 'GET' && file) {
      const stored = playground.api.file(file);
      if (!stored?.data) return json(res, 404, { error: 'no such file' });
      res.writeHead(200, { 'content-type': imageType(stored.data), ...SECURITY_HEADERS, 'cache-control': 'private, max-age=3600' });
      res.end(stored.data);
      return;
    }

    if (method !== 'POST') return json(res, 404, { error: 'not found' });
    const body = await readJson(req);

    if (path === '/api/users') return json(res, 201, playground.addUser(body));
    const userPath = /^\/api\/users\/(\d{1,16})$/.exec(path)?.[1];
    if (userPath) return json(res, 200, playground.updateUser(Number(userPath), body));

    if (path === '/api/send') {
      const text = typeof body.text === 'string' ? body.text.trim() : '';
      if (!text) throw new PlaygroundError(400, 'the message is empty');
      if (text.length > MAX_USER_TEXT) throw new PlaygroundError(400, `a message can have at most ${MAX_USER_TEXT} characters`);
      playground.sendText(Number(body.user), text);
      return json(res, 200, { ok: true });
    }

    if (path === '/api/press') {
      const messageId = Number(body.message_id);
      if (typeof body.data !== 'string' || !Number.isSafeInteger(messageId)) throw new PlaygroundError(400, 'message_id and data are required');
      try {
        playground.pressButton(Number(body.user), messageId, body.data);
      } catch (error) {
        if (error instanceof PlaygroundError) throw error;
        throw new PlaygroundError(409, 'this button is no longer there');
      }
      return json(res, 200, { ok: true });
    }

    return json(res, 404, { error: 'not found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  return {
    url,
    port,
    playground,
    close: async () => {
      playground.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const res of open) res.destroy();
        server.closeAllConnections();
      });
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new PlaygroundError(415, 'send JSON (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new PlaygroundError(413, 'request too large');
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new PlaygroundError(400, 'the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PlaygroundError(400, 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The page's files, read once: only these paths are ever served. */
function loadStatics(): Map<string, { type: string; body: Buffer }> {
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const name of readdirSync(PUBLIC_DIR)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type) files.set(`/${name}`, { type, body: readFileSync(join(PUBLIC_DIR, name)) });
  }
  return files;
}

/** The interface languages, each named in itself (from its locale file). */
function uiLanguages(): Language[] {
  return UI_LANGUAGES.map((code) => {
    let name = code;
    try {
      name = /^language-name\s*=\s*(.+)$/m.exec(readFileSync(join(LOCALES_DIR, `${code}.ftl`), 'utf8'))?.[1]?.trim() ?? code;
    } catch {
      // keep the code
    }
    return { code, name };
  });
}

function imageType(data: Buffer): string {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}
