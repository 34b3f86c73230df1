import { encodeCallback } from '../callback-data.ts';
import { COMMON_TIME_ZONES, timeZonesFor } from '../../scheduling/time-zones.ts';
import type { InlineButton, Translate } from './lesson.ts';

type Keyboard = { inline_keyboard: InlineButton[][] };
const ZONE_BUTTONS = 12;

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function dailyStatusKeyboard(subscribed: boolean, t: Translate): Keyboard {
  if (!subscribed) return { inline_keyboard: [[{ text: t('daily-subscribe'), callback_data: encodeCallback({ action: 'daily', op: 'on' }) }]] };
  return {
    inline_keyboard: [
      [
        { text: t('daily-change-hour'), callback_data: encodeCallback({ action: 'daily', op: 'hours' }) },
        { text: t('daily-change-zone'), callback_data: encodeCallback({ action: 'daily', op: 'zones' }) },
      ],
      [{ text: t('daily-unsubscribe'), callback_data: encodeCallback({ action: 'daily', op: 'off' }) }],
    ],
  };
}

export function hourKeyboard(): Keyboard {
  const rows: InlineButton[][] = [];
  for (let row = 0; row < 4; row++) {
    rows.push(Array.from({ length: 6 }, (_, i) => row * 6 + i).map((hour) => ({ text: hourLabel(hour), callback_data: encodeCallback({ action: 'hour', hour }) })));
  }
  return { inline_keyboard: rows };
}

/** The zones a learner of this language most likely lives in, first. */
export function zoneKeyboard(lang: string): Keyboard {
  const zones = timeZonesFor(lang).slice(0, ZONE_BUTTONS);
  const rows: InlineButton[][] = [];
  for (let i = 0; i < zones.length; i += 2) {
    rows.push(
      zones.slice(i, i + 2).map((zone) => ({
        text: zone.replace(/_/g, ' '),
        callback_data: encodeCallback({ action: 'zone', index: (COMMON_TIME_ZONES as readonly string[]).indexOf(zone) }),
      })),
    );
  }
  return { inline_keyboard: rows };
}
