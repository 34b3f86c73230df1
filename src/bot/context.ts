import type { I18n, I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Config } from '../config.ts';
import type { Catalog } from '../content/catalog.ts';
import type { Logger } from '../logger.ts';
import type { BookmarkStore } from '../storage/bookmarks.ts';
import type { DailyStore } from '../storage/daily-store.ts';
import type { SendMeter } from '../scheduling/send-meter.ts';
import type { Store } from '../storage/store.ts';
import type { CallbackAction } from './callback-data.ts';

export interface Services {
  config: Config;
  store: Store;
  daily: DailyStore;
  bookmarks: BookmarkStore;
  logger: Logger;
  /** The current lessons; a function so that a reload swaps them everywhere. */
  catalog: () => Catalog;
  i18n: I18n<BotContext>;
  sendMeter?: SendMeter;
  /** counters since start, for /stats */
  metrics?: Metrics;
  /** the scheduler's clock (PARASOL_NOW in tests), for "today" in /stats */
  now?: () => number;
}

export interface Metrics {
  startedAt: number;
  /** updates whose handling failed */
  updateErrors: number;
}

export type BotContext = Context &
  I18nFlavor & {
    services: Services;
    /** The learner's language: chosen, else guessed from Telegram, else the default. */
    lang: string;
    /** The decoded button, for callback queries; null when forged or stale. */
    action?: CallbackAction | null;
  };
