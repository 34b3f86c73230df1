// What a link in a lesson points to, decided from its target alone.

export type LinkKind =
  | 'web' // http, https, tg: a URL button and a text link
  | 'contact' // mailto:, tel:: no button Telegram accepts; the address stays in the text
  | 'internal' // umbrella://, relative paths, lesson names: opens a lesson if it resolves
  | 'anchor' // #section inside the same lesson: nothing to open
  | 'refused'; // any other scheme: Telegram accepts no button for it

const WEB = /^(https?:\/\/|tg:\/\/)/i;
const CONTACT = /^(mailto|tel|sms):/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function classifyHref(href: string): LinkKind {
  const target = href.trim();
  if (WEB.test(target)) return webUrl(target) ? 'web' : 'refused';
  if (CONTACT.test(target)) return 'contact';
  if (/^umbrella:/i.test(target)) return 'internal';
  if (target.startsWith('#')) return 'anchor';
  if (SCHEME.test(target)) return 'refused';
  return 'internal';
}

/** A normalised absolute web URL, or null when the target is not one Telegram accepts. */
export function webUrl(href: string): string | null {
  try {
    const url = new URL(href.trim());
    if (!['http:', 'https:', 'tg:'].includes(url.protocol)) return null;
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The address of a mailto:/tel: link, as a reader would type it. */
export function contactAddress(href: string): string {
  const rest = href.trim().replace(CONTACT, '');
  const address = rest.split('?')[0] ?? '';
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}
