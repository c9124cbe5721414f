import { BadgeError } from '../errors.js';
import { base64urlDecode, base64urlEncode, concatBytes } from '../bytes.js';
import type { Ed25519PublicJwk } from './ed25519.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const LOOKUP = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB = Uint8Array.of(0xed, 0x01);

/** 58^5: the encoder works on five base58 digits at a time (a product with 256 stays an exact double). */
const BIG_BASE = 58 ** 5;

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Little-endian digits in base 58^5.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      const value = digits[j]! * 256 + carry;
      carry = Math.floor(value / BIG_BASE);
      digits[j] = value - carry * BIG_BASE;
    }
    while (carry > 0) {
      const next = Math.floor(carry / BIG_BASE);
      digits.push(carry - next * BIG_BASE);
      carry = next;
    }
  }
  let body = '';
  for (let i = 0; i < digits.length; i++) {
    let digit = digits[i]!;
    const last = i === digits.length - 1;
    for (let k = 0; k < 5 && (!last || digit > 0); k++) {
      body = ALPHABET[digit % 58]! + body;
      digit = Math.floor(digit / 58);
    }
  }
  return '1'.repeat(zeros) + body;
}

/** Returns undefined when the text is not base58btc. */
export function base58btcDecode(text: string): Uint8Array | undefined {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let carry = code < 128 ? LOOKUP[code]! : -1;
    if (carry < 0) return undefined;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i]!;
  return out;
}

/** `z6Mk…`: multibase base58btc of the multicodec-prefixed Ed25519 public key. */
export function publicKeyMultibaseFromJwk(jwk: { x: string }): string {
  const raw = base64urlDecode(jwk.x);
  if (!raw || raw.length !== 32) throw new BadgeError('ERR_KEY_INVALID', 'The Ed25519 key\'s "x" must be 32 bytes in base64url.');
  return `z${base58btcEncode(concatBytes(ED25519_PUB, raw))}`;
}

/** The public JWK of an Ed25519 Multikey (`z6Mk…`); ERR_KEY_INVALID for anything else. */
/** Keys decoded lately: a run of badges names the same few keys thousands of times. */
const decodedKeys = new Map<string, string>();

export function jwkFromPublicKeyMultibase(multibase: string): Ed25519PublicJwk {
  const known = decodedKeys.get(multibase);
  if (known !== undefined) return { kty: 'OKP', crv: 'Ed25519', x: known };
  const jwk = decodePublicKeyMultibase(multibase);
  if (decodedKeys.size >= 64) decodedKeys.clear();
  decodedKeys.set(multibase, jwk.x);
  return jwk;
}

function decodePublicKeyMultibase(multibase: string): Ed25519PublicJwk {
  const bytes = typeof multibase === 'string' && multibase.startsWith('z') ? base58btcDecode(multibase.slice(1)) : undefined;
  if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) {
    throw new BadgeError('ERR_KEY_INVALID', `"${String(multibase).slice(0, 80)}" is not an Ed25519 public key in Multikey form (z6Mk…).`);
  }
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(bytes.subarray(2)) };
}

/** True for a string that decodes to an Ed25519 Multikey. */
export function isEd25519Multibase(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith('z6Mk')) return false;
  try {
    jwkFromPublicKeyMultibase(value);
    return true;
  } catch {
    return false;
  }
}
