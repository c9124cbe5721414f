/**
 * Issue 15 §3: hostile images and JSON are refused with their own ERR_ code, through the built
 * command, never as ERR_INTERNAL (the bench `hostile-inputs` measures their memory and time).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { blackPng, deepJsonCredential, PNG_COLOUR } from '../../bench/hostile-files.js';
import { badgeVersionOfPayload } from '../../main/cli/payload.js';
import { bake } from '../../shared/bake/prepare.js';
import { base64urlEncode, utf8Encode } from '../../shared/bytes.js';
import { badgesmith, tempDir } from './helpers.js';

const DEPTH = 100_000;
const PASSPHRASE = { BADGESMITH_PASSPHRASE: 'correct horse battery staple' };

function jwsOf(payload: string): string {
  return `eyJhbGciOiJFZERTQSJ9.${base64urlEncode(utf8Encode(payload))}.c2lnbmF0dXJl`;
}

describe('deep JSON: ERR_JSON_TOO_DEEP wherever JSON comes in', () => {
  let dir: string;
  const deep = deepJsonCredential(DEPTH);

  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'deep.json'), deep);
    writeFileSync(join(dir, 'deep.jws'), jwsOf(deep));
    writeFileSync(join(dir, 'deep.png'), bake(blackPng(8, 8, 8, PNG_COLOUR.rgba), deep, 'ob3'));
    writeFileSync(join(dir, 'deep-did.json'), `{"id":"did:web:badges.example.org:acme","x":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`);
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site', 'did.json'), `{"id":"did:web:badges.example.org:acme","x":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`);
    writeFileSync(join(dir, 'badge.png'), blackPng(8, 8, 8, PNG_COLOUR.rgba));
  });

  it.each([
    ['a 100,000-deep credential', 'deep.json'],
    ['a JWS carrying it', 'deep.jws'],
    ['a PNG with it baked in', 'deep.png'],
  ])('verify --json on %s: a negative report with ERR_JSON_TOO_DEEP (was ERR_INTERNAL: Maximum call stack size exceeded)', (_name, file) => {
    const run = badgesmith(['verify', '--json', join(dir, file)]);
    expect(run.stderr).not.toContain('ERR_INTERNAL');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.verified).toBe(false);
    expect(report.checks).toEqual([expect.objectContaining({ ok: false, code: 'ERR_JSON_TOO_DEEP', message: expect.stringContaining('more than 64 levels deep') })]);
  });

  it('verify in text mode says the same', () => {
    const run = badgesmith(['verify', join(dir, 'deep.json')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('ERR_JSON_TOO_DEEP');
  });

  it('bake --credential with a deep credential (JSON or JWS): ERR_JSON_TOO_DEEP, exit 2, nothing written', () => {
    for (const file of ['deep.json', 'deep.jws']) {
      const out = join(dir, `out-${file}.png`);
      const run = badgesmith(['bake', '--image', join(dir, 'badge.png'), '--credential', join(dir, file), '--out', out]);
      expect(run.stderr).toMatch(/^ERR_JSON_TOO_DEEP: /);
      expect(run.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('verify --did-document with a deep DID document: ERR_JSON_TOO_DEEP, exit 2', () => {
    const run = badgesmith(['verify', join(dir, 'deep.json'), '--did-document', join(dir, 'deep-did.json')]);
    expect(run.stderr).toMatch(/^ERR_JSON_TOO_DEEP: The DID document .*deep-did\.json nests arrays or objects more than 64 levels deep/);
    expect(run.status).toBe(2);
  });

  it('a deep document in a --resolve folder is unresolvable, never parsed, never an internal error', () => {
    const signed = JSON.stringify({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'did:web:badges.example.org:acme', type: ['Profile'] },
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: 'did:web:badges.example.org:acme#key', proofValue: 'z1' }],
    });
    writeFileSync(join(dir, 'shallow.json'), signed);
    const run = badgesmith(['verify', '--json', join(dir, 'shallow.json'), '--resolve', `https://badges.example.org/acme/=${join(dir, 'site')}`]);
    expect(`${run.stdout}${run.stderr}`).not.toContain('ERR_INTERNAL');
    expect(`${run.stdout}${run.stderr}`).not.toContain('Maximum call stack');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).verified).toBe(false);
  });

  it('badgeVersionOfPayload (bake) refuses a deep JWS payload as too deep, not as "not a JSON object"', () => {
    expect(() => badgeVersionOfPayload(jwsOf(deep), 'deep.jws')).toThrow(/payload of the JWS deep\.jws nests arrays or objects more than 64 levels deep/);
  });
});

describe('keys import of a deep "backup"', () => {
  it('is not a Badgesmith key backup (ERR_BACKUP_INVALID), never an internal error', () => {
    const dir = tempDir();
    const workspace = join(dir, 'ws');
    const init = badgesmith(
      ['init', '--workspace', workspace, '--name', 'Acme', '--url', 'https://acme.example.org', '--site-url', 'https://badges.example.org/acme/'],
      { env: PASSPHRASE },
    );
    expect(init.status).toBe(0);
    const file = join(dir, 'backup.json');
    writeFileSync(file, `{"format":"badgesmith-keys-backup","version":1,"kdf":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`);
    const run = badgesmith(['keys', 'import', file, '--workspace', workspace], { env: { ...PASSPHRASE, BADGESMITH_BACKUP_PASSPHRASE: 'x' } });
    expect(run.stderr).toMatch(/^ERR_BACKUP_INVALID: /);
    expect(run.status).toBe(2);
  }, 120_000);
});

describe('huge PNGs: ERR_IMAGE_TOO_LARGE from IHDR, before decoding', () => {
  let dir: string;
  let workspace: string;

  beforeAll(() => {
    dir = tempDir();
    workspace = join(dir, 'ws');
    // The file of issue 15: 261 KB on disk, 16384×2048 RGBA at 16 bits, 268 MB decoded.
    writeFileSync(join(dir, 'huge.png'), blackPng(16384, 2048, 16, PNG_COLOUR.rgba));
    writeFileSync(join(dir, 'credential.json'), deepJsonCredential(1));
    const init = badgesmith(
      ['init', '--workspace', workspace, '--name', 'Acme', '--url', 'https://acme.example.org', '--site-url', 'https://badges.example.org/acme/'],
      { env: PASSPHRASE },
    );
    expect(init.status).toBe(0);
  }, 120_000);

  it('bake: ERR_IMAGE_TOO_LARGE saying the limit and what to do, exit 2, nothing written', () => {
    const out = join(dir, 'out.png');
    const run = badgesmith(['bake', '--image', join(dir, 'huge.png'), '--credential', join(dir, 'credential.json'), '--out', out]);
    expect(run.stderr.trim()).toBe(
      'ERR_IMAGE_TOO_LARGE: This PNG is 16384×2048 pixels (RGBA, 16 bits per sample): 256 MB once decoded; badge images are limited to 64 MB decoded. Export it smaller from your drawing tool: a badge needs no more than about 1024×1024 pixels at 8 bits per sample.',
    );
    expect(run.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('badge add --image: ERR_IMAGE_TOO_LARGE, exit 2, no badge and no artwork stored', () => {
    const run = badgesmith(
      ['badge', 'add', '--workspace', workspace, '--name', 'Huge', '--description', 'd', '--criteria', 'c', '--image', join(dir, 'huge.png')],
      { env: PASSPHRASE },
    );
    expect(run.stderr).toMatch(/^ERR_IMAGE_TOO_LARGE: This PNG is 16384×2048 pixels/);
    expect(run.status).toBe(2);
    const artwork = join(workspace, 'artwork');
    expect(existsSync(artwork) ? readdirSync(artwork).filter((name) => name.startsWith('huge')) : []).toEqual([]);
    const list = badgesmith(['badge', 'list', '--workspace', workspace, '--json'], { env: PASSPHRASE });
    expect(list.stdout).not.toContain('Huge');
  });
});
