import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

describe('badgesmith issue tells the volunteer what went wrong without opening report.json', () => {
  const dir = tempDir('badgesmith-issue-msg-');
  const env = { BADGESMITH_WORKSPACE: join(dir, 'ws'), BADGESMITH_PASSPHRASE: 'pw', BADGESMITH_NOW: '2026-05-01T10:00:00Z' };
  const run = (args: string[]) => badgesmith(args, { env, cwd: dir });

  beforeAll(() => {
    expect(run(['init', '--name', 'Club', '--url', 'https://club.example.org/', '--site-url', 'https://badges.example.org/club/']).status).toBe(0);
    expect(run(['badge', 'add', '--id', 'atelier', '--name', 'Atelier', '--description', 'Atelier vélo', '--criteria', 'Avoir réparé un vélo']).status).toBe(0);
  });

  it('prints each rejected row with its line number and reason on stderr, and exits 1', () => {
    writeFileSync(join(dir, 'rows.csv'), 'Courriel;Nom\nana@example.org;Ana\npas-un-email;Jean\nana@example.org;Ana bis\n');
    const result = run(['issue', '--badge', 'atelier', '--csv', 'rows.csv', '--out', 'out']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^line 3: ERR_CSV_EMAIL_INVALID: .*pas-un-email/m);
    expect(result.stderr).toMatch(/^line 4: ERR_CSV_DUPLICATE/m);
    expect(result.stdout).toContain('Issued badge atelier to 1 person (');
  });

  it('says so when the CSV has a header but no recipients, and exits 1', () => {
    writeFileSync(join(dir, 'empty.csv'), 'email;name\n');
    const result = run(['issue', '--badge', 'atelier', '--csv', 'empty.csv', '--out', 'out']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('has a header row but no recipients under it');
  });
});
