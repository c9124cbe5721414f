/** Credentials signed with fresh real keys (node:crypto), and the offline documents that verify them. */
import { generateKeyPairSync } from 'node:crypto';
import { CompactSign, SignJWT, importJWK } from 'jose';
import type { JWK } from 'jose';
import { emailIdentityObject } from '../../../shared/ob3/identity.js';
import { buildStatusListCredential, newStatusList, setStatusBit } from '../../../shared/ob3/status-list.js';
import { signDataIntegrity } from '../../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { publicKeyMultibaseFromJwk } from '../../../shared/sign/multikey.js';
import type { Resolver } from '../../../shared/verify/index.js';

export const DID = 'did:web:badges.example.org:acme';
export const SITE = 'https://badges.example.org/acme';
export const RECIPIENT = 'ada@example.org';
export const NOW = new Date('2026-06-01T00:00:00Z');

type Json = Record<string, unknown>;

export function ed25519Key(): { privateJwk: Ed25519PrivateJwk; multibase: string } {
  const privateJwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as Ed25519PrivateJwk;
  return { privateJwk, multibase: publicKeyMultibaseFromJwk(privateJwk) };
}

export function didDocument(did: string, multibases: string[]): Json {
  const methods = multibases.map((m) => ({ id: `${did}#${m}`, type: 'Multikey', controller: did, publicKeyMultibase: m }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/** A DID document publishing JWKs (RSA, P-256) as JsonWebKey methods for assertions. */
export function jwkDidDocument(did: string, jwks: JWK[]): Json {
  const methods = jwks.map((jwk, i) => {
    const { kty, crv, x, y, n, e } = jwk;
    const publicKeyJwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined));
    return { id: `${did}#key-${i + 1}`, type: 'JsonWebKey', controller: did, publicKeyJwk };
  });
  return {
    '@context': ['https://www.w3.org/ns/did/v1', { JsonWebKey: 'https://w3id.org/security#JsonWebKey' }],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

export async function unsignedCredential(overrides: Json = {}): Promise<Json> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:5b1c9d7e-2f3a-4c8d-9e0f-1a2b3c4d5e6f',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: DID, type: ['Profile'], name: 'Acme Association', url: `${SITE}/` },
    validFrom: '2026-01-15T10:00:00Z',
    name: 'Teamwork',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [await emailIdentityObject(RECIPIENT, 'fixed-salt')],
      achievement: {
        id: `${SITE}/achievements/teamwork.json`,
        type: ['Achievement'],
        name: 'Teamwork',
        description: 'Collaborates in a group.',
        criteria: { narrative: 'Nominated by peers.' },
      },
    },
    ...overrides,
  };
}

export interface Issuer {
  key: { privateJwk: Ed25519PrivateJwk; multibase: string };
  did: string;
  vm: string;
  sign(credential: Json, vm?: string): Promise<Json>;
}

export function issuer(did = DID): Issuer {
  const key = ed25519Key();
  const vm = `${did}#${key.multibase}`;
  return {
    key,
    did,
    vm,
    sign: (credential, method = vm) =>
      signDataIntegrity(credential, { privateKey: key.privateJwk, verificationMethod: method, created: '2026-01-15T10:00:00Z' }),
  };
}

/** A resolver from exact URLs (fragment-less) to documents. */
export function resolver(documents: Record<string, unknown>): Resolver {
  return async (url) => documents[url];
}

export async function statusList(signer: Issuer, url: string, revokedIndex?: number): Promise<Json> {
  const bits = newStatusList();
  if (revokedIndex !== undefined) setStatusBit(bits, revokedIndex, true);
  const list = await buildStatusListCredential({ id: url, issuer: signer.did, validFrom: '2026-01-01T00:00:00Z', purpose: 'revocation', bits });
  return signer.sign(list);
}

export function rsaKey(): { privateJwk: JWK; publicJwk: JWK; publicPem: string } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateJwk: pair.privateKey.export({ format: 'jwk' }) as JWK,
    publicJwk: pair.publicKey.export({ format: 'jwk' }) as JWK,
    publicPem: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export function ecKey(): { privateJwk: JWK; publicJwk: JWK } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateJwk: pair.privateKey.export({ format: 'jwk' }) as JWK, publicJwk: pair.publicKey.export({ format: 'jwk' }) as JWK };
}

/** VC-JWT (VCDM 2.0): the credential is the payload, plus iss/jti/nbf/(exp). */
export async function vcJwt(credential: Json, privateJwk: JWK, header: Json): Promise<string> {
  const alg = String(header.alg);
  const nbf = Math.floor(Date.parse(String(credential.validFrom)) / 1000);
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer as Json).id;
  const payload: Json = { ...credential, iss: issuerId, jti: credential.id, nbf };
  if (typeof credential.validUntil === 'string') payload.exp = Math.floor(Date.parse(credential.validUntil) / 1000);
  return new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(await importJWK(privateJwk, alg));
}

/** Compact JWS with an arbitrary payload (OB 2.0 signed assertions). */
export async function compactJws(payload: unknown, privateJwk: JWK, alg = 'RS256'): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg }).sign(await importJWK(privateJwk, alg));
}
