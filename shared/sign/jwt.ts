import { CompactSign, importJWK } from 'jose';
import type { CryptoKey, KeyObject } from 'jose';
import { utf8Encode } from '../bytes.js';
import { BadgeError } from '../errors.js';
import { isDateTimeWithZone } from '../ob3/shape.js';
import { algForJwk, isPrivateJwk, publicJwk } from './keys.js';

export interface VcJwtOptions {
  privateKey: JsonWebKey;
  alg: 'RS256' | 'ES256';
  /** A URL that resolves to the single public JWK; without it the header carries the `jwk`. */
  kid?: string;
}

type SigningKey = CryptoKey | KeyObject | Uint8Array;

const MAX_CACHED_KEYS = 64;
const importedKeys = new Map<string, Promise<SigningKey>>();

/** Imports a private JWK once per (key, alg); batches sign many credentials with one key. */
function signingKey(jwk: JsonWebKey, alg: string): Promise<SigningKey> {
  const id = `${alg}:${jwk.kty}:${jwk.d}`;
  const cached = importedKeys.get(id);
  if (cached) return cached;
  if (importedKeys.size >= MAX_CACHED_KEYS) importedKeys.delete(importedKeys.keys().next().value as string);
  const imported = importJWK(jwk as Parameters<typeof importJWK>[0], alg).catch((error: unknown) => {
    importedKeys.delete(id);
    throw new BadgeError('ERR_KEY_INVALID', `The private key cannot be used for ${alg}: ${(error as Error).message}`, { cause: error });
  });
  importedKeys.set(id, imported);
  return imported;
}

function checkPrivateKey(jwk: JsonWebKey, alg: 'RS256' | 'ES256'): void {
  if (!isPrivateJwk(jwk)) {
    throw new BadgeError('ERR_KEY_NOT_PRIVATE', 'Signing needs the private key (a JWK with "d"), not the public key.');
  }
  const keyAlg = algForJwk(jwk);
  if (keyAlg !== alg) {
    const needed = alg === 'RS256' ? 'an RSA key' : 'a P-256 (EC) key';
    throw new BadgeError('ERR_KEY_TYPE_MISMATCH', `${alg} needs ${needed}; this key is ${keyAlg === undefined ? 'not supported' : `for ${keyAlg}`}.`);
  }
}

async function signCompact(payload: Record<string, unknown>, header: Record<string, unknown>, jwk: JsonWebKey, alg: string): Promise<string> {
  const key = await signingKey(jwk, alg);
  return new CompactSign(utf8Encode(JSON.stringify(payload))).setProtectedHeader(header as { alg: string }).sign(key);
}

function seconds(value: unknown, field: string): number {
  if (typeof value !== 'string' || !isDateTimeWithZone(value)) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `The credential's ${field} must be a date-time with a timezone to make a VC-JWT.`);
  }
  return Math.floor(Date.parse(value) / 1000);
}

/** The VC-JWT claims set: the credential itself plus iss, jti, nbf, sub (subject id only) and exp. */
export function vcJwtPayload(credential: Record<string, unknown>): Record<string, unknown> {
  const issuer = credential.issuer;
  const iss = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  if (typeof iss !== 'string' || iss === '') {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'The credential has no issuer id, which the VC-JWT iss claim needs.');
  }
  if (typeof credential.id !== 'string' || credential.id === '') {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'The credential has no id, which the VC-JWT jti claim needs.');
  }
  const payload: Record<string, unknown> = { ...credential, iss, jti: credential.id, nbf: seconds(credential.validFrom, 'validFrom') };
  const subject = credential.credentialSubject;
  const sub = typeof subject === 'object' && subject !== null ? (subject as { id?: unknown }).id : undefined;
  if (typeof sub === 'string') payload.sub = sub;
  else delete payload.sub;
  if (credential.validUntil !== undefined) payload.exp = seconds(credential.validUntil, 'validUntil');
  else delete payload.exp;
  return payload;
}

/**
 * Signs an OB 3.0 credential as a VC-JWT (compact JWS). Header: exactly `{alg, kid}` when a kid
 * is given, otherwise `{alg, jwk}` with the public key; no `typ` or other members.
 */
export async function signVcJwt(credential: Record<string, unknown>, options: VcJwtOptions): Promise<string> {
  checkPrivateKey(options.privateKey, options.alg);
  const header = options.kid === undefined ? { alg: options.alg, jwk: publicJwk(options.privateKey) } : { alg: options.alg, kid: options.kid };
  return signCompact(vcJwtPayload(credential), header, options.privateKey, options.alg);
}

/** Signs an OB 2.0 Assertion as a JWS (RS256, header exactly `{alg: 'RS256'}`). */
export async function signOb2Jws(assertion: Record<string, unknown>, options: { privateKey: JsonWebKey }): Promise<string> {
  checkPrivateKey(options.privateKey, 'RS256');
  return signCompact(assertion, { alg: 'RS256' }, options.privateKey, 'RS256');
}
