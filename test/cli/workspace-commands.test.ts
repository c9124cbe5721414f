import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64urlDecode } from '../../shared/bytes.js';
import { openKeystore } from '../../main/services/keystore.js';
import { openWorkspace } from '../../main/services/workspace.js';
import { badgesmith, tempDir, type CliRun } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };

function json<T = Record<string, unknown>>(run: CliRun): T {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as T;
}

function expectError(run: CliRun, code: string, status = 2) {
  expect(run.status).toBe(status);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(new RegExp(`^${code}: `));
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function pngBytes(): Buffer {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(200);
  return PNG.sync.write(png);
}

describe('workspace commands (built CLI)', () => {
  const root = tempDir('bs-ws-cli-');
  const ws = join(root, 'ws');

  beforeAll(() => {
    const run = badgesmith(
      ['init', '--name', 'Amicale des Secouristes', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--email', 'contact@amicale.example.org', '--language', 'fr', '--workspace', ws, '--json'],
      { env },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('init needs a passphrase, valid URLs and an empty folder', () => {
    const dir = join(root, 'nopass');
    expectError(badgesmith(['init', '--name', 'A', '--url', 'https://a.org', '--site-url', 'https://b.org/a', '--workspace', dir]), 'ERR_PASSPHRASE_REQUIRED');
    expect(existsSync(join(dir, 'badgesmith.db'))).toBe(false);
    expectError(badgesmith(['init', '--name', 'A', '--url', 'https://a.org', '--site-url', 'http://b.org/a', '--workspace', dir], { env }), 'ERR_SITE_URL_INVALID');
    expectError(badgesmith(['init', '--name', 'A', '--url', 'https://a.org', '--workspace', dir], { env }), 'ERR_USAGE');
    expectError(badgesmith(['init', '--name', 'A', '--url', 'https://a.org', '--site-url', 'https://b.org/a', '--workspace', ws], { env }), 'ERR_WORKSPACE_EXISTS');
  });

  it('issuer show/update with --json, workspace from BADGESMITH_WORKSPACE', () => {
    const shown = json(badgesmith(['issuer', 'show', '--json'], { env: { BADGESMITH_WORKSPACE: ws } }));
    expect(shown).toMatchObject({
      name: 'Amicale des Secouristes',
      did: 'did:web:badges.example.org:amicale',
      siteUrl: 'https://badges.example.org/amicale/',
      didDocument: 'https://badges.example.org/amicale/did.json',
      language: 'fr',
      created: '2026-05-01T12:00:00Z',
    });
    const updated = json(badgesmith(['issuer', 'update', '--description', 'Formations aux premiers secours', '--workspace', ws, '--json'], { env }));
    expect(updated).toMatchObject({ description: 'Formations aux premiers secours', did: shown.did });
    expectError(badgesmith(['issuer', 'update', '--language', 'de', '--workspace', ws], { env }), 'ERR_USAGE');
  });

  it('badge add/list/show/update, with PNG and SVG artwork validated', () => {
    const png = join(root, 'art.png');
    writeFileSync(png, pngBytes());
    const svg = join(root, 'art.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><circle r="4"/></svg>');
    const added = json<{ id: string; image: string; tags: string[] }>(
      badgesmith(['badge', 'add', '--name', 'Premiers secours (niveau 1)', '--description', 'PSC1', '--criteria', 'Suivre la formation de 7 h', '--image', png, '--expires-after', 'P2Y', '--tags', 'santé,secours', '--workspace', ws, '--json'], { env }),
    );
    expect(added).toMatchObject({ id: 'premiers-secours-niveau-1', image: 'premiers-secours-niveau-1.png', tags: ['santé', 'secours'] });
    expect(readFileSync(join(ws, 'artwork', added.image)).equals(pngBytes())).toBe(true);

    const secondRun = badgesmith(['badge', 'add', '--name', 'Premiers secours (niveau 1)', '--description', 'Bis', '--criteria', 'C', '--image', svg, '--show-name', '--workspace', ws, '--json'], { env });
    // Importing an SVG says what the sanitiser removed (on stderr: --json output stays one document).
    expect(secondRun.stderr).toMatch(/art\.svg: .*script/);
    expect(secondRun.status).toBe(0);
    const second = JSON.parse(secondRun.stdout) as { id: string; image: string };
    expect(second.id).toBe('premiers-secours-niveau-1-2');
    expect(readFileSync(join(ws, 'artwork', second.image), 'utf8')).not.toContain('script');

    const notImage = join(root, 'notes.txt');
    writeFileSync(notImage, 'hello, this is not an image');
    const refused = badgesmith(['badge', 'add', '--name', 'X', '--description', 'D', '--criteria', 'C', '--image', notImage, '--workspace', ws], { env });
    expect(refused.status).toBe(2);
    expectError(badgesmith(['badge', 'add', '--name', 'X', '--description', 'D', '--criteria', 'C', '--expires-after', '2 years', '--workspace', ws], { env }), 'ERR_USAGE');
    // A zero duration would make every credential expire as it is issued.
    for (const zero of ['P0D', 'PT0S', 'P0Y0M']) {
      expectError(badgesmith(['badge', 'add', '--name', 'X', '--description', 'D', '--criteria', 'C', '--expires-after', zero, '--workspace', ws], { env }), 'ERR_USAGE');
    }

    const list = json<{ badges: { id: string }[] }>(badgesmith(['badge', 'list', '--workspace', ws, '--json'], { env }));
    expect(list.badges.map((b) => b.id)).toEqual(['premiers-secours-niveau-1', 'premiers-secours-niveau-1-2']);
    const updated = json(badgesmith(['badge', 'update', second.id, '--hide-name', '--expires-after', 'P6M', '--formats', 'ob3-di,ob2-signed', '--workspace', ws, '--json'], { env }));
    expect(updated).toMatchObject({ showRecipientName: false, expiresAfter: 'P6M', formats: ['ob3-di', 'ob2-signed'] });
    expect(badgesmith(['badge', 'show', second.id, '--workspace', ws], { env }).stdout).toContain('P6M after issuing');

    const aligned = json<{ alignments: unknown[] }>(
      badgesmith(['badge', 'update', second.id, '--alignment', 'Référentiel PSC1|https://example.org/psc1|PSC1', '--alignment', ' Secourisme | https://example.org/secours ', '--workspace', ws, '--json'], { env }),
    );
    expect(aligned.alignments).toEqual([
      { targetName: 'Référentiel PSC1', targetUrl: 'https://example.org/psc1', targetCode: 'PSC1' },
      { targetName: 'Secourisme', targetUrl: 'https://example.org/secours' },
    ]);
    expect(badgesmith(['badge', 'show', second.id, '--workspace', ws], { env }).stdout).toContain('Alignments:   Référentiel PSC1 <https://example.org/psc1> (PSC1); Secourisme');
    expectError(badgesmith(['badge', 'update', second.id, '--alignment', 'PSC1', '--workspace', ws], { env }), 'ERR_USAGE');
    expectError(badgesmith(['badge', 'update', second.id, '--alignment', 'PSC1|not a url', '--workspace', ws], { env }), 'ERR_USAGE');
    expect(json<{ alignments: unknown[] }>(badgesmith(['badge', 'update', second.id, '--alignment', 'none', '--workspace', ws, '--json'], { env })).alignments).toEqual([]);
    expectError(badgesmith(['badge', 'show', 'nope', '--workspace', ws], { env }), 'ERR_BADGE_NOT_FOUND');
  });

  it('keys rotate keeps old keys; wrong passphrase refused; no private key byte on disk', async () => {
    const before = json<{ keys: { id: string; type: string; status: string; verificationMethod: string }[] }>(badgesmith(['keys', 'list', '--workspace', ws, '--json']));
    expect(before.keys.map((k) => k.type)).toEqual(['Ed25519', 'RSA', 'P-256']);
    expect(before.keys[0]!.verificationMethod).toMatch(/^did:web:badges\.example\.org:amicale#z6Mk/);
    expectError(badgesmith(['keys', 'rotate', '--workspace', ws], { env: { ...env, BADGESMITH_PASSPHRASE: 'wrong' } }), 'ERR_PASSPHRASE_WRONG');
    const rotated = json<{ key: { id: string }; retired: string }>(badgesmith(['keys', 'rotate', '--type', 'ed25519', '--workspace', ws, '--json'], { env }));
    expect(rotated.retired).toBe(before.keys[0]!.id);
    json(badgesmith(['keys', 'rotate', '--type', 'rsa', '--workspace', ws, '--json'], { env }));
    const after = json<{ keys: { id: string; status: string }[] }>(badgesmith(['keys', 'list', '--workspace', ws, '--json']));
    expect(after.keys).toHaveLength(5);
    expect(after.keys.filter((k) => k.status === 'retired').map((k) => k.id)).toContain(before.keys[0]!.id);

    const workspace = openWorkspace(ws);
    const keystore = await openKeystore(workspace, env.BADGESMITH_PASSPHRASE);
    const needles: Buffer[] = [];
    for (const key of keystore.list()) {
      const jwk = await keystore.privateJwk(key.id);
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
        const value = jwk[member];
        if (typeof value === 'string') needles.push(Buffer.from(value), Buffer.from(base64urlDecode(value) as Uint8Array));
      }
    }
    workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    workspace.close();
    expect(needles.length).toBeGreaterThan(20);
    for (const path of allFiles(root)) {
      const content = readFileSync(path);
      for (const needle of needles) expect(content.includes(needle), path).toBe(false);
    }
  });

  it('keys export/import restores the issuer and keys in a fresh folder', () => {
    const backup = join(root, 'backup.json');
    const exported = json<{ keys: number }>(badgesmith(['keys', 'export', '--out', backup, '--workspace', ws, '--json'], { env: { ...env, BADGESMITH_BACKUP_PASSPHRASE: 'sauvegarde' } }));
    expect(exported.keys).toBeGreaterThanOrEqual(5);
    const before = readFileSync(backup);
    expectError(badgesmith(['keys', 'export', '--out', backup, '--workspace', ws], { env }), 'ERR_FILE_EXISTS');
    expect(readFileSync(backup).equals(before)).toBe(true);
    expect(badgesmith(['keys', 'export', '--out', backup, '--force', '--workspace', ws], { env: { ...env, BADGESMITH_BACKUP_PASSPHRASE: 'sauvegarde' } }).status).toBe(0);
    const fresh = join(root, 'restored');
    expectError(badgesmith(['keys', 'import', backup, '--workspace', fresh], { env: { ...env, BADGESMITH_BACKUP_PASSPHRASE: 'wrong' } }), 'ERR_PASSPHRASE_WRONG');
    const imported = json<{ issuerRestored: boolean; imported: unknown[] }>(
      badgesmith(['keys', 'import', backup, '--workspace', fresh, '--json'], { env: { BADGESMITH_PASSPHRASE: 'autre machine', BADGESMITH_BACKUP_PASSPHRASE: 'sauvegarde' } }),
    );
    expect(imported.issuerRestored).toBe(true);
    const strip = (run: CliRun) => json<{ keys: { id: string; status: string; publicJwk: unknown }[] }>(run).keys.map(({ id, status, publicJwk }) => ({ id, status, publicJwk }));
    expect(strip(badgesmith(['keys', 'list', '--workspace', fresh, '--json']))).toEqual(strip(badgesmith(['keys', 'list', '--workspace', ws, '--json'])));
    expect(json(badgesmith(['issuer', 'show', '--workspace', fresh, '--json']))).toMatchObject({ did: 'did:web:badges.example.org:amicale' });
    // The restored keys open with the new machine's passphrase.
    json(badgesmith(['keys', 'rotate', '--type', 'p256', '--workspace', fresh, '--json'], { env: { BADGESMITH_PASSPHRASE: 'autre machine' } }));
  });

  it('refuses a damaged or missing workspace with one line', () => {
    const broken = join(root, 'broken');
    expectError(badgesmith(['issuer', 'show', '--workspace', broken]), 'ERR_WORKSPACE_MISSING');
    json(badgesmith(['init', '--name', 'B', '--url', 'https://b.org', '--site-url', 'https://b.org', '--workspace', broken, '--json'], { env }));
    const db = join(broken, 'badgesmith.db');
    for (const suffix of ['-wal', '-shm']) if (existsSync(db + suffix)) writeFileSync(db + suffix, '');
    writeFileSync(db, 'garbage, not SQLite at all. '.repeat(40));
    const bytes = readFileSync(db);
    expectError(badgesmith(['badge', 'list', '--workspace', broken]), 'ERR_WORKSPACE_CORRUPT');
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });
});
