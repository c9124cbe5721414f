import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, repoRoot, tempDir, type CliRun } from './helpers.js';

interface AwardJson {
  id: string;
  badge: { id: string; name: string };
  recipient: { email: string | null; name: string | null };
  formats: string[];
  status: string;
  revocationReason: string | null;
  credentials: { id: string; format: string; revoked: boolean }[];
}

function json<T>(run: CliRun): T {
  expect(run.stderr, run.stderr).toBe('');
  return JSON.parse(run.stdout) as T;
}

describe('people and awards from the command line (built CLI)', () => {
  const dir = tempDir('bs-awards-cli-');
  const env = { BADGESMITH_WORKSPACE: join(dir, 'ws'), BADGESMITH_PASSPHRASE: 'pw', BADGESMITH_NOW: '2026-05-01T10:00:00Z' };
  const run = (args: string[]) => badgesmith(args, { env, cwd: dir });
  const awards = (args: string[] = []) => json<{ awards: AwardJson[]; credentials: { id: string; award: string }[] }>(run(['credentials', 'list', '--json', ...args])).awards;
  let firstIssue: CliRun;

  beforeAll(() => {
    expect(run(['init', '--name', 'Club', '--url', 'https://club.example.org/', '--site-url', 'https://badges.example.org/club/']).status).toBe(0);
    expect(run(['badge', 'add', '--id', 'atelier', '--name', 'Atelier vélo', '--description', 'Atelier', '--criteria', 'Avoir réparé un vélo']).status).toBe(0);
    expect(run(['badge', 'add', '--id', 'guide', '--name', 'Guide', '--description', 'Guide', '--criteria', 'Avoir guidé']).status).toBe(0);
    writeFileSync(join(dir, 'atelier.csv'), 'Courriel;Nom\nana@example.org;Ana Müller\nbob@example.org;Bob\n@SUM(1);Pas un courriel\ncelia@example.org;Célia\n');
    firstIssue = run(['issue', '--badge', 'atelier', '--csv', 'atelier.csv', '--format', 'ob3-di,ob2-hosted', '--bake', 'none', '--out', 'issued']);
    writeFileSync(join(dir, 'guide.csv'), 'email\nana@example.org\n');
    expect(run(['issue', '--badge', 'guide', '--csv', 'guide.csv', '--bake', 'none', '--out', 'issued']).status).toBe(0);
  }, 120_000);

  it('issue counts people, not files, and names the report and the people list', () => {
    expect(firstIssue.status).toBe(1);
    expect(firstIssue.stdout).toContain('Issued badge atelier to 3 people (6 credentials: ob3-di, ob2-hosted)');
    expect(firstIssue.stdout).toMatch(/^Report: .*reports\/atelier\/0001-20260501T100000Z-report\.json$/m);
    expect(firstIssue.stdout).toMatch(/^People \(for a mail merge\): .*reports\/atelier\/0001-20260501T100000Z-people\.csv$/m);
    const again = run(['issue', '--badge', 'atelier', '--csv', 'atelier.csv', '--format', 'ob3-di,ob2-hosted', '--bake', 'none', '--out', 'issued', '--json']);
    const summary = JSON.parse(again.stdout) as { issued: number; alreadyIssued: number; credentials: number; report: string; people: string; index: string };
    expect(summary).toMatchObject({ issued: 0, alreadyIssued: 3, credentials: 0 });
    // Both runs' files are kept; report.json lists them.
    expect(readdirSync(join(dir, 'issued', 'reports', 'atelier')).sort()).toEqual([
      '0001-20260501T100000Z-people.csv',
      '0001-20260501T100000Z-report.json',
      '0002-20260501T100000Z-people.csv',
      '0002-20260501T100000Z-report.json',
    ]);
    const index = JSON.parse(readFileSync(summary.index, 'utf8')) as { latest: string; runs: { run: string }[] };
    expect(index.runs.map((r) => r.run)).toEqual(['0001-20260501T100000Z', '0002-20260501T100000Z']);
    expect(join(dir, 'issued', index.latest)).toBe(summary.report);
    const people = readFileSync(summary.people, 'utf8').split('\r\n');
    expect(people[0]).toBe('\uFEFFname,email,badge,badge_id,award_id,status,page_url,image_png,image_svg,files');
    expect(people.slice(1, -1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(['"Ana Müller","ana@example.org"', '"Bob","bob@example.org"', '"Célia","celia@example.org"']);
    expect(people.at(-1)).toBe('');
  });

  it('credentials list shows one line per person and badge, with formats and status', () => {
    const list = run(['credentials', 'list']);
    expect(list.status, list.stderr).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^AWARD\s+BADGE\s+PERSON\s+FORMATS\s+ISSUED\s+STATUS$/);
    expect(lines.slice(1, -1)).toHaveLength(4);
    expect(lines[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}\s+atelier\s+Ana Müller <ana@example\.org>\s+ob3-di,ob2-hosted\s+2026-05-01\s+valid$/);
    expect(lines.at(-1)).toMatch(/^4 awards \(7 credentials\)\./);
    expect(run(['credentials', 'list', '--search', 'MULLER']).stdout.trimEnd().split('\n').slice(1, -1).map((l) => l.split(/\s{2,}/)[1])).toEqual(['atelier', 'guide']);
    expect(run(['credentials', 'list', '--search', 'ana@', '--badge', 'guide']).stdout).toMatch(/\sguide\s+Ana Müller <ana@example\.org>\s+ob3-di\s/);
    expect(run(['credentials', 'list', '--search', 'zzz']).stdout).toContain('Nobody matches "zzz"');
    const found = awards(['--badge', 'atelier']);
    expect(found.map((a) => [a.recipient.email, a.formats, a.credentials.length])).toEqual([
      ['ana@example.org', ['ob3-di', 'ob2-hosted'], 2],
      ['bob@example.org', ['ob3-di', 'ob2-hosted'], 2],
      ['celia@example.org', ['ob3-di', 'ob2-hosted'], 2],
    ]);
    expect(run(['credentials', 'list', '--badge', 'nope']).stderr).toMatch(/^ERR_BADGE_NOT_FOUND: /);
  });

  it('revoke --award takes the id from the table and revokes every format with one reason; again is a no-op', () => {
    const line = run(['credentials', 'list', '--search', 'bob']).stdout.split('\n')[1]!;
    const shortId = line.split(/\s+/)[0]!;
    const revoked = run(['revoke', '--award', shortId, '--reason', 'Erreur de saisie']);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked 2 credentials.');
    const bob = awards(['--search', 'bob'])[0]!;
    expect(bob).toMatchObject({ status: 'revoked', revocationReason: 'Erreur de saisie' });
    expect(bob.credentials.every((c) => c.revoked)).toBe(true);
    const again = json<{ changed: boolean; credentialsRevoked: number; alreadyRevoked: number }>(run(['revoke', '--award', bob.id, '--json']));
    expect(again).toMatchObject({ changed: false, credentialsRevoked: 0, alreadyRevoked: 2 });
    expect(run(['revoke', '--award', bob.id]).stdout).toContain('Already revoked on 2026-05-01T10:00:00Z; nothing changed.');
    expect(run(['credentials', 'list', '--search', 'bob']).stdout).toMatch(/revoked 2026-05-01T10:00:00Z\n/);
  });

  it('revoke --badge --recipient revokes that badge only; --credential still revokes one format', () => {
    const celia = awards(['--search', 'celia'])[0]!;
    const one = json<{ changed: boolean; award: string; otherFormatsValid: number }>(run(['revoke', '--credential', celia.credentials[1]!.id, '--json']));
    expect(one).toMatchObject({ changed: true, award: celia.id, otherFormatsValid: 1 });
    expect(run(['revoke', '--credential', celia.credentials[1]!.id]).stdout).toContain('already revoked');
    expect(awards(['--search', 'celia'])[0]!.status).toBe('partly-revoked');
    expect(run(['credentials', 'list', '--search', 'celia']).stdout).toContain('partly revoked (ob2-hosted)');

    const result = json<{ changed: boolean; credentialsRevoked: number; awards: AwardJson[] }>(
      run(['revoke', '--badge', 'atelier', '--recipient', 'ANA@example.org', '--reason', 'Absente', '--json']),
    );
    expect(result).toMatchObject({ changed: true, credentialsRevoked: 2 });
    expect(result.awards.map((a) => [a.badge.id, a.status])).toEqual([['atelier', 'revoked']]);
    expect(awards(['--badge', 'guide'])[0]!.status).toBe('valid');
  });

  it('refuses unclear or unknown targets with a usage error', () => {
    for (const args of [[], ['--award', 'x', '--credential', 'y'], ['--badge', 'atelier'], ['--recipient', 'ana@example.org']]) {
      const result = run(['revoke', ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^ERR_USAGE: /);
    }
    const unknown = run(['revoke', '--badge', 'atelier', '--recipient', 'nobody@example.org']);
    expect([unknown.status, unknown.stderr.split(':')[0]]).toEqual([2, 'ERR_AWARD_NOT_FOUND']);
    expect(run(['revoke', '--award', 'ffffffff-ffff']).stderr).toMatch(/^ERR_AWARD_NOT_FOUND: .*credentials list/);
  });
});

describe('badgesmith on the PATH, run from the user’s own folder', () => {
  it('works through an npm-link style chain of symlinks, with relative paths from the current folder', () => {
    expect(existsSync(join(repoRoot, 'out/cli.js'))).toBe(true);
    const root = tempDir('bs-link-');
    // As `npm link` does: <prefix>/lib/node_modules/badgesmith -> the clone, <prefix>/bin/badgesmith -> its bin file.
    const prefix = join(root, 'prefix');
    mkdirSync(join(prefix, 'lib', 'node_modules'), { recursive: true });
    mkdirSync(join(prefix, 'bin'));
    symlinkSync(repoRoot, join(prefix, 'lib', 'node_modules', 'badgesmith'), 'dir');
    symlinkSync('../lib/node_modules/badgesmith/bin/badgesmith.js', join(prefix, 'bin', 'badgesmith'));
    const home = join(root, 'association');
    mkdirSync(home);
    writeFileSync(join(home, 'inscrits.csv'), 'email,name\nana@example.org,Ana\n');
    const env = { PATH: `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: root, BADGESMITH_PASSPHRASE: 'pw', BADGESMITH_WORKSPACE: 'ws' };
    const exec = (args: string[]) => {
      const result = spawnSync('badgesmith', args, { cwd: home, env, encoding: 'utf8', timeout: 120_000 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const help = exec(['--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('badgesmith');
    // Also when Node keeps the symlinked path as the program's own (the bin file resolves it itself).
    const preserved = spawnSync('badgesmith', ['--help'], { cwd: home, env: { ...env, NODE_OPTIONS: '--preserve-symlinks-main' }, encoding: 'utf8' });
    expect(preserved.status, preserved.stderr).toBe(0);
    expect(exec(['init', '--name', 'Club', '--url', 'https://club.example.org/', '--site-url', 'https://badges.example.org/club/']).status).toBe(0);
    expect(exec(['badge', 'add', '--id', 'atelier', '--name', 'Atelier', '--description', 'A', '--criteria', 'C']).status).toBe(0);
    const issued = exec(['issue', '--badge', 'atelier', '--csv', 'inscrits.csv', '--bake', 'none', '--out', 'issued']);
    expect(issued.status, issued.stderr).toBe(0);
    expect(existsSync(join(home, 'ws', 'badgesmith.db'))).toBe(true);
    expect(readdirSync(join(home, 'issued', 'reports', 'atelier')).some((name) => name.endsWith('-people.csv'))).toBe(true);
    // Nothing was written in the clone.
    expect(existsSync(join(repoRoot, 'ws'))).toBe(false);
    expect(existsSync(join(repoRoot, 'issued'))).toBe(false);
  }, 120_000);
});
