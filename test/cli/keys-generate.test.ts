/** keys generate: a standalone key file (0600, with a warning) and its DID document, usable by sign and verify end to end. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

const NOW = '2026-06-01T00:00:00Z';

function credentialFor(issuer: string) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:0d8c3b8e-1c1f-4f7e-9d1a-3b9f1e2a7c55',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Le Club' },
    validFrom: '2026-01-15T10:00:00Z',
    name: 'Orientation',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:earner',
      achievement: { id: 'https://club.example/badges/orientation', type: ['Achievement'], name: 'Orientation', description: 'Lit une carte.', criteria: { narrative: 'Course réussie.' } },
    },
  };
}

describe('keys generate', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it('Ed25519 → a did:key: the file is private, the credential signed with it verifies with nothing else', () => {
    const key = join(dir, 'ed.jwk.json');
    const run = badgesmith(['keys', 'generate', '--type', 'ed25519', '--out', key, '--json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Warning: .*private key in clear/);
    const made = JSON.parse(run.stdout) as { did: string; verificationMethod: string };
    expect(made.did).toMatch(/^did:key:z6Mk/);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(key, 'utf8'))).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String), kid: made.verificationMethod });
    writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(credentialFor(made.did)));
    const signed = join(dir, 'signed.json');
    const sign = badgesmith(['sign', '--credential', join(dir, 'unsigned.json'), '--key', key, '--format', 'ob3-di', '--verification-method', made.verificationMethod, '--created', '2026-01-15T10:00:00Z', '--out', signed]);
    expect(sign.status, sign.stderr).toBe(0);
    const verify = badgesmith(['verify', signed, '--now', NOW, '--json']);
    expect(JSON.parse(verify.stdout)).toMatchObject({ verified: true, outcome: 'verified', issuer: { id: made.did, confirmed: true } });
    // Never overwritten silently: the only copy of a private key.
    const again = badgesmith(['keys', 'generate', '--out', key]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^ERR_FILE_EXISTS: /);
  });

  it('RSA for a did:web: the VC-JWT verifies with the written DID document, and not without it', () => {
    const did = 'did:web:club.example:badges';
    const key = join(dir, 'rsa.jwk.json');
    const didDocument = join(dir, 'did.json');
    const run = badgesmith(['keys', 'generate', '--type', 'rsa', '--did', did, '--out', key, '--did-document', didDocument, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const made = JSON.parse(run.stdout) as { verificationMethod: string };
    expect(made.verificationMethod.startsWith(`${did}#`)).toBe(true);
    const document = JSON.parse(readFileSync(didDocument, 'utf8')) as { id: string; assertionMethod: string[]; verificationMethod: { publicKeyJwk: Record<string, unknown> }[] };
    expect(document).toMatchObject({ id: did, assertionMethod: [made.verificationMethod] });
    expect(document.verificationMethod[0]!.publicKeyJwk.d).toBeUndefined();
    writeFileSync(join(dir, 'unsigned-web.json'), JSON.stringify(credentialFor(did)));
    const jws = join(dir, 'signed.jws');
    const sign = badgesmith(['sign', '--credential', join(dir, 'unsigned-web.json'), '--key', key, '--format', 'ob3-jwt', '--kid', made.verificationMethod, '--out', jws]);
    expect(sign.status, sign.stderr).toBe(0);
    expect(badgesmith(['verify', jws, '--now', NOW, '--did-document', didDocument]).status).toBe(0);
    expect(badgesmith(['verify', jws, '--now', NOW]).status).toBe(1);
  });

  it('a key type that cannot make a did:key needs --did; --did must be a did:web', () => {
    expect(badgesmith(['keys', 'generate', '--type', 'p256', '--out', join(dir, 'p.json')]).stderr).toMatch(/^ERR_USAGE: .*--did/);
    expect(badgesmith(['keys', 'generate', '--type', 'p256', '--did', 'https://club.example', '--out', join(dir, 'p.json')]).stderr).toMatch(/^ERR_USAGE: .*did:web/);
  });
});
