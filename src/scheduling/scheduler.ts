// The lesson of the day inside the running bot: every minute, plan what has
// fallen due and send it, one dispatch at a time.
import type { Catalog } from '../content/catalog.ts';
import { type DispatchOptions, type DispatchSummary, dispatch } from './dispatcher.ts';
import { planDue } from './planner.ts';

export interface DailyScheduler {
  /** Plans and sends what is due now; resolves when that dispatch ends. */
  tick(): Promise<void>;
  /** Stops ticking and waits for the requests in flight. */
  stop(): Promise<void>;
}

export interface SchedulerOptions extends Omit<DispatchOptions, 'catalog'> {
  /** The current lessons, read at every tick: a reload takes effect at the next one. */
  catalog: () => Catalog;
  intervalMs?: number;
}

export function startDailyScheduler(options: SchedulerOptions): DailyScheduler {
  const abort = new AbortController();
  let running: Promise<DispatchSummary | void> | undefined;
  const tick = async () => {
    if (abort.signal.aborted) return;
    try {
      planDue({ ...options, catalog: options.catalog() }, options.clock.now());
    } catch (error) {
      options.log({ error: (error as Error).message }, 'daily: planning failed');
    }
    if (running) return void (await running);
    running = dispatch({ ...options, catalog: options.catalog(), signal: abort.signal })
      .catch((error) => options.log({ error: (error as Error).message }, 'daily: dispatch failed'))
      .finally(() => (running = undefined));
    await running;
  };
  const interval = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  void tick();
  return {
    tick,
    stop: async () => {
      clearInterval(interval);
      abort.abort();
      await running;
    },
  };
}
