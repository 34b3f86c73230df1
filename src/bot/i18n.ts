// UI strings: one Fluent file per language in locales/.
import { I18n } from '@grammyjs/i18n';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Translate } from './keyboards/lesson.ts';

export const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));

/** Languages the interface speaks, from the .ftl files present. */
export const UI_LANGUAGES = readdirSync(LOCALES_DIR)
  .filter((name) => name.endsWith('.ftl'))
  .map((name) => name.slice(0, -4))
  .sort();

export function createI18n<C extends import('grammy').Context & import('@grammyjs/i18n').I18nFlavor>(
  defaultLocale: string,
  localeNegotiator?: (ctx: C) => string | undefined | Promise<string | undefined>,
): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    // Without this every variable is wrapped in invisible U+2068/U+2069 marks.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator,
  });
}

/** The closest UI language for a Telegram language_code ("pt-br", "zh-hant", "fa"). */
export function matchUiLanguage(code: string | undefined, fallback: string): string {
  if (!code) return fallback;
  const lower = code.toLowerCase();
  const exact = UI_LANGUAGES.find((lang) => lang.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.startsWith('zh')) return UI_LANGUAGES.includes('zh-Hant') ? 'zh-Hant' : fallback;
  const base = lower.split('-')[0];
  return UI_LANGUAGES.find((lang) => lang.toLowerCase().split('-')[0] === base) ?? fallback;
}

export function translator(i18n: { t: (locale: string, key: string, variables?: Record<string, string | number>) => string }, locale: string): Translate {
  return (key, variables) => i18n.t(locale, key, variables);
}
