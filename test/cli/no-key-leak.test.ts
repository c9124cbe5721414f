import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64urlDecode } from '../../shared/bytes.js';
import { openKeystore } from '../../main/services/keystore.js';
import { openWorkspace } from '../../main/services/workspace.js';
import { badgesmith, tempDir, type CliRun } from './helpers.js';

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every private member of a JWK in the encodings a leak could take: base64url, base64, hex, raw bytes. */
function encodingsOfSecrets(jwk: Record<string, unknown>): Buffer[] {
  const needles: Buffer[] = [];
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
    const value = jwk[member];
    if (typeof value !== 'string') continue;
    const raw = Buffer.from(base64urlDecode(value) as Uint8Array);
    needles.push(Buffer.from(value), raw, Buffer.from(raw.toString('base64')), Buffer.from(raw.toString('hex')));
  }
  return needles;
}

describe('private keys never leave the keystore in the clear', () => {
  it('after a demo with all four formats, a rotation, a backup and a site build: no file and no output holds key bytes', async () => {
    const dir = tempDir('badgesmith-leak-');
    const env = { BADGESMITH_PASSPHRASE: 'demo', BADGESMITH_BACKUP_PASSPHRASE: 'backup secret' };
    const workspace = join(dir, 'demo', 'workspace');
    const runs: CliRun[] = [badgesmith(['demo', '--out', join(dir, 'demo')], { env })];
    expect(runs[0]!.status, runs[0]!.stderr).toBe(0);
    const more = [
      ['keys', 'rotate', '--type', 'ed25519'],
      ['keys', 'list', '--json'],
      ['keys', 'export', '--out', join(dir, 'backup.bsk')],
      ['issuer', 'show', '--json'],
      ['credentials', 'list', '--json'],
      ['site', 'build', '--out', join(dir, 'demo', 'site')],
    ];
    for (const args of more) {
      const run = badgesmith([...args, '--workspace', workspace], { env });
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      runs.push(run);
    }

    const ws = openWorkspace(workspace);
    const keystore = await openKeystore(ws, 'demo');
    const needles: Buffer[] = [];
    const types = new Set<string>();
    for (const record of keystore.list()) {
      types.add(record.type);
      needles.push(...encodingsOfSecrets((await keystore.privateJwk(record.id)) as unknown as Record<string, unknown>));
    }
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    ws.close();
    expect([...types].sort()).toEqual(['Ed25519', 'P-256', 'RSA']);
    expect(needles.length).toBe(4 * (2 + 1 + 6)); // two Ed25519 keys (d), one P-256 (d), one RSA (d, p, q, dp, dq, qi)

    const files = allFiles(dir);
    expect(files.some((path) => path.endsWith('.png'))).toBe(true);
    expect(files.some((path) => path.endsWith('did.json'))).toBe(true);
    const haystacks: [string, Buffer][] = [
      ...files.map((path): [string, Buffer] => [path, readFileSync(path)]),
      ...runs.flatMap((run, i): [string, Buffer][] => [
        [`stdout of command ${i}`, Buffer.from(run.stdout)],
        [`stderr of command ${i}`, Buffer.from(run.stderr)],
      ]),
    ];
    for (const [where, content] of haystacks) {
      for (const needle of needles) expect(content.includes(needle), `${where} contains private key bytes`).toBe(false);
    }
  });
});
