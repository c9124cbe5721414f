/** User-facing text for an ERR_ code, from the one catalogue shared with the CLI and the site. */
import type { BadgeErrorShape } from '../../shared/errors.js';
import { messageFor, type Lang } from '../../shared/messages/index.js';
import i18next from '../i18n/index.js';

export function currentLang(): Lang {
  return i18next.language === 'fr' ? 'fr' : 'en';
}

export function errorText(
  error: Pick<BadgeErrorShape, 'code' | 'details'>,
  lang: Lang = currentLang(),
): string {
  const details =
    error.details && typeof error.details === 'object'
      ? (error.details as Record<string, unknown>)
      : {};
  const params = Object.fromEntries(
    Object.entries(details).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  ) as Record<string, string | number>;
  return messageFor(error.code, lang, params);
}
