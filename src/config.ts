// Configuration from the environment, validated once at start: every
// mistake is reported with what is wrong and how to fix it.
import { createHmac } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { UI_LANGUAGES } from './bot/i18n.ts';

export interface Config {
  botToken?: string;
  apiRoot: string;
  databasePath: string;
  lessonsDir: string;
  defaultLanguage: string;
  adminIds: number[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** port of the playground page, served when BOT_TOKEN is not set; 0 picks a free port */
  playgroundPort: number;
  /** lesson-of-the-day messages per second; 0 = no pacing */
  dailyRate: number;
  /** lesson-of-the-day requests in flight at once */
  dailyConcurrency: number;
  /** how often the bot looks for lessons of the day that have fallen due */
  dailyCheckSeconds: number;
  /** public HTTPS address Telegram posts updates to; absent: long polling */
  webhookUrl?: string;
  /** X-Telegram-Bot-Api-Secret-Token expected on webhook requests (never logged) */
  webhookSecret?: string;
  /** address and port of the HTTP server: the webhook (when set) and /healthz; port 0 picks a free one */
  httpHost: string;
  httpPort: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { requireToken?: boolean } = {}): Config {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const botToken = value('BOT_TOKEN');
  if (!botToken && options.requireToken !== false) problems.push('BOT_TOKEN is not set: get a token from @BotFather and set BOT_TOKEN=123456:ABC…');
  else if (botToken && !/^\d+:[A-Za-z0-9_-]+$/.test(botToken)) problems.push('BOT_TOKEN does not look like a bot token (digits, a colon, then letters, digits, _ or -)');

  const apiRoot = value('TELEGRAM_API_ROOT') ?? 'https://api.telegram.org';
  try {
    const url = new URL(apiRoot);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    problems.push(`TELEGRAM_API_ROOT must be an http(s) URL such as https://api.telegram.org, not "${apiRoot}"`);
  }

  const databasePath = value('DATABASE_PATH') ?? 'data/parasol.sqlite';
  if (existsSync(databasePath) && statSync(databasePath).isDirectory()) problems.push(`DATABASE_PATH "${databasePath}" is a folder; give a file path such as data/parasol.sqlite`);

  const lessonsDir = value('LESSONS_DIR') ?? 'lessons';
  if (!existsSync(lessonsDir) || !statSync(lessonsDir).isDirectory()) problems.push(`LESSONS_DIR "${lessonsDir}" is not a folder`);

  const defaultLanguage = value('DEFAULT_LANGUAGE') ?? 'en';
  if (!UI_LANGUAGES.includes(defaultLanguage)) problems.push(`DEFAULT_LANGUAGE "${defaultLanguage}" has no locales/${defaultLanguage}.ftl; use one of ${UI_LANGUAGES.join(', ')}`);

  const adminIds: number[] = [];
  for (const part of (value('ADMIN_IDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (/^\d{1,16}$/.test(part)) adminIds.push(Number(part));
    else problems.push(`ADMIN_IDS must be Telegram user ids separated by commas; "${part}" is not one`);
  }

  const logLevel = (value('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);

  const rawPort = value('PLAYGROUND_PORT') ?? '8080';
  const playgroundPort = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(playgroundPort >= 0 && playgroundPort <= 65535)) problems.push(`PLAYGROUND_PORT must be a port number from 0 to 65535 (0 picks a free port), not "${rawPort}"`);

  const webhookUrl = value('WEBHOOK_URL');
  if (webhookUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(webhookUrl);
    } catch {
      problems.push(`WEBHOOK_URL must be a full https:// address such as https://bot.example.org/telegram, not "${webhookUrl}"`);
    }
    // Telegram only posts to HTTPS; plain http is accepted for a local test server.
    const local = url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      problems.push(`WEBHOOK_URL must start with https:// (Telegram only sends updates over HTTPS), not "${webhookUrl}"`);
    }
    if (!botToken && url) problems.push('WEBHOOK_URL needs BOT_TOKEN: the playground (no token) always uses long polling');
  }
  const rawSecret = value('WEBHOOK_SECRET');
  if (rawSecret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(rawSecret)) {
    problems.push('WEBHOOK_SECRET must be 1 to 256 characters among A-Z, a-z, 0-9, _ and - (Telegram\'s rule); leave it unset to derive one from the token');
  }
  // Without WEBHOOK_SECRET the secret is derived from the token, so every restart
  // (and every instance) agrees on it, and it changes when the token is revoked.
  const webhookSecret = webhookUrl && botToken ? (rawSecret ?? createHmac('sha256', botToken).update('parasol webhook secret').digest('base64url')) : undefined;

  const httpHost = value('HTTP_HOST') ?? '127.0.0.1';
  const rawHttpPort = value('HTTP_PORT') ?? '8081';
  const httpPort = /^\d{1,5}$/.test(rawHttpPort) ? Number(rawHttpPort) : NaN;
  if (!(httpPort >= 0 && httpPort <= 65535)) problems.push(`HTTP_PORT must be a port number from 0 to 65535 (0 picks a free port), not "${rawHttpPort}"`);

  const number = (name: string, fallback: number, min: number, max: number, meaning: string) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be ${meaning} between ${min} and ${max}, not "${raw}"`);
      return fallback;
    }
    return parsed;
  };
  // Telegram allows about 30 messages a second in all; 25 leaves room for replies.
  const dailyRate = number('DAILY_RATE', 25, 0, 100_000, 'messages per second (0: no pacing)');
  const dailyConcurrency = Math.round(number('DAILY_CONCURRENCY', 4, 1, 256, 'a number of requests'));
  const dailyCheckSeconds = number('DAILY_CHECK_SECONDS', 60, 0.1, 3600, 'a number of seconds');

  if (problems.length) throw new ConfigError(problems);
  return {
    botToken,
    apiRoot: apiRoot.replace(/\/+$/, ''),
    databasePath,
    lessonsDir,
    defaultLanguage,
    adminIds,
    logLevel,
    playgroundPort,
    dailyRate,
    dailyConcurrency,
    dailyCheckSeconds,
    ...(webhookUrl ? { webhookUrl, webhookSecret } : {}),
    httpHost,
    httpPort,
  };
}
