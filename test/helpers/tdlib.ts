// Telegram's own MarkdownV2 parser (TDLib, offline) as the test oracle.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tdl = require('tdl') as typeof import('tdl');
const { getTdjson } = require('prebuilt-tdlib') as { getTdjson: () => string };

let configured = false;
function ensureConfigured(): void {
  if (configured) return;
  tdl.configure({ tdjson: getTdjson(), verbosityLevel: 0 });
  configured = true;
}

export interface ParsedText {
  ok: true;
  text: string;
  entities: Array<{ offset: number; length: number; type: { _: string; url?: string } }>;
}
export interface ParseFailure {
  ok: false;
  error: string;
}

/** Parses a MarkdownV2 message text exactly as Telegram does. */
export function parseMarkdownV2(text: string): ParsedText | ParseFailure {
  ensureConfigured();
  const result = tdl.execute({
    '@type': 'parseTextEntities',
    text,
    parse_mode: { '@type': 'textParseModeMarkdown', version: 2 },
  } as never) as unknown as { _: string; text?: string; entities?: ParsedText['entities']; message?: string };
  if (result._ === 'error') return { ok: false, error: result.message ?? 'unknown error' };
  return { ok: true, text: result.text ?? '', entities: result.entities ?? [] };
}
