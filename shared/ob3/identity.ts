import { base64urlEncode, hexEncode, randomBytes, sha256 } from '../bytes.js';
import type { IdentityObject } from './types.js';

/**
 * Badgesmith's documented normalisation (the specs define none): surrounding white space is
 * removed and the address is lower-cased before hashing or comparing.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** A pragmatic check: one `@`, no spaces, a dotted domain. Applied to the normalised form. */
export function isValidEmail(email: string): boolean {
  const normalized = normalizeEmail(email);
  return normalized.length <= 254 && EMAIL.test(normalized);
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
  // Other issuers may have hashed the address exactly as typed: try that form too.
  for (const candidate of new Set([normalized, email.trim(), email])) {
    if ((await hashIdentity(candidate, salt)) === stored) return true;
  }
  return false;
}
