/**
 * A signing key outside any workspace, for `sign` on its own: the private JWK (to be written to a
 * file the user keeps), the DID it signs for and that DID's document listing it for assertions.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import { buildDidDocument, verificationMethodId, type DidDocument, type DidKey } from '../../shared/did/web.js';
import { BadgeError } from '../../shared/errors.js';
import { publicKeyMultibaseFromJwk } from '../../shared/sign/multikey.js';
import type { KeyType } from '../db/repos/keys.js';
import { generatePrivateJwk, publicPart, type PrivateJwk } from './keystore.js';

export interface StandaloneKey {
  type: KeyType;
  /** RFC 7638 thumbprint of the public key. */
  id: string;
  privateJwk: PrivateJwk;
  did: string;
  /** What `sign --verification-method` (Data Integrity) or `sign --kid` (JWT) takes. */
  verificationMethod: string;
  didDocument: DidDocument;
}

const DID_WEB = /^did:web:[a-z0-9.-]+(%3A\d+)?(:[A-Za-z0-9._~%-]+)*$/i;

/** did:key is derived from an Ed25519 key; other types, or a website's key, need a did:web. */
export async function generateStandaloneKey(type: KeyType, did?: string): Promise<StandaloneKey> {
  if (did !== undefined && !DID_WEB.test(did)) {
    throw new BadgeError('ERR_USAGE', `--did must be a did:web such as did:web:badges.example.org:club (got "${did}"); leave it out for a did:key (Ed25519).`);
  }
  if (did === undefined && type !== 'Ed25519') {
    throw new BadgeError('ERR_USAGE', `A ${type} key needs --did did:web:…: a did:key can only be made from an Ed25519 key here.`);
  }
  const privateJwk = await generatePrivateJwk(type);
  const publicJwk = publicPart(privateJwk);
  const id = await calculateJwkThumbprint(publicJwk as JWK, 'sha256');
  const owner = did ?? `did:key:${publicKeyMultibaseFromJwk({ x: String(publicJwk.x) })}`;
  const key: DidKey = { id, type, publicJwk };
  const verificationMethod = verificationMethodId(owner, key);
  return { type, id, privateJwk: { ...privateJwk, kid: verificationMethod }, did: owner, verificationMethod, didDocument: buildDidDocument(owner, [key]) };
}
