// Sending a lesson: one message at a time, each with its link buttons and a
// button forward; progress saved as each message goes out.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { GrammyError, InputFile } from 'grammy';
import type { ChecklistEntry, Lesson, LessonVersion } from '../content/catalog.ts';
import { checklistMessage } from './keyboards/checklist.ts';
import { ignoreNotModified } from './telegram-errors.ts';
import type { BotContext } from './context.ts';
import { bookmarkButton, withBookmarkButton } from './keyboards/bookmarks.ts';
import { lessonMessage, type OutgoingMessage } from './keyboards/lesson.ts';

export function languageName(ctx: BotContext, code: string): string {
  const ui = ctx.services.i18n.locales.includes(code) ? ctx.services.i18n.t(code, 'language-name') : undefined;
  if (ui && ui !== 'language-name') return ui;
  try {
    return new Intl.DisplayNames([ctx.lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// A lesson message is the same for every learner with the same UI language
// (and the same ☆/★ state): built once per catalog version, not once per send.
const built = new WeakMap<LessonVersion, Map<string, OutgoingMessage>>();
/** The message with ☆ Save (or ★ Saved, `saved`): two variants per UI language, built once each. */
function cachedLessonMessage(ctx: BotContext, lesson: Lesson, version: LessonVersion, index: number, saved: boolean): OutgoingMessage {
  let perVersion = built.get(version);
  if (!perVersion) built.set(version, (perVersion = new Map()));
  const key = `${index}:${ctx.lang}:${saved ? 1 : 0}`;
  let message = perVersion.get(key);
  if (!message) {
    const t = (k: string, variables?: Record<string, string | number>) => ctx.t(k, variables);
    const plain = lessonMessage(ctx.services.catalog(), lesson, version, index, t);
    message = { ...plain, reply_markup: withBookmarkButton(plain.reply_markup, bookmarkButton(lesson, saved, t)) };
    perVersion.set(key, message);
  }
  return message;
}

/** Sends message `index` of a lesson in the learner's language and records it. */
export async function sendLessonMessage(ctx: BotContext, lesson: Lesson, index: number): Promise<void> {
  const catalog = ctx.services.catalog();
  const { version, fallback } = catalog.version(lesson, ctx.lang);
  const position = Math.min(Math.max(0, index), version.messages.length - 1);
  if (position === 0 && fallback) {
    await ctx.reply(ctx.t('lesson-fallback-note', { language: languageName(ctx, version.lang) }));
  }
  const saved = ctx.services.bookmarks.has(ctx.from!.id, lesson.slug);
  const message = cachedLessonMessage(ctx, lesson, version, position, saved);
  // Recorded before sending: if the process dies in between, resuming sends
  // this same message again (resume repeats the last message sent).
  await ctx.services.store.recordProgressSoon(ctx.from!.id, lesson.slug, position + 1, position + 1 >= version.messages.length);
  const photo = version.messages[position]!.photo;
  if (photo) await replyWithLessonPhoto(ctx, photo.path, message);
  else await ctx.reply(message.text, { parse_mode: message.parse_mode, reply_markup: message.reply_markup, link_preview_options: { is_disabled: true } });
  // A level ends with its checklist.
  const checklist = position + 1 >= version.messages.length && version.checklist ? catalog.checklistById(version.checklist.id) : undefined;
  if (checklist) await sendChecklist(ctx, checklist, 0);
}

/** Sends a checklist page as a new message, or edits the tapped checklist message in place. */
export async function sendChecklist(ctx: BotContext, entry: ChecklistEntry, page: number, edit = false): Promise<void> {
  const catalog = ctx.services.catalog();
  const checklist = catalog.checklistVersion(entry, ctx.lang);
  const ticked = ctx.services.store.ticks(ctx.from!.id, entry.id);
  const message = checklistMessage(catalog, entry, checklist, ticked, page, (k, v) => ctx.t(k, v));
  const options = { parse_mode: message.parse_mode, reply_markup: message.reply_markup, link_preview_options: { is_disabled: true } };
  if (edit) await ctx.editMessageText(message.text, options).catch(ignoreNotModified);
  else await ctx.reply(message.text, options);
}

/**
 * An image goes to Telegram once: its file_id, kept by content hash, is sent
 * from then on. A file_id Telegram no longer knows is replaced by an upload.
 */
async function replyWithLessonPhoto(ctx: BotContext, path: string, message: OutgoingMessage): Promise<void> {
  const { store } = ctx.services;
  const options = {
    ...(message.text ? { caption: message.text, parse_mode: message.parse_mode } : {}),
    reply_markup: message.reply_markup,
  };
  const hash = await fileHash(path);
  const known = store.photoFileId(hash);
  if (known) {
    try {
      await ctx.replyWithPhoto(known, options);
      return;
    } catch (error) {
      if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
    }
  }
  const sent = await ctx.replyWithPhoto(new InputFile(path), options);
  const fileId = sent.photo?.[sent.photo.length - 1]?.file_id;
  if (fileId) store.savePhotoFileId(hash, fileId);
}

const hashes = new Map<string, { stamp: string; hash: string }>();
async function fileHash(path: string): Promise<string> {
  const info = await stat(path);
  const stamp = `${info.size}:${info.mtimeMs}`;
  const known = hashes.get(path);
  if (known?.stamp === stamp) return known.hash;
  const hash = createHash('sha256').update(await readFile(path)).digest('hex');
  hashes.set(path, { stamp, hash });
  return hash;
}

/** Opens a lesson where the learner left it, or from the start when new or finished. */
export async function openLesson(ctx: BotContext, lesson: Lesson): Promise<void> {
  const { store } = ctx.services;
  const progress = store.progress(ctx.from!.id, lesson.slug);
  if (progress?.completed) store.restartLesson(ctx.from!.id, lesson.slug);
  const resumeAt = progress && !progress.completed ? progress.position - 1 : 0;
  await sendLessonMessage(ctx, lesson, resumeAt);
}

/** The first lesson in reading order the learner has not finished, other than `except`. */
export function nextLesson(ctx: BotContext, except?: string): Lesson | undefined {
  const catalog = ctx.services.catalog();
  const done = new Set(ctx.services.store.allProgress(ctx.from!.id).filter((p) => p.completed).map((p) => p.lesson));
  const next = catalog.list(ctx.lang).find((v) => v.slug !== except && !done.has(v.slug));
  return next ? catalog.bySlug(next.slug) : undefined;
}
