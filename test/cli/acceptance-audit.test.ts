import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

function parseOneJson(text: string): unknown {
  return JSON.parse(text);
}

describe('acceptance audit regressions', () => {
  it('--json errors still print exactly one JSON document on stdout, and one ERR_ line on stderr', () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const runs = [
      badgesmith(['issue', '--badge', 'x', '--csv', empty, '--out', join(dir, 'out'), '--workspace', join(dir, 'ws'), '--json']),
      badgesmith(['init', '--name', 'X', '--url', 'nope', '--site-url', 'https://x.example/', '--workspace', join(dir, 'ws2'), '--json']),
      badgesmith(['verify', join(dir, 'missing.png'), '--json']),
      badgesmith(['nonsense', '--json']),
    ];
    for (const run of runs) {
      expect(run.status).toBe(2);
      const doc = parseOneJson(run.stdout) as { error: { code: string; message: string } };
      expect(doc.error.code).toMatch(/^ERR_[A-Z_]+$/);
      expect(run.stderr).toBe(`${doc.error.code}: ${doc.error.message}\n`);
      expect(run.stderr).not.toContain('    at ');
    }
  });

  it('without --json an error prints nothing on stdout', () => {
    const run = badgesmith(['verify', '/nonexistent/badge.png']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ERR_[A-Z_]+: .+\n$/);
  });

  it('endorse --out writes the signed file another organisation attaches to its own badge', () => {
    const dir = tempDir();
    const env = { BADGESMITH_PASSPHRASE: 'audit-pass' };
    const club = join(dir, 'club');
    const federation = join(dir, 'federation');
    const init = (ws: string, host: string) =>
      badgesmith(['init', '--name', host, '--url', `https://${host}/`, '--site-url', `https://${host}/badges/`, '--workspace', ws], { env });
    expect(init(club, 'club.example').status).toBe(0);
    expect(init(federation, 'federation.example').status).toBe(0);
    const added = badgesmith(['badge', 'add', '--name', 'Secourisme', '--description', 'D', '--criteria', 'C', '--workspace', club, '--json'], { env });
    expect(added.status).toBe(0);
    const achievement = 'https://club.example/badges/badges/secourisme/achievement.json';
    const file = join(dir, 'endorsement.json');
    const signed = badgesmith(
      ['endorse', '--badge', achievement, '--comment', 'Formation reconnue', '--out', file, '--workspace', federation, '--json'],
      { env },
    );
    expect(signed.status).toBe(0);
    expect((JSON.parse(signed.stdout) as { file: string }).file).toBe(file);
    const credential = JSON.parse(readFileSync(file, 'utf8')) as { credentialSubject: { id: string }; proof: unknown; issuer: { id: string } };
    expect(credential.credentialSubject.id).toBe(achievement);
    expect(credential.issuer.id).toBe('did:web:federation.example:badges');
    expect(credential.proof).toBeDefined();
    // The club checks the endorsement before attaching it: the federation's key must be in its own DID document.
    const unconfirmed = badgesmith(['badge', 'endorse', 'secourisme', '--file', file, '--workspace', club], { env });
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.stderr).toMatch(/^ERR_ENDORSEMENT_UNVERIFIED: .*ERR_(DID_UNRESOLVED|VERIFICATION_METHOD_UNKNOWN|ISSUER_UNCONFIRMED).*--did-document/);
    const fedSite = join(dir, 'federation-site');
    expect(badgesmith(['site', 'build', '--out', fedSite, '--workspace', federation], { env }).status).toBe(0);
    const tampered = join(dir, 'tampered.json');
    const original = JSON.parse(readFileSync(file, 'utf8')) as { credentialSubject: Record<string, unknown> };
    writeFileSync(tampered, JSON.stringify({ ...original, credentialSubject: { ...original.credentialSubject, endorsementComment: 'Le meilleur club du monde' } }));
    const forged = badgesmith(['badge', 'endorse', 'secourisme', '--file', tampered, '--site', fedSite, '--workspace', club], { env });
    expect(forged.status).toBe(2);
    expect(forged.stderr).toMatch(/^ERR_ENDORSEMENT_UNVERIFIED: .*ERR_PROOF_INVALID/);
    const attached = badgesmith(['badge', 'endorse', 'secourisme', '--file', file, '--site', fedSite, '--workspace', club, '--json'], { env });
    expect(attached.stderr).toBe('');
    expect(attached.status).toBe(0);
    expect(JSON.parse(attached.stdout)).toEqual({ badge: 'secourisme', endorsements: 1 });
    // A local badge id that does not exist is still an error, not an external endorsement.
    const missing = badgesmith(['endorse', '--badge', 'nope', '--comment', 'x', '--workspace', federation], { env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^ERR_BADGE_NOT_FOUND: /);
  });

  it('a keys import that fails leaves no half-made workspace behind, and a retry works', () => {
    const dir = tempDir();
    const ws = join(dir, 'ws');
    const env = { BADGESMITH_PASSPHRASE: 'audit-pass' };
    expect(badgesmith(['init', '--name', 'C', '--url', 'https://c.example/', '--site-url', 'https://c.example/b/', '--workspace', ws], { env }).status).toBe(0);
    const backup = join(dir, 'backup.json');
    expect(badgesmith(['keys', 'export', '--out', backup, '--workspace', ws], { env }).status).toBe(0);
    const fresh = join(dir, 'fresh');
    const wrong = badgesmith(['keys', 'import', backup, '--workspace', fresh], { env: { BADGESMITH_PASSPHRASE: 'not-it' } });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^ERR_PASSPHRASE_WRONG: /);
    expect(existsSync(fresh)).toBe(false);
    const kept = join(dir, 'kept');
    mkdirSync(kept);
    writeFileSync(join(kept, 'notes.txt'), 'mine');
    expect(badgesmith(['keys', 'import', backup, '--workspace', kept], { env: { BADGESMITH_PASSPHRASE: 'not-it' } }).status).toBe(2);
    expect(readdirSync(kept)).toEqual(['notes.txt']);
    const retry = badgesmith(['keys', 'import', backup, '--workspace', fresh, '--json'], {
      env: { BADGESMITH_PASSPHRASE: 'new-pass', BADGESMITH_BACKUP_PASSPHRASE: 'audit-pass' },
    });
    expect(retry.status).toBe(0);
    expect((JSON.parse(retry.stdout) as { issuerRestored: boolean }).issuerRestored).toBe(true);
  });
});
