import { compactVerify } from 'jose';
import type { CryptoKey, KeyObject } from 'jose';
import { BadgeError, isBadgeError } from '../errors.js';
import { checkJsonText } from '../json-limits.js';
import { base64urlDecode, base64urlEncode, utf8Decode } from '../bytes.js';
import type { JsonObject } from './types.js';
import { isObject } from './util.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface DecodedJws {
  compact: string;
  header: JsonObject;
  payload: unknown;
}

export function looksLikeCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text);
}

/** Decodes header and payload without checking the signature. Throws BadgeError ERR_JWS_INVALID. */
export function decodeCompactJws(compact: string): DecodedJws {
  if (!looksLikeCompactJws(compact)) {
    throw new BadgeError('ERR_JWS_INVALID', 'The text is not a compact JWS (three base64url parts separated by dots).');
  }
  const parts = compact.split('.');
  // Non-canonical base64url (set padding bits) would let a changed JWS decode to the same bytes.
  if (parts.some((part) => base64urlEncode(base64urlDecode(part) ?? new Uint8Array()) !== part)) {
    throw new BadgeError('ERR_JWS_INVALID', 'The JWS is not canonical base64url: it was altered after signing.');
  }
  const [headerPart = '', payloadPart = ''] = parts;
  const header = decodeJsonPart(headerPart, 'header');
  if (!isObject(header)) throw new BadgeError('ERR_JWS_INVALID', 'The JWS header is not a JSON object.');
  return { compact, header, payload: decodeJsonPart(payloadPart, 'payload') };
}

function decodeJsonPart(part: string, name: string): unknown {
  const bytes = base64urlDecode(part);
  if (!bytes) throw new BadgeError('ERR_JWS_INVALID', `The JWS ${name} is not valid base64url.`);
  try {
    const text = utf8Decode(bytes);
    checkJsonText(text, { what: `JWS ${name}` }); // ERR_JSON_TOO_DEEP / _TOO_LARGE kept: it is not "invalid"
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (isBadgeError(error) && error.code.startsWith('ERR_JSON_TOO_')) throw error;
    throw new BadgeError('ERR_JWS_INVALID', `The JWS ${name} is not valid UTF-8 JSON.`);
  }
}

/** True when the signature verifies with the key for exactly this algorithm. */
export async function jwsSignatureValid(compact: string, key: CryptoKey | KeyObject, alg: string): Promise<boolean> {
  try {
    await compactVerify(compact, key, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}
