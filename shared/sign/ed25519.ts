import { BadgeError } from '../errors.js';
import { base64urlDecode, base64urlEncode, concatBytes, hexDecode } from '../bytes.js';

export interface Ed25519PrivateJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid?: string;
}

export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid?: string;
}

const ALGORITHM = { name: 'Ed25519' } as const;
/** PKCS#8 prefix of an Ed25519 private key (RFC 8410), followed by the 32-byte seed. */
const PKCS8_PREFIX = hexDecode('302e020100300506032b657004220420');
const MAX_CACHED_KEYS = 256;

const privateKeys = new Map<string, Promise<CryptoKey>>();
const publicKeys = new Map<string, Promise<CryptoKey>>();

function remember(cache: Map<string, Promise<CryptoKey>>, id: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
  const cached = cache.get(id);
  if (cached) return cached;
  if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value as string);
  const promise = load();
  cache.set(id, promise);
  promise.catch(() => cache.delete(id));
  return promise;
}

function checkCoordinate(value: unknown, name: string): Uint8Array {
  const bytes = typeof value === 'string' ? base64urlDecode(value) : undefined;
  if (!bytes || bytes.length !== 32) {
    throw new BadgeError('ERR_KEY_INVALID', `The Ed25519 key's "${name}" must be 32 bytes in base64url.`);
  }
  return bytes;
}

function checkOkp(jwk: { kty?: unknown; crv?: unknown }): void {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new BadgeError('ERR_KEY_INVALID', 'The key is not an Ed25519 key (a JWK with "kty": "OKP" and "crv": "Ed25519" is needed).');
  }
}

function importPrivate(jwk: Ed25519PrivateJwk): Promise<CryptoKey> {
  checkOkp(jwk);
  checkCoordinate(jwk.x, 'x');
  checkCoordinate(jwk.d, 'd');
  return remember(privateKeys, `${jwk.x}.${jwk.d}`, async () => {
    try {
      return await globalThis.crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, ALGORITHM, false, ['sign']);
    } catch (cause) {
      throw new BadgeError('ERR_KEY_INVALID', 'The Ed25519 private key could not be loaded: its "d" and "x" do not form a key pair.', { cause });
    }
  });
}

function importPublic(jwk: Ed25519PublicJwk): Promise<CryptoKey> {
  checkOkp(jwk);
  const raw = checkCoordinate(jwk.x, 'x');
  return remember(publicKeys, jwk.x, async () => {
    try {
      return await globalThis.crypto.subtle.importKey('raw', raw as BufferSource, ALGORITHM, true, ['verify']);
    } catch (cause) {
      throw new BadgeError('ERR_KEY_INVALID', 'The Ed25519 public key could not be loaded.', { cause });
    }
  });
}

/** Signs with WebCrypto Ed25519; imported keys are cached. Throws ERR_KEY_INVALID on a malformed key. */
export async function ed25519Sign(privateKey: Ed25519PrivateJwk, data: Uint8Array): Promise<Uint8Array> {
  const key = await importPrivate(privateKey);
  return new Uint8Array(await globalThis.crypto.subtle.sign(ALGORITHM, key, data as BufferSource));
}

type Ed25519VerifySync = (x: string, data: Uint8Array, signature: Uint8Array) => boolean;
let verifySync: Ed25519VerifySync | undefined;

/**
 * Lets a platform with a synchronous Ed25519 check (Node's crypto.verify) stand in for WebCrypto's
 * promise per signature, when many signatures are checked in a row. It throws for a key it cannot load.
 */
export function useEd25519Verify(verify: Ed25519VerifySync): void {
  verifySync = verify;
}

/** False for a wrong signature; throws ERR_KEY_INVALID only for a malformed public key. */
export async function ed25519Verify(publicKey: Ed25519PublicJwk, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (verifySync !== undefined) {
    checkOkp(publicKey);
    checkCoordinate(publicKey.x, 'x');
    if (signature.length !== 64) return false;
    try {
      return verifySync(publicKey.x, data, signature);
    } catch (cause) {
      throw new BadgeError('ERR_KEY_INVALID', 'The Ed25519 public key could not be loaded.', { cause });
    }
  }
  const key = await importPublic(publicKey);
  if (signature.length !== 64) return false;
  return globalThis.crypto.subtle.verify(ALGORITHM, key, signature as BufferSource, data as BufferSource);
}

export function ed25519PublicJwk(privateKey: Ed25519PrivateJwk): Ed25519PublicJwk {
  const { kty, crv, x, kid } = privateKey;
  return kid === undefined ? { kty, crv, x } : { kty, crv, x, kid };
}

/** The key pair for a 32-byte seed (the RFC 8032 private key), e.g. a published test key. */
export async function ed25519PrivateJwkFromSeed(seed: Uint8Array): Promise<Ed25519PrivateJwk> {
  if (seed.length !== 32) throw new BadgeError('ERR_KEY_INVALID', 'An Ed25519 seed is exactly 32 bytes.');
  const key = await globalThis.crypto.subtle.importKey('pkcs8', concatBytes(PKCS8_PREFIX, seed) as BufferSource, ALGORITHM, true, ['sign']);
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: base64urlEncode(seed) };
}

/** A fresh random Ed25519 key pair as a private JWK. */
export async function generateEd25519PrivateJwk(): Promise<Ed25519PrivateJwk> {
  const pair = (await globalThis.crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! };
}
