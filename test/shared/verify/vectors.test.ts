/**
 * Every file that ../shared/vectors/README.md gives an outcome for, verified with verifyBytes (licensed
 * copies in test/fixtures/vectors; the implementation guide credential only when ../shared/vectors is there).
 * README notes: its run used the run date as clock and did not check status; we pin `now` and, where
 * a status list or an OB 2.0 graph is needed, resolve it from the vector files (offline).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resolver, VerificationReport } from '../../../shared/verify/index.js';
import { outcomeOf, verifyBytes } from '../../../shared/verify/index.js';
import { describeOfficial } from '../../fixtures/vectors.js';
import { check, mapResolver, summary, vector, vectorText, vectorsDir } from './helpers.js';

const now = new Date('2025-06-01T00:00:00Z');
const STATUS_LIST_URL =
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';
const ASSERTION_URL = 'https://example.org/beths-robotics-badge.json';

/**
 * The 1EdTech examples sign with a key carried only in the issuer URL's fragment and publish nothing
 * to check it against: as the 1EdTech validator does, they are read with `trustEmbeddedKeys`, which
 * makes them "verified with warnings". Without it they are not verified (see the last test below).
 */
async function verify(path: string, resolve?: Resolver): Promise<VerificationReport> {
  return verifyBytes(vector(path), { now, trustEmbeddedKeys: true, ...(resolve ? { resolve } : {}) });
}

function expectUnconfirmedIssuerWarning(report: VerificationReport) {
  expect(outcomeOf(report), summary(report)).toBe('verified-with-warnings');
  expect(check(report, 'issuer-key')).toMatchObject({ ok: true, warning: true, code: 'ERR_ISSUER_UNCONFIRMED' });
  expect(report.issuer).toMatchObject({ confirmed: false });
  expect(report.issuer?.name).toBeUndefined();
}

/** OB 2.0 graph: http(s)://example.org/NAME[.json] → ob2/1edtech-validator/NAME.json; `assertion` serves the hosted assertion. */
function ob2Resolver(assertion?: string): Resolver {
  return async (url) => {
    if (url === ASSERTION_URL && assertion) return vectorText(`ob2/1edtech-validator/${assertion}`);
    const match = /^https?:\/\/example\.org\/([\w.-]+?)(\.json)?$/.exec(url);
    if (!match) return undefined;
    const path = join('ob2/1edtech-validator', `${match[1]}.json`);
    return existsSync(join(vectorsDir, path)) ? vectorText(path) : undefined;
  };
}

function expectOk(report: VerificationReport, ...ids: string[]) {
  for (const id of ids) expect(check(report, id).ok, `${id} in ${summary(report)}`).toBe(true);
}

function expectFailure(report: VerificationReport, id: string, code: string) {
  expect(report.verified).toBe(false);
  expect(check(report, id), summary(report)).toMatchObject({ ok: false, code });
}

describeOfficial('OB 3.0: the 1EdTech implementation guide credential', () => {
  it('signed-credential.json verifies with the key in its verification method (trustEmbeddedKeys)', async () => {
    const report = await verify('ob3/1edtech-impl-guide-testvector/signed-credential.json');
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob3-di');
    expectUnconfirmedIssuerWarning(report);
    expect(report.checks.filter((c) => c.id !== 'issuer-key').every((c) => c.ok && c.code === undefined)).toBe(true);
  });

  it('signed-credential.json is not verified by default: nothing shows that the issuer holds the embedded key', async () => {
    const report = await verifyBytes(vector('ob3/1edtech-impl-guide-testvector/signed-credential.json'), { now });
    expect(outcomeOf(report)).toBe('not-verified');
    expect(check(report, 'proof').ok).toBe(true);
    expect(check(report, 'issuer-key')).toMatchObject({ ok: false, code: 'ERR_ISSUER_UNCONFIRMED' });
  });

  it('unsigned-credential.json has no proof', async () => {
    expectFailure(await verify('ob3/1edtech-impl-guide-testvector/unsigned-credential.json'), 'proof', 'ERR_PROOF_MISSING');
  });
});

describe('OB 3.0 vectors (embedded proofs)', () => {
  it.each([
    'ob3/1edtech-validator/endorsement-valid.json',
    'ob3/1edtech-validator/simple-did-web-method.json',
    'ob3/1edtech-validator/simple-multiple-proofs.json',
    'ob3/1edtech-validator/simple.json',
    'ob3/1edtech-validator/simple_v1.json',
  ])('%s verifies', async (path) => {
    const report = await verify(path);
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob3-di');
    expectUnconfirmedIssuerWarning(report);
    // VCDM 1.1 is accepted with a warning of its own; nothing else is in doubt.
    const legacy = path.endsWith('_v1.json');
    if (legacy) expect(check(report, 'schema')).toMatchObject({ ok: true, warning: true, code: 'ERR_CREDENTIAL_LEGACY' });
    const others = report.checks.filter((c) => c.id !== 'issuer-key' && !(legacy && c.id === 'schema'));
    expect(others.every((c) => c.ok && c.code === undefined), summary(report)).toBe(true);
  });

  it.each([
    'ob3/1edtech-validator/simple.json',
    'baked/ob3/1edtech-validator_simple-jwt.png',
    'baked/ob3/1edtech-validator_simple-json.svg',
  ])('%s is not verified by default: nothing shows that the issuer holds the embedded key', async (path) => {
    const report = await verifyBytes(vector(path), { now });
    expect(report.verified).toBe(false);
    expect(outcomeOf(report)).toBe('not-verified');
    expect(check(report, 'proof').ok).toBe(true);
    expect(check(report, 'issuer-key')).toMatchObject({ ok: false, code: 'ERR_ISSUER_UNCONFIRMED' });
  });

  it('the legacy VCDM 1.1 Ed25519Signature2020 credential is accepted and said to be legacy', async () => {
    const report = await verify('ob3/1edtech-validator/simple_v1.json');
    expect(check(report, 'format').message).toContain('VCDM 1.1');
    expect(check(report, 'proof').message).toContain('Ed25519Signature2020');
  });

  it.each(['ob3/1edtech-validator/simple-noproof.json'])(
    '%s has no proof',
    async (path) => expectFailure(await verify(path), 'proof', 'ERR_PROOF_MISSING'),
  );

  it('the bitstring-list credential verifies but its status bit 23 says revoked', async () => {
    const report = await verify(
      'ob3/1edtech-validator/bit-string-list_credential-status-revoked.json',
      mapResolver({ [STATUS_LIST_URL]: 'file:ob3/1edtech-validator/bit-string-list_testlist' }),
    );
    expectOk(report, 'proof', 'issuer-key', 'dates', 'schema');
    expectFailure(report, 'status', 'ERR_REVOKED');
  });

  it('without the status list, revocation is unknown and the report says how to provide it', async () => {
    const report = await verify('ob3/1edtech-validator/bit-string-list_credential-status-revoked.json');
    expectFailure(report, 'status', 'ERR_STATUS_UNAVAILABLE');
    expect(check(report, 'status').message).toMatch(/--site|--resolve/);
  });

  it('complete.json: its own proof verifies; its embedded endorsements carry placeholder proofs and are rejected', async () => {
    const report = await verify('ob3/1edtech-validator/complete.json');
    expectOk(report, 'proof', 'issuer-key', 'dates', 'schema', 'subject', 'issuer');
    expectFailure(report, 'endorsements', 'ERR_PROOF_UNSUPPORTED');
    expectFailure(report, 'status', 'ERR_STATUS_UNAVAILABLE');
  });

  it('credential-status-revoked.json needs a did:web document that is not available offline', async () => {
    const report = await verify('ob3/1edtech-validator/credential-status-revoked.json');
    expect(report.verified).toBe(false);
    expect(check(report, 'proof').ok).toBe(false);
    expect(check(report, 'proof').message).toMatch(/--did-document|--site/);
  });

  it('simple-did-key-method.json (did:key without #fragment, issuer urn:uuid) does not verify', async () => {
    const report = await verify('ob3/1edtech-validator/simple-did-key-method.json');
    expect(report.verified).toBe(false);
    expect(report.checks.some((c) => (c.id === 'proof' || c.id === 'issuer-key') && !c.ok)).toBe(true);
  });

  it('simple-eddsa-2022.json (legacy eddsa-2022 suite) is unsupported', async () => {
    expectFailure(await verify('ob3/1edtech-validator/simple-eddsa-2022.json'), 'proof', 'ERR_PROOF_UNSUPPORTED');
  });
});

describe('OB 3.0 VC-JWT and baked images', () => {
  it('simple.jwt names no key (neither kid nor jwk)', async () => {
    const report = await verify('ob3/1edtech-validator/simple.jwt');
    expect(report.format).toBe('ob3-jwt');
    expectFailure(report, 'proof', 'ERR_JWT_KEY_MISSING');
  });

  it.each([
    ['baked/ob3/1edtech-validator_simple-jwt.png', 'ob3-jwt', 'png'],
    ['baked/ob3/1edtech-validator_simple-jwt.svg', 'ob3-jwt', 'svg'],
    ['baked/ob3/1edtech-validator_simple-jwt_v1.png', 'ob3-jwt', 'png'],
    ['baked/ob3/1edtech-validator_simple-jwt_v1.svg', 'ob3-jwt', 'svg'],
    ['baked/ob3/1edtech-validator_simple-json.png', 'ob3-di', 'png'],
    ['baked/ob3/1edtech-validator_simple-json.svg', 'ob3-di', 'svg'],
  ])('%s verifies', async (path, format, image) => {
    const report = await verify(path);
    expect(report.verified, summary(report)).toBe(true);
    expect(report).toMatchObject({ format, image });
    expectUnconfirmedIssuerWarning(report);
  });
});

describe('OB 2.0 vectors', () => {
  it('simple.jwt: RS256 signature with key1, key linked both ways with the issuer, same host', async () => {
    const report = await verify('ob2/1edtech-validator/simple.jwt', ob2Resolver());
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob2-signed');
    expectOk(report, 'proof', 'key', 'origin', 'issuer', 'revocation');
  });

  it('simple-revoked.jwt: signature OK, listed in the issuer revocation list', async () => {
    const report = await verify('ob2/1edtech-validator/simple-revoked.jwt', ob2Resolver());
    expectOk(report, 'proof', 'key', 'origin');
    expectFailure(report, 'revocation', 'ERR_REVOKED');
    expect(check(report, 'revocation').message).toContain('A good reason, for sure');
  });

  it('simple-not-revoked.jwt: signature OK with key2, but its BadgeClass is not among the vectors', async () => {
    const report = await verify('ob2/1edtech-validator/simple-not-revoked.jwt', ob2Resolver());
    expectOk(report, 'proof');
    expectFailure(report, 'issuer', 'ERR_UNRESOLVABLE');
  });

  it('a signed assertion without a resolver cannot be trusted, and says what to pass', async () => {
    const report = await verify('ob2/1edtech-validator/simple.jwt');
    expectFailure(report, 'key', 'ERR_UNRESOLVABLE');
    expect(check(report, 'issuer').message).toMatch(/--site|--resolve/);
  });

  it('basic-assertion.json: hosted graph assertion → BadgeClass → issuer verifies', async () => {
    const report = await verify('ob2/1edtech-validator/basic-assertion.json', ob2Resolver('basic-assertion.json'));
    expect(report.verified, summary(report)).toBe(true);
    expect(report.format).toBe('ob2-hosted');
    expectOk(report, 'hosted', 'origin', 'issuer', 'dates', 'revocation');
  });

  it('the baked OB 2.0 PNG is verified against its hosted copy', async () => {
    const report = await verify('baked/ob2/1edtech-validator_simple-badge.png', ob2Resolver('basic-assertion.json'));
    expect(report.verified, summary(report)).toBe(true);
    expect(report).toMatchObject({ format: 'ob2-hosted', image: 'png' });
    expect(report.credential).toMatchObject({ evidence: 'https://example.org/beths-robot-work.html' });
  });

  it('expired and future assertions', async () => {
    expectFailure(await verify('ob2/1edtech-validator/basic-assertion-expired.json', ob2Resolver('basic-assertion-expired.json')), 'dates', 'ERR_EXPIRED');
    expectFailure(
      await verify('ob2/1edtech-validator/basic-assertion-in-future.json', ob2Resolver('basic-assertion-in-future.json')),
      'dates',
      'ERR_NOT_YET_VALID',
    );
  });

  it.each(['basic-assertion-with-allowed-origins.json', 'basic-assertion-with-allowed-origins-valid-starts-with.json'])(
    '%s is within the issuer hosting scope',
    async (file) => {
      const report = await verify(`ob2/1edtech-validator/${file}`, ob2Resolver(file));
      expect(report.verified, summary(report)).toBe(true);
      expectOk(report, 'origin');
    },
  );

  it('an assertion outside the issuer startsWith scope is rejected', async () => {
    const file = 'basic-assertion-with-allowed-origins-invalid-starts-with.json';
    expectFailure(await verify(`ob2/1edtech-validator/${file}`, ob2Resolver(file)), 'origin', 'ERR_ORIGIN_MISMATCH');
  });

  it('assertion-with-endorsements.json: endorsements that are missing or about another object fail', async () => {
    const file = 'assertion-with-endorsements.json';
    const report = await verify(`ob2/1edtech-validator/${file}`, ob2Resolver(file));
    expectOk(report, 'hosted', 'issuer', 'dates');
    expect(check(report, 'endorsements').ok).toBe(false);
  });

  it('an OB 2.0 BadgeClass or key is not a badge', async () => {
    for (const file of ['robotics-badge.json', 'key1.json', 'issuer1.json', 'revocation-list.json']) {
      const report = await verify(`ob2/1edtech-validator/${file}`);
      expect(report).toMatchObject({ verified: false, format: 'unknown' });
      expect(check(report, 'format').code).toBe('ERR_FORMAT_UNKNOWN');
    }
  });
});

describe('legacy and unbaked images', () => {
  it.each(['baked/legacy/concentricsky_baked_heart.png', 'baked/legacy/concentricsky_baked_example.svg', 'baked/legacy/mozilla_baked.svg'])(
    '%s is an OB 1.x badge that needs its hosted copy',
    async (path) => {
      const report = await verify(path);
      expect(report).toMatchObject({ verified: false, format: 'ob1' });
      expect(check(report, 'hosted').code).toBe('ERR_UNRESOLVABLE');
    },
  );

  it('a legacy badge whose hosted copy is available is checked against it', async () => {
    const payload = {
      uid: '123',
      issuedOn: '2015-04-01',
      badge: 'http://example.org/badge1',
      recipient: { identity: 'test@example.com', hashed: false },
      verify: { type: 'hosted', url: 'http://example.org/badgeinstance1' },
    };
    const resolve = mapResolver({ 'http://example.org/badgeinstance1': payload });
    const report = await verifyBytes(vector('baked/legacy/concentricsky_baked_heart.png'), { now, resolve, recipient: 'Test@example.com' });
    expect(report.verified, summary(report)).toBe(true);
    expectOk(report, 'hosted', 'dates', 'recipient');
  });

  it.each([
    'baked/ob2/1edtech-validator_robotics-badge_UNBAKED.png',
    'baked/legacy/concentricsky_public_domain_heart_UNBAKED.png',
    'baked/legacy/concentricsky_unbaked_example.svg',
    'baked/legacy/mozilla_unbaked.png',
    'baked/legacy/mozilla_unbaked.svg',
  ])('%s is not baked', async (path) => {
    const report = await verify(path);
    expect(report).toMatchObject({ verified: false, format: 'unknown' });
    expect(check(report, 'format').code).toBe('ERR_NOT_BAKED');
  });
});
