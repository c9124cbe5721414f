import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/services/workspace.js';
import { badgesmith, repoRoot, tempDir, type CliRun } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };
const FORMATS = 'ob3-di,ob3-jwt';
const ROWS = 300;

function json<T = Record<string, unknown>>(run: CliRun): T {
  expect(run.stderr, run.stderr).toBe('');
  return JSON.parse(run.stdout) as T;
}

function setUp(root: string, name: string): string {
  const ws = join(root, name);
  const init = badgesmith(['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws, '--json'], { env });
  expect(init.status, init.stderr).toBe(0);
  const add = badgesmith(['badge', 'add', '--name', 'Secourisme', '--description', 'Gestes qui sauvent.', '--criteria', 'Présence.', '--workspace', ws, '--json'], { env });
  expect(add.status, add.stderr).toBe(0);
  return ws;
}

interface Snapshot {
  /** row key + format → credential id */
  ids: Map<string, string>;
  done: number;
  files: { path: string; sha256: string }[];
}

function snapshot(ws: string): Snapshot {
  const workspace = openWorkspace(ws);
  try {
    const rows = workspace.db.prepare('SELECT row_key, format, credential_id, state, files FROM issuances').all() as {
      row_key: string;
      format: string;
      credential_id: string;
      state: string;
      files: string;
    }[];
    return {
      ids: new Map(rows.map((r) => [`${r.row_key}/${r.format}`, r.credential_id])),
      done: rows.filter((r) => r.state === 'done').length,
      files: rows.flatMap((r) => JSON.parse(r.files) as { path: string; sha256: string }[]),
    };
  } finally {
    workspace.close();
  }
}

/** Starts `issue` as a child process and kills it with SIGKILL at the chosen moment. */
function issueAndKill(args: string[], when: { afterMs?: number; onStderr?: RegExp }): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/badgesmith.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    if (when.afterMs !== undefined) setTimeout(kill, when.afterMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (when.onStderr?.test(stderr)) kill();
    });
    child.on('exit', () => resolve(stderr));
  });
}

describe('issue, credentials list, revoke (built CLI)', () => {
  const root = tempDir('bs-issue-cli-');
  const csv = join(root, 'participants.csv');
  let reference: Snapshot;
  let ws: string;

  beforeAll(() => {
    const lines = ['E-mail,Nom,issued_on'];
    for (let i = 0; i < ROWS; i++) lines.push(`personne.${i}@example.org,Personne ${i},2026-04-01`);
    writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
    ws = setUp(root, 'ws');
    const refWs = setUp(root, 'reference');
    const run = badgesmith(['issue', '--badge', 'secourisme', '--csv', csv, '--format', FORMATS, '--bake', 'png,svg', '--out', join(root, 'ref-out'), '--workspace', refWs, '--json'], { env });
    expect(run.status, run.stderr).toBe(0);
    reference = snapshot(refWs);
  }, 120_000);

  it('survives kill -9 at several moments: same credential ids, no duplicates, every file complete', async () => {
    const out = join(root, 'out');
    const args = ['issue', '--badge', 'secourisme', '--csv', csv, '--format', FORMATS, '--bake', 'png,svg', '--out', out, '--workspace', ws];
    const seen = new Map<string, string>();
    const partial: number[] = [];
    for (const moment of [{ onStderr: /\d+\/300 rows/ }, { afterMs: 900 }, { afterMs: 1500 }, { afterMs: 600 }]) {
      await issueAndKill(args, moment);
      const state = snapshot(ws);
      partial.push(state.done);
      for (const [key, id] of state.ids) {
        if (seen.has(key)) expect(id).toBe(seen.get(key));
        seen.set(key, id);
      }
    }
    const final = badgesmith([...args, '--json'], { env });
    expect(final.status, final.stderr).toBe(0);
    const summary = JSON.parse(final.stdout) as { issued: number; alreadyIssued: number; rejected: number };
    expect(summary.issued + summary.alreadyIssued).toBe(ROWS);
    expect(summary.rejected).toBe(0);

    const state = snapshot(ws);
    expect(partial.some((done) => done > 0 && done < ROWS * 2), `done after each kill: ${partial.join(', ')}`).toBe(true);
    expect(state.done).toBe(ROWS * 2);
    expect([...state.ids.keys()].sort()).toEqual([...reference.ids.keys()].sort());
    for (const [key, id] of seen) expect(state.ids.get(key)).toBe(id);
    expect(new Set(state.ids.values()).size).toBe(ROWS * 2);
    for (const file of state.files) expect(createHash('sha256').update(readFileSync(file.path)).digest('hex')).toBe(file.sha256);
    const onDisk = readdirSync(join(out, 'secourisme')).filter((name) => name !== 'report.json').map((name) => join(out, 'secourisme', name));
    expect(onDisk.sort()).toEqual(state.files.map((f) => f.path).sort());

    const again = json<{ issued: number; alreadyIssued: number }>(badgesmith([...args, '--json'], { env }));
    expect(again).toMatchObject({ issued: 0, alreadyIssued: ROWS });
    const text = badgesmith(args, { env });
    expect(text.stdout).toContain('Nothing new to issue');
  }, 180_000);

  it('restores, byte for byte, the files of issued credentials that went missing or were damaged', () => {
    const out = join(root, 'out');
    const args = ['issue', '--badge', 'secourisme', '--csv', csv, '--format', FORMATS, '--bake', 'png,svg', '--out', out, '--workspace', ws];
    const files = snapshot(ws).files.map((file) => file.path);
    const pick = (suffix: string, skip: number) => files.filter((path) => path.endsWith(suffix))[skip]!;
    const damaged = [pick('.json', 0), pick('.png', 5), pick('.svg', 9), pick('.jws', 12)];
    const originals = new Map(damaged.map((path) => [path, readFileSync(path)]));
    rmSync(damaged[0]!);
    writeFileSync(damaged[1]!, '');
    writeFileSync(damaged[2]!, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const jws = readFileSync(damaged[3]!, 'utf8');
    writeFileSync(damaged[3]!, `${jws.slice(0, -10)}AAAAAAAAAA`);

    const run = json<{ issued: number; alreadyIssued: number; restored: number; credentials: number; report: string }>(badgesmith([...args, '--json'], { env }));
    expect(run).toMatchObject({ issued: 0, alreadyIssued: ROWS, restored: 4, credentials: 0 });
    for (const [path, bytes] of originals) expect(readFileSync(path).equals(bytes), path).toBe(true);
    const report = JSON.parse(readFileSync(run.report, 'utf8')) as { rows: { status: string; restored?: boolean }[] };
    expect(report.rows.filter((row) => row.restored).length).toBe(4);
    expect(report.rows.every((row) => row.status === 'already-issued')).toBe(true);

    rmSync(damaged[0]!);
    const text = badgesmith(args, { env });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Nothing new to issue');
    expect(text.stdout).toContain('1 person had missing or damaged files (1 credential); they were written again, identical to the originals.');
    expect(readFileSync(damaged[0]!).equals(originals.get(damaged[0]!)!)).toBe(true);

    // After a change to the badge class, the same bytes cannot come out: nothing is written, and it is said.
    const badgeUpdate = (description: string) => badgesmith(['badge', 'update', 'secourisme', '--description', description, '--workspace', ws, '--json'], { env });
    expect(badgeUpdate('Gestes qui sauvent, édition 2.').status).toBe(0);
    rmSync(damaged[0]!);
    const refused = badgesmith([...args, '--json'], { env });
    expect(refused.status).toBe(1);
    const refusedSummary = JSON.parse(refused.stdout) as { restored: number; notRestored: number; report: string };
    expect(refusedSummary).toMatchObject({ restored: 0, notRestored: 1 });
    const problems = (JSON.parse(readFileSync(refusedSummary.report, 'utf8')) as { rows: { problems?: { code: string }[] }[] }).rows.flatMap((row) => row.problems ?? []);
    expect(problems.map((problem) => problem.code)).toEqual(['ERR_RESTORE_NOT_IDENTICAL']);
    expect(existsSync(damaged[0]!)).toBe(false);
    expect(badgesmith(args, { env }).stdout).toContain('cannot be written again identically');
    expect(badgeUpdate('Gestes qui sauvent.').status).toBe(0);
    expect(json<{ restored: number }>(badgesmith([...args, '--json'], { env })).restored).toBe(1);
    expect(readFileSync(damaged[0]!).equals(originals.get(damaged[0]!)!)).toBe(true);

    const elsewhere = json<{ restored: number; report: string }>(badgesmith([...args.slice(0, -3), join(root, 'other-out'), '--workspace', ws, '--json'], { env }));
    expect(elsewhere.restored).toBe(0);
    const paths = (JSON.parse(readFileSync(elsewhere.report, 'utf8')) as { rows: { credentials: { files: string[] }[] }[] }).rows[0]!.credentials[0]!.files;
    expect(paths.every((path) => path.startsWith(join(out, 'secourisme')))).toBe(true);
  }, 120_000);

  it('reports bad rows with line numbers and exits 1; unknown badge or format is a usage error', () => {
    const bad = join(root, 'bad.csv');
    writeFileSync(bad, 'courriel;nom;téléphone\nok@example.org;Ok;1\nnope;Non;2\n');
    const run = badgesmith(['issue', '--badge', 'secourisme', '--csv', bad, '--out', join(root, 'bad-out'), '--workspace', ws, '--json'], { env });
    expect(run.status).toBe(1);
    const summary = JSON.parse(run.stdout) as { issued: number; rejected: number; warnings: { line: number; code: string }[]; report: string };
    expect(summary).toMatchObject({ issued: 1, rejected: 1, warnings: [{ line: 1, code: 'ERR_CSV_UNKNOWN_COLUMN' }] });
    const report = JSON.parse(readFileSync(summary.report, 'utf8')) as { rows: { line: number; status: string }[] };
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'issued'],
      [3, 'rejected'],
    ]);
    const unknown = badgesmith(['issue', '--badge', 'nope', '--csv', bad, '--out', root, '--workspace', ws], { env });
    expect(unknown.stderr).toMatch(/^ERR_BADGE_NOT_FOUND: /);
    expect(unknown.status).toBe(2);
    const format = badgesmith(['issue', '--badge', 'secourisme', '--csv', bad, '--format', 'ob4', '--out', root, '--workspace', ws], { env });
    expect(format.stderr).toMatch(/^ERR_USAGE: /);
  });

  it('lists credentials and revokes one (once)', () => {
    const list = json<{ credentials: { id: string; format: string; revoked: boolean; recipient: { email: string } }[] }>(
      badgesmith(['credentials', 'list', '--badge', 'secourisme', '--workspace', ws, '--json'], { env }),
    );
    expect(list.credentials.length).toBe(ROWS * 2 + 1);
    const target = list.credentials.find((c) => c.format === 'ob3-di')!;
    const revoked = json(badgesmith(['revoke', '--credential', target.id, '--reason', 'Erreur de saisie', '--workspace', ws, '--json'], { env }));
    expect(revoked).toMatchObject({ revoked: true, changed: true, reason: 'Erreur de saisie', publishedBy: 'status-list' });
    const twice = badgesmith(['revoke', '--credential', target.id, '--workspace', ws], { env });
    expect(twice.stdout).toContain('already revoked');
    const missing = badgesmith(['revoke', '--credential', 'urn:uuid:0', '--workspace', ws], { env });
    expect(missing.stderr).toMatch(/^ERR_CREDENTIAL_NOT_FOUND: /);
    const after = json<{ credentials: { id: string; revoked: boolean }[] }>(badgesmith(['credentials', 'list', '--workspace', ws, '--json'], { env }));
    expect(after.credentials.filter((c) => c.revoked).map((c) => c.id)).toEqual([target.id]);
  });
});

describe('demo and endorsements (built CLI)', () => {
  const root = tempDir('bs-demo-cli-');
  const dir = join(root, 'demo');
  let result: { workspace: string; credentials: string; site: string; passphrase: string; revoked: { id: string }; issued: { credentials: number }[] };

  beforeAll(() => {
    const run = badgesmith(['demo', '--out', dir, '--json'], { env: { BADGESMITH_NOW: '2026-05-01T12:00:00Z' } });
    expect(run.status, run.stderr).toBe(0);
    result = JSON.parse(run.stdout) as typeof result;
  }, 120_000);

  it('builds every format with baked images; all verify against the site except the revoked one', () => {
    expect(result.passphrase).toBe('demo');
    expect(result.issued.reduce((sum, s) => sum + s.credentials, 0)).toBe(22);
    const outcomes = new Map<string, number>();
    const images = readdirSync(join(result.credentials, 'premiers-secours')).filter((name) => /\.(png|svg)$/.test(name));
    expect(images).toHaveLength(40);
    for (const name of images.filter((n) => n.endsWith('.png') || n.startsWith(result.revoked.id))) {
      const report = JSON.parse(badgesmith(['verify', join(result.credentials, 'premiers-secours', name), '--site', result.site, '--now', '2026-05-02T00:00:00Z', '--json']).stdout) as {
        verified: boolean;
        format: string;
        checks: { id: string; ok: boolean }[];
      };
      const key = `${report.format}:${report.verified}:${report.checks.filter((c) => !c.ok).map((c) => c.id).join(',')}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      expect(report.verified).toBe(!name.startsWith(result.revoked.id));
    }
    expect(outcomes.get('ob3-di:false:status')).toBe(2);
    const list = json<{ credentials: { revoked: boolean; recipient: { name: string } }[] }>(
      badgesmith(['credentials', 'list', '--workspace', result.workspace, '--json'], { env: { BADGESMITH_PASSPHRASE: 'demo' } }),
    );
    expect(list.credentials.filter((c) => c.revoked)).toHaveLength(1);
    expect(list.credentials.map((c) => c.recipient.name)).toContain('Élodie Lefèvre');
    expect(badgesmith(['demo', '--out', dir]).stderr).toMatch(/^ERR_DEMO_NOT_EMPTY: /);
  }, 240_000);

  it('endorses a badge; the endorsement is embedded in credentials issued afterwards; received ones are checked', () => {
    const demoEnv = { BADGESMITH_PASSPHRASE: 'demo', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };
    const endorsed = json<{ id: string; subjectType: string; credential: { proof: unknown[]; credentialSubject: { id: string } } }>(
      badgesmith(['endorse', '--badge', 'guide-benevole', '--comment', 'Encadrement exemplaire.', '--workspace', result.workspace, '--json'], { env: demoEnv }),
    );
    expect(endorsed.subjectType).toBe('badge');
    expect(endorsed.credential.proof).toHaveLength(1);
    expect(badgesmith(['endorse', '--badge', 'guide-benevole', '--by', 'did:web:someone.else', '--comment', 'x', '--workspace', result.workspace], { env: demoEnv }).stderr).toMatch(
      /^ERR_ENDORSER_UNKNOWN: /,
    );
    const csv = join(root, 'new.csv');
    writeFileSync(csv, 'email\nnouvelle.guide@example.org\n');
    const issued = json<{ report: string }>(
      badgesmith(['issue', '--badge', 'guide-benevole', '--csv', csv, '--bake', 'none', '--out', join(root, 'new-out'), '--workspace', result.workspace, '--json'], { env: demoEnv }),
    );
    const report = JSON.parse(readFileSync(issued.report, 'utf8')) as { rows: { credentials: { files: string[] }[] }[] };
    const file = join(root, 'new-out', report.rows[0]!.credentials[0]!.files[0]!);
    const credential = JSON.parse(readFileSync(file, 'utf8')) as { credentialSubject: { achievement: { endorsement: { id: string }[] } } };
    expect(credential.credentialSubject.achievement.endorsement.map((e) => e.id)).toContain(endorsed.id);

    const received = join(root, 'received.json');
    writeFileSync(received, JSON.stringify({ ...endorsed.credential, proof: undefined }));
    expect(badgesmith(['badge', 'endorse', 'guide-benevole', '--file', received, '--workspace', result.workspace], { env: demoEnv }).stderr).toMatch(/^ERR_ENDORSEMENT_UNSIGNED: /);
    writeFileSync(received, JSON.stringify(endorsed.credential));
    expect(badgesmith(['badge', 'endorse', 'premiers-secours', '--file', received, '--workspace', result.workspace], { env: demoEnv }).stderr).toMatch(/^ERR_ENDORSEMENT_SUBJECT: /);
    const attached = json<{ endorsements: number }>(badgesmith(['badge', 'endorse', 'guide-benevole', '--file', received, '--workspace', result.workspace, '--json'], { env: demoEnv }));
    expect(attached.endorsements).toBe(1);
  });
});
