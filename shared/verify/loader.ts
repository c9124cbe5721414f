import { isEd25519Multibase } from '../sign/multikey.js';
import { createDocumentLoader } from '../sign/document-loader.js';
import type { DocumentLoader } from '../sign/document-loader.js';
import type { Resolver } from './types.js';
import { resolveDocument } from './util.js';

const CONTROLLER_CONTEXT = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'];

/** did:key:z6Mk… is its own DID document (did:key method, Ed25519 keys only). */
export function didKeyDocument(did: string): Record<string, unknown> | undefined {
  const multibase = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:') || !isEd25519Multibase(multibase)) return undefined;
  const methodId = `${did}#${multibase}`;
  return {
    '@context': CONTROLLER_CONTEXT,
    id: did,
    verificationMethod: [{ id: methodId, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    assertionMethod: [methodId],
    authentication: [methodId],
  };
}

/**
 * The JSON-LD loader for verification: known contexts, did:key documents derived from the DID
 * itself, then the injected offline resolver (did:web DID documents, controller documents).
 */
export function createVerifyDocumentLoader(resolve: Resolver | undefined): DocumentLoader {
  return createDocumentLoader({
    resolve: async (url) => (url.startsWith('did:key:') ? didKeyDocument(url) : await resolveDocument(resolve, url)),
  });
}
