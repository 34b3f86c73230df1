// Telegram's own MarkdownV2 parser (TDLib, via the tdl and prebuilt-tdlib dev
// dependencies), used by the tests and by `lessons check` when installed.
// Without it, the checker falls back to the pipeline's own measurement.
import { createRequire } from 'node:module';
import { markdownV2Length, MESSAGE_LIMIT } from '../content/telegram-text.ts';

const require = createRequire(import.meta.url);

export interface ParsedText {
  ok: true;
  text: string;
  entities: Array<{ offset: number; length: number; type: { _: string; url?: string; language?: string } }>;
}
export interface ParseFailure {
  ok: false;
  error: string;
}

type Execute = (request: object) => { _: string; text?: string; entities?: ParsedText['entities']; message?: string };
let execute: Execute | null | undefined;

function tdlib(): Execute | null {
  if (execute !== undefined) return execute;
  try {
    const tdl = require('tdl') as { configure: (options: object) => void; execute: Execute };
    const { getTdjson } = require('prebuilt-tdlib') as { getTdjson: () => string };
    tdl.configure({ tdjson: getTdjson(), verbosityLevel: 0 });
    execute = tdl.execute;
  } catch {
    execute = null;
  }
  return execute;
}

export function telegramParserAvailable(): boolean {
  return tdlib() !== null;
}

/** Parses a MarkdownV2 text exactly as Telegram does. Throws if TDLib is not installed. */
export function parseMarkdownV2(text: string): ParsedText | ParseFailure {
  const run = tdlib();
  if (!run) throw new Error('TDLib (tdl + prebuilt-tdlib) is not installed');
  const result = run({ _: 'parseTextEntities', text, parse_mode: { _: 'textParseModeMarkdown', version: 2 } });
  if (result._ === 'error') return { ok: false, error: result.message ?? 'unknown error' };
  return { ok: true, text: result.text ?? '', entities: result.entities ?? [] };
}

/** Telegram's limit for a photo caption, after parsing. */
export const CAPTION_LIMIT = 1024;

/**
 * Why Telegram would refuse this MarkdownV2 message text (or, with
 * `caption`, photo caption, which may be empty), or null if it accepts it.
 */
export function validateMessageText(text: string, { caption = false } = {}): string | null {
  const limit = caption ? CAPTION_LIMIT : MESSAGE_LIMIT;
  if (caption && !text) return null;
  let length: number;
  if (telegramParserAvailable()) {
    const parsed = parseMarkdownV2(text);
    if (!parsed.ok) return parsed.error;
    if (!caption && !parsed.text.trim()) return 'message text is empty';
    length = parsed.text.length;
  } else {
    length = markdownV2Length(text);
  }
  return length > limit ? `${caption ? 'caption' : 'message'} is too long (${length} characters, limit ${limit})` : null;
}
