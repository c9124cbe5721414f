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

const SALT_BYTES = 16;
let saltPool = Buffer.alloc(0);
let saltOffset = 0;

/** A fresh 128-bit salt, base64url (as shared newSalt); CSPRNG bytes are drawn 4 KiB at a time. */
export function newSaltSync(): string {
  if (saltOffset + SALT_BYTES > saltPool.length) {
    saltPool = randomBytes(4096);
    saltOffset = 0;
  }
  const salt = saltPool.toString('base64url', saltOffset, saltOffset + SALT_BYTES);
  saltOffset += SALT_BYTES;
  return salt;
}

export function emailIdentityObjectSync(email: string, salt: string = newSaltSync()): IdentityObject {
  return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: hashIdentitySync(normalizeEmail(email), salt), salt };
}

export function ob2EmailRecipientSync(email: string, salt: string = newSaltSync()): Ob2Recipient {
  return { type: 'email', hashed: true, salt, identity: hashIdentitySync(normalizeEmail(email), salt) };
}
