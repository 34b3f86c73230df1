// The messages of a lesson as the bot sends them: text, link buttons, and a
// button forward. Pure, so the author CLI prints exactly what users get.
import { type Catalog, type Lesson, type LessonButton, type LessonVersion, lessonKey, segmentKey } from '../../content/catalog.ts';
import { encodeCallback } from '../callback-data.ts';

export type Translate = (key: string, variables?: Record<string, string | number>) => string;

export type InlineButton = { text: string; url: string } | { text: string; callback_data: string };

export interface OutgoingMessage {
  text: string;
  parse_mode: 'MarkdownV2';
  reply_markup?: { inline_keyboard: InlineButton[][] };
}

/** Telegram's reported keyboard limits. */
export const MAX_BUTTONS = 100;
const MAX_LABEL = 60;

export function lessonMessage(catalog: Catalog, lesson: Lesson, version: LessonVersion, index: number, t: Translate): OutgoingMessage {
  const message = version.messages[index];
  if (!message) throw new RangeError(`lesson ${lesson.slug} has no message ${index}`);
  const total = version.messages.length;
  const rows: InlineButton[][] = message.buttons.slice(0, MAX_BUTTONS - 1).map((button) => [linkButton(catalog, button)]);
  if (index + 1 < total) {
    // Next names the segment it leads into, when it starts one.
    const segment = version.segments?.find((s) => s.start === index + 1);
    const text = segment ? t('lesson-next-segment', { title: shorten(segment.title), page: index + 2, total }) : t('lesson-next', { page: index + 2, total });
    rows.push([{ text, callback_data: encodeCallback({ action: 'page', lessonKey: lesson.key, index: index + 1 }) }]);
  } else if (!version.checklist) {
    // A lesson with a checklist ends with it: the checklist carries Done.
    rows.push([{ text: t('lesson-done'), callback_data: encodeCallback({ action: 'done', lessonKey: lesson.key }) }]);
  }
  return { text: message.text, parse_mode: 'MarkdownV2', reply_markup: { inline_keyboard: rows } };
}

/** A link in a lesson or checklist as a button: web page, lesson (at a segment), or tree place. */
export function linkButton(catalog: Catalog, button: LessonButton): InlineButton {
  if (button.kind === 'url') return { text: `🌐 ${shorten(button.label)}`, url: button.url };
  if (button.kind === 'node') return { text: `📂 ${shorten(button.label)}`, callback_data: encodeCallback({ action: 'node', nodeKey: lessonKey(button.node) }) };
  const target = catalog.bySlug(button.slug)!;
  if (button.segment) {
    return { text: `📖 ${shorten(button.label)}`, callback_data: encodeCallback({ action: 'segment', lessonKey: target.key, segmentKey: segmentKey(button.segment) }) };
  }
  return { text: `📖 ${shorten(button.label)}`, callback_data: encodeCallback({ action: 'open', lessonKey: target.key }) };
}

export function shorten(label: string, max = MAX_LABEL): string {
  const flat = label.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat); // never cut an emoji or other astral character in half
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
