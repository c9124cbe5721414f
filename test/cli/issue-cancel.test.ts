// Ctrl+C in `badgesmith issue` cancels like the app's Cancel button: the rows being signed finish,
// the command says how to resume, and running it again issues the rest exactly once.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, repoRoot, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };

describe('issue: Ctrl+C and --column (built CLI)', () => {
  const root = tempDir('bs-issue-cancel-cli-');
  const ws = join(root, 'ws');

  beforeAll(() => {
    const init = badgesmith(
      [
        'init',
        '--name',
        'Amicale',
        '--url',
        'https://amicale.example.org',
        '--site-url',
        'https://badges.example.org/amicale',
        '--workspace',
        ws,
      ],
      { env },
    );
    expect(init.status, init.stderr).toBe(0);
    const add = badgesmith(
      [
        'badge',
        'add',
        '--name',
        'Secourisme',
        '--description',
        'Gestes.',
        '--criteria',
        'Présence.',
        '--workspace',
        ws,
      ],
      { env },
    );
    expect(add.status, add.stderr).toBe(0);
  }, 60_000);

  it('cancels on SIGINT, prints how to resume, and the same command then issues every row exactly once', async () => {
    const csv = join(root, 'big.csv');
    const rows = 1500;
    writeFileSync(
      csv,
      `email,name\n${Array.from({ length: rows }, (_, i) => `p.${i}@example.org,P ${i}`).join('\n')}\n`,
    );
    const args = [
      'issue',
      '--badge',
      'secourisme',
      '--csv',
      csv,
      '--format',
      'ob3-di',
      '--bake',
      'none',
      '--out',
      join(root, 'out'),
      '--workspace',
      ws,
    ];
    const first = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn(process.execPath, [join(repoRoot, 'bin/badgesmith.js'), ...args], {
          env: { PATH: process.env.PATH ?? '', ...env },
        });
        let stdout = '';
        let stderr = '';
        let sent = false;
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (!sent && /(?:^|\s)[1-9]\d*\/1500 rows/m.test(stderr)) {
            sent = true;
            child.kill('SIGINT');
          }
        });
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(first.stderr).toContain('Cancelling');
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/^Cancelled after \d+ rows?/);
    expect(first.stdout).toContain('run the same command again');
    expect(first.stdout).toContain(`--csv ${csv}`);
    const done = Number(/issued to (\d+) (?:people|person)/.exec(first.stdout)?.[1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(rows);

    const again = badgesmith([...args, '--json'], { env });
    expect(again.status, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as {
      issued: number;
      alreadyIssued: number;
      cancelled: boolean;
    };
    expect(summary).toMatchObject({ cancelled: false, alreadyIssued: done, issued: rows - done });
    const db = new Database(join(ws, 'badgesmith.db'), { readonly: true });
    const counts = db
      .prepare(
        "SELECT COUNT(*) AS credentials, COUNT(DISTINCT row_key) AS people, SUM(state = 'done') AS done FROM issuances",
      )
      .get();
    db.close();
    expect(counts).toEqual({ credentials: rows, people: rows, done: rows });
  }, 120_000);

  it('reads a header it does not recognise with --column FIELD=HEADER', () => {
    const csv = join(root, 'odd.csv');
    writeFileSync(csv, 'Contact;Qui\nada@example.org;Ada\n');
    const base = [
      'issue',
      '--badge',
      'secourisme',
      '--csv',
      csv,
      '--bake',
      'none',
      '--out',
      join(root, 'out-odd'),
      '--workspace',
      ws,
    ];
    const refused = badgesmith(base, { env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^ERR_CSV_NO_RECIPIENT_COLUMN: /m);
    const bad = badgesmith([...base, '--column', 'phone=Qui'], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^ERR_USAGE: /m);
    const missing = badgesmith([...base, '--column', 'email=Courriel'], { env });
    expect(missing.stderr).toMatch(/^ERR_CSV_COLUMN_NOT_FOUND: /m);
    const ok = badgesmith([...base, '--column', 'email=contact', '--column', 'name=#2', '--json'], {
      env,
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ issued: 1, rejected: 0 });
  }, 60_000);

  it('csv preview shows the columns and every rejected row, and takes the same --column flags', () => {
    const csv = join(root, 'preview.csv');
    writeFileSync(csv, 'Contact;Qui\nada@example.org;Ada\nnope;Bob\n');
    const unmapped = badgesmith(['csv', 'preview', csv], { env });
    expect(unmapped.status).toBe(1);
    expect(unmapped.stdout).toContain('No column holds the e-mail address');
    const mapped = badgesmith(['csv', 'preview', csv, '--column', 'email=Contact', '--json'], {
      env,
    });
    expect(mapped.status).toBe(1);
    expect(JSON.parse(mapped.stdout)).toMatchObject({
      recognised: true,
      valid: 1,
      rejectedTotal: 1,
      rejected: [{ line: 3, problems: [{ code: 'ERR_CSV_EMAIL_INVALID' }] }],
    });
  });
});
