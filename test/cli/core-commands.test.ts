import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { itOfficial } from '../fixtures/vectors.js';
import { badgesmith, tempDir, vectorPath } from './helpers.js';

const DID = 'did:web:badges.example.org:acme';
const NOW = '2026-06-01T00:00:00Z';

function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

function privateJwk(type: 'ed25519' | 'rsa' | 'ec'): JsonWebKey {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  return pair.privateKey.export({ format: 'jwk' });
}

function unsignedCredential(subjectId?: string) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:2f3a4e1c-8f7d-4c1e-9e59-5d8a9b7c6d5e',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: DID, type: ['Profile'], name: 'Acme Association', url: 'https://badges.example.org/acme/' },
    validFrom: '2026-01-15T10:00:00Z',
    name: 'Teamwork',
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(subjectId ? { id: subjectId } : {}),
      identifier: [
        {
          type: 'IdentityObject',
          hashed: true,
          identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
          identityType: 'emailAddress',
          salt: 'Kosher',
        },
      ],
      achievement: {
        id: 'https://badges.example.org/acme/achievements/teamwork.json',
        type: ['Achievement'],
        name: 'Teamwork',
        description: 'Collaborates in a group.',
        criteria: { narrative: 'Nominated by peers.' },
      },
    },
  };
}

function multibaseOf(jwk: JsonWebKey): string {
  const raw = Buffer.from(jwk.x!, 'base64url');
  const bytes = Buffer.concat([Buffer.from([0xed, 0x01]), raw]);
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)]! + out;
    n /= 58n;
  }
  return `z${out}`;
}

function pngBytes(width = 32, height = 32): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37) % 256;
  return PNG.sync.write(png);
}

describe('badgesmith sign / bake / unbake / verify', () => {
  let dir: string;
  let edKey: JsonWebKey;
  let didDocumentPath: string;

  beforeAll(() => {
    dir = tempDir();
    edKey = privateJwk('ed25519');
    writeJson(join(dir, 'ed25519.jwk.json'), edKey);
    writeJson(join(dir, 'rsa.jwk.json'), privateJwk('rsa'));
    writeJson(join(dir, 'p256.jwk.json'), privateJwk('ec'));
    writeJson(join(dir, 'unsigned.json'), unsignedCredential());
    writeFileSync(join(dir, 'badge.png'), pngBytes());
    const multibase = multibaseOf(edKey);
    const vm = `${DID}#${multibase}`;
    didDocumentPath = writeJson(join(dir, 'did.json'), {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: DID,
      verificationMethod: [{ id: vm, type: 'Multikey', controller: DID, publicKeyMultibase: multibase }],
      assertionMethod: [vm],
    });
  });

  itOfficial('reproduces the 1EdTech golden proofValue through the CLI', () => {
    const vector = dirname(vectorPath('ob3/1edtech-impl-guide-testvector/unsigned-credential.json'));
    const expected = JSON.parse(readFileSync(join(vector, 'testvector-key-and-expected.json'), 'utf8'));
    const seed = Buffer.from(expected.privateKeyHex.slice(0, 64), 'hex');
    const pub = Buffer.from(expected.publicKeyHex, 'hex');
    const keyPath = writeJson(join(dir, 'golden.jwk.json'), {
      kty: 'OKP',
      crv: 'Ed25519',
      x: pub.toString('base64url'),
      d: seed.toString('base64url'),
    });
    const out = join(dir, 'golden-signed.json');
    const run = badgesmith([
      'sign',
      '--credential', join(vector, 'unsigned-credential.json'),
      '--key', keyPath,
      '--format', 'ob3-di',
      '--verification-method', expected.verificationMethod,
      '--created', '2010-01-01T19:23:24Z',
      '--out', out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const signed = JSON.parse(readFileSync(out, 'utf8'));
    expect(signed.proof[0].proofValue).toBe(expected.proofValue);
  });

  it('signs ob3-di with a did:web key, verifies it, and rejects a tampered copy', () => {
    const out = join(dir, 'signed.json');
    const sign = badgesmith(['sign', '--credential', join(dir, 'unsigned.json'), '--key', join(dir, 'ed25519.jwk.json'), '--format', 'ob3-di', '--created', '2026-01-15T10:00:00Z', '--out', out]);
    expect(sign.stderr).toBe('');
    expect(sign.status).toBe(0);
    const ok = badgesmith(['verify', out, '--did-document', didDocumentPath, '--now', NOW, '--json']);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ verified: true, format: 'ob3-di' });
    expect(report.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);

    const tampered = JSON.parse(readFileSync(out, 'utf8'));
    tampered.name = 'Leadership';
    const tamperedPath = writeJson(join(dir, 'tampered.json'), tampered);
    const bad = badgesmith(['verify', tamperedPath, '--did-document', didDocumentPath, '--now', NOW, '--json']);
    expect(bad.status).toBe(1);
    const badReport = JSON.parse(bad.stdout);
    expect(badReport.verified).toBe(false);
    expect(badReport.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ ok: false, code: 'ERR_PROOF_INVALID' });

    const noDid = badgesmith(['verify', out, '--now', NOW]);
    expect(noDid.status).toBe(1);
    expect(noDid.stdout).toContain('✘');
  });

  it('checks the recipient email against the hashed identity', () => {
    const out = join(dir, 'signed.json');
    const yes = badgesmith(['verify', out, '--did-document', didDocumentPath, '--now', NOW, '--recipient', 'a@example.com']);
    expect(yes.status).toBe(0);
    const no = badgesmith(['verify', out, '--did-document', didDocumentPath, '--now', NOW, '--recipient', 'b@example.com', '--json']);
    expect(no.status).toBe(1);
    expect(JSON.parse(no.stdout).checks.find((c: { id: string }) => c.id === 'recipient')).toMatchObject({ ok: false });
  });

  it('reports an expired or not-yet-valid badge as not verified', () => {
    const out = join(dir, 'signed.json');
    const early = badgesmith(['verify', out, '--did-document', didDocumentPath, '--now', '2025-01-01T00:00:00Z', '--json']);
    expect(early.status).toBe(1);
    expect(JSON.parse(early.stdout).checks.find((c: { id: string }) => c.id === 'dates')).toMatchObject({ ok: false, code: 'ERR_NOT_YET_VALID' });
  });

  it('signs ob3-jwt with RS256 and ES256 (--embed-jwk, with a warning); an embedded key alone never verifies', () => {
    for (const key of ['rsa.jwk.json', 'p256.jwk.json']) {
      const out = join(dir, `${key}.jws`);
      const refused = badgesmith(['sign', '--credential', join(dir, 'unsigned.json'), '--key', join(dir, key), '--format', 'ob3-jwt', '--out', out]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('ERR_JWT_KID_REQUIRED');
      const sign = badgesmith(['sign', '--credential', join(dir, 'unsigned.json'), '--key', join(dir, key), '--format', 'ob3-jwt', '--embed-jwk', '--out', out]);
      expect(sign.stderr).toMatch(/Warning: .*cannot link it to the issuer/);
      expect(sign.status).toBe(0);
      const jws = readFileSync(out, 'utf8');
      const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString('utf8'));
      expect(Object.keys(header).sort()).toEqual(['alg', 'jwk']);
      expect(header.jwk.d).toBeUndefined();
      const verify = badgesmith(['verify', out, '--now', NOW, '--json']);
      const report = JSON.parse(verify.stdout);
      expect(report).toMatchObject({ verified: false, outcome: 'not-verified', format: 'ob3-jwt' });
      expect(report.checks).toContainEqual(expect.objectContaining({ id: 'issuer-key', code: 'ERR_ISSUER_UNCONFIRMED' }));
      expect(verify.status).toBe(1);
      const trusting = badgesmith(['verify', out, '--now', NOW, '--trust-embedded-keys']);
      expect(trusting.stdout).toMatch(/^⚠ Verified with warnings/);
      expect(trusting.status).toBe(0);
      expect(badgesmith(['verify', out, '--now', NOW, '--trust-embedded-keys', '--strict']).status).toBe(1);
    }
  });

  it('bakes into PNG and unbake prints exactly the payload; the baked badge verifies', () => {
    const signed = join(dir, 'signed.json');
    const baked = join(dir, 'baked.png');
    const bake = badgesmith(['bake', '--image', join(dir, 'badge.png'), '--credential', signed, '--out', baked]);
    expect(bake.stderr).toBe('');
    expect(bake.status).toBe(0);
    const unbake = badgesmith(['unbake', baked]);
    expect(unbake.status).toBe(0);
    expect(unbake.stdout).toBe(readFileSync(signed, 'utf8').trim());
    const verify = badgesmith(['verify', baked, '--did-document', didDocumentPath, '--now', NOW, '--json']);
    expect(JSON.parse(verify.stdout)).toMatchObject({ verified: true, format: 'ob3-di', image: 'png' });
  });

  it('bakes a JWS into SVG with the verify attribute', () => {
    const jws = join(dir, 'rsa.jwk.json.jws');
    const svgPath = join(dir, 'badge.svg');
    writeFileSync(svgPath, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4" cx="5" cy="5"/></svg>');
    const out = join(dir, 'baked.svg');
    expect(badgesmith(['bake', '--image', svgPath, '--credential', jws, '--out', out]).status).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(svg).toContain(`verify="${readFileSync(jws, 'utf8').trim()}"`);
    expect(badgesmith(['unbake', out]).stdout).toBe(readFileSync(jws, 'utf8').trim());
  });

  it('unbakes the official OB 3.0 baked images', () => {
    const run = badgesmith(['unbake', vectorPath('baked/ob3/1edtech-validator_simple-jwt.png')]);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('eyJ')).toBe(true);
  });

  describe('bad input gets one line with an ERR_ code, never a stack trace', () => {
    const cases: [string, () => string[], string][] = [
      ['a missing file', () => ['verify', join(dir, 'nope.png')], 'ERR_FILE_NOT_FOUND'],
      ['an empty file', () => { writeFileSync(join(dir, 'empty.json'), ''); return ['bake', '--image', join(dir, 'badge.png'), '--credential', join(dir, 'empty.json'), '--out', join(dir, 'x.png')]; }, 'ERR_FILE_EMPTY'],
      ['a JPEG image', () => { writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])); return ['bake', '--image', join(dir, 'photo.jpg'), '--credential', join(dir, 'signed.json'), '--out', join(dir, 'x.png')]; }, 'ERR_IMAGE_UNSUPPORTED'],
      ['a PNG with a truncated chunk', () => { writeFileSync(join(dir, 'trunc.png'), pngBytes().subarray(0, 60)); return ['bake', '--image', join(dir, 'trunc.png'), '--credential', join(dir, 'signed.json'), '--out', join(dir, 'x.png')]; }, 'ERR_PNG_CORRUPT'],
      ['a PNG with a 10 GB length field', () => { const b = Buffer.from(pngBytes()); b.writeUInt32BE(0xffffffff, 33); writeFileSync(join(dir, 'huge.png'), b); return ['unbake', join(dir, 'huge.png')]; }, 'ERR_PNG_CORRUPT'],
      ['an SVG with an external entity', () => { writeFileSync(join(dir, 'xxe.svg'), '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'); return ['bake', '--image', join(dir, 'xxe.svg'), '--credential', join(dir, 'signed.json'), '--out', join(dir, 'x.svg')]; }, 'ERR_SVG_DOCTYPE'],
      ['a billion-laughs SVG', () => { writeFileSync(join(dir, 'lol.svg'), '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg">&lol2;</svg>'); return ['unbake', join(dir, 'lol.svg')]; }, 'ERR_SVG_DOCTYPE'],
      ['a JSON that is not a credential', () => { writeJson(join(dir, 'notcred.json'), { hello: 'world' }); return ['sign', '--credential', join(dir, 'notcred.json'), '--key', join(dir, 'ed25519.jwk.json'), '--format', 'ob3-di', '--out', join(dir, 'x.json')]; }, 'ERR_CREDENTIAL_INVALID'],
      ['a JWK of the wrong type', () => ['sign', '--credential', join(dir, 'unsigned.json'), '--key', join(dir, 'rsa.jwk.json'), '--format', 'ob3-di', '--out', join(dir, 'x.json')], 'ERR_KEY_TYPE_MISMATCH'],
      ['an Ed25519 key for ob2-signed', () => ['sign', '--credential', join(dir, 'unsigned.json'), '--key', join(dir, 'ed25519.jwk.json'), '--format', 'ob2-signed', '--out', join(dir, 'x.jws')], 'ERR_KEY_TYPE_MISMATCH'],
      ['an unknown flag', () => ['verify', '--frobnicate', 'x'], 'ERR_USAGE'],
      ['an unknown format', () => ['sign', '--credential', 'a', '--key', 'b', '--format', 'ob9', '--out', 'c'], 'ERR_USAGE'],
    ];
    for (const [name, args, code] of cases) {
      it(name, () => {
        const run = badgesmith(args());
        expect(run.status).toBe(2);
        const lines = run.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]!.startsWith(`${code}: `)).toBe(true);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      });
    }

    it('a JPEG or garbage given to verify is a negative report (exit 1), not a crash', () => {
      const run = badgesmith(['verify', join(dir, 'photo.jpg'), '--json']);
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report.verified).toBe(false);
      expect(report.checks[0].code).toMatch(/^ERR_/);
    });
  });
});
