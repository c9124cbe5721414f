import { importJWK } from 'jose';
import type { CryptoKey, JWK, KeyObject } from 'jose';
import { findVerificationMethod } from '../sign/document-loader.js';
import type { DecodedJws } from './jws.js';
import { jwsSignatureValid } from './jws.js';
import { checkIssuerBinding, type BindingContext, type SigningKey } from './issuer-binding.js';
import type { IssuerSummary, JsonObject, Resolver, VerificationCheck } from './types.js';
import { describeValue, fail, idOf, isObject, parseDateTime, pass, resolveDocument, say } from './util.js';

/** Algorithms the 1EdTech validator accepts for VC-JWT. */
const ALLOWED_ALGS = new Set(['RS256', 'ES256']);
const ALLOWED_HEADERS = new Set(['alg', 'kid', 'jwk', 'typ']);
const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

export interface VcJwtResult {
  /** The credential: the payload without JWT claims (VCDM 2.0) or the `vc` claim completed from the claims (1.1). */
  credential: JsonObject;
  legacy: boolean;
  proof: VerificationCheck;
  issuerKey: VerificationCheck;
  issuer?: IssuerSummary;
}

/** The credential carried by a VC-JWT payload, or undefined when the payload is not one. */
export function credentialFromJwtPayload(payload: unknown): { credential: JsonObject; legacy: boolean } | undefined {
  if (!isObject(payload)) return undefined;
  if (isObject(payload.vc)) {
    // VCDM 1.1 JWT encoding: properties may live only in the registered claims.
    const credential: JsonObject = { ...payload.vc };
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
    if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
    if (credential.issuanceDate === undefined && typeof payload.nbf === 'number') credential.issuanceDate = secondsToIso(payload.nbf);
    if (credential.expirationDate === undefined && typeof payload.exp === 'number') credential.expirationDate = secondsToIso(payload.exp);
    if (isObject(credential.credentialSubject) && credential.credentialSubject.id === undefined && typeof payload.sub === 'string') {
      credential.credentialSubject = { ...credential.credentialSubject, id: payload.sub };
    }
    return { credential, legacy: true };
  }
  if (payload['@context'] === undefined) return undefined;
  const credential: JsonObject = { ...payload };
  for (const claim of REGISTERED_CLAIMS) delete credential[claim];
  return { credential, legacy: false };
}

function secondsToIso(seconds: number): string | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
}

/** Verifies a VC-JWT (OB 3.0 §JSON Web Token Proof Format): header rules, key, signature, claims, issuer binding. */
export async function verifyVcJwt(jws: DecodedJws, binding: BindingContext): Promise<VcJwtResult | undefined> {
  const carried = credentialFromJwtPayload(jws.payload);
  if (!carried) return undefined;
  const payload = jws.payload as JsonObject;
  const { credential, legacy } = carried;
  const issuerId = idOf(credential.issuer);
  const signed = await checkJwtProof(jws, credential, legacy, binding.resolve);
  const result = { credential, legacy, proof: signed.check };
  if (typeof payload.iss !== 'string') {
    return { ...result, issuerKey: fail('issuer-key', 'ERR_JWT_CLAIMS_INVALID', 'The JWT has no iss claim; it must equal the issuer id.') };
  }
  if (payload.iss !== issuerId) {
    return {
      ...result,
      issuerKey: fail('issuer-key', 'ERR_ISSUER_KEY_MISMATCH', `The JWT iss claim ${payload.iss} does not match the issuer id ${describeValue(issuerId)}.`),
    };
  }
  if (!signed.key) {
    return {
      ...result,
      issuerKey: fail('issuer-key', 'ERR_ISSUER_KEY_UNKNOWN', say('verify.issuerKey.signatureFailed')),
    };
  }
  const bound = await checkIssuerBinding(issuerId, signed.key, binding);
  return { ...result, issuerKey: bound.check, ...(bound.issuer ? { issuer: bound.issuer } : {}) };
}

async function checkJwtProof(
  jws: DecodedJws,
  credential: JsonObject,
  legacy: boolean,
  resolve: Resolver | undefined,
): Promise<{ check: VerificationCheck; key?: SigningKey }> {
  const { header } = jws;
  const alg = header.alg;
  if (typeof alg !== 'string' || !ALLOWED_ALGS.has(alg)) {
    return {
      check: fail('proof', 'ERR_JWT_ALG_UNSUPPORTED', `The JWT is signed with ${describeValue(alg)}; Open Badges verifiers accept only RS256 or ES256.`),
    };
  }
  const extra = Object.keys(header).filter((name) => !ALLOWED_HEADERS.has(name));
  if (extra.length > 0) {
    return { check: fail('proof', 'ERR_JWT_HEADER_INVALID', `The JWT header has members Open Badges does not allow: ${extra.join(', ')}.`) };
  }
  if (header.typ !== undefined && header.typ !== 'JWT') {
    return { check: fail('proof', 'ERR_JWT_HEADER_INVALID', `The JWT header typ is ${describeValue(header.typ)}; it must be "JWT" or absent.`) };
  }
  const key = await jwtKey(header, alg, resolve);
  if (!('key' in key)) return { check: key };
  const kid = key.signing.id;
  if (!(await jwsSignatureValid(jws.compact, key.key, alg))) {
    return {
      check: fail('proof', 'ERR_PROOF_INVALID', kid === undefined ? say('verify.proof.jwtHeaderChanged') : say('verify.proof.jwtChanged', { key: kid })),
    };
  }
  const mismatch = claimMismatch(jws.payload as JsonObject, credential, legacy);
  if (mismatch) return { check: fail('proof', 'ERR_JWT_CLAIMS_INVALID', mismatch) };
  return { check: pass('proof', kid === undefined ? say('verify.proof.jwtHeader', { alg }) : say('verify.proof.jwt', { alg, key: kid })), key: key.signing };
}

type KeyOrFailure = { key: CryptoKey | KeyObject; source: string; signing: SigningKey } | VerificationCheck;

async function jwtKey(header: JsonObject, alg: string, resolve: Resolver | undefined): Promise<KeyOrFailure> {
  let jwk: unknown;
  let source: string;
  let kid: string | undefined;
  if (header.jwk !== undefined) {
    jwk = header.jwk;
    source = 'the key in the JWT header';
  } else if (typeof header.kid === 'string') {
    kid = header.kid;
    source = `the key ${kid}`;
    if (kid.startsWith('did:')) {
      const didDocument = await resolveDocument(resolve, kid.split('#')[0] ?? kid);
      if (didDocument === undefined) {
        return fail('proof', 'ERR_DID_UNRESOLVED', say('verify.proof.didUnresolved', { key: kid }));
      }
      const method = findVerificationMethod(didDocument, kid);
      if (!method) return fail('proof', 'ERR_VERIFICATION_METHOD_UNKNOWN', say('verify.proof.keyNotInDid', { key: kid }));
      jwk = method.publicKeyJwk;
    } else {
      jwk = await resolveDocument(resolve, kid);
      if (jwk === undefined) return fail('proof', 'ERR_JWT_KEY_UNAVAILABLE', say('verify.proof.jwtKeyUnavailable', { key: kid }));
      if (isObject(jwk) && Array.isArray(jwk.keys)) {
        return fail('proof', 'ERR_KEY_INVALID', `The kid URL ${kid} returns a key set; it must return a single JWK.`);
      }
    }
  } else {
    return fail('proof', 'ERR_JWT_KEY_MISSING', 'The JWT names no key (neither kid nor jwk in its header), so its signature cannot be checked.');
  }
  if (!isObject(jwk) || typeof jwk.kty !== 'string') return fail('proof', 'ERR_KEY_INVALID', `${capitalize(source)} is not a JWK.`);
  if (jwk.d !== undefined) {
    return fail('proof', 'ERR_JWT_KEY_PRIVATE', `${capitalize(source)} contains private key material ("d"); the issuer must publish only the public key.`);
  }
  try {
    const key = await importJWK(jwk as JWK, alg);
    if (key instanceof Uint8Array) return fail('proof', 'ERR_KEY_INVALID', `${capitalize(source)} is a symmetric key.`);
    const signing: SigningKey = kid === undefined ? { jwk, origin: 'embedded' } : { id: kid, jwk, origin: 'resolved' };
    return { key, source, signing };
  } catch (error) {
    return fail('proof', 'ERR_KEY_INVALID', `${capitalize(source)} cannot be used for ${alg}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The registered claims must repeat the credential's properties (OB 3.0 §JSON Web Token Proof Format). */
function claimMismatch(payload: JsonObject, credential: JsonObject, legacy: boolean): string | undefined {
  if (typeof payload.jti !== 'string') return 'The JWT has no jti claim; it must equal the credential id.';
  if (payload.jti !== credential.id) return `The JWT jti claim ${payload.jti} does not match the credential id ${describeValue(credential.id)}.`;
  if (typeof payload.nbf !== 'number') return 'The JWT has no numeric nbf claim; it must equal the credential start date.';
  const fromName = legacy ? 'issuanceDate' : 'validFrom';
  const fromMs = parseDateTime(credential[fromName]);
  if (fromMs === undefined || Math.floor(fromMs / 1000) !== payload.nbf) {
    return `The JWT nbf claim ${payload.nbf} does not match ${fromName} ${describeValue(credential[fromName])}.`;
  }
  const subjectId = isObject(credential.credentialSubject) ? credential.credentialSubject.id : undefined;
  if (payload.sub !== undefined && subjectId !== undefined && payload.sub !== subjectId) {
    return `The JWT sub claim ${describeValue(payload.sub)} does not match credentialSubject.id ${describeValue(subjectId)}.`;
  }
  const untilName = legacy ? 'expirationDate' : 'validUntil';
  const untilValue = credential[untilName];
  if (payload.exp !== undefined || untilValue !== undefined) {
    const untilMs = parseDateTime(untilValue);
    if (typeof payload.exp !== 'number' || untilMs === undefined || Math.floor(untilMs / 1000) !== payload.exp) {
      return `The JWT exp claim ${describeValue(payload.exp)} does not match ${untilName} ${describeValue(untilValue)}.`;
    }
  }
  return undefined;
}
