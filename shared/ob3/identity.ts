import { base64urlEncode, hexEncode, randomBytes, sha256 } from '../bytes.js';
import { printable, textProblem } from '../text.js';
import type { IdentityObject } from './types.js';

/**
 * Badgesmith's documented normalisation (the specs define none), applied before hashing or
 * comparing: surrounding white space removed, Unicode NFC (an accent typed as one character or as
 * a letter plus a combining accent is the same address), lower case, and an internationalised
 * domain written in its ASCII (punycode) form, so `bücher.example` and `xn--bcher-kva.example` are
 * one recipient. An address that is already plain ASCII comes out exactly as with the first
 * normalisation (trim, lower case), so hashes of existing credentials stay valid.
 */
export function normalizeEmail(email: string): string {
  const text = email.trim().toLowerCase().normalize('NFC');
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  const domain = text.slice(at + 1);
  if (/^[\x21-\x7e]*$/.test(domain)) return text;
  const ascii = domainToAscii(domain);
  return ascii === null ? text : `${text.slice(0, at)}@${ascii}`;
}

/** The normalisation of Badgesmith 0.1 (trim, lower case), for credentials issued before IDN/NFC. */
export function legacyNormalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A domain name in ASCII (IDNA/UTS #46 through the WHATWG URL parser, as node:url domainToASCII and
 * browsers do it), or null when it is not a valid domain. Characters that mean something else in a
 * URL are refused first, so only the host is ever parsed.
 */
function domainToAscii(domain: string): string | null {
  if (domain === '' || /[\s/\\?#@:%[\]<>"^`{|}]/u.test(domain)) return null;
  try {
    const host = new URL(`http://${domain}/`).hostname;
    return /^[a-z0-9.-]+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * Null when `email` is a usable address, else a sentence saying why not. Control, invisible and
 * text-direction characters are refused (they would make look-alike recipients), then the
 * normalised form must have one `@`, no spaces and a dotted domain that has an ASCII form.
 */
export function emailProblem(email: string): string | null {
  const hidden = textProblem(email.trim(), 'e-mail address', { identifier: true });
  if (hidden !== null) return `"${printable(email.trim())}" is not a valid e-mail address. ${hidden}`;
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  if (normalized.length > 254 || !EMAIL.test(normalized) || (at >= 0 && domainToAscii(normalized.slice(at + 1)) === null)) {
    return `"${printable(email.trim())}" is not a valid e-mail address.`;
  }
  return null;
}

/** A pragmatic check: no hidden characters, one `@`, no spaces, a dotted domain. */
export function isValidEmail(email: string): boolean {
  return emailProblem(email) === null;
}

/** A fresh random salt (128 bits, base64url). */
export function newSalt(): string {
  return base64urlEncode(randomBytes(16));
}

/** `sha256$` + hex(SHA-256(UTF-8(identity + salt))), the OB 2.0 / 3.0 IdentityHash. */
export async function hashIdentity(normalized: string, salt: string): Promise<string> {
  return `sha256$${hexEncode(await sha256(normalized + salt))}`;
}

/** The hashed e-mail IdentityObject Badgesmith puts in `credentialSubject.identifier`. */
export async function emailIdentityObject(email: string, salt: string = newSalt()): Promise<IdentityObject> {
  return {
    type: 'IdentityObject',
    identityType: 'emailAddress',
    hashed: true,
    identityHash: await hashIdentity(normalizeEmail(email), salt),
    salt,
  };
}

/**
 * Does this IdentityObject designate the given e-mail address? Hashed objects are checked with
 * their salt (sha256 only; the hex digest is compared case-insensitively, as validators do);
 * plaintext objects are compared after normalising both sides.
 */
export async function identityMatches(identifier: unknown, email: string): Promise<boolean> {
  if (typeof identifier !== 'object' || identifier === null) return false;
  const object = identifier as Record<string, unknown>;
  if (object.identityType !== 'emailAddress' || typeof object.identityHash !== 'string') return false;
  const normalized = normalizeEmail(email);
  if (object.hashed !== true) return normalizeEmail(object.identityHash) === normalized;
  const salt = typeof object.salt === 'string' ? object.salt : '';
  const [algorithm, digest] = object.identityHash.split('$', 2);
  if (algorithm?.toLowerCase() !== 'sha256' || digest === undefined) return false;
  const stored = `sha256$${digest.toLowerCase()}`;
  // Other issuers may have hashed the address exactly as typed, and Badgesmith 0.1 without NFC/IDN.
  for (const candidate of new Set([normalized, legacyNormalizeEmail(email), email.trim(), email])) {
    if ((await hashIdentity(candidate, salt)) === stored) return true;
  }
  return false;
}
