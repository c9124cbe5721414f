/** verify FILE|DIR…: folders walked for badge files, verified on worker threads, one line each and a summary. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findVerifyWorker, verifyFiles, verifyOneFile, type VerifyFilesOptions } from '../../main/services/verify-files.js';
import { resolverFromSources } from '../../main/services/verify-sources.js';
import type { VerificationReport } from '../../shared/verify/index.js';
import { signDataIntegrity } from '../../shared/sign/data-integrity.js';
import { generateEd25519PrivateJwk } from '../../shared/sign/ed25519.js';
import { ISSUER_ID, sampleCredential, verificationMethodFor } from '../../bench/ob3-di-fixtures.js';
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
      await verifyFiles(files, options, (file, report) => seen.push(`${file}:${report.verified}:${report.checks.map((c) => `${c.id}=${c.ok}`).join(',')}`), { threads, thisThread: threads === 0 });
      return seen;
    };
    const threaded = await collect(2);
    expect(threaded).toHaveLength(files.length);
    expect(threaded).toEqual(await collect(0));
  });

  it('a run mixing valid, tampered, revoked and expired files gives each file the report it gets alone (nothing kept for the run changes an outcome)', async () => {
    const extra = join(dir, 'mixed');
    mkdirSync(join(extra, 'acme'), { recursive: true });
    // A second issuer, published under its own URL, with one valid and one expired credential.
    const key = await generateEd25519PrivateJwk();
    const verificationMethod = verificationMethodFor(key);
    const method = { id: verificationMethod, type: 'Multikey', controller: ISSUER_ID, publicKeyMultibase: verificationMethod.split('#')[1] };
    writeFileSync(join(extra, 'acme', 'index.json'), JSON.stringify({ id: ISSUER_ID, verificationMethod: [method], assertionMethod: [verificationMethod] }));
    const sign = (credential: Record<string, unknown>) => signDataIntegrity(credential, { privateKey: key, verificationMethod, created: '2024-06-01T12:00:00Z' });
    const write = (name: string, content: string): string => {
      const file = join(extra, name);
      writeFileSync(file, content);
      return file;
    };
    const ownValid = write('own-valid.json', JSON.stringify(await sign(sampleCredential(1))));
    const ownExpired = write('own-expired.json', JSON.stringify(await sign({ ...sampleCredential(2), validUntil: '2025-01-01T00:00:00Z' })));
    const ownTampered = write('own-tampered.json', JSON.stringify({ ...(await sign(sampleCredential(3))), name: 'Atelier soudure avancé' }));

    const good = badgeFiles.filter((f) => !revokedFiles.includes(f));
    const goodJson = good.find((f) => f.endsWith('.json') && readFileSync(f, 'utf8').includes('credentials/v2'))!;
    expect(readFileSync(goodJson, 'utf8')).toMatch(/"name":\s*"/);
    const diTampered = write('di-tampered.json', readFileSync(goodJson, 'utf8').replace(/"name":\s*"([^"]*)"/, '"name": "$1 (modifié)"'));
    // One OB 3.0 VC-JWT and one OB 2.0 signed assertion, each with a claim added after signing.
    const payloadOf = (file: string) => JSON.parse(Buffer.from(readFileSync(file, 'utf8').trim().split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const jwsKinds = [good.find((f) => f.endsWith('.jws') && 'credentialSubject' in payloadOf(f))!, good.find((f) => f.endsWith('.jws') && !('credentialSubject' in payloadOf(f)))!];
    const jwsTampered = jwsKinds.map((file, n) => {
      const [header, , signature] = readFileSync(file, 'utf8').trim().split('.');
      const payload = Buffer.from(JSON.stringify({ ...payloadOf(file), modified: true })).toString('base64url');
      return write(`jws-tampered-${n}.jws`, [header, payload, signature].join('.'));
    });

    // Bad files first, then the good ones and the revoked ones between them, then the same the other way round.
    const bad = [ownTampered, diTampered, ...jwsTampered, ownExpired, ...revokedFiles];
    const run = [...bad, ...good.slice(0, 16), ownValid, ...good.slice(16), ...bad.slice().reverse(), goodJson, ...jwsKinds];
    const options: VerifyFilesOptions = {
      sources: { didDocuments: [], prefixes: [{ prefix: ISSUER_ID, dir: join(extra, 'acme') }], siteDir: site },
      now: NOW,
    };
    const summary = (report: VerificationReport) => `${report.verified}|${report.checks.map((c) => `${c.id}=${c.ok}:${c.code ?? ''}:${c.message}`).join('|')}`;
    const alone: string[] = [];
    for (const file of run) alone.push(`${file} ${summary(await verifyOneFile(file, options, await resolverFromSources(options.sources)))}`);
    for (const pool of [{ threads: 1 }, { threads: 2, thisThread: false }, { threads: 2 }]) {
      const together: string[] = [];
      await verifyFiles(run, options, (file, report) => together.push(`${file} ${summary(report)}`), pool);
      expect(together).toEqual(alone);
    }
    const verdict = (file: string) => alone[run.indexOf(file)]!.split(' ')[1]!.split('|')[0];
    for (const file of [...bad]) expect(verdict(file), file).toBe('false');
    for (const file of [ownValid, goodJson, ...jwsKinds]) expect(verdict(file), file).toBe('true');
    expect(alone[run.indexOf(ownExpired)]).toMatch(/dates=false:ERR_EXPIRED/);
    expect(alone[run.indexOf(diTampered)]).toMatch(/proof=false:ERR_PROOF_INVALID/);
    expect(alone[run.indexOf(revokedFiles[0]!)]).toMatch(/status=false:ERR_REVOKED/);
  }, 120_000);
});

