/** Every check id, with a passing and a failing case, on credentials signed with fresh real keys. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, verifyBytes, verifyText } from '../../../shared/verify/index.js';
import type { Resolver, VerificationReport } from '../../../shared/verify/index.js';
import {
  DID,
  type Issuer,
  NOW,
  RECIPIENT,
  SITE,
  compactJws,
  didDocument,
  ecKey,
  issuer,
  jwkDidDocument,
  resolver,
  rsaKey,
  statusList,
  unsignedCredential,
  vcJwt,
} from './fixtures.js';
import { check, summary } from './helpers.js';

type Json = Record<string, unknown>;

const verify = (value: unknown, resolve?: Resolver, recipient?: string): Promise<VerificationReport> =>
  verifyText(typeof value === 'string' ? value : JSON.stringify(value), {
    now: NOW,
    ...(resolve ? { resolve } : {}),
    ...(recipient ? { recipient } : {}),
  });

function ok(report: VerificationReport, id: string) {
  expect(check(report, id), summary(report)).toMatchObject({ id, ok: true });
}
function failed(report: VerificationReport, id: string, code: string) {
  expect(report.verified, summary(report)).toBe(false);
  expect(check(report, id), summary(report)).toMatchObject({ id, ok: false, code });
}

describe('OB 3.0 with a Data Integrity proof', () => {
  let acme: Issuer;
  let resolve: Resolver;
  let signed: Json;

  beforeAll(async () => {
    acme = issuer();
    resolve = resolver({ [DID]: didDocument(DID, [acme.key.multibase]) });
    signed = await acme.sign(await unsignedCredential());
  });

  it('verifies, every check passing, with the recipient', async () => {
    const report = await verify(signed, resolve, `  ${RECIPIENT.toUpperCase()} `);
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob3-di');
    for (const id of ['format', 'schema', 'subject', 'issuer', 'proof', 'issuer-key', 'dates', 'recipient']) ok(report, id);
  });

  it('proof: any change after signing → ERR_PROOF_INVALID', async () => {
    failed(await verify({ ...signed, name: 'Teamwork!' }, resolve), 'proof', 'ERR_PROOF_INVALID');
  });

  it('proof: the DID document is not available offline → a failure that says what to pass', async () => {
    const report = await verify(signed);
    expect(check(report, 'proof').ok).toBe(false);
    expect(check(report, 'proof').message).toMatch(/--did-document|--site/);
  });

  it('recipient: another address → ERR_RECIPIENT_MISMATCH', async () => {
    failed(await verify(signed, resolve, 'someone@example.org'), 'recipient', 'ERR_RECIPIENT_MISMATCH');
  });

  it('dates: not valid yet → ERR_NOT_YET_VALID; expired → ERR_EXPIRED', async () => {
    const early = await acme.sign(await unsignedCredential({ validFrom: '2027-01-01T00:00:00Z' }));
    failed(await verify(early, resolve), 'dates', 'ERR_NOT_YET_VALID');
    const late = await acme.sign(await unsignedCredential({ validUntil: '2026-05-31T23:59:59Z' }));
    const report = await verify(late, resolve);
    failed(report, 'dates', 'ERR_EXPIRED');
    ok(report, 'proof');
  });

  it('schema: a bare image URL breaks the strict OB 3.0 schema → ERR_CREDENTIAL_INVALID', async () => {
    const credential = await unsignedCredential({ image: 'https://badges.example.org/acme/teamwork.png' });
    const report = await verify(await acme.sign(credential), resolve);
    failed(report, 'schema', 'ERR_CREDENTIAL_INVALID');
    ok(report, 'proof');
  });

  it('subject: neither id nor identifier → a bearer badge, verified with the warning ERR_SUBJECT_UNIDENTIFIED', async () => {
    const base = await unsignedCredential();
    const subject = { ...(base.credentialSubject as Json) };
    delete subject.identifier;
    const report = await verify(await acme.sign({ ...base, credentialSubject: subject }), resolve);
    expect(outcomeOf(report), summary(report)).toBe('verified-with-warnings');
    expect(check(report, 'subject')).toMatchObject({ ok: true, warning: true, code: 'ERR_SUBJECT_UNIDENTIFIED' });
    expect(check(report, 'subject').message).toContain('anyone holding the file');
  });

  it('issuer: no issuer → ERR_ISSUER_MISSING', async () => {
    const base = await unsignedCredential();
    delete base.issuer;
    failed(await verify(await acme.sign(base), resolve), 'issuer', 'ERR_ISSUER_MISSING');
  });

  it('issuer-key: a key controlled by another DID → ERR_ISSUER_KEY_MISMATCH', async () => {
    const mallory = issuer('did:web:mallory.example');
    const forged = await mallory.sign(await unsignedCredential());
    const both = resolver({ [DID]: didDocument(DID, [acme.key.multibase]), [mallory.did]: didDocument(mallory.did, [mallory.key.multibase]) });
    const report = await verify(forged, both);
    ok(report, 'proof');
    failed(report, 'issuer-key', 'ERR_ISSUER_KEY_MISMATCH');
  });

  it('did:key verification methods resolve without a resolver', async () => {
    const selfIssued = issuer();
    const did = `did:key:${selfIssued.key.multibase}`;
    const credential = await unsignedCredential({ issuer: { id: did, type: ['Profile'], name: 'Self', url: 'https://example.org/' } });
    const report = await verify(await selfIssued.sign(credential, `${did}#${selfIssued.key.multibase}`));
    expect(report.verified, summary(report)).toBe(true);
  });

  describe('status (BitstringStatusList)', () => {
    const LIST = `${SITE}/status/1.json`;
    const entry = (index: number) => ({
      id: `${LIST}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: LIST,
    });

    it('not revoked → ok; revoked → ERR_REVOKED; list missing → ERR_STATUS_UNAVAILABLE; list by another issuer → invalid', async () => {
      const credential = await acme.sign(await unsignedCredential({ credentialStatus: entry(4242) }));
      const didDoc = didDocument(DID, [acme.key.multibase]);
      ok(await verify(credential, resolver({ [DID]: didDoc, [LIST]: await statusList(acme, LIST) })), 'status');
      failed(await verify(credential, resolver({ [DID]: didDoc, [LIST]: await statusList(acme, LIST, 4242) })), 'status', 'ERR_REVOKED');
      failed(await verify(credential, resolver({ [DID]: didDoc })), 'status', 'ERR_STATUS_UNAVAILABLE');
      const mallory = issuer('did:web:mallory.example');
      const foreign = resolver({ [DID]: didDoc, [mallory.did]: didDocument(mallory.did, [mallory.key.multibase]), [LIST]: await statusList(mallory, LIST) });
      failed(await verify(credential, foreign), 'status', 'ERR_STATUS_LIST_INVALID');
    });
  });

  describe('endorsements', () => {
    it('a signed EndorsementCredential verifies; a tampered one fails', async () => {
      const endorser = issuer('did:web:endorser.example');
      const endorsement = await endorser.sign({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        id: 'urn:uuid:0c0e7a4e-1111-4222-8333-944455556666',
        type: ['VerifiableCredential', 'EndorsementCredential'],
        name: 'Endorsement of Acme',
        issuer: { id: endorser.did, type: ['Profile'], name: 'Endorser' },
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: { id: DID, type: ['EndorsementSubject'], endorsementComment: 'Trustworthy.' },
      });
      const docs = resolver({ [DID]: didDocument(DID, [acme.key.multibase]), [endorser.did]: didDocument(endorser.did, [endorser.key.multibase]) });
      const base = await unsignedCredential();
      const good = await acme.sign({ ...base, issuer: { ...(base.issuer as Json), endorsement: [endorsement] } });
      const report = await verify(good, docs);
      expect(report.verified, summary(report)).toBe(true);
      ok(report, 'endorsements');
      const tampered = { ...endorsement, name: 'Forged endorsement' };
      const bad = await acme.sign({ ...base, issuer: { ...(base.issuer as Json), endorsement: [tampered] } });
      failed(await verify(bad, docs), 'endorsements', 'ERR_PROOF_INVALID');
    });
  });
});

describe('OB 3.0 VC-JWT', () => {
  const KID = `${SITE}/keys/rsa-1.json`;
  let rsa: ReturnType<typeof rsaKey>;
  let credential: Json;

  beforeAll(async () => {
    rsa = rsaKey();
    credential = await unsignedCredential();
  });

  it('RS256 with a kid resolved to a single JWK verifies', async () => {
    const jwt = await vcJwt(credential, rsa.privateJwk, { alg: 'RS256', kid: KID });
    const report = await verify(jwt, resolver({ [KID]: rsa.publicJwk, [DID]: jwkDidDocument(DID, [rsa.publicJwk]) }), RECIPIENT);
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob3-jwt');
    for (const id of ['proof', 'issuer-key', 'recipient']) ok(report, id);
  });

  it('ES256 with the key in the header verifies only when the issuer publishes that key', async () => {
    const ec = ecKey();
    const jwt = await vcJwt(credential, ec.privateJwk, { alg: 'ES256', jwk: ec.publicJwk });
    const report = await verify(jwt, resolver({ [DID]: jwkDidDocument(DID, [rsa.publicJwk, ec.publicJwk]) }));
    expect(report.verified, summary(report)).toBe(true);
    failed(await verify(jwt), 'issuer-key', 'ERR_ISSUER_UNCONFIRMED');
    failed(await verify(jwt, resolver({ [DID]: jwkDidDocument(DID, [rsa.publicJwk]) })), 'issuer-key', 'ERR_ISSUER_KEY_MISMATCH');
  });

  it('a changed payload → ERR_PROOF_INVALID; kid not available → a clear failure', async () => {
    const jwt = await vcJwt(credential, rsa.privateJwk, { alg: 'RS256', kid: KID });
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Json;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, name: 'Other' })).toString('base64url')}.${signature}`;
    failed(await verify(forged, resolver({ [KID]: rsa.publicJwk })), 'proof', 'ERR_PROOF_INVALID');
    failed(await verify(jwt), 'proof', 'ERR_JWT_KEY_UNAVAILABLE');
  });

  it('an iss claim that is not the issuer → ERR_ISSUER_KEY_MISMATCH', async () => {
    const jwt = await vcJwt(credential, rsa.privateJwk, { alg: 'RS256', jwk: rsa.publicJwk });
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Json;
    const resigned = await new SignJWT({ ...claims, iss: 'did:web:other.example' })
      .setProtectedHeader({ alg: 'RS256', jwk: rsa.publicJwk })
      .sign(await importJWK(rsa.privateJwk, 'RS256'));
    failed(await verify(resigned), 'issuer-key', 'ERR_ISSUER_KEY_MISMATCH');
  });

  it('EdDSA JWTs are refused (OB 3.0 allows RS256 / ES256) → ERR_JWT_ALG_UNSUPPORTED', async () => {
    const pair = generateKeyPairSync('ed25519');
    const jwt = await vcJwt(credential, pair.privateKey.export({ format: 'jwk' }), { alg: 'EdDSA', jwk: pair.publicKey.export({ format: 'jwk' }) });
    failed(await verify(jwt), 'proof', 'ERR_JWT_ALG_UNSUPPORTED');
  });
});

describe('OB 2.0 signed', () => {
  const ORG = 'https://badges.example.net/org.json';
  const KEY = 'https://badges.example.net/key-1.json';
  const BADGE = 'https://badges.example.net/badges/robotics.json';
  const LIST = 'https://badges.example.net/revocations.json';
  const ASSERTION_ID = 'urn:uuid:7d4c2b1a-0f9e-4d8c-b7a6-958473625140';
  let rsa: ReturnType<typeof rsaKey>;
  let docs: Record<string, unknown>;
  let assertion: Json;

  beforeAll(() => {
    rsa = rsaKey();
    const salt = 'pepper';
    assertion = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: ASSERTION_ID,
      recipient: { type: 'email', hashed: true, salt, identity: `sha256$${createHash('sha256').update(RECIPIENT + salt).digest('hex')}` },
      badge: BADGE,
      issuedOn: '2026-01-15T10:00:00Z',
      verification: { type: 'SignedBadge', creator: KEY },
    };
    docs = {
      [BADGE]: { '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: BADGE, name: 'Robotics', description: 'Builds robots.', image: 'https://badges.example.net/robotics.png', criteria: { narrative: 'Build one.' }, issuer: ORG },
      [ORG]: { '@context': 'https://w3id.org/openbadges/v2', type: 'Issuer', id: ORG, name: 'Robot Club', url: 'https://badges.example.net/', email: 'club@example.net', publicKey: KEY, revocationList: LIST },
      [KEY]: { '@context': 'https://w3id.org/openbadges/v2', type: 'CryptographicKey', id: KEY, owner: ORG, publicKeyPem: rsa.publicPem },
      [LIST]: { '@context': 'https://w3id.org/openbadges/v2', type: 'RevocationList', id: LIST, issuer: ORG, revokedAssertions: [] },
    };
  });

  it('verifies: key, proof, origin, issuer, dates, revocation and recipient', async () => {
    const report = await verify(await compactJws(assertion, rsa.privateJwk), resolver(docs), RECIPIENT);
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob2-signed');
    for (const id of ['schema', 'issuer', 'key', 'proof', 'origin', 'dates', 'revocation', 'recipient']) ok(report, id);
  });

  it('proof: a JWS whose payload was swapped → ERR_PROOF_INVALID', async () => {
    const jws = await compactJws(assertion, rsa.privateJwk);
    const [header, , signature] = jws.split('.');
    const payload = Buffer.from(JSON.stringify({ ...assertion, issuedOn: '2020-01-01T00:00:00Z' })).toString('base64url');
    failed(await verify(`${header}.${payload}.${signature}`, resolver(docs)), 'proof', 'ERR_PROOF_INVALID');
  });

  it('key: a key the issuer does not own → ERR_KEY_NOT_AUTHORIZED', async () => {
    const stolen = { ...docs, [KEY]: { ...(docs[KEY] as Json), owner: 'https://badges.example.net/other.json' } };
    failed(await verify(await compactJws(assertion, rsa.privateJwk), resolver(stolen)), 'key', 'ERR_KEY_NOT_AUTHORIZED');
  });

  it('origin: a key published on another host → ERR_ORIGIN_MISMATCH', async () => {
    const elsewhere = 'https://keys.example.com/key-1.json';
    const moved = {
      ...docs,
      [elsewhere]: { ...(docs[KEY] as Json), id: elsewhere },
      [ORG]: { ...(docs[ORG] as Json), publicKey: elsewhere },
    };
    const jws = await compactJws({ ...assertion, verification: { type: 'SignedBadge', creator: elsewhere } }, rsa.privateJwk);
    const report = await verify(jws, resolver(moved));
    ok(report, 'proof');
    failed(report, 'origin', 'ERR_ORIGIN_MISMATCH');
  });

  it('revocation: listed in the revocation list → ERR_REVOKED; recipient mismatch → ERR_RECIPIENT_MISMATCH', async () => {
    const revoked = { ...docs, [LIST]: { ...(docs[LIST] as Json), revokedAssertions: [{ id: ASSERTION_ID, revocationReason: 'Issued by mistake' }] } };
    const report = await verify(await compactJws(assertion, rsa.privateJwk), resolver(revoked), 'other@example.net');
    failed(report, 'revocation', 'ERR_REVOKED');
    failed(report, 'recipient', 'ERR_RECIPIENT_MISMATCH');
  });
});

describe('OB 2.0 hosted', () => {
  const ID = 'https://badges.example.net/assertions/1.json';
  const docs = (hosted: unknown): Resolver =>
    resolver({
      [ID]: hosted,
      'https://badges.example.net/badge.json': { type: 'BadgeClass', id: 'https://badges.example.net/badge.json', name: 'B', description: 'D', image: 'https://badges.example.net/b.png', criteria: 'https://badges.example.net/c', issuer: 'https://badges.example.net/org.json' },
      'https://badges.example.net/org.json': { type: 'Issuer', id: 'https://badges.example.net/org.json', name: 'Org', url: 'https://badges.example.net', email: 'o@example.net' },
    });
  const assertion = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: ID,
    recipient: { type: 'email', hashed: false, identity: RECIPIENT },
    badge: 'https://badges.example.net/badge.json',
    issuedOn: '2026-01-15T10:00:00Z',
    verification: { type: 'hosted' },
  };

  it('hosted: matches its hosted copy → verified; another id at that URL → ERR_HOSTED_MISMATCH', async () => {
    const report = await verify(assertion, docs(assertion), RECIPIENT);
    expect(report.verified, summary(report)).toBe(true);
    ok(report, 'hosted');
    ok(report, 'origin');
    failed(await verify(assertion, docs({ ...assertion, id: 'https://badges.example.net/assertions/2.json' })), 'hosted', 'ERR_HOSTED_MISMATCH');
  });

  it('revocation: the hosted copy says revoked → ERR_REVOKED', async () => {
    failed(await verify(assertion, docs({ id: ID, revoked: true, revocationReason: 'Mistake' })), 'revocation', 'ERR_REVOKED');
  });

  it('origin: an assertion hosted on another host than the issuer → ERR_ORIGIN_MISMATCH', async () => {
    const foreign = { ...assertion, id: 'https://elsewhere.example.com/1.json' };
    const resolve = async (url: string) => (url === foreign.id ? foreign : docs(assertion)(url));
    failed(await verify(foreign, resolve), 'origin', 'ERR_ORIGIN_MISMATCH');
  });
});

describe('format', () => {
  it.each([
    ['garbage text', new TextEncoder().encode('hello'), 'ERR_IMAGE_UNSUPPORTED'],
    ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]), 'ERR_IMAGE_UNSUPPORTED'],
    ['an empty file', new Uint8Array(), 'ERR_FILE_EMPTY'],
    ['broken JSON', new TextEncoder().encode('{"@context": '), 'ERR_JSON_INVALID'],
    ['JSON that is not a badge', new TextEncoder().encode('{"hello": "world"}'), 'ERR_FORMAT_UNKNOWN'],
    ['a JWS with a non-JSON payload', new TextEncoder().encode('eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln'), 'ERR_JWS_INVALID'],
  ])('%s → format unknown with a code, no exception', async (_name, bytes, code) => {
    const report = await verifyBytes(bytes, { now: NOW });
    expect(report).toMatchObject({ verified: false, format: 'unknown' });
    expect(check(report, 'format')).toMatchObject({ ok: false, code });
  });

  it('a correct credential reports format ok', async () => {
    const report = await verify(await unsignedCredential());
    ok(report, 'format');
  });
});
