import { isBadgeError } from '../errors.js';
import { checkJsonDepth, checkJsonText } from '../json-limits.js';
import { messageFor, type MessageKey, type MessageParams } from '../messages/index.js';
import type { JsonObject, Resolver, VerificationCheck } from './types.js';

export type ErrCode = `ERR_${string}`;

/** Largest clock difference tolerated between issuer and verifier (same as @digitalbazaar/vc). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A catalogue sentence (shared/messages) and its context: the CLI says it in English, the site in its own language. */
export interface Sentence {
  key: MessageKey;
  params?: MessageParams;
  /** Technical detail in English (a parser's or a sub-check's words), added to the English `message` only. */
  detail?: string;
}

export const say = (key: MessageKey, params?: MessageParams, detail?: string): Sentence => ({
  key,
  ...(params === undefined ? {} : { params }),
  ...(detail === undefined || detail === '' ? {} : { detail }),
});

/** A check's words: a catalogue sentence (its English text becomes `message`), or English text alone. */
function words(text: string | Sentence): Pick<VerificationCheck, 'message' | 'messageKey' | 'params'> {
  if (typeof text === 'string') return { message: text };
  const sentence = messageFor(text.key, 'en', text.params);
  const message = text.detail === undefined ? sentence : `${sentence.replace(/\.$/, '')}: ${text.detail.replace(/\.$/, '')}.`;
  return { message, messageKey: text.key, ...(text.params ? { params: text.params } : {}) };
}

export const pass = (id: string, text: string | Sentence): VerificationCheck => ({ id, ok: true, ...words(text) });
export const fail = (id: string, code: ErrCode, text: string | Sentence): VerificationCheck => ({ id, ok: false, code, ...words(text) });
/** A check that passes with a warning: the badge verifies, but the person should know this (fails under --strict). */
export const warn = (id: string, code: ErrCode, text: string | Sentence): VerificationCheck => ({ id, ok: true, warning: true, code, ...words(text) });

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** `type` values as strings, whether given as a string or an array. */
export function typesOf(value: unknown): string[] {
  if (!isObject(value)) return [];
  return asArray(value.type).filter((t): t is string => typeof t === 'string');
}

/** The id of a node given either as an IRI string or as an object with `id`. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/** Milliseconds since the epoch, or undefined for anything that is not an ISO 8601 date-time. */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function errorCode(error: unknown, fallback: ErrCode): ErrCode {
  return isBadgeError(error) ? error.code : fallback;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one check; a thrown error becomes a failed check instead of escaping the verifier. */
export async function guard(id: string, run: () => Promise<VerificationCheck> | VerificationCheck): Promise<VerificationCheck> {
  try {
    return await run();
  } catch (error) {
    return fail(id, errorCode(error, 'ERR_VERIFY_INTERNAL'), `The ${id} check could not run: ${errorMessage(error)}`);
  }
}

/**
 * Calls the resolver; a missing resolver, undefined or a throwing resolver all mean "not available offline".
 * Text that looks like JSON is parsed.
 */
export async function resolveDocument(resolve: Resolver | undefined, url: string): Promise<unknown | undefined> {
  if (!resolve) return undefined;
  let value: unknown;
  try {
    value = await resolve(url);
  } catch {
    return undefined;
  }
  if (value instanceof Uint8Array) {
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      try {
        checkJsonText(text);
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    }
    return text;
  }
  // A document the resolver parsed itself (the browser verifier's) gets the same depth limit.
  try {
    checkJsonDepth(value);
  } catch {
    return undefined;
  }
  return value ?? undefined;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** How a person supplies what the verifier could not find (it never downloads anything). */
export const OFFLINE_HINT = messageFor('verify.offlineHint', 'en');

export type OfflineDocument = 'assertion' | 'badgeClass' | 'issuerProfile' | 'revocationList' | 'signingKey';

const UNRESOLVABLE: Record<OfflineDocument, MessageKey> = {
  assertion: 'verify.unresolvable.assertion',
  badgeClass: 'verify.unresolvable.badgeClass',
  issuerProfile: 'verify.unresolvable.issuerProfile',
  revocationList: 'verify.unresolvable.revocationList',
  signingKey: 'verify.unresolvable.signingKey',
};

/** A failed check for a document the resolver does not have. */
export function unresolvable(id: string, what: OfflineDocument, url: string): VerificationCheck {
  return fail(id, 'ERR_UNRESOLVABLE', say(UNRESOLVABLE[what], { url }));
}
