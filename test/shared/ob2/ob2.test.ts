import { createHash, createVerify, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCryptographicKey,
  buildOb2Assertion,
  buildOb2BadgeClass,
  buildOb2Issuer,
  buildRevocationList,
  buildRevokedHostedAssertion,
  ob2EmailRecipient,
  publicKeyPemFromRsaJwk,
} from '../../../shared/ob2/build.js';
import { hostedScopeAllows } from '../../../shared/ob2/hosted.js';
import { validateOb2Assertion } from '../../../shared/ob2/validate.js';
import { signOb2Jws } from '../../../shared/sign/jwt.js';
import { vectorsDir } from '../../cli/helpers.js';

type Json = Record<string, any>;
const vector = (name: string): Json => JSON.parse(readFileSync(resolve(vectorsDir, 'ob2/1edtech-validator', name), 'utf8')) as Json;
const jwtPayload = (name: string): Json =>
  JSON.parse(Buffer.from(readFileSync(resolve(vectorsDir, 'ob2/1edtech-validator', name), 'utf8').trim().split('.')[1]!, 'base64url').toString('utf8')) as Json;

const paths = (value: unknown) => validateOb2Assertion(value).map((issue) => issue.path);

describe('validateOb2Assertion', () => {
  it.each(['basic-assertion.json', 'assertion-with-endorsements.json', 'basic-assertion-expired.json', 'basic-assertion-with-allowed-origins.json'])(
    'accepts the official %s',
    (name) => expect(validateOb2Assertion(vector(name))).toEqual([]),
  );

  it.each(['simple.jwt', 'simple-revoked.jwt', 'simple-not-revoked.jwt'])('accepts the payload of the official %s', (name) => {
    expect(validateOb2Assertion(jwtPayload(name))).toEqual([]);
  });

  const mutations: [string, string, (a: Json) => void][] = [
    ['missing recipient', '/recipient', (a) => delete a.recipient],
    ['recipient without hashed', '/recipient/hashed', (a) => delete a.recipient.hashed],
    ['a malformed hash', '/recipient/identity', (a) => (a.recipient.identity = 'sha256$1234')],
    ['issuedOn without timezone', '/issuedOn', (a) => (a.issuedOn = '2016-12-31T23:59:59')],
    ['expires before issuedOn', '/expires', (a) => (a.expires = '2016-01-01T00:00:00Z')],
    ['a wrong type', '/type', (a) => (a.type = 'BadgeClass')],
    ['missing verification', '/verification', (a) => delete a.verification],
    ['signed without creator', '/verification/creator', (a) => (a.verification = { type: 'SignedBadge' })],
    ['a data URI image', '/image', (a) => (a.image = 'data:image/png;base64,AAAA')],
    ['a relative id', '/id', (a) => (a.id = 'badge.json')],
    ['no context', '/@context', (a) => delete a['@context']],
    ['embedded badge class without image', '/badge/image', (a) => (a.badge = { ...vector('robotics-badge.json'), image: undefined })],
    ['embedded issuer without email', '/badge/issuer/email', (a) => (a.badge = { ...vector('robotics-badge.json'), issuer: { ...vector('organization.json'), email: undefined } })],
  ];

  it.each(mutations)('rejects %s at %s', (_name, path, mutate) => {
    const assertion = structuredClone(vector('basic-assertion.json'));
    mutate(assertion);
    expect(paths(JSON.parse(JSON.stringify(assertion)))).toContain(path);
  });

  it('accepts the aliases and array forms JSON-LD allows', () => {
    const assertion = structuredClone(vector('basic-assertion.json'));
    assertion.type = ['Assertion', 'extensions:Special'];
    assertion.verify = assertion.verification;
    delete assertion.verification;
    assertion.evidence = ['https://example.org/a', { id: 'https://example.org/b', narrative: 'n' }];
    expect(validateOb2Assertion(assertion)).toEqual([]);
  });
});

describe('OB 2.0 builders', () => {
  it('hashes the recipient like the 1EdTech vectors (sha256 of e-mail + salt)', async () => {
    const recipient = await ob2EmailRecipient(' Nobody@Example.org', 'deadsea');
    expect(recipient).toEqual(vector('basic-assertion.json').recipient);
    expect(recipient.identity).toBe(`sha256$${createHash('sha256').update('nobody@example.orgdeadsea').digest('hex')}`);
  });

  it('builds a hosted badge graph that validates', async () => {
    const issuer = buildOb2Issuer({ id: 'https://badges.example.org/issuer.json', name: 'Club', url: 'https://badges.example.org/', email: 'club@example.org' });
    const badge = buildOb2BadgeClass({
      id: 'https://badges.example.org/badges/robotics.json',
      name: 'Robotics',
      description: 'Built a robot.',
      image: 'https://badges.example.org/badges/robotics.png',
      criteria: 'Build a robot.',
      issuer: issuer.id,
      tags: ['robots'],
      alignment: [{ targetName: 'Design', targetUrl: 'https://example.org/design' }],
    });
    expect(badge.criteria).toEqual({ narrative: 'Build a robot.' });
    const assertion = buildOb2Assertion({
      id: 'https://badges.example.org/assertions/1.json',
      recipient: await ob2EmailRecipient('ada@example.org', 's'),
      badge: badge.id,
      issuedOn: new Date('2025-01-01T10:00:00.500Z'),
      verification: { type: 'HostedBadge' },
    });
    expect(assertion).toMatchObject({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', issuedOn: '2025-01-01T10:00:00Z', verification: { type: 'HostedBadge' } });
    expect(validateOb2Assertion(assertion)).toEqual([]);
    expect(validateOb2Assertion({ ...assertion, badge: { ...badge, issuer } })).toEqual([]);
    expect(hostedScopeAllows(assertion.id, issuer).ok).toBe(true);
    expect(buildRevokedHostedAssertion({ id: assertion.id, revocationReason: 'Mistake' })).toEqual({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: assertion.id,
      revoked: true,
      revocationReason: 'Mistake',
    });
  });

  it('builds a signed badge whose JWS node:crypto verifies with the published publicKeyPem', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey;
    const issuerId = 'https://badges.example.org/issuer.json';
    const key = buildCryptographicKey({ id: 'https://badges.example.org/keys/1.json', owner: issuerId, publicKeyPem: await publicKeyPemFromRsaJwk(jwk) });
    const issuer = buildOb2Issuer({
      id: issuerId,
      name: 'Club',
      url: 'https://badges.example.org/',
      email: 'club@example.org',
      publicKey: key.id,
      revocationList: 'https://badges.example.org/revocations.json',
    });
    expect(issuer.publicKey).toBe(key.id);
    const assertion = buildOb2Assertion({
      id: 'urn:uuid:5b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      recipient: await ob2EmailRecipient('ada@example.org', 's'),
      badge: 'https://badges.example.org/badges/robotics.json',
      issuedOn: '2025-01-01T10:00:00Z',
      expires: '2030-01-01T10:00:00+02:00',
      verification: { type: 'SignedBadge', creator: key.id },
    });
    expect(validateOb2Assertion(assertion)).toEqual([]);
    const jws = await signOb2Jws(assertion, { privateKey: jwk });
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${payload}`);
    expect(verifier.verify(key.publicKeyPem as string, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual(assertion);

    const list = buildRevocationList({ id: 'https://badges.example.org/revocations.json', issuer: issuerId, revokedAssertions: [assertion.id, { id: 'urn:uuid:x', revocationReason: 'Lost' }] });
    expect(list).toEqual({
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'RevocationList',
      id: 'https://badges.example.org/revocations.json',
      issuer: issuerId,
      revokedAssertions: [assertion.id, { id: 'urn:uuid:x', revocationReason: 'Lost' }],
    });
  });

  it.each([
    ['issuedOn without timezone', { issuedOn: '2025-01-01T10:00:00' }, /timezone/],
    ['expires before issuedOn', { expires: '2024-01-01T00:00:00Z' }, /later than issuedOn/],
    ['a data URI image', { image: 'data:image/png;base64,AAAA' }, /data URI/],
  ])('refuses %s', async (_name, change, message) => {
    const input = {
      id: 'https://badges.example.org/a/1.json',
      recipient: await ob2EmailRecipient('a@b.org'),
      badge: 'https://badges.example.org/b.json',
      issuedOn: '2025-01-01T10:00:00Z',
      verification: { type: 'HostedBadge' as const },
      ...change,
    };
    expect(() => buildOb2Assertion(input)).toThrow(message);
  });

  it('refuses URLs in allowedOrigins', () => {
    expect(() =>
      buildOb2Issuer({ id: 'https://e.org/i', name: 'n', url: 'https://e.org', email: 'a@e.org', verification: { allowedOrigins: ['https://e.org'] } }),
    ).toThrow(/host names/);
  });
});

describe('hostedScopeAllows (1EdTech validator pairs)', () => {
  const assertionId = vector('basic-assertion-with-allowed-origins.json').id as string;

  it('follows allowedOrigins and startsWith', () => {
    expect(hostedScopeAllows(assertionId, vector('issuer-with-allowed-origins.json')).ok).toBe(true);
    expect(hostedScopeAllows(assertionId, vector('issuer-with-allowed-origins-valid-starts-with.json')).ok).toBe(true);
    expect(hostedScopeAllows(assertionId, vector('issuer-with-allowed-origins-invalid-starts-with.json')).ok).toBe(false);
  });

  it('defaults to the issuer host and skips non-http issuers', () => {
    expect(hostedScopeAllows('https://example.org/a.json', { id: 'https://example.org/issuer.json' }).ok).toBe(true);
    expect(hostedScopeAllows('https://evil.example/a.json', { id: 'https://example.org/issuer.json' }).ok).toBe(false);
    expect(hostedScopeAllows('https://example.org/a.json', { id: 'urn:uuid:1' })).toMatchObject({ ok: true, skipped: true });
  });
});
