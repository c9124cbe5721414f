// Issue 10 §4: `workspace backup` is the whole workspace, taken even while `issue` runs, and a
// restored workspace builds the same site and keeps every credential verifying.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupWorkspace, restoreWorkspace } from '../../main/services/workspace-backup.js';
import { badgesmith, repoRoot, tempDir, type CliRun } from './helpers.js';

const NOW = '2026-05-01T12:00:00Z';

function ok(run: CliRun): CliRun {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.status, run.stdout).toBe(0);
  return run;
}

function expectError(run: CliRun, code: string): void {
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(new RegExp(`^${code}: `));
}

/** Every file of a folder (relative path → bytes). */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      files.set(
        relative(dir, join(entry.parentPath, entry.name)),
        readFileSync(join(entry.parentPath, entry.name)),
      );
    }
  }
  return files;
}

/** verify --json lines, as file → outcome and the failing checks' codes. */
function outcomes(run: CliRun): Map<string, string> {
  const lines = run.stdout
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          file?: string;
          outcome?: string;
          checks?: { ok: boolean; code?: string }[];
        },
    );
  return new Map(
    lines
      .filter((line) => line.file !== undefined)
      .map((line) => [
        line.file as string,
        `${line.outcome} ${(line.checks ?? [])
          .filter((check) => !check.ok)
          .map((check) => check.code)
          .join(',')}`,
      ]),
  );
}

describe('workspace backup and restore (built CLI)', () => {
  it('demo → backup → computer lost → restore elsewhere: the site is byte-identical and every credential verifies as before', () => {
    const root = tempDir('bs-backup-demo-');
    const env = { BADGESMITH_PASSPHRASE: 'demo', BADGESMITH_NOW: NOW };
    ok(badgesmith(['demo', '--out', join(root, 'demo')], { env }));
    const site = (workspace: string, out: string, issued: string) =>
      ok(
        badgesmith(['site', 'build', '--workspace', workspace, '--out', out, '--issued', issued], {
          env,
        }),
      );
    site(
      join(root, 'demo', 'workspace'),
      join(root, 'site-original'),
      join(root, 'demo', 'credentials'),
    );

    // Paths relative to the user's folder, as a volunteer types them.
    const backupArgs = [
      'workspace',
      'backup',
      '--out',
      'usb/randonneurs.bsw',
      '--workspace',
      'demo/workspace',
    ];
    expect(ok(badgesmith(backupArgs, { env, cwd: root })).stdout).toContain('workspace restore');
    expect(statSync(join(root, 'usb', 'randonneurs.bsw')).mode & 0o777).toBe(0o600);
    expectError(badgesmith(backupArgs, { env, cwd: root }), 'ERR_FILE_EXISTS');

    // The workspace and the issued files are gone; only the backup file and the published site remain.
    renameSync(join(root, 'demo'), join(root, 'lost'));
    const restoreArgs = ['workspace', 'restore', 'usb/randonneurs.bsw', '--workspace', 'new/ws'];
    const restored = JSON.parse(
      ok(badgesmith([...restoreArgs, '--json'], { env, cwd: root })).stdout,
    ) as {
      workspaceDir: string;
      issuedDir: string;
      counts: { credentials: number; revoked: number };
    };
    expect(restored.workspaceDir).toBe(join(root, 'new', 'ws'));
    expect(restored.counts.revoked).toBe(1);
    expectError(badgesmith(restoreArgs, { env, cwd: root }), 'ERR_WORKSPACE_EXISTS');
    expectError(
      badgesmith(['workspace', 'restore', 'usb/randonneurs.bsw'], { env, cwd: root }),
      'ERR_USAGE',
    );

    site(restored.workspaceDir, join(root, 'site-restored'), restored.issuedDir);
    const original = tree(join(root, 'site-original'));
    const rebuilt = tree(join(root, 'site-restored'));
    expect(original.size).toBeGreaterThan(50);
    expect([...rebuilt.keys()].sort()).toEqual([...original.keys()].sort());
    expect(
      [...original]
        .filter(([path, bytes]) => !rebuilt.get(path)?.equals(bytes))
        .map(([path]) => path),
    ).toEqual([]);

    // Every credential verifies against the restored workspace's site exactly as against the original's.
    const credentials = join(root, 'lost', 'credentials');
    const before = outcomes(
      badgesmith(['verify', credentials, '--site', join(root, 'site-original'), '--json'], { env }),
    );
    const after = outcomes(
      badgesmith(['verify', credentials, '--site', join(root, 'site-restored'), '--json'], { env }),
    );
    expect(after).toEqual(before);
    const verified = [...after.values()].filter((outcome) => outcome.startsWith('verified'));
    expect(verified.length).toBeGreaterThanOrEqual(
      restored.counts.credentials - restored.counts.revoked,
    );
    expect(
      [...after.values()]
        .filter((outcome) => !outcome.startsWith('verified'))
        .every((outcome) => outcome.includes('REVOKED')),
    ).toBe(true);
  }, 300_000);

  it('a backup taken while `issue` runs restores a consistent workspace, which finishes the run', async () => {
    const root = tempDir('bs-backup-issue-');
    const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: NOW };
    const workspace = join(root, 'ws');
    ok(
      badgesmith(
        [
          'init',
          '--name',
          'Club',
          '--url',
          'https://club.example.org',
          '--site-url',
          'https://badges.example.org/club',
          '--workspace',
          workspace,
          '--json',
        ],
        { env },
      ),
    );
    ok(
      badgesmith(
        [
          'badge',
          'add',
          '--name',
          'Secourisme',
          '--description',
          'PSC1',
          '--criteria',
          'Formation suivie',
          '--workspace',
          workspace,
          '--json',
        ],
        { env },
      ),
    );
    const rows = 600;
    const csv = join(root, 'people.csv');
    writeFileSync(
      csv,
      `email,name\n${Array.from({ length: rows }, (_, i) => `p${i}@example.org,Personne ${i}`).join('\n')}\n`,
    );
    const args = [
      'issue',
      '--badge',
      'secourisme',
      '--csv',
      csv,
      '--format',
      'ob3-di,ob3-jwt',
      '--bake',
      'none',
      '--workspace',
      workspace,
      '--json',
    ];

    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/badgesmith.js'), ...args, '--out', join(root, 'out')],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let running = true;
    void exited.then(() => (running = false));

    // Snapshots one after another, from the first reserved row for as long as the run lasts.
    const watch = new Database(join(workspace, 'badgesmith.db'), { readonly: true });
    while (
      running &&
      (watch.prepare('SELECT count(*) AS n FROM issuances').get() as { n: number }).n === 0
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    watch.close();
    const backups: string[] = [];
    while (running && backups.length < 4) {
      const outFile = join(root, `during-${backups.length}.bsw`);
      await backupWorkspace({
        workspaceDir: workspace,
        outFile,
        passphrase: env.BADGESMITH_PASSPHRASE,
        cost: { N: 2 ** 10 },
      });
      backups.push(outFile);
    }
    expect(await exited, stderr).toBe(0);
    expect(backups.length).toBeGreaterThan(0);

    const final = new Database(join(workspace, 'badgesmith.db'), { readonly: true });
    const finalRows = new Map(
      (
        final
          .prepare(
            'SELECT id, credential_id, status_list, status_index, award_id, state, files FROM issuances',
          )
          .all() as Record<string, unknown>[]
      ).map((row) => [row.id, row]),
    );
    final.close();
    expect(finalRows.size).toBe(rows * 2);

    const partial: string[] = [];
    for (const [index, backup] of backups.entries()) {
      const target = join(root, `restored-${index}`);
      await restoreWorkspace({
        backupFile: backup,
        targetDir: target,
        passphrase: env.BADGESMITH_PASSPHRASE,
      });
      const db = new Database(join(target, 'badgesmith.db'), { readonly: true });
      // A row's two formats are reserved together, under one award; a done credential has its files recorded.
      const groups = db
        .prepare(
          'SELECT count(*) AS n, count(DISTINCT format) AS formats, count(DISTINCT award_id) AS awards FROM issuances GROUP BY batch_id, row_key',
        )
        .all() as Record<string, number>[];
      expect(
        groups.every((group) => group.n === 2 && group.formats === 2 && group.awards === 1),
      ).toBe(true);
      const snapshot = db
        .prepare(
          'SELECT id, credential_id, status_list, status_index, award_id, state, files FROM issuances',
        )
        .all() as Record<string, unknown>[];
      db.close();
      for (const row of snapshot) {
        const later = finalRows.get(row.id);
        // Every row in the snapshot is the very row the run went on with: same ids and status index.
        expect({ ...later, state: row.state, files: row.files }).toEqual(row);
        if (row.state === 'done') expect(later?.files).toEqual(row.files);
        else expect(row.files).toBe('[]');
      }
      const done = snapshot.filter((row) => row.state === 'done').length;
      if (snapshot.length > 0 && done < rows * 2) partial.push(target);
    }
    expect(partial.length, 'no snapshot was taken in the middle of the run').toBeGreaterThan(0);

    // A workspace restored from the middle of the run finishes it: nothing issued twice, nothing lost.
    const resumed = partial[0] as string;
    const summary = JSON.parse(
      ok(
        badgesmith(
          [
            ...args.slice(0, -3),
            '--workspace',
            resumed,
            '--json',
            '--out',
            join(root, 'out-resumed'),
          ],
          { env },
        ),
      ).stdout,
    ) as { issued: number; alreadyIssued: number };
    expect(summary.issued + summary.alreadyIssued).toBe(rows);
    const db = new Database(join(resumed, 'badgesmith.db'), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM issuances WHERE state = 'done'").get()).toEqual({
      n: rows * 2,
    });
    db.close();
  }, 300_000);
});
