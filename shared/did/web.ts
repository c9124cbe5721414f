import { CONTEXT } from '../sign/contexts.js';
import { publicKeyMultibaseFromJwk } from '../sign/multikey.js';

/** A public key as the DID document needs it (the workspace's key records satisfy this). */
export interface DidKey {
  /** Key id: RFC 7638 thumbprint (base64url) of the public JWK. */
  id: string;
  type: 'Ed25519' | 'RSA' | 'P-256';
  publicJwk: { kty: string; crv?: string; x?: string; y?: string; n?: string; e?: string };
}

export interface VerificationMethod {
  id: string;
  type: 'Multikey' | 'JsonWebKey';
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: Record<string, string>;
}

export interface DidDocument {
  '@context': (string | Record<string, unknown>)[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

/** Defines the JsonWebKey terms inline: no hosted context for them is known offline. */
const JWK_TERMS = {
  JsonWebKey: 'https://w3id.org/security#JsonWebKey',
  publicKeyJwk: { '@id': 'https://w3id.org/security#publicKeyJwk', '@type': '@json' },
} as const;

function publicMembers(key: DidKey): Record<string, string> {
  const jwk = key.publicJwk;
  if (jwk.kty === 'RSA') return { kty: 'RSA', n: String(jwk.n), e: String(jwk.e) };
  if (jwk.kty === 'EC') return { kty: 'EC', crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) };
  return { kty: jwk.kty, crv: String(jwk.crv), x: String(jwk.x) };
}

/** Verification method id: `did#z6Mk…` for Ed25519 (Data Integrity), `did#<thumbprint>` for RSA/P-256. */
export function verificationMethodId(did: string, key: DidKey): string {
  return key.type === 'Ed25519' ? `${did}#${publicKeyMultibaseFromJwk({ x: String(key.publicJwk.x) })}` : `${did}#${key.id}`;
}

export function verificationMethod(did: string, key: DidKey): VerificationMethod {
  const id = verificationMethodId(did, key);
  if (key.type === 'Ed25519') {
    return { id, type: 'Multikey', controller: did, publicKeyMultibase: id.slice(id.indexOf('#') + 1) };
  }
  return { id, type: 'JsonWebKey', controller: did, publicKeyJwk: publicMembers(key) };
}

/**
 * The issuer's DID document listing every key ever used (active and retired, oldest first),
 * so credentials signed before a rotation keep verifying.
 */
export function buildDidDocument(did: string, keys: readonly DidKey[]): DidDocument {
  const methods = keys.map((key) => verificationMethod(did, key));
  const ids = methods.map((method) => method.id);
  const context: DidDocument['@context'] = [CONTEXT.did, CONTEXT.multikey];
  if (methods.some((method) => method.type === 'JsonWebKey')) context.push({ ...JWK_TERMS });
  return { '@context': context, id: did, verificationMethod: methods, assertionMethod: ids, authentication: ids };
}
