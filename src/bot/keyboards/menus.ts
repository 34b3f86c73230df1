// Keyboards of the bot's menus (languages, lesson list, confirmations).
import type { Catalog, Lesson } from '../../content/catalog.ts';
import { encodeCallback } from '../callback-data.ts';
import type { InlineButton, Translate } from './lesson.ts';

export function languageKeyboard(languages: Array<{ code: string; name: string }>): { inline_keyboard: InlineButton[][] } {
  const buttons = languages.map(({ code, name }) => ({ text: name, callback_data: encodeCallback({ action: 'language', lang: code }) }));
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

export const LESSONS_PER_PAGE = 8;

export function browseKeyboard(catalog: Catalog, lang: string, page: number, t: Translate): { inline_keyboard: InlineButton[][] } {
  const lessons = catalog.list(lang);
  const pages = Math.max(1, Math.ceil(lessons.length / LESSONS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const rows: InlineButton[][] = lessons.slice(current * LESSONS_PER_PAGE, (current + 1) * LESSONS_PER_PAGE).map((version) => [
    { text: version.title.length > 60 ? `${version.title.slice(0, 59)}…` : version.title, callback_data: encodeCallback({ action: 'open', lessonKey: catalog.bySlug(version.slug)!.key }) },
  ]);
  const nav: InlineButton[] = [];
  if (current > 0) nav.push({ text: t('browse-previous'), callback_data: encodeCallback({ action: 'browse', page: current - 1 }) });
  if (current < pages - 1) nav.push({ text: t('browse-next'), callback_data: encodeCallback({ action: 'browse', page: current + 1 }) });
  if (nav.length) rows.push(nav);
  return { inline_keyboard: rows };
}

export function pageCount(catalog: Catalog): number {
  return Math.max(1, Math.ceil(catalog.size / LESSONS_PER_PAGE));
}

export function lessonChoiceKeyboard(catalog: Catalog, lessons: Lesson[], lang: string): { inline_keyboard: InlineButton[][] } {
  return {
    inline_keyboard: lessons.slice(0, 8).map((lesson) => [
      { text: catalog.version(lesson, lang).version.title.slice(0, 60), callback_data: encodeCallback({ action: 'open', lessonKey: lesson.key }) },
    ]),
  };
}

export function forgetKeyboard(t: Translate): { inline_keyboard: InlineButton[][] } {
  return {
    inline_keyboard: [
      [
        { text: t('forget-yes'), callback_data: encodeCallback({ action: 'forget', confirm: true }) },
        { text: t('forget-no'), callback_data: encodeCallback({ action: 'forget', confirm: false }) },
      ],
    ],
  };
}
