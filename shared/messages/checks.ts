import type { VerificationCheck } from '../verify/types.js';
import { formatDate, hasMessage, messageFor, type Lang, type MessageParams } from './index.js';

/** Context values that are dates, written in words in the reader's language. */
const DATE_PARAMS = new Set(['from', 'until', 'now']);

function localParams(params: MessageParams | undefined, lang: Lang): MessageParams | undefined {
  if (!params) return undefined;
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] =
      DATE_PARAMS.has(name) && typeof value === 'string' ? formatDate(value, lang) : value;
  }
  return out;
}

/**
 * What a verifier check says, in the reader's language: its catalogue sentence with its context, else the
 * sentence of its error code, else what passing that check means. English falls back to the check's own
 * message, so no check is ever silent.
 */
export function checkSentence(
  check: Pick<
    VerificationCheck,
    'id' | 'ok' | 'warning' | 'code' | 'message' | 'messageKey' | 'params'
  >,
  lang: Lang,
): string {
  if (check.messageKey !== undefined && hasMessage(check.messageKey, lang)) {
    return messageFor(check.messageKey, lang, localParams(check.params, lang));
  }
  if (lang === 'en') return check.message;
  if (check.code !== undefined && hasMessage(check.code, lang)) return messageFor(check.code, lang);
  const passed = `check.${check.id}.ok`;
  return hasMessage(passed, lang)
    ? messageFor(passed, lang)
    : messageFor(check.code ?? 'ERR_CHECK_FAILED', lang);
}

/** The check's name for people ("Signature", "Dates"…), or its id when the catalogue has none. */
export function checkName(id: string, lang: Lang): string {
  const key = `check.${id}`;
  return hasMessage(key, lang) ? messageFor(key, lang) : id;
}
