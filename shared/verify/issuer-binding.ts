import { exportJWK, importSPKI } from 'jose';
import { jwkFromPublicKeyMultibase } from '../sign/multikey.js';
import { didKeyDocument } from './loader.js';
import { remembered } from './memo.js';
import type { IssuerSummary, JsonObject, Resolver, VerificationCheck, VerifyMemo } from './types.js';
import { asArray, describeValue, fail, idOf, isObject, pass, resolveDocument, say, type Sentence, warn } from './util.js';

/**
 * The rule behind "verified": a signature counts only when its key is bound to the credential's
 * issuer by the issuer's own documents (its DID document, or the documents it publishes at its
 * own URL). A key carried by the credential itself (a URL fragment, a JWT header) proves nothing
 * about who made it.
 */

/** The key a signature was checked with, and how the credential named it. */
export interface SigningKey {
  /** The id the signature names (Data Integrity verificationMethod, JWT kid); absent for a header `jwk`. */
  id?: string;
  /** The public key that checked the signature. */
  jwk: JsonObject;
  /** `embedded`: the key travels with the credential (URL fragment key, JWT header jwk). */
  origin: 'resolved' | 'embedded';
}

export interface BindingContext {
  resolve?: Resolver | undefined;
  /** Conformance testing only (CLI `--trust-embedded-keys`): embedded keys of unconfirmable issuers pass with a warning. */
  trustEmbeddedKeys?: boolean | undefined;
  /** Per-run memo: a binding depends only on the issuer, the key and the issuer's documents. */
  memo?: VerifyMemo | undefined;
}

export interface BindingResult {
  check: VerificationCheck;
  issuer?: IssuerSummary;
}

interface IssuerDocument {
  url: string;
  document: JsonObject;
}

const CHECK = 'issuer-key';

/** Whether the public parts of two JWKs are the same key. */
export function sameKey(a: JsonObject, b: JsonObject): boolean {
  if (a.kty !== b.kty) return false;
  const members = a.kty === 'RSA' ? ['n', 'e'] : a.kty === 'EC' ? ['crv', 'x', 'y'] : ['crv', 'x'];
  return members.every((name) => typeof a[name] === 'string' && a[name] === b[name]);
}

function absoluteId(id: string, base: string): string {
  return id.startsWith('#') ? `${base}${id}` : id;
}

async function methodKey(method: JsonObject): Promise<JsonObject | undefined> {
  try {
    if (typeof method.publicKeyMultibase === 'string') return { ...jwkFromPublicKeyMultibase(method.publicKeyMultibase) };
    if (isObject(method.publicKeyJwk)) return method.publicKeyJwk;
    if (typeof method.publicKeyPem === 'string') {
      for (const alg of ['RS256', 'ES256']) {
        const key = await importSPKI(method.publicKeyPem, alg, { extractable: true }).catch(() => undefined);
        if (key) return (await exportJWK(key)) as JsonObject;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The methods a document authorises for assertions: listed in `assertionMethod` (by id or embedded). */
function assertionMethods(doc: IssuerDocument): { id: string; method: JsonObject }[] {
  const base = typeof doc.document.id === 'string' ? doc.document.id : doc.url;
  const declared = asArray(doc.document.verificationMethod).filter(isObject);
  const found: { id: string; method: JsonObject }[] = [];
  for (const entry of asArray(doc.document.assertionMethod)) {
    if (isObject(entry) && typeof entry.id === 'string') {
      found.push({ id: absoluteId(entry.id, base), method: entry });
      continue;
    }
    if (typeof entry !== 'string') continue;
    const id = absoluteId(entry, base);
    const method = declared.find((candidate) => typeof candidate.id === 'string' && absoluteId(candidate.id, base) === id);
    if (method) found.push({ id, method });
  }
  return found;
}

/** OB 2.0 style `publicKey` entries of an issuer profile, on the issuer's own origin. */
async function publishedKeys(doc: IssuerDocument, resolve: Resolver | undefined): Promise<{ id: string; method: JsonObject }[]> {
  const found: { id: string; method: JsonObject }[] = [];
  for (const entry of asArray(doc.document.publicKey)) {
    const id = idOf(entry);
    if (id === undefined || !sameOrigin(id, doc.url)) continue;
    const method = isObject(entry) && entry.publicKeyPem !== undefined ? entry : await resolveDocument(resolve, id);
    if (isObject(method)) found.push({ id, method });
  }
  return found;
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function sameOrigin(a: string, b: string): boolean {
  const origin = originOf(a);
  return origin !== undefined && origin === originOf(b);
}

/** did:web:host:path → https://host/path/ (the folder its did.json lives in). */
export function didWebBaseUrl(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const [host, ...path] = did.slice('did:web:'.length).split(':').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (!host || path.some((part) => part === '' || part === '..' || part === '.')) return undefined;
  return `https://${host}/${path.map((part) => `${part}/`).join('')}`;
}

/** The issuer's own documents: its DID document, or what its URL serves (and the did:web it names on that origin). */
async function issuerDocuments(issuerId: string, resolve: Resolver | undefined): Promise<IssuerDocument[]> {
  if (issuerId.startsWith('did:key:')) {
    const document = didKeyDocument(issuerId);
    return document ? [{ url: issuerId, document }] : [];
  }
  const documents: IssuerDocument[] = [];
  const own = await resolveDocument(resolve, issuerId);
  if (isObject(own) && (issuerId.startsWith('did:') ? own.id === issuerId : true)) documents.push({ url: issuerId, document: own });
  if (!issuerId.startsWith('did:') && isObject(own) && typeof own.id === 'string' && own.id !== issuerId) {
    const base = didWebBaseUrl(own.id);
    if (base !== undefined && sameOrigin(base, issuerId)) {
      const didDocument = await resolveDocument(resolve, own.id);
      if (isObject(didDocument) && didDocument.id === own.id) documents.push({ url: own.id, document: didDocument });
    }
  }
  return documents;
}

/** Name and URL of the issuer from its own published profile, never from the credential. */
async function issuerProfile(issuerId: string, documents: IssuerDocument[], resolve: Resolver | undefined): Promise<JsonObject | undefined> {
  const named = documents.find((doc) => typeof doc.document.name === 'string');
  if (named) return named.document;
  const base = didWebBaseUrl(issuerId);
  if (base === undefined) return undefined;
  const profile = await resolveDocument(resolve, `${base}issuer.json`);
  return isObject(profile) && profile.id === issuerId ? profile : undefined;
}

function summary(issuerId: string, profile: JsonObject | undefined, confirmed: boolean): IssuerSummary {
  const name = typeof profile?.name === 'string' && profile.name.trim() !== '' ? profile.name : undefined;
  const url = typeof profile?.url === 'string' && /^https?:\/\//.test(profile.url) ? profile.url : undefined;
  return { id: issuerId, confirmed, ...(name ? { name } : {}), ...(url ? { url } : {}) };
}

function keyName(key: SigningKey): string {
  return key.id === undefined ? 'the key in the JWT header' : `the key ${key.id}`;
}

/** A DID URL naming a key must belong to the issuer DID itself. */
function foreignDidKey(issuerId: string, key: SigningKey): boolean {
  if (key.id === undefined || !key.id.startsWith('did:')) return false;
  return !issuerId.startsWith('did:') || key.id.split('#', 1)[0] !== issuerId;
}

/**
 * Checks that the issuer's own documents list the signing key for assertions. Outcomes: bound
 * (pass), listed nowhere in available documents (ERR_ISSUER_KEY_MISMATCH), or no issuer document
 * to check against (ERR_ISSUER_UNCONFIRMED; a warning under `trustEmbeddedKeys` for embedded keys).
 */
export async function checkIssuerBinding(issuerId: string | undefined, key: SigningKey, ctx: BindingContext): Promise<BindingResult> {
  const memoKey = ['binding', ctx.trustEmbeddedKeys === true, issuerId, key.id, key.origin, JSON.stringify(key.jwk)].join('\n');
  return remembered(ctx.memo, memoKey, () => bindIssuerKey(issuerId, key, ctx));
}

async function bindIssuerKey(issuerId: string | undefined, key: SigningKey, ctx: BindingContext): Promise<BindingResult> {
  if (issuerId === undefined || issuerId === '') {
    return { check: fail(CHECK, 'ERR_ISSUER_MISSING', say('verify.issuerKey.noIssuer')) };
  }
  const notTheIssuers = (why: Sentence): BindingResult => ({
    check: fail(CHECK, 'ERR_ISSUER_KEY_MISMATCH', why),
    issuer: { id: issuerId, confirmed: false },
  });
  if (foreignDidKey(issuerId, key)) {
    return notTheIssuers(say('verify.issuerKey.foreign', { key: key.id ?? '', owner: describeValue(key.id?.split('#', 1)[0]), issuer: describeValue(issuerId) }));
  }
  const documents = await issuerDocuments(issuerId, ctx.resolve);
  if (documents.length === 0) {
    if (ctx.trustEmbeddedKeys && key.origin === 'embedded') {
      return {
        check: warn(
          CHECK,
          'ERR_ISSUER_UNCONFIRMED',
          `Accepted only because --trust-embedded-keys was given: ${keyName(key)} travels with the credential and nothing published by ${issuerId} confirms it.`,
        ),
        issuer: { id: issuerId, confirmed: false },
      };
    }
    return {
      check: fail(
        CHECK,
        'ERR_ISSUER_UNCONFIRMED',
        key.id === undefined ? say('verify.issuerKey.unconfirmedHeader', { issuer: issuerId }) : say('verify.issuerKey.unconfirmed', { issuer: issuerId, key: key.id }),
      ),
      issuer: { id: issuerId, confirmed: false },
    };
  }
  for (const doc of documents) {
    const candidates = [...assertionMethods(doc), ...(issuerId.startsWith('did:') ? [] : await publishedKeys(doc, ctx.resolve))];
    for (const candidate of candidates) {
      if (key.id !== undefined && key.id.startsWith('did:') && candidate.id !== key.id) continue;
      const published = await methodKey(candidate.method);
      if (published && sameKey(published, key.jwk)) {
        const profile = await issuerProfile(issuerId, documents, ctx.resolve);
        return {
          check: pass(
            CHECK,
            doc.url === issuerId
              ? say('verify.issuerKey.bound', { method: candidate.id })
              : say('verify.issuerKey.boundVia', { document: doc.url, method: candidate.id }),
          ),
          issuer: summary(issuerId, profile, true),
        };
      }
    }
  }
  const where = documents.map((doc) => doc.url).join(' + ');
  return notTheIssuers(
    key.id === undefined ? say('verify.issuerKey.notListedHeader', { documents: where }) : say('verify.issuerKey.notListed', { documents: where, key: key.id }),
  );
}
