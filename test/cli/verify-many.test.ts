/** verify FILE|DIR…: folders walked for badge files, verified on worker threads, one line each and a summary. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findVerifyWorker, verifyFiles } from '../../main/services/verify-files.js';
import { badgesmith, tempDir } from './helpers.js';

const NOW = '2026-05-02T00:00:00Z';

describe('verify many files and folders', () => {
  let dir: string;
  let credentials: string;
  let site: string;
  let revokedFiles: string[];
  let badgeFiles: string[];

  beforeAll(() => {
    dir = tempDir();
    const demo = badgesmith(['demo', '--out', join(dir, 'demo'), '--json'], { env: { BADGESMITH_NOW: '2026-05-01T12:00:00Z' } });
    expect(demo.status, demo.stderr).toBe(0);
    const result = JSON.parse(demo.stdout) as { credentials: string; site: string; revoked: { id: string } };
    credentials = result.credentials;
    site = result.site;
    const all = readdirSync(credentials, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    badgeFiles = all.filter((f) => /\.(png|svg|json|jws)$/.test(f) && !/(^|[/-])report\.json$/.test(f));
    revokedFiles = badgeFiles.filter((f) => f.includes(result.revoked.id));
    writeFileSync(join(credentials, 'notes.json'), '{"note": "not a badge"}');
  }, 180_000);

  it('walks the folder, prints one line per badge in a stable order and a summary; exit 1 when one is not verified', () => {
    const run = badgesmith(['verify', credentials, '--site', site, '--now', NOW]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    const summary = lines.pop()!;
    expect(lines).toHaveLength(badgeFiles.length);
    expect(summary).toBe(`${badgeFiles.length} badges: ${badgeFiles.length - revokedFiles.length} verified, 0 verified with warnings, ${revokedFiles.length} not verified, 1 other file skipped.`);
    for (const line of lines.filter((l) => revokedFiles.some((f) => l.includes(f)))) expect(line).toMatch(/^✘ .*ERR_REVOKED/);
    expect(lines.filter((l) => l.startsWith('✔'))).toHaveLength(badgeFiles.length - revokedFiles.length);
    expect(badgesmith(['verify', credentials, '--site', site, '--now', NOW]).stdout).toBe(run.stdout);
  });

  it('--json prints JSON lines and a summary line; files named explicitly are never skipped', () => {
    const good = badgeFiles.find((f) => !revokedFiles.includes(f) && f.endsWith('.png'))!;
    const notes = join(credentials, 'notes.json');
    const run = badgesmith(['verify', good, notes, '--site', site, '--now', NOW, '--json']);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ file: good, outcome: 'verified', issuer: { confirmed: true } });
    expect(lines[1]).toMatchObject({ file: notes, outcome: 'not-verified', format: 'unknown' });
    expect(lines[2]).toEqual({ summary: { files: 2, verified: 1, 'verified-with-warnings': 0, 'not-verified': 1, skipped: 0 } });
  });

  it('without the site, nothing can confirm the issuer: every badge is not verified', () => {
    const run = badgesmith(['verify', credentials, '--now', NOW]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/0 verified, 0 verified with warnings, \d+ not verified/);
  });

  it('worker threads and this thread give the same reports', async () => {
    expect(findVerifyWorker()).toBeDefined();
    const files = badgeFiles.slice(0, 12);
    const options = { sources: { didDocuments: [], prefixes: [], siteDir: site }, now: NOW };
    const collect = async (threads: number) => {
      const seen: string[] = [];
      await verifyFiles(files, options, (file, report) => seen.push(`${file}:${report.verified}:${report.checks.map((c) => `${c.id}=${c.ok}`).join(',')}`), { threads });
      return seen;
    };
    const threaded = await collect(2);
    expect(threaded).toHaveLength(files.length);
    expect(threaded).toEqual(await collect(0));
  });
});
