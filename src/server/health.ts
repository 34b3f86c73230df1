// What /healthz reports: can the bot use its database, and can it reach
// Telegram? No personal data, no token, only ok/error per dependency.
import type { Db } from '../storage/database.ts';

export interface HealthReport {
  ok: boolean;
  database: 'ok' | 'error';
  telegram: 'ok' | 'error';
  mode: 'polling' | 'webhook';
  uptime_seconds: number;
}

export interface HealthCheckOptions {
  db: Db;
  apiRoot: string;
  token: string;
  mode: HealthReport['mode'];
  /** how long a Telegram answer is reused, so frequent probes do not hammer the API */
  cacheMs?: number;
  timeoutMs?: number;
}

export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthReport> {
  const startedAt = Date.now();
  const cacheMs = options.cacheMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  let telegram: { ok: boolean; at: number } | undefined;
  let probing: Promise<boolean> | undefined;

  // A direct getMe, without the bot's retry layer: a health probe wants a quick yes or no.
  const probeTelegram = async (): Promise<boolean> => {
    try {
      const response = await fetch(`${options.apiRoot}/bot${options.token}/getMe`, { signal: AbortSignal.timeout(timeoutMs) });
      const body = (await response.json()) as { ok?: unknown };
      return body.ok === true;
    } catch {
      return false;
    }
  };

  const telegramOk = async (): Promise<boolean> => {
    if (telegram && Date.now() - telegram.at < cacheMs) return telegram.ok;
    // Concurrent probes share one request.
    probing ??= probeTelegram().then((ok) => {
      telegram = { ok, at: Date.now() };
      probing = undefined;
      return ok;
    });
    return probing;
  };

  const databaseOk = (): boolean => {
    try {
      return options.db.prepare('SELECT 1 AS one').get() !== undefined;
    } catch {
      return false;
    }
  };

  return async () => {
    const database = databaseOk();
    const reachable = await telegramOk();
    return {
      ok: database && reachable,
      database: database ? 'ok' : 'error',
      telegram: reachable ? 'ok' : 'error',
      mode: options.mode,
      uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
    };
  };
}
