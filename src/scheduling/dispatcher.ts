// Sends the planned lessons of the day: one global sender, paced, each
// delivery claimed in the ledger just before its API call and confirmed just
// after. Several dispatchers (the bot's own tick, `npm run daily`) can run at
// once: a claim is atomic, so each delivery is sent by one of them.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Delivery } from '../storage/daily-store.ts';
import type { Clock } from './clock.ts';
import type { PlanContext } from './planner.ts';

export type SendOutcome =
  | { kind: 'sent'; messageId: number; /** the lesson fits in this one message */ completed: boolean }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'blocked' }
  | { kind: 'retry'; error: string } // refused by a server error: certainly not delivered
  | { kind: 'failed'; error: string } // refused for good (400)
  | { kind: 'unknown'; error: string }; // no answer: may or may not have been delivered

/** Sends a lesson's first message to a subscriber (implemented over the Bot API in src/bot/daily-sender.ts). */
export type DailySend = (delivery: Delivery, language: string) => Promise<SendOutcome>;

export interface DispatchOptions extends PlanContext {
  send: DailySend;
  clock: Clock;
  log: (fields: Record<string, unknown>, message: string) => void;
  /** messages per second; 0 = as fast as the server answers */
  rate: number;
  concurrency: number;
  dispatcherId?: string;
  maxAttempts?: number;
  retryDelayMs?: number;
  progressEvery?: number;
  /** Messages the bot sent to users in the last second; the daily batch leaves them room under globalLimit. */
  interactiveLoad?: () => number;
  globalLimit?: number;
  /** Waits for real time to pass (tests may speed it up). */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

export interface DispatchSummary {
  sent: number;
  retried: number;
  failed: number;
  blocked: number;
  uncertain: number;
  rateLimited: number;
  seconds: number;
}

export function newDispatcherId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Whether the dispatcher that claimed a delivery is still running: known only on the same host. */
export function dispatcherAlive(ownId: string) {
  return (owner: string): boolean | undefined => {
    if (owner === ownId) return true;
    const [host, pid] = owner.split(':');
    if (host !== hostname() || !pid) return undefined;
    if (Number(pid) === process.pid) return false; // an earlier dispatcher of this process
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
}

const HEARTBEAT_MS = 2_000;
const STALE_AFTER_MS = 30_000;

/**
 * A token bucket shared by the workers: `rate` sends a second, with a burst of
 * 50 ms worth (at least one) so that timer lateness does not lower the rate;
 * and a global pause after a 429.
 */
class Pacer {
  private tokens = 1;
  private last = performance.now();
  private pausedUntil = 0;
  constructor(
    private readonly rate: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + ms);
    this.tokens = 0;
  }

  async take(): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (this.pausedUntil > now) {
        await this.sleep(this.pausedUntil - now);
        this.last = performance.now();
        continue;
      }
      const rate = this.rate();
      if (rate <= 0) return;
      const burst = Math.max(1, rate / 20);
      this.tokens = Math.min(burst, this.tokens + ((now - this.last) * rate) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.max(1, ((1 - this.tokens) * 1000) / rate));
    }
  }
}

export async function dispatch(options: DispatchOptions): Promise<DispatchSummary> {
  const { daily, clock, log } = options;
  const id = options.dispatcherId ?? newDispatcherId();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 10 * 60_000;
  const progressEvery = options.progressEvery ?? 500;
  const globalLimit = options.globalLimit ?? 30;
  const summary: DispatchSummary = { sent: 0, retried: 0, failed: 0, blocked: 0, uncertain: 0, rateLimited: 0, seconds: 0 };
  const started = performance.now();

  const rate = () => {
    if (!options.interactiveLoad || options.rate <= 0) return options.rate;
    // Interactive replies first: the batch takes what is left under Telegram's global limit.
    return Math.max(1, Math.min(options.rate, globalLimit - options.interactiveLoad()));
  };
  const pacer = new Pacer(rate, sleep);

  daily.heartbeat(id, clock.now());
  const heartbeat = setInterval(() => daily.heartbeat(id, clock.now()), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    summary.uncertain += daily.resolveAbandoned(clock.now(), STALE_AFTER_MS, dispatcherAlive(id));
    daily.expire(clock.now());
    const total = daily.remaining(clock.now());
    if (total > 0) log({ due: total }, 'daily: sending the lessons of the day');

    // Workers that ask for their next delivery while the same batch of answers
    // is being read share one claiming transaction (a commit costs more than
    // the rows it writes); each sends its delivery at once.
    let waiting: Array<(delivery: Delivery | undefined) => void> = [];
    const claimNext = () =>
      new Promise<Delivery | undefined>((resolve) => {
        waiting.push(resolve);
        if (waiting.length > 1) return;
        setImmediate(() => {
          const waiters = waiting;
          waiting = [];
          const claimed = daily.claim(id, clock.now(), waiters.length);
          waiters.forEach((wake, i) => wake(claimed[i]));
        });
      });

    const worker = async () => {
      while (!options.signal?.aborted) {
        await pacer.take();
        if (options.signal?.aborted) return;
        const delivery = await claimNext();
        if (!delivery) return;
        await deliver(delivery);
        const done = summary.sent + summary.failed + summary.blocked;
        if (summary.sent > 0 && summary.sent % progressEvery === 0) {
          const elapsed = (performance.now() - started) / 1000;
          const remaining = daily.remaining(clock.now());
          const perSecond = done / elapsed;
          log({ sent: summary.sent, rate: Math.round(perSecond * 10) / 10, remaining, etaSeconds: Math.round(remaining / Math.max(perSecond, 0.001)) }, 'daily: progress');
        }
      }
    };

    // Confirmations are written in batches, one transaction for many sends. A
    // crash before a batch is written leaves those deliveries claimed, which
    // the next dispatcher resolves as uncertain: never sent again.
    let confirmations: Array<{ delivery: Delivery; messageId: number; completed: boolean; at: number }> = [];
    const flush = () => {
      if (!confirmations.length) return;
      const batch = confirmations;
      confirmations = [];
      daily.db.transaction(() => {
        for (const c of batch) {
          daily.confirm(c.delivery, id, c.messageId, c.at);
          options.store.recordProgress(c.delivery.user_id, c.delivery.lesson, 1, c.completed);
        }
      })();
    };
    const flusher = setInterval(flush, 50);
    flusher.unref();

    const deliver = async (delivery: Delivery) => {
      const language = options.store.user(delivery.user_id)?.language ?? options.defaultLanguage;
      let outcome: SendOutcome;
      try {
        outcome = await options.send(delivery, language);
      } catch (error) {
        outcome = { kind: 'failed', error: (error as Error).message };
      }
      const now = clock.now();
      switch (outcome.kind) {
        case 'sent':
          confirmations.push({ delivery, messageId: outcome.messageId, completed: outcome.completed, at: now });
          if (confirmations.length >= 128) flush();
          summary.sent++;
          return;
        case 'rate-limited':
          summary.rateLimited++;
          pacer.pause(outcome.retryAfterSeconds * 1000);
          daily.release(delivery, id, now, 'rate limited', false);
          return;
        case 'blocked':
          summary.blocked++;
          options.store.setActive(delivery.user_id, false);
          daily.unsubscribe(delivery.user_id);
          daily.fail(delivery, id, 'blocked by the user: unsubscribed');
          return;
        case 'retry':
          if (delivery.attempts < maxAttempts) {
            summary.retried++;
            daily.release(delivery, id, now + retryDelayMs, outcome.error, true);
          } else {
            summary.failed++;
            daily.fail(delivery, id, outcome.error);
          }
          return;
        case 'failed':
          summary.failed++;
          daily.fail(delivery, id, outcome.error);
          return;
        case 'unknown':
          // The request may have reached Telegram: sending again could show the
          // lesson twice, so this day's delivery is left uncertain (see README).
          summary.uncertain++;
          daily.uncertain(delivery, id, outcome.error);
          return;
      }
    };

    try {
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    } finally {
      clearInterval(flusher);
      flush();
    }
  } finally {
    clearInterval(heartbeat);
    daily.retire(id);
  }
  summary.seconds = (performance.now() - started) / 1000;
  if (summary.sent + summary.failed + summary.blocked + summary.uncertain + summary.retried > 0) {
    log({ ...summary, seconds: Math.round(summary.seconds * 10) / 10, ratePerSecond: Math.round((summary.sent / Math.max(summary.seconds, 0.001)) * 10) / 10 }, 'daily: done');
  }
  return summary;
}
