// Queries of the lesson of the day: subscriptions and the deliveries ledger.
// A delivery goes pending -> claimed (by one dispatcher, just before its API
// call) -> sent | pending again (retry later) | failed | uncertain (the
// dispatcher died with the request in flight: never resent, see README).
import type { Db } from './database.ts';

export interface Subscription {
  user_id: number;
  hour: number;
  time_zone: string;
}

export interface Delivery {
  user_id: number;
  local_date: string;
  lesson: string;
  state: 'pending' | 'claimed' | 'sent' | 'failed' | 'uncertain';
  attempts: number;
  due_at: number;
  claimed_by: string | null;
  message_id: number | null;
}

export interface DueSubscriber {
  user_id: number;
  language: string | null;
}

export class DailyStore {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      subscription: db.prepare<[number], Subscription>('SELECT user_id, hour, time_zone FROM subscriptions WHERE user_id = ?'),
      subscribe: db.prepare<[number, number, string]>(
        'INSERT INTO subscriptions (user_id, hour, time_zone) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET hour = excluded.hour, time_zone = excluded.time_zone',
      ),
      ensureUser: db.prepare<[number]>('INSERT INTO users (id) VALUES (?) ON CONFLICT (id) DO NOTHING'),
      unsubscribe: db.prepare<[number]>('DELETE FROM subscriptions WHERE user_id = ?'),
      zones: db.prepare<[], { time_zone: string }>('SELECT DISTINCT time_zone FROM subscriptions'),
      dueInZone: db.prepare<[string, number, string], DueSubscriber>(
        `SELECT s.user_id, u.language FROM subscriptions s JOIN users u ON u.id = s.user_id
         WHERE s.time_zone = ? AND s.hour <= ? AND u.active = 1
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.user_id = s.user_id AND d.local_date = ?)`,
      ),
      lastDailyLesson: db.prepare<[number], { lesson: string }>('SELECT lesson FROM deliveries WHERE user_id = ? ORDER BY local_date DESC LIMIT 1'),
      plan: db.prepare<[number, string, string, number]>(
        "INSERT INTO deliveries (user_id, local_date, lesson, state, due_at) VALUES (?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING",
      ),
      claim: db.prepare<[string, number, number, number], Delivery>(
        `UPDATE deliveries SET state = 'claimed', claimed_by = ?, claimed_at = ?, attempts = attempts + 1
         WHERE rowid IN (SELECT rowid FROM deliveries WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, user_id LIMIT ?)
         RETURNING user_id, local_date, lesson, state, attempts, due_at, claimed_by, message_id`,
      ),
      confirm: db.prepare<[number, number, number, string, string]>(
        "UPDATE deliveries SET state = 'sent', sent_at = ?, message_id = ?, error = NULL WHERE user_id = ? AND local_date = ? AND state = 'claimed' AND claimed_by = ?",
      ),
      release: db.prepare<[number, string | null, number, number, string, string]>(
        "UPDATE deliveries SET state = 'pending', due_at = ?, error = ?, attempts = attempts - ? WHERE user_id = ? AND local_date = ? AND state = 'claimed' AND claimed_by = ?",
      ),
      fail: db.prepare<[string, number, string, string]>(
        "UPDATE deliveries SET state = 'failed', error = ? WHERE user_id = ? AND local_date = ? AND state = 'claimed' AND claimed_by = ?",
      ),
      uncertain: db.prepare<[string, number, string, string]>(
        "UPDATE deliveries SET state = 'uncertain', error = ? WHERE user_id = ? AND local_date = ? AND state = 'claimed' AND claimed_by = ?",
      ),
      expire: db.prepare<[number]>("UPDATE deliveries SET state = 'failed', error = 'expired: its day has passed' WHERE state = 'pending' AND due_at < ?"),
      heartbeat: db.prepare<[string, number]>('INSERT INTO dispatchers (id, heartbeat_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at'),
      retire: db.prepare<[string]>('DELETE FROM dispatchers WHERE id = ?'),
      claimedBy: db.prepare<[], { claimed_by: string; n: number }>("SELECT claimed_by, count(*) AS n FROM deliveries WHERE state = 'claimed' GROUP BY claimed_by"),
      dispatcher: db.prepare<[string], { heartbeat_at: number }>('SELECT heartbeat_at FROM dispatchers WHERE id = ?'),
      markUncertain: db.prepare<[string]>("UPDATE deliveries SET state = 'uncertain', error = 'dispatcher stopped with the request in flight' WHERE state = 'claimed' AND claimed_by = ?"),
      remaining: db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM deliveries WHERE state IN ('pending', 'claimed') AND due_at <= ?"),
      offered: db.prepare<[number], { daily_offered: number }>('SELECT daily_offered FROM users WHERE id = ?'),
      setOffered: db.prepare<[number]>('INSERT INTO users (id, daily_offered) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET daily_offered = 1'),
    };
  }

  subscription(userId: number): Subscription | undefined {
    return this.s.subscription.get(userId);
  }

  subscribe(userId: number, hour: number, timeZone: string): void {
    this.db.transaction(() => {
      this.s.ensureUser.run(userId);
      this.s.subscribe.run(userId, hour, timeZone);
    })();
  }

  unsubscribe(userId: number): void {
    this.s.unsubscribe.run(userId);
  }

  wasOffered(userId: number): boolean {
    return (this.s.offered.get(userId)?.daily_offered ?? 0) === 1;
  }

  markOffered(userId: number): void {
    this.s.setOffered.run(userId);
  }

  timeZones(): string[] {
    return this.s.zones.all().map((row) => row.time_zone);
  }

  /** Subscribers in a zone whose hour has come on `localDate` and who have no delivery for it yet. */
  dueSubscribers(timeZone: string, localHour: number, localDate: string): DueSubscriber[] {
    return this.s.dueInZone.all(timeZone, localHour, localDate);
  }

  lastDailyLesson(userId: number): string | undefined {
    return this.s.lastDailyLesson.get(userId)?.lesson;
  }

  /** Records the day's pick; a second plan for the same day changes nothing. */
  plan(entries: Array<{ userId: number; localDate: string; lesson: string }>, dueAt: number): number {
    let planned = 0;
    this.db.transaction(() => {
      for (const e of entries) planned += this.s.plan.run(e.userId, e.localDate, e.lesson, dueAt).changes;
    })();
    return planned;
  }

  /** Atomically takes up to `count` due deliveries for this dispatcher (fewer, or none, when fewer are due). */
  claim(dispatcherId: string, now: number, count: number): Delivery[] {
    return this.s.claim.all(dispatcherId, now, now, count);
  }

  confirm(delivery: Delivery, dispatcherId: string, messageId: number, now: number): boolean {
    return this.s.confirm.run(now, messageId, delivery.user_id, delivery.local_date, dispatcherId).changes === 1;
  }

  /** Back to pending: the request certainly did not deliver. A refusal that is not the message's fault (429) does not count as an attempt. */
  release(delivery: Delivery, dispatcherId: string, dueAt: number, error: string | null, countAttempt: boolean): void {
    this.s.release.run(dueAt, error, countAttempt ? 0 : 1, delivery.user_id, delivery.local_date, dispatcherId);
  }

  fail(delivery: Delivery, dispatcherId: string, error: string): void {
    this.s.fail.run(error, delivery.user_id, delivery.local_date, dispatcherId);
  }

  /** The request went out and no answer came back: it may have been delivered. */
  uncertain(delivery: Delivery, dispatcherId: string, error: string): void {
    this.s.uncertain.run(error, delivery.user_id, delivery.local_date, dispatcherId);
  }

  /** Retries are for the same day: deliveries still pending a day after they fell due are dropped. */
  expire(now: number): number {
    return this.s.expire.run(now - 20 * 3_600_000).changes;
  }

  heartbeat(dispatcherId: string, now: number): void {
    this.s.heartbeat.run(dispatcherId, now);
  }

  retire(dispatcherId: string): void {
    this.s.retire.run(dispatcherId);
  }

  /**
   * Deliveries claimed by dispatchers that are gone become uncertain. A
   * dispatcher is gone when its heartbeat is older than `staleAfterMs`, or
   * when `isAlive` says so (same host, process not running).
   */
  resolveAbandoned(now: number, staleAfterMs: number, isAlive: (dispatcherId: string) => boolean | undefined): number {
    let resolved = 0;
    for (const { claimed_by: owner } of this.s.claimedBy.all()) {
      const heartbeat = this.s.dispatcher.get(owner)?.heartbeat_at ?? 0;
      const alive = isAlive(owner);
      if (alive === false || (alive === undefined && heartbeat < now - staleAfterMs)) {
        resolved += this.s.markUncertain.run(owner).changes;
        this.s.retire.run(owner);
      }
    }
    return resolved;
  }

  remaining(now: number): number {
    return this.s.remaining.get(now)!.n;
  }

}
