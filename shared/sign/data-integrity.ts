/**
 * Data Integrity proofs: `eddsa-rdfc-2022` (W3C vc-di-eddsa) signing and verifying, and
 * verifying the legacy `Ed25519Signature2020` suite. Canonicalization: RDFC-1.0, safe mode.
 */
import { BadgeError, isBadgeError } from '../errors.js';
import { concatBytes, sha256 } from '../bytes.js';
import { canonicalize } from './canonical-template.js';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import { ed25519Sign, ed25519Verify, type Ed25519PrivateJwk, type Ed25519PublicJwk } from './ed25519.js';
import { base58btcDecode, base58btcEncode, isEd25519Multibase, jwkFromPublicKeyMultibase, publicKeyMultibaseFromJwk } from './multikey.js';

export const CRYPTOSUITE = 'eddsa-rdfc-2022';
const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';
const ED25519_2020 = 'Ed25519Signature2020';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface SignDataIntegrityOptions {
  privateKey: Ed25519PrivateJwk;
  verificationMethod: string;
  /** ISO date-time, no milliseconds, e.g. 2024-05-01T10:00:00Z. */
  created: string;
  documentLoader?: DocumentLoader;
  proofPurpose?: string;
}

export interface DataIntegrityResult {
  verified: boolean;
  code?: `ERR_${string}`;
  message: string;
  cryptosuite?: string;
  proofType?: string;
  verificationMethod?: string;
  controller?: string;
  /** The public key the proof was checked with, and whether it came from a document or from the method id itself. */
  publicKey?: Ed25519PublicJwk;
  keyOrigin?: 'resolved' | 'embedded';
}

type JsonObject = Record<string, unknown>;

let defaultLoader: DocumentLoader | undefined;
function defaultDocumentLoader(): DocumentLoader {
  defaultLoader ??= createDocumentLoader();
  return defaultLoader;
}

function asProofList(proof: unknown): unknown[] {
  if (proof === undefined || proof === null) return [];
  return Array.isArray(proof) ? proof : [proof];
}

function withoutProof(document: JsonObject): JsonObject {
  const { proof: _proof, ...unsecured } = document;
  return unsecured;
}

/** sha256(canonical proof config) || sha256(canonical document), the bytes both suites sign. */
async function hashData(proofConfig: JsonObject, unsecured: JsonObject, documentLoader: DocumentLoader): Promise<Uint8Array> {
  const [proofCanon, documentCanon] = await Promise.all([canonicalize(proofConfig, documentLoader), canonicalize(unsecured, documentLoader)]);
  const [proofHash, documentHash] = await Promise.all([sha256(proofCanon), sha256(documentCanon)]);
  return concatBytes(proofHash, documentHash);
}

/**
 * Adds an eddsa-rdfc-2022 DataIntegrityProof. `proof` is always an array (OB 3.0 strict schema);
 * proofs already present stay (a proof set) and are not covered by the new one.
 */
export async function signDataIntegrity(credential: JsonObject, options: SignDataIntegrityOptions): Promise<JsonObject> {
  if (credential === null || typeof credential !== 'object' || Array.isArray(credential) || credential['@context'] === undefined) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'Only a JSON-LD object with an "@context" can get a Data Integrity proof.');
  }
  if (typeof options.created !== 'string' || !DATE_TIME.test(options.created)) {
    throw new BadgeError('ERR_CREATED_INVALID', `The proof date "${String(options.created)}" is not an ISO date-time with a time zone.`);
  }
  if (typeof options.verificationMethod !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(options.verificationMethod)) {
    throw new BadgeError('ERR_VERIFICATION_METHOD_INVALID', 'The verification method must be an absolute URL or DID URL (e.g. did:web:example.org#z6Mk…).');
  }
  const fragment = options.verificationMethod.split('#')[1];
  if (isEd25519Multibase(fragment) && fragment !== publicKeyMultibaseFromJwk(options.privateKey)) {
    throw new BadgeError('ERR_KEY_MISMATCH', `The verification method ${options.verificationMethod} names another key than the private key given.`);
  }
  const documentLoader = options.documentLoader ?? defaultDocumentLoader();
  const unsecured = withoutProof(credential);
  const proof: JsonObject = {
    type: DATA_INTEGRITY_PROOF,
    created: options.created,
    verificationMethod: options.verificationMethod,
    cryptosuite: CRYPTOSUITE,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
  };
  const data = await hashData({ '@context': unsecured['@context'], ...proof }, unsecured, documentLoader);
  const signature = await ed25519Sign(options.privateKey, data);
  return { ...credential, proof: [...asProofList(credential.proof), { ...proof, proofValue: `z${base58btcEncode(signature)}` }] };
}

interface ResolvedKey {
  publicKey: Ed25519PublicJwk;
  controller: string;
  origin: 'resolved' | 'embedded';
}

type Failure = Omit<DataIntegrityResult, 'verified'> & { verified: false; code: `ERR_${string}` };

function failure(code: `ERR_${string}`, message: string, extra: Partial<DataIntegrityResult> = {}): Failure {
  return { ...extra, verified: false, code, message };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

function keyFromMethod(method: JsonObject): Ed25519PublicJwk | undefined {
  try {
    if (typeof method.publicKeyMultibase === 'string') return jwkFromPublicKeyMultibase(method.publicKeyMultibase);
    const jwk = method.publicKeyJwk;
    if (isObject(jwk) && jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
      return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

async function load(documentLoader: DocumentLoader, url: string): Promise<unknown> {
  return (await documentLoader(url)).document;
}

/** Whether the controller document lists the method for assertions (by id, `#fragment` or embedded). */
function authorizesAssertion(controllerDocument: unknown, methodId: string, purpose: string): boolean {
  if (!isObject(controllerDocument)) return false;
  const listed = asProofList(controllerDocument[purpose]);
  const fragment = methodId.includes('#') ? methodId.slice(methodId.indexOf('#')) : undefined;
  return listed.some((entry) => {
    const id = idOf(entry);
    return id === methodId || (fragment !== undefined && id === fragment);
  });
}

async function resolveKey(methodId: string, purpose: string, documentLoader: DocumentLoader): Promise<ResolvedKey | Failure> {
  const [base = methodId, fragment] = methodId.split('#', 2);
  if (base.startsWith('did:key:')) {
    const multibase = base.slice('did:key:'.length);
    if (!isEd25519Multibase(multibase) || (fragment !== undefined && fragment !== multibase)) {
      return failure('ERR_VERIFICATION_METHOD_UNKNOWN', `${methodId} is not an Ed25519 did:key verification method.`);
    }
    return { publicKey: jwkFromPublicKeyMultibase(multibase), controller: base, origin: 'resolved' };
  }
  if (!base.startsWith('did:') && isEd25519Multibase(fragment)) {
    // As the 1EdTech validator does: `https://issuer#z6Mk…` carries its own key.
    return { publicKey: jwkFromPublicKeyMultibase(fragment), controller: base, origin: 'embedded' };
  }
  let method: unknown;
  try {
    method = await load(documentLoader, methodId);
  } catch (error) {
    const reason = isBadgeError(error) ? error.message : 'it could not be resolved offline.';
    return failure('ERR_VERIFICATION_METHOD_UNKNOWN', `The key ${methodId} is unknown: ${reason}`);
  }
  const publicKey = isObject(method) ? keyFromMethod(method) : undefined;
  if (!isObject(method) || !publicKey) {
    return failure('ERR_VERIFICATION_METHOD_UNKNOWN', `The document for ${methodId} is not an Ed25519 public key (Multikey, Ed25519VerificationKey2020 or JsonWebKey).`);
  }
  const controller = typeof method.controller === 'string' ? method.controller : base;
  if (methodId.includes('#')) {
    let controllerDocument: unknown;
    try {
      controllerDocument = await load(documentLoader, controller);
    } catch {
      controllerDocument = undefined;
    }
    if (!authorizesAssertion(controllerDocument, methodId, purpose)) {
      return failure('ERR_VERIFICATION_METHOD_UNKNOWN', `The controller ${controller} does not list the key ${methodId} under "${purpose}".`);
    }
  }
  return { publicKey, controller, origin: 'resolved' };
}

function contextList(context: unknown): unknown[] {
  return Array.isArray(context) ? context : [context];
}

async function verifyProof(proof: JsonObject, unsecured: JsonObject, documentLoader: DocumentLoader): Promise<DataIntegrityResult> {
  const proofType = String(proof.type);
  const cryptosuite = typeof proof.cryptosuite === 'string' ? proof.cryptosuite : undefined;
  const verificationMethod = idOf(proof.verificationMethod);
  const info: Partial<DataIntegrityResult> = { proofType, ...(cryptosuite ? { cryptosuite } : {}), ...(verificationMethod ? { verificationMethod } : {}) };
  const purpose = proof.proofPurpose;
  if (purpose !== 'assertionMethod') {
    return failure('ERR_PROOF_INVALID', `The proof purpose is ${JSON.stringify(purpose)}; a credential needs "assertionMethod".`, info);
  }
  const signature = typeof proof.proofValue === 'string' && proof.proofValue.startsWith('z') ? base58btcDecode(proof.proofValue.slice(1)) : undefined;
  if (!signature || signature.length !== 64) {
    return failure('ERR_PROOF_INVALID', 'The proofValue is not a base58btc (z…) Ed25519 signature.', info);
  }
  if (!verificationMethod) return failure('ERR_VERIFICATION_METHOD_UNKNOWN', 'The proof names no verification method.', info);

  const { proofValue: _value, ...options } = proof;
  let proofConfig: JsonObject;
  let document = unsecured;
  if (proofType === DATA_INTEGRITY_PROOF && options['@context'] !== undefined) {
    const expected = contextList(options['@context']);
    const actual = contextList(unsecured['@context']);
    if (!expected.every((entry, i) => JSON.stringify(entry) === JSON.stringify(actual[i]))) {
      return failure('ERR_PROOF_INVALID', 'The proof @context does not match the start of the credential @context.', info);
    }
    document = { ...unsecured, '@context': options['@context'] };
    proofConfig = options;
  } else {
    proofConfig = { '@context': unsecured['@context'], ...options };
  }

  const key = await resolveKey(verificationMethod, purpose, documentLoader);
  if ('verified' in key) return { ...key, ...info };
  const result = { ...info, controller: key.controller, publicKey: key.publicKey, keyOrigin: key.origin };
  try {
    const data = await hashData(proofConfig, document, documentLoader);
    if (await ed25519Verify(key.publicKey, data, signature)) {
      return { ...result, verified: true, message: `The ${cryptosuite ?? proofType} proof verifies with ${verificationMethod}.` };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure('ERR_PROOF_INVALID', `The credential could not be canonicalized for checking (${reason}).`, result);
  }
  return failure('ERR_PROOF_INVALID', 'The signature does not match: the credential was changed after signing, or signed with another key.', result);
}

function isSupported(proof: unknown): proof is JsonObject {
  if (!isObject(proof)) return false;
  return (proof.type === DATA_INTEGRITY_PROOF && proof.cryptosuite === CRYPTOSUITE) || proof.type === ED25519_2020;
}

/**
 * Verifies the eddsa-rdfc-2022 and Ed25519Signature2020 proofs of a document. Proofs of other
 * types are ignored when a supported one is present; every supported proof must verify.
 * Never throws for a bad document: the result says why.
 */
export async function verifyDataIntegrity(document: JsonObject, options: { documentLoader: DocumentLoader }): Promise<DataIntegrityResult> {
  if (!isObject(document)) return failure('ERR_PROOF_MISSING', 'The document is not a JSON object, so it has no proof.');
  const proofs = asProofList(document.proof);
  if (proofs.length === 0) return failure('ERR_PROOF_MISSING', 'The credential has no embedded proof.');
  if (!proofs.every(isObject)) return failure('ERR_PROOF_INVALID', 'The "proof" holds something that is not a proof object.');
  const supported = proofs.filter(isSupported);
  if (supported.length === 0) {
    const kinds = proofs.map((p) => (isObject(p) ? [p.type, p.cryptosuite].filter(Boolean).join('/') : typeof p)).join(', ');
    return failure('ERR_PROOF_UNSUPPORTED', `No supported proof (eddsa-rdfc-2022 or Ed25519Signature2020) was found; the credential has: ${kinds}.`);
  }
  const unsecured = withoutProof(document);
  const documentLoader = options.documentLoader ?? defaultDocumentLoader();
  let first: DataIntegrityResult | undefined;
  for (const proof of supported) {
    let result: DataIntegrityResult;
    try {
      result = await verifyProof(proof, unsecured, documentLoader);
    } catch (error) {
      result = failure('ERR_PROOF_INVALID', `The proof could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!result.verified) return result;
    first ??= result;
  }
  return first!;
}
