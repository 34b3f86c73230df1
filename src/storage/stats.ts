// Counts for the admins' /stats: totals only, never anything about one person.
import type { Db } from './database.ts';

export interface BotStats {
  users: number;
  /** users the bot can still reach (they have not blocked it) */
  reachable: number;
  /** users who read a lesson in the last 7 days */
  activeWeek: number;
  subscribers: number;
  /** users who read some of a lesson since midnight UTC */
  readersToday: number;
  /** lessons of the day sent since midnight UTC */
  dailySentToday: number;
  /** lessons of the day that failed, or whose fate is unknown, since midnight UTC */
  dailyFailedToday: number;
  /** lessons of the day due and not yet sent */
  dailyPending: number;
}

const DAY_MS = 86_400_000;

export function readStats(db: Db, now = Date.now()): BotStats {
  const midnight = now - (now % DAY_MS);
  const count = (sql: string, ...params: number[]) => (db.prepare<number[], { n: number }>(sql).get(...params) as { n: number }).n;
  return {
    users: count('SELECT count(*) AS n FROM users'),
    reachable: count('SELECT count(*) AS n FROM users WHERE active = 1'),
    activeWeek: count('SELECT count(DISTINCT user_id) AS n FROM progress WHERE updated_at >= ?', now - 7 * DAY_MS),
    subscribers: count('SELECT count(*) AS n FROM subscriptions'),
    readersToday: count('SELECT count(DISTINCT user_id) AS n FROM progress WHERE updated_at >= ?', midnight),
    dailySentToday: count("SELECT count(*) AS n FROM deliveries WHERE state = 'sent' AND sent_at >= ?", midnight),
    // A failed or uncertain row keeps the time it was claimed (or fell due).
    dailyFailedToday: count("SELECT count(*) AS n FROM deliveries WHERE state IN ('failed', 'uncertain') AND coalesce(claimed_at, due_at) >= ?", midnight),
    dailyPending: count("SELECT count(*) AS n FROM deliveries WHERE state IN ('pending', 'claimed') AND due_at <= ?", now),
  };
}
