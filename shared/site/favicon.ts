import { escapeHtml } from './html.js';

export const FAVICON_PATH = 'favicon.svg';

/** Up to two initials of the issuer's name (letters or digits), or a star when it has none. */
export function initialsOf(name: string): string {
  const words = name.normalize('NFC').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const letters = words.map((word) => [...word].find((char) => /[\p{L}\p{N}]/u.test(char)) ?? '');
  return letters.slice(0, 2).join('').toLocaleUpperCase() || '★';
}

/**
 * The site's icon: the issuer's initials on a round badge in the site's accent colour. Made from the
 * name alone, so the same issuer always gets the same bytes; no font or image is loaded.
 */
export function faviconSvg(issuerName: string): string {
  const text = initialsOf(issuerName);
  const size = text.length > 1 ? 26 : 36;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">' +
    '<circle cx="32" cy="32" r="30" fill="#0b5cad"/>' +
    '<circle cx="32" cy="32" r="25" fill="none" stroke="#ffffff" stroke-width="2"/>' +
    `<text x="32" y="32" dy="0.35em" text-anchor="middle" font-family="system-ui,sans-serif" font-weight="700" font-size="${size}" fill="#ffffff">${escapeHtml(text)}</text>` +
    '</svg>\n'
  );
}
