// Decides, for every subscriber whose hour has come in their own time zone,
// which lesson today's is: their next unfinished lesson in catalog order, in
// their language, starting over when all are done. The pick is written to the
// ledger, so it stays the same whoever sends it and however often this runs.
import type { Catalog } from '../content/catalog.ts';
import type { DailyStore } from '../storage/daily-store.ts';
import type { Store } from '../storage/store.ts';
import { localTime } from './time-zones.ts';

export interface PlanContext {
  daily: DailyStore;
  store: Store;
  catalog: Catalog;
  defaultLanguage: string;
}

export function planDue(context: PlanContext, now: number): number {
  const { daily, store, catalog } = context;
  if (catalog.size === 0) return 0;
  const orderByLanguage = new Map<string, string[]>();
  const order = (lang: string) => {
    if (!orderByLanguage.has(lang)) orderByLanguage.set(lang, catalog.list(lang).map((v) => v.slug));
    return orderByLanguage.get(lang)!;
  };
  let planned = 0;
  for (const zone of daily.timeZones()) {
    let local;
    try {
      local = localTime(zone, now);
    } catch {
      continue; // a zone this runtime no longer knows: its subscribers wait until fixed
    }
    const due = daily.dueSubscribers(zone, local.hour, local.date);
    if (!due.length) continue;
    const entries = due.map((subscriber) => {
      const done = new Set(store.allProgress(subscriber.user_id).filter((p) => p.completed).map((p) => p.lesson));
      const slugs = order(subscriber.language ?? context.defaultLanguage);
      let lesson = slugs.find((slug) => !done.has(slug));
      if (!lesson) {
        const previous = daily.lastDailyLesson(subscriber.user_id);
        const index = previous ? slugs.indexOf(previous) : -1;
        lesson = slugs[(index + 1) % slugs.length]!;
      }
      return { userId: subscriber.user_id, localDate: local.date, lesson };
    });
    planned += daily.plan(entries, now);
  }
  return planned;
}
