// Telegram's own MarkdownV2 parser (TDLib, offline) as the test oracle.
export { parseMarkdownV2, type ParsedText, type ParseFailure } from '../../src/cli/telegram-check.ts';
