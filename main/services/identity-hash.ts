/**
 * Synchronous salted e-mail hashing for batch issuing (node:crypto): the same output as
 * shared/ob3/identity.ts and shared/ob2/build.ts, without one WebCrypto promise per row.
 */
import { createHash } from 'node:crypto';
import { normalizeEmail } from '../../shared/ob3/identity.js';
import type { Ob2Recipient } from '../../shared/ob2/build.js';
import type { IdentityObject } from '../../shared/ob3/types.js';

/** `sha256$` + hex(SHA-256(UTF-8(normalized + salt))). */
export function hashIdentitySync(normalized: string, salt: string): string {
  return `sha256$${createHash('sha256').update(normalized + salt, 'utf8').digest('hex')}`;
}

/**
 * The salt of a credential's e-mail hash: 128 bits derived from the issuance id (a random UUID),
 * so each credential has its own unpredictable salt and signing it again gives the same bytes.
 * A salt is public (it is published next to the hash); it only has to be unique.
 */
export function identitySalt(issuanceId: string): string {
  return createHash('sha256').update(`badgesmith-identity-salt\n${issuanceId}`, 'utf8').digest().toString('base64url', 0, 16);
}

export function emailIdentityObjectSync(email: string, salt: string): IdentityObject {
  return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: hashIdentitySync(normalizeEmail(email), salt), salt };
}

export function ob2EmailRecipientSync(email: string, salt: string): Ob2Recipient {
  return { type: 'email', hashed: true, salt, identity: hashIdentitySync(normalizeEmail(email), salt) };
}
