// The ☆ Save button of lesson messages and the /saved list. The button's
// state (☆ not saved, ★ saved) is the learner's, so it is added when a
// message is sent, not in the cached lesson keyboards.
import type { Catalog, Lesson } from '../../content/catalog.ts';
import { encodeCallback } from '../callback-data.ts';
import { type InlineButton, shorten, type Translate } from './lesson.ts';

type Keyboard = { inline_keyboard: InlineButton[][] };

export const SAVED_PER_PAGE = 8;
/** Its label starts with this when the lesson is saved. */
export const SAVED_MARK = '★';

export function bookmarkButton(lesson: Lesson, saved: boolean, t: Translate): InlineButton {
  return { text: t(saved ? 'bookmark-remove' : 'bookmark-add'), callback_data: encodeCallback({ action: 'bookmark', lessonKey: lesson.key }) };
}

/** A copy of `keyboard` with the button at the end of its last row (beside Continue / Done), or in a row of its own. */
export function withBookmarkButton(keyboard: Keyboard | undefined, button: InlineButton): Keyboard {
  const rows: InlineButton[][] = (keyboard?.inline_keyboard ?? []).map((row) => [...row]);
  const last = rows[rows.length - 1];
  if (last && last.length < 2 && last.every((b): boolean => 'callback_data' in b)) last.push(button);
  else rows.push([button]);
  return { inline_keyboard: rows };
}

/** The keyboard with the bookmark button (by its callback data) showing `saved`. */
export function withBookmarkState(keyboard: Keyboard, data: string, saved: boolean, t: Translate): Keyboard {
  return {
    inline_keyboard: keyboard.inline_keyboard.map((row) =>
      row.map((b) => ('callback_data' in b && b.callback_data === data ? { ...b, text: t(saved ? 'bookmark-remove' : 'bookmark-add') } : b)),
    ),
  };
}

export function savedPageCount(count: number): number {
  return Math.max(1, Math.ceil(count / SAVED_PER_PAGE));
}

/** A page of saved lessons: each opens the lesson, ✕ removes it; ◀ ▶ between pages. */
export function savedKeyboard(catalog: Catalog, lessons: Lesson[], lang: string, page: number, t: Translate): Keyboard {
  const pages = savedPageCount(lessons.length);
  const rows: InlineButton[][] = lessons.slice(page * SAVED_PER_PAGE, (page + 1) * SAVED_PER_PAGE).map((lesson) => {
    const title = catalog.version(lesson, lang).version.title;
    return [
      { text: `📖 ${shorten(title, 58)}`, callback_data: encodeCallback({ action: 'open', lessonKey: lesson.key }) },
      { text: '✕', callback_data: encodeCallback({ action: 'bookmark', lessonKey: lesson.key, listPage: page }) },
    ];
  });
  const nav: InlineButton[] = [];
  if (page > 0) nav.push({ text: t('browse-previous'), callback_data: encodeCallback({ action: 'saved', page: page - 1 }) });
  if (page < pages - 1) nav.push({ text: t('browse-next'), callback_data: encodeCallback({ action: 'saved', page: page + 1 }) });
  if (nav.length) rows.push(nav);
  return { inline_keyboard: rows };
}
