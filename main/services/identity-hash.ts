/**
 * Synchronous salted e-mail hashing for batch issuing (node:crypto): the same output as
 * shared/ob3/identity.ts and shared/ob2/build.ts, without one WebCrypto promise per row.
 */
import { createHash, randomBytes } from 'node:crypto';
import { normalizeEmail } from '../../shared/ob3/identity.js';
import type { Ob2Recipient } from '../../shared/ob2/build.js';
import type { IdentityObject } from '../../shared/ob3/types.js';

/** `sha256$` + hex(SHA-256(UTF-8(normalized + salt))). */
export function hashIdentitySync(normalized: string, salt: string): string {
  return `sha256$${createHash('sha256').update(normalized + salt, 'utf8').digest('hex')}`;
}

/** A fresh 128-bit salt, base64url (as shared newSalt). */
export function newSaltSync(): string {
  return randomBytes(16).toString('base64url');
}

export function emailIdentityObjectSync(email: string, salt: string = newSaltSync()): IdentityObject {
  return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: hashIdentitySync(normalizeEmail(email), salt), salt };
}

export function ob2EmailRecipientSync(email: string, salt: string = newSaltSync()): Ob2Recipient {
  return { type: 'email', hashed: true, salt, identity: hashIdentitySync(normalizeEmail(email), salt) };
}
