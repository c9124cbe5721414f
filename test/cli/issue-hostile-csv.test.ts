import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, repoRoot, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };
const corpus = join(repoRoot, 'test/fixtures/hostile-csv');

interface Summary {
  issued: number;
  alreadyIssued: number;
  rejected: number;
  report: string;
}
interface Report {
  rows: { line: number; status: string; email: string | null; credentials: { files: string[] }[]; problems?: { code: string; message: string }[] }[];
}

describe('issue with hostile CSVs (built CLI): one bad row never sinks the batch', () => {
  const root = tempDir('bs-issue-hostile-');
  const ws = join(root, 'ws');
  const out = join(root, 'out');

  beforeAll(() => {
    const init = badgesmith(['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws], { env });
    expect(init.status, init.stderr).toBe(0);
    const add = badgesmith(['badge', 'add', '--name', 'Secourisme', '--description', 'Gestes qui sauvent.', '--criteria', 'Présence.', '--workspace', ws], { env });
    expect(add.status, add.stderr).toBe(0);
  });

  function issue(csv: string, formats = 'ob3-di,ob3-jwt,ob2-hosted,ob2-signed'): { status: number; summary: Summary; report: Report; stderr: string } {
    const run = badgesmith(['issue', '--badge', 'secourisme', '--csv', csv, '--format', formats, '--out', out, '--workspace', ws, '--json'], { env });
    expect(run.stderr).not.toMatch(/ERR_INTERNAL|ERR_CREDENTIAL_INVALID|at .*\.js:\d+/);
    const summary = JSON.parse(run.stdout) as Summary;
    return { status: run.status, summary, report: JSON.parse(readFileSync(summary.report, 'utf8')) as Report, stderr: run.stderr };
  }

  it('issues every valid row when evidence addresses hold spaces, quotes or angle brackets (first row included)', () => {
    const csv = join(root, 'evidence-first.csv');
    writeFileSync(csv, 'email,evidence_url\nfirst@example.org,https://example.org/a b\nsecond@example.org,https://example.org/ok\nthird@example.org,https://example.org/<x>\n');
    const first = issue(csv);
    expect(first.status).toBe(1);
    expect(first.summary).toMatchObject({ issued: 1, rejected: 2 });
    expect(first.report.rows.map((row) => [row.line, row.status, row.problems?.[0]?.code ?? null])).toEqual([
      [2, 'rejected', 'ERR_CSV_EVIDENCE_INVALID'],
      [3, 'issued', null],
      [4, 'rejected', 'ERR_CSV_EVIDENCE_INVALID'],
    ]);
    // One credential per format for the valid row, its evidence in it.
    const credentials = first.report.rows[1]!.credentials;
    expect(credentials).toHaveLength(4);
    const ob3 = JSON.parse(readFileSync(join(out, credentials[0]!.files.find((f) => f.endsWith('.json'))!), 'utf8')) as { evidence?: { id: string }[] };
    expect(ob3.evidence).toEqual([{ type: ['Evidence'], id: 'https://example.org/ok' }]);

    const corpusRun = issue(join(corpus, 'evidence-urls.csv'));
    expect(corpusRun.summary).toMatchObject({ issued: 2, rejected: 10 });
    expect(corpusRun.report.rows.filter((row) => row.status === 'rejected').map((row) => row.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Running the same file again issues nothing twice and still rejects the same rows.
    const again = issue(join(corpus, 'evidence-urls.csv'));
    expect(again.summary).toMatchObject({ issued: 0, alreadyIssued: 2, rejected: 10 });
  }, 120_000);

  it('reads stray quotes, unclosed quotes and mixed line endings row by row', () => {
    const stray = issue(join(corpus, 'stray-quotes.csv'), 'ob3-di');
    expect(stray.status).toBe(0);
    expect(stray.summary).toMatchObject({ issued: 5, rejected: 0 });
    const unclosed = issue(join(corpus, 'unclosed-quote.csv'), 'ob3-di');
    expect(unclosed.summary).toMatchObject({ issued: 2, rejected: 1 });
    expect(unclosed.report.rows[0]).toMatchObject({ line: 2, status: 'rejected', problems: [{ code: 'ERR_CSV_QUOTE_NOT_CLOSED' }] });
    const mixed = issue(join(corpus, 'mixed-line-endings.csv'), 'ob3-di');
    expect(mixed.summary).toMatchObject({ issued: 4, rejected: 0 });
    expect(mixed.report.rows.map((row) => row.email)).toEqual(['m1@example.org', 'm2@example.org', 'm3@example.org', 'm4@example.org']);
  }, 120_000);

  it('gives e-mail look-alikes one badge, and rejects control characters in names with their line', () => {
    const lookalikes = issue(join(corpus, 'lookalikes.csv'), 'ob3-di,ob2-hosted');
    expect(lookalikes.summary).toMatchObject({ issued: 4, rejected: 8 });
    expect(lookalikes.report.rows.filter((row) => row.status === 'issued').map((row) => row.email)).toEqual([
      'look@example.org',
      'café@example.org',
      'user@xn--bcher-kva.example',
      'user@example.org',
    ]);
    const control = issue(join(corpus, 'control-characters.csv'), 'ob3-di');
    expect(control.report.rows.filter((row) => row.status === 'rejected').map((row) => [row.line, row.problems![0]!.code])).toEqual([
      [4, 'ERR_CSV_TEXT_INVALID'],
      [5, 'ERR_CSV_TEXT_INVALID'],
      [6, 'ERR_CSV_TEXT_INVALID'],
      [7, 'ERR_CSV_TEXT_INVALID'],
      [9, 'ERR_CSV_EMAIL_INVALID'],
      [10, 'ERR_CSV_TEXT_INVALID'],
    ]);
  }, 120_000);

  it('issues the rest of every corpus file: exit 0 or 1, never a usage or internal error', () => {
    for (const name of ['binary-garbage.csv', 'quotes-only.csv', 'french-bom-semicolon-cr.csv']) {
      const run = issue(join(corpus, name), 'ob3-di');
      expect([0, 1], name).toContain(run.status);
    }
  }, 120_000);

  it('rejects a row over the size limit with ERR_CSV_RECORD_TOO_LARGE and its line, issues the rest, leaves no temp file', () => {
    const csv = join(root, 'huge.csv');
    writeFileSync(csv, `email,narrative\nbig@example.org,${'x'.repeat(2_000_000)}\nafter-big@example.org,ok\n`);
    const run = issue(csv, 'ob3-di');
    expect(run.summary).toMatchObject({ issued: 1, rejected: 1 });
    expect(run.report.rows[0]).toMatchObject({ line: 2, status: 'rejected', problems: [{ code: 'ERR_CSV_RECORD_TOO_LARGE', message: expect.stringContaining('line 2') }] });
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
