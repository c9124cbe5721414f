import { createPublicKey, generateKeyPairSync, verify, type JsonWebKey as NodeJwk } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential } from '../../../shared/ob3/credential.js';
import { algForJwk, isPrivateJwk, keyTypeOfJwk, publicJwk } from '../../../shared/sign/keys.js';
import { signOb2Jws, signVcJwt } from '../../../shared/sign/jwt.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const rsaJwk = rsa.privateKey.export({ format: 'jwk' }) as JsonWebKey;
const ecJwk = ec.privateKey.export({ format: 'jwk' }) as JsonWebKey;
const edJwk = ed.privateKey.export({ format: 'jwk' }) as JsonWebKey;

const credential = buildOpenBadgeCredential({
  id: '3f1d2a9e-8b7c-4d6e-9f01-23456789abcd',
  issuer: { id: 'https://badges.example.org/issuer', name: 'Example Club' },
  achievement: { id: 'https://badges.example.org/a/1', name: 'Helper', description: 'Helped.', criteria: 'Help out.' },
  recipient: { id: 'did:example:learner' },
  validFrom: '2025-01-01T12:00:00Z',
  validUntil: '2026-01-01T12:00:00+01:00',
}) as unknown as Record<string, unknown>;

/** Splits and checks a compact JWS with node:crypto alone (no jose). */
function nodeVerify(compact: string, publicKey: NodeJwk, alg: 'RS256' | 'ES256') {
  const parts = compact.split('.');
  expect(parts).toHaveLength(3);
  const [header, payload, signature] = parts as [string, string, string];
  const key = createPublicKey({ key: publicKey, format: 'jwk' });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`, 'ascii'),
    alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
    Buffer.from(signature, 'base64url'),
  );
  return {
    ok,
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

describe('signVcJwt', () => {
  it.each([
    ['RS256', rsaJwk, rsa.publicKey.export({ format: 'jwk' })],
    ['ES256', ecJwk, ec.publicKey.export({ format: 'jwk' })],
  ] as const)('signs %s verifiable by node:crypto, header {alg, jwk} with the public key only', async (alg, privateKey, publicKey) => {
    const jws = await signVcJwt(credential, { privateKey, alg });
    const { ok, header, payload } = nodeVerify(jws, publicKey, alg);
    expect(ok).toBe(true);
    expect(Object.keys(header).sort()).toEqual(['alg', 'jwk']);
    expect(header.alg).toBe(alg);
    expect(header.jwk).toEqual(publicKey);
    expect(JSON.stringify(header)).not.toContain('"d"');
    expect(payload).toEqual({
      ...credential,
      iss: 'https://badges.example.org/issuer',
      jti: 'urn:uuid:3f1d2a9e-8b7c-4d6e-9f01-23456789abcd',
      nbf: Date.UTC(2025, 0, 1, 12) / 1000,
      sub: 'did:example:learner',
      exp: Date.UTC(2026, 0, 1, 11) / 1000,
    });
  });

  it('uses exactly {alg, kid} when a kid is given', async () => {
    const kid = 'https://badges.example.org/keys/1.json';
    const { ok, header } = nodeVerify(await signVcJwt(credential, { privateKey: rsaJwk, alg: 'RS256', kid }), rsa.publicKey.export({ format: 'jwk' }), 'RS256');
    expect(ok).toBe(true);
    expect(header).toEqual({ alg: 'RS256', kid });
  });

  it('omits sub and exp when there is no subject id or validUntil', async () => {
    const { validUntil: _validUntil, ...rest } = credential;
    const withoutId = { ...rest, credentialSubject: { ...(credential.credentialSubject as object), id: undefined } };
    const { payload } = nodeVerify(await signVcJwt(JSON.parse(JSON.stringify(withoutId)), { privateKey: ecJwk, alg: 'ES256' }), ec.publicKey.export({ format: 'jwk' }), 'ES256');
    expect(payload).not.toHaveProperty('sub');
    expect(payload).not.toHaveProperty('exp');
    expect(payload.nbf).toBe(1735732800);
  });

  it('produces a signature that fails when the payload is changed', async () => {
    const jws = await signVcJwt(credential, { privateKey: rsaJwk, alg: 'RS256' });
    const [header, , signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...credential, name: 'Forged' })).toString('base64url');
    expect(nodeVerify(`${header}.${forged}.${signature}`, rsa.publicKey.export({ format: 'jwk' }), 'RS256').ok).toBe(false);
  });

  it.each([
    ['a public key', { privateKey: publicJwk(rsaJwk), alg: 'RS256' as const }, 'ERR_KEY_NOT_PRIVATE'],
    ['an EC key for RS256', { privateKey: ecJwk, alg: 'RS256' as const }, 'ERR_KEY_TYPE_MISMATCH'],
    ['an Ed25519 key for ES256', { privateKey: edJwk, alg: 'ES256' as const }, 'ERR_KEY_TYPE_MISMATCH'],
  ])('refuses %s', async (_name, options, code) => {
    await expect(signVcJwt(credential, options)).rejects.toMatchObject({ code });
  });

  it.each([
    ['no id', { id: undefined }],
    ['no issuer', { issuer: undefined }],
    ['validFrom without timezone', { validFrom: '2025-01-01T12:00:00' }],
  ])('refuses a credential with %s', async (_name, change) => {
    await expect(signVcJwt({ ...credential, ...change }, { privateKey: rsaJwk, alg: 'RS256' })).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_INVALID' });
  });
});

describe('signOb2Jws', () => {
  it('signs the assertion as the payload with header {alg: RS256}', async () => {
    const assertion = { '@context': 'https://w3id.org/openbadges/v2', id: 'urn:uuid:1', type: 'Assertion' };
    const { ok, header, payload } = nodeVerify(await signOb2Jws(assertion, { privateKey: rsaJwk }), rsa.publicKey.export({ format: 'jwk' }), 'RS256');
    expect(ok).toBe(true);
    expect(header).toEqual({ alg: 'RS256' });
    expect(payload).toEqual(assertion);
    await expect(signOb2Jws(assertion, { privateKey: ecJwk })).rejects.toMatchObject({ code: 'ERR_KEY_TYPE_MISMATCH' });
  });
});

describe('key helpers', () => {
  it('recognises key types and algorithms', () => {
    expect([rsaJwk, ecJwk, edJwk].map(keyTypeOfJwk)).toEqual(['RSA', 'P-256', 'Ed25519']);
    expect([rsaJwk, ecJwk, edJwk].map(algForJwk)).toEqual(['RS256', 'ES256', 'EdDSA']);
    expect(keyTypeOfJwk({ kty: 'EC', crv: 'P-384', x: 'a', y: 'b' })).toBeUndefined();
    expect(keyTypeOfJwk('nope')).toBeUndefined();
    expect(isPrivateJwk(rsaJwk)).toBe(true);
    expect(isPrivateJwk(publicJwk(rsaJwk))).toBe(false);
  });

  it('strips every private member and the private key_ops', () => {
    expect(publicJwk({ ...rsaJwk, key_ops: ['sign'], ext: true, kid: 'k1' } as JsonWebKey)).toEqual({ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' });
    expect(publicJwk(edJwk)).toEqual(ed.publicKey.export({ format: 'jwk' }));
  });
});
