// Local dates and hours in IANA time zones, with Intl (no dependency).
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The canonical spelling of a zone typed by a user ("europe/paris" -> "Europe/Paris"), or undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (!isTimeZone(trimmed)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
}

export function localTime(timeZone: string, at: number): { date: string; hour: number; minute: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Zones offered as buttons, the learner's likely ones first. */
export const COMMON_TIME_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Africa/Cairo',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Asia/Riyadh',
  'Asia/Tehran',
  'Asia/Dubai',
  'Asia/Kabul',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Bangkok',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Shanghai',
  'America/New_York',
  'America/Mexico_City',
  'America/Bogota',
  'America/Lima',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'America/Los_Angeles',
] as const;

const LIKELY: Record<string, string[]> = {
  en: ['UTC', 'Europe/London', 'America/New_York', 'Africa/Lagos', 'Asia/Kolkata'],
  es: ['America/Mexico_City', 'America/Bogota', 'Europe/Madrid', 'America/Argentina/Buenos_Aires', 'America/Lima'],
  fr: ['Europe/Paris', 'Africa/Lagos', 'Africa/Cairo', 'UTC'],
  ru: ['Europe/Moscow', 'Europe/Istanbul', 'UTC'],
  ar: ['Africa/Cairo', 'Asia/Riyadh', 'Asia/Dubai', 'Europe/Istanbul'],
  fa: ['Asia/Tehran', 'Asia/Kabul', 'Asia/Dubai', 'Europe/Istanbul'],
  'zh-Hant': ['Asia/Taipei', 'Asia/Hong_Kong', 'Asia/Shanghai'],
};

export function timeZonesFor(lang: string): string[] {
  const first = LIKELY[lang] ?? LIKELY.en!;
  return [...first, ...COMMON_TIME_ZONES.filter((zone) => !first.includes(zone))];
}
