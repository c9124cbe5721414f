import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { BadgeError } from '../../shared/errors.js';
import { base64urlDecode, base64urlEncode } from '../../shared/bytes.js';

/**
 * Seals small secrets (data keys). The CLI uses a passphrase box; the desktop app can wrap
 * one with Electron safeStorage. `open` throws ERR_SECRET_BOX_OPEN when the bytes, the AAD or
 * the key are wrong: callers turn that into a precise error.
 */
export interface SecretBox {
  seal(plain: Uint8Array, aad?: Uint8Array): Promise<Uint8Array>;
  open(sealed: Uint8Array, aad?: Uint8Array): Promise<Uint8Array>;
}

export interface ScryptParams {
  /** base64url salt, 16 bytes. */
  salt: string;
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

export function newScryptParams(cost: Partial<Omit<ScryptParams, 'salt'>> = {}): ScryptParams {
  return { salt: base64urlEncode(randomBytes(16)), ...DEFAULT_SCRYPT, ...cost };
}

export function isScryptParams(value: unknown): value is ScryptParams {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const pow2 = typeof v.N === 'number' && Number.isInteger(v.N) && v.N >= 2 ** 10 && v.N <= 2 ** 20 && (v.N & (v.N - 1)) === 0;
  return typeof v.salt === 'string' && pow2 && v.r === 8 && typeof v.p === 'number' && v.p >= 1 && v.p <= 4;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: iv ‖ tag ‖ ciphertext. */
export function aesGcmSeal(key: Uint8Array, plain: Uint8Array, aad: Uint8Array = new Uint8Array()): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

export function aesGcmOpen(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array = new Uint8Array()): Uint8Array {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new BadgeError('ERR_SECRET_BOX_OPEN', 'The sealed data is truncated.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
  } catch (error) {
    throw new BadgeError('ERR_SECRET_BOX_OPEN', 'The sealed data could not be authenticated.', { cause: error });
  }
}

function deriveKey(passphrase: string, params: ScryptParams): Promise<Uint8Array> {
  const salt = base64urlDecode(params.salt);
  if (!salt) throw new BadgeError('ERR_KEYSTORE_CORRUPT', 'The keystore salt is not base64url.');
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    );
  });
}

/** A box whose key is scrypt(passphrase, salt); the key is derived once. */
export async function passphraseBox(passphrase: string, params: ScryptParams): Promise<SecretBox> {
  const key = await deriveKey(passphrase, params);
  return {
    seal: async (plain, aad) => aesGcmSeal(key, plain, aad),
    open: async (sealed, aad) => aesGcmOpen(key, sealed, aad),
  };
}
