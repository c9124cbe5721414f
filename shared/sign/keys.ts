/** JSON Web Key helpers shared by signing, the keystore and the CLI. */

export type KeyType = 'Ed25519' | 'RSA' | 'P-256';
export type JwsAlg = 'EdDSA' | 'RS256' | 'ES256';

/** Members that carry private key material (RFC 7518 §6, RFC 8037). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

function member(jwk: unknown, name: string): unknown {
  return typeof jwk === 'object' && jwk !== null ? (jwk as Record<string, unknown>)[name] : undefined;
}

/** The kind of key Badgesmith can sign with, or undefined for anything else. */
export function keyTypeOfJwk(jwk: unknown): KeyType | undefined {
  const kty = member(jwk, 'kty');
  const crv = member(jwk, 'crv');
  if (kty === 'OKP' && crv === 'Ed25519' && typeof member(jwk, 'x') === 'string') return 'Ed25519';
  if (kty === 'RSA' && typeof member(jwk, 'n') === 'string' && typeof member(jwk, 'e') === 'string') return 'RSA';
  if (kty === 'EC' && crv === 'P-256' && typeof member(jwk, 'x') === 'string' && typeof member(jwk, 'y') === 'string') return 'P-256';
  return undefined;
}

export function isPrivateJwk(jwk: unknown): boolean {
  return typeof member(jwk, 'd') === 'string' || typeof member(jwk, 'k') === 'string';
}

/** The JWS algorithm Badgesmith uses for this key. */
export function algForJwk(jwk: unknown): JwsAlg | undefined {
  switch (keyTypeOfJwk(jwk)) {
    case 'Ed25519':
      return 'EdDSA';
    case 'RSA':
      return 'RS256';
    case 'P-256':
      return 'ES256';
    default:
      return undefined;
  }
}

/**
 * The public part of a JWK: private members are removed, and so are `key_ops` and `ext`, which
 * describe the private key's use. Everything else (kty, crv, n, e, x, y, kid, alg, use) is kept.
 */
export function publicJwk(jwk: JsonWebKey): JsonWebKey {
  const copy: Record<string, unknown> = { ...jwk };
  for (const name of [...PRIVATE_MEMBERS, 'key_ops', 'ext']) delete copy[name];
  return copy as JsonWebKey;
}
