/**
 * Shared by the ob3-di benchmark and the Data Integrity tests: sample OB 3.0 credentials of one
 * shape, and the peer implementation (@digitalbazaar/vc + eddsa-rdfc-2022-cryptosuite).
 */
import { KNOWN_CONTEXTS, CONTEXT } from '../shared/sign/contexts.js';
import type { Ed25519PrivateJwk } from '../shared/sign/ed25519.js';
import { publicKeyMultibaseFromJwk } from '../shared/sign/multikey.js';

export const ISSUER_ID = 'https://badges.example.org/acme';

export function verificationMethodFor(key: { x: string }, controller = ISSUER_ID): string {
  return `${controller}#${publicKeyMultibaseFromJwk(key)}`;
}

/** An OpenBadgeCredential; `n` varies the ids, the recipient hash and the dates. */
export function sampleCredential(n: number): Record<string, unknown> {
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    '@context': [CONTEXT.credentialsV2, CONTEXT.ob3],
    id: `urn:uuid:7a6b1c2e-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: ISSUER_ID, type: ['Profile'], name: 'Association des Amis du Code', url: 'https://acme.example.org/' },
    validFrom: `2024-05-${day}T10:00:00Z`,
    name: 'Atelier soudure',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          salt: `salt-${n}`,
          identityHash: `sha256$${(n * 2654435761).toString(16).padStart(64, '0')}`,
        },
      ],
      achievement: {
        id: `${ISSUER_ID}/achievements/soudure`,
        type: ['Achievement'],
        name: 'Soudure à l’étain',
        description: 'Sait souder des composants traversants proprement.',
        criteria: { narrative: 'A soudé un kit complet lors de l’atelier du samedi.' },
        image: { id: `${ISSUER_ID}/images/soudure.png`, type: 'Image' },
      },
    },
  };
}

/** A JSON-LD document loader for the peer: known contexts plus the issuer's controller document. */
export function peerDocumentLoader(key: { x: string }, controller = ISSUER_ID) {
  const vm = verificationMethodFor(key, controller);
  const method = {
    '@context': CONTEXT.multikey,
    id: vm,
    type: 'Multikey',
    controller,
    publicKeyMultibase: publicKeyMultibaseFromJwk(key),
  };
  const controllerDocument = { '@context': [CONTEXT.did, CONTEXT.multikey], id: controller, assertionMethod: [method] };
  return async (url: string) => {
    const context = KNOWN_CONTEXTS.get(url);
    const document = context ?? (url === vm ? method : url === controller ? controllerDocument : undefined);
    if (document === undefined) throw new Error(`peer loader: unknown ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

/**
 * The peer libraries, loaded on first use: every bench process bundles these fixtures, and the
 * peer's ~25 MB would count in benches that measure our own memory (rss-100k).
 */
async function peer() {
  const [vc, { DataIntegrityProof }, { cryptosuite }, Ed25519Multikey] = await Promise.all([
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
    import('@digitalbazaar/ed25519-multikey'),
  ]);
  return { vc, DataIntegrityProof, cryptosuite, Ed25519Multikey };
}

export async function peerSigner(key: Ed25519PrivateJwk, controller = ISSUER_ID) {
  const { Ed25519Multikey } = await peer();
  const keyPair = await Ed25519Multikey.fromJwk({ jwk: key, secretKey: true, id: verificationMethodFor(key, controller), controller });
  return keyPair.signer();
}

export async function peerSign(
  credential: Record<string, unknown>,
  signer: unknown,
  created: string,
  documentLoader: (url: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const { vc, DataIntegrityProof, cryptosuite } = await peer();
  const suite = new DataIntegrityProof({ signer, date: created, cryptosuite });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
}

export async function peerVerify(credential: Record<string, unknown>, documentLoader: (url: string) => Promise<unknown>): Promise<boolean> {
  const { vc, DataIntegrityProof, cryptosuite } = await peer();
  const suite = new DataIntegrityProof({ cryptosuite });
  const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus: async () => ({ verified: true }) });
  return result.verified === true;
}
