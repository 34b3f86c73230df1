// Keyboards of the bot's menus (languages, lesson list, confirmations).
import type { Catalog, Lesson } from '../../content/catalog.ts';
import { encodeCallback } from '../callback-data.ts';
import { type InlineButton, shorten, type Translate } from './lesson.ts';

export function languageKeyboard(languages: Array<{ code: string; name: string }>): { inline_keyboard: InlineButton[][] } {
  const buttons = languages.map(({ code, name }) => ({ text: name, callback_data: encodeCallback({ action: 'language', lang: code }) }));
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

export function lessonChoiceKeyboard(catalog: Catalog, lessons: Lesson[], lang: string): { inline_keyboard: InlineButton[][] } {
  return {
    inline_keyboard: lessons.slice(0, 8).map((lesson) => [
      { text: shorten(catalog.version(lesson, lang).version.title, 60), callback_data: encodeCallback({ action: 'open', lessonKey: lesson.key }) },
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
