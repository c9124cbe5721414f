/**
 * Named negative vectors: forgeries an attacker can make without the victim issuer's private keys.
 * Each must be "not verified", whatever documents the verifier has (the victim's own, the attacker's,
 * or none), and `trustEmbeddedKeys` must never rescue a key that the issuer's documents contradict.
 */
import fc from 'fast-check';
import type { JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, verifyText } from '../../../shared/verify/index.js';
import type { Resolver, VerificationReport } from '../../../shared/verify/index.js';
import {
  DID,
  NOW,
  SITE,
  didDocument,
  ecKey,
  issuer,
  jwkDidDocument,
  resolver,
  rsaKey,
  unsignedCredential,
  vcJwt,
  type Issuer,
} from './fixtures.js';
import { check, summary } from './helpers.js';

type Json = Record<string, unknown>;

const EVIL_DID = 'did:web:evil.example';
const ISSUER_JSON = `${SITE}/issuer.json`;

let victim: Issuer;
let victimRsa: ReturnType<typeof rsaKey>;
let attacker: Issuer;
let attackerRsa: ReturnType<typeof rsaKey>;
/** What the victim's own site publishes: its DID document and its issuer profile. */
let victimSite: Record<string, unknown>;

beforeAll(() => {
  victim = issuer(DID);
  victimRsa = rsaKey();
  attacker = issuer(EVIL_DID);
  attackerRsa = rsaKey();
  const victimDid = didDocument(DID, [victim.key.multibase]);
  const rsaMethods = jwkDidDocument(DID, [victimRsa.publicJwk]);
  victimSite = {
    [DID]: {
      ...victimDid,
      verificationMethod: [...(victimDid.verificationMethod as Json[]), ...(rsaMethods.verificationMethod as Json[])],
      assertionMethod: [...(victimDid.assertionMethod as string[]), ...(rsaMethods.assertionMethod as string[])],
    },
    [ISSUER_JSON]: { id: DID, type: ['Profile'], name: 'Acme Association', url: `${SITE}/` },
  };
});

const verify = (value: unknown, resolve?: Resolver, trustEmbeddedKeys = false): Promise<VerificationReport> =>
  verifyText(typeof value === 'string' ? value : JSON.stringify(value), {
    now: NOW,
    ...(resolve ? { resolve } : {}),
    ...(trustEmbeddedKeys ? { trustEmbeddedKeys } : {}),
  });

function rejected(report: VerificationReport, code: string) {
  expect(report.verified, summary(report)).toBe(false);
  expect(outcomeOf(report)).toBe('not-verified');
  expect(check(report, 'issuer-key'), summary(report)).toMatchObject({ ok: false, code });
  expect(report.issuer?.confirmed).toBe(false);
  expect(report.issuer?.name).toBeUndefined();
}

/** The victim's credential, claiming a flattering name the verifier must never show. */
const victimCredential = (overrides: Json = {}) =>
  unsignedCredential({ issuer: { id: DID, type: ['Profile'], name: 'Claimed Name', url: 'https://phish.example/' }, ...overrides });

describe('control: the victim’s own credentials verify, with the name its own documents give', () => {
  it('Data Integrity by a key the DID document lists for assertions', async () => {
    const report = await verify(await victim.sign(await victimCredential()), resolver(victimSite));
    expect(outcomeOf(report), summary(report)).toBe('verified');
    expect(report.issuer).toEqual({ id: DID, confirmed: true, name: 'Acme Association', url: `${SITE}/` });
  });

  it('VC-JWT with an https kid whose JWK the DID document lists', async () => {
    const kid = `${SITE}/keys/rsa-1.json`;
    const jwt = await vcJwt(await victimCredential(), victimRsa.privateJwk, { alg: 'RS256', kid });
    const report = await verify(jwt, resolver({ ...victimSite, [kid]: victimRsa.publicJwk }));
    expect(outcomeOf(report), summary(report)).toBe('verified');
    expect(report.issuer?.name).toBe('Acme Association');
  });
});

describe('forgery: VC-JWT with the attacker key in its own header (jwk, no kid)', () => {
  let jwt: string;
  beforeAll(async () => {
    jwt = await vcJwt(await victimCredential(), attackerRsa.privateJwk, { alg: 'RS256', jwk: attackerRsa.publicJwk });
  });

  it('jwt-header-jwk/with-victim-site: the key is not the issuer’s', async () => {
    rejected(await verify(jwt, resolver(victimSite)), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('jwt-header-jwk/with-victim-site+trust-embedded-keys: still not the issuer’s', async () => {
    rejected(await verify(jwt, resolver(victimSite), true), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('jwt-header-jwk/no-documents: nothing shows the issuer holds the key', async () => {
    rejected(await verify(jwt), 'ERR_ISSUER_UNCONFIRMED');
  });
  it('jwt-header-jwk/p256-variant', async () => {
    const ec = ecKey();
    rejected(await verify(await vcJwt(await victimCredential(), ec.privateJwk, { alg: 'ES256', jwk: ec.publicJwk }), resolver(victimSite)), 'ERR_ISSUER_KEY_MISMATCH');
  });
});

describe('forgery: VC-JWT whose kid belongs to another DID', () => {
  let jwt: string;
  let evilSite: Record<string, unknown>;
  beforeAll(async () => {
    jwt = await vcJwt(await victimCredential(), attackerRsa.privateJwk, { alg: 'RS256', kid: `${EVIL_DID}#key-1` });
    evilSite = { [EVIL_DID]: jwkDidDocument(EVIL_DID, [attackerRsa.publicJwk]) };
  });

  it('jwt-foreign-did-kid/attacker-document-only', async () => {
    rejected(await verify(jwt, resolver(evilSite)), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('jwt-foreign-did-kid/both-documents', async () => {
    rejected(await verify(jwt, resolver({ ...victimSite, ...evilSite })), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('jwt-foreign-did-kid/attacker-document-claiming-to-be-listed-by-victim-did-prefix', async () => {
    const lookalike = 'did:web:badges.example.org:acme:evil';
    const forged = await vcJwt(await victimCredential(), attackerRsa.privateJwk, { alg: 'RS256', kid: `${lookalike}#key-1` });
    rejected(await verify(forged, resolver({ ...victimSite, [lookalike]: jwkDidDocument(lookalike, [attackerRsa.publicJwk]) })), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('jwt-https-kid/attacker-hosted-jwk', async () => {
    const kid = 'https://evil.example/keys/1.json';
    const forged = await vcJwt(await victimCredential(), attackerRsa.privateJwk, { alg: 'RS256', kid });
    rejected(await verify(forged, resolver({ ...victimSite, [kid]: attackerRsa.publicJwk })), 'ERR_ISSUER_KEY_MISMATCH');
    rejected(await verify(forged, resolver({ [kid]: attackerRsa.publicJwk })), 'ERR_ISSUER_UNCONFIRMED');
  });
  it('jwt-kid-in-victim-document-but-attacker-jwk-at-its-url', async () => {
    const kid = `${SITE}/keys/rsa-1.json`;
    const forged = await vcJwt(await victimCredential(), attackerRsa.privateJwk, { alg: 'RS256', kid });
    rejected(await verify(forged, resolver({ ...victimSite, [kid]: attackerRsa.publicJwk })), 'ERR_ISSUER_KEY_MISMATCH');
  });
});

describe('forgery: Data Integrity with an https issuer and a fragment key the attacker holds', () => {
  let forged: Json;
  beforeAll(async () => {
    const credential = await unsignedCredential({ issuer: { id: ISSUER_JSON, type: ['Profile'], name: 'Acme Association' } });
    forged = await attacker.sign(credential, `${ISSUER_JSON}#${attacker.key.multibase}`);
  });

  it('di-https-fragment-key/with-victim-site: issuer.json does not list the key', async () => {
    rejected(await verify(forged, resolver(victimSite)), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('di-https-fragment-key/with-victim-site+trust-embedded-keys', async () => {
    rejected(await verify(forged, resolver(victimSite), true), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('di-https-fragment-key/no-documents', async () => {
    rejected(await verify(forged), 'ERR_ISSUER_UNCONFIRMED');
  });
  it('di-https-fragment-key/trust-embedded-keys-without-documents: verified only with a warning', async () => {
    const report = await verify(forged, undefined, true);
    expect(outcomeOf(report), summary(report)).toBe('verified-with-warnings');
    expect(check(report, 'issuer-key')).toMatchObject({ ok: true, warning: true, code: 'ERR_ISSUER_UNCONFIRMED' });
  });
});

describe('forgery: Data Integrity by keys outside the issuer’s assertion methods', () => {
  it('di-foreign-did-method: a method from the attacker’s DID document', async () => {
    const forged = await attacker.sign(await victimCredential());
    const report = await verify(forged, resolver({ ...victimSite, [EVIL_DID]: didDocument(EVIL_DID, [attacker.key.multibase]) }));
    expect(report.verified).toBe(false);
    expect(check(report, 'issuer-key').ok).toBe(false);
  });
  it('di-method-not-for-assertions: listed in verificationMethod but not in assertionMethod', async () => {
    const rogue = issuer(DID);
    const listed = didDocument(DID, [victim.key.multibase, rogue.key.multibase]);
    const document = { ...listed, assertionMethod: [victim.vm] };
    const report = await verify(await rogue.sign(await victimCredential()), resolver({ [DID]: document }));
    expect(report.verified).toBe(false);
  });
  it('di-did-key-method-for-did-web-issuer: a did:key signs for the victim', async () => {
    const throwaway = issuer('did:key:placeholder');
    const did = `did:key:${throwaway.key.multibase}`;
    const forged = await throwaway.sign(await victimCredential(), `${did}#${throwaway.key.multibase}`);
    rejected(await verify(forged, resolver(victimSite)), 'ERR_ISSUER_KEY_MISMATCH');
  });
  it('a throw-away did:key credential verifies as issued by that did:key, never by a name it claims', async () => {
    const throwaway = issuer('did:key:placeholder');
    const did = `did:key:${throwaway.key.multibase}`;
    const credential = await unsignedCredential({ issuer: { id: did, type: ['Profile'], name: 'Acme Association' } });
    const report = await verify(await throwaway.sign(credential, `${did}#${throwaway.key.multibase}`), resolver(victimSite));
    expect(report.verified, summary(report)).toBe(true);
    expect(report.issuer).toEqual({ id: did, confirmed: true });
  });
});

describe('property: mutated signed credentials never verify', () => {
  const base = async () => victimCredential();

  it('changing the issuer id, kid, jwk, iss or proof fields of a real credential never yields a verified report', async () => {
    const signedDi = await victim.sign(await base());
    const kid = `${SITE}/keys/rsa-1.json`;
    const resolve = resolver({ ...victimSite, [kid]: victimRsa.publicJwk, [EVIL_DID]: jwkDidDocument(EVIL_DID, [attackerRsa.publicJwk]) });
    const issuers = [EVIL_DID, ISSUER_JSON, `did:key:${attacker.key.multibase}`, 'https://evil.example/issuer', `${DID}:x`];
    const methods = [`${EVIL_DID}#key-1`, `${ISSUER_JSON}#${attacker.key.multibase}`, `${DID}#${attacker.key.multibase}`, `did:key:${attacker.key.multibase}#${attacker.key.multibase}`];
    const jwtHeaders: Json[] = [
      { kid: `${EVIL_DID}#key-1` },
      { kid: 'https://evil.example/k.json' },
      { kid },
      { jwk: attackerRsa.publicJwk as unknown as Json },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          kind: fc.constantFrom('di-issuer', 'di-method', 'di-resign', 'jwt'),
          issuerIndex: fc.nat({ max: issuers.length - 1 }),
          methodIndex: fc.nat({ max: methods.length - 1 }),
          headerIndex: fc.nat({ max: jwtHeaders.length - 1 }),
          trust: fc.boolean(),
          iss: fc.constantFrom('victim', 'attacker'),
        }),
        async ({ kind, issuerIndex, methodIndex, headerIndex, trust, iss }) => {
          let value: unknown;
          if (kind === 'di-issuer') {
            value = { ...signedDi, issuer: { ...(signedDi.issuer as Json), id: issuers[issuerIndex] } };
          } else if (kind === 'di-method') {
            const proof = (signedDi.proof as Json[])[0]!;
            value = { ...signedDi, proof: [{ ...proof, verificationMethod: methods[methodIndex] }] };
          } else if (kind === 'di-resign') {
            value = await attacker.sign(await base(), methods[methodIndex]);
          } else {
            const credential = await base();
            const header = { alg: 'RS256', ...jwtHeaders[headerIndex] };
            const jwtCredential = iss === 'attacker' ? { ...credential, issuer: EVIL_DID } : credential;
            value = await vcJwt(jwtCredential, attackerRsa.privateJwk as JWK, header);
            if (iss === 'attacker') {
              const report = await verify(value, resolve, trust);
              // Signed by the attacker as the attacker: it may verify, but never as the victim.
              if (report.verified) expect(report.issuer?.id).toBe(EVIL_DID);
              return;
            }
          }
          const report = await verify(value, resolve, trust);
          expect(report.verified, `${kind}: ${summary(report)}`).toBe(false);
        },
      ),
      { numRuns: 80 },
    );
  });
});
