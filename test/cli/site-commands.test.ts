import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, tempDir, type CliRun } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };
const VERIFY_NOW = '2026-05-02T00:00:00Z';

interface SiteBuildJson {
  dir: string;
  siteUrl: string;
  did: string;
  badges: number;
  credentials: number;
  files: number;
  written: string[];
  unchanged: number;
  removed: string[];
}

interface VerifyJson {
  verified: boolean;
  format: string;
  checks: { id: string; ok: boolean; code?: string }[];
}

function json<T>(run: CliRun): T {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as T;
}

function listFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** path → sha256 of every file of a tree. */
function treeHashes(root: string): Record<string, string> {
  return Object.fromEntries(listFiles(root).map((path) => [path, createHash('sha256').update(readFileSync(join(root, path))).digest('hex')]));
}

function verify(file: string, site: string): { run: CliRun; report: VerifyJson } {
  const run = badgesmith(['verify', file, '--site', site, '--now', VERIFY_NOW, '--json']);
  return { run, report: JSON.parse(run.stdout) as VerifyJson };
}

describe('site build (built CLI): init → issue → site build → verify → revoke → rebuild', () => {
  const root = tempDir('bs-site-cli-');
  const ws = join(root, 'workspace');
  const issued = join(root, 'issued');
  const site = join(root, 'site');
  let first: SiteBuildJson;
  let credentialFiles: string[];

  beforeAll(() => {
    json(badgesmith(['init', '--name', 'Amicale <b>des</b> Secouristes', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws, '--json'], { env }));
    json(badgesmith(['badge', 'add', '--name', 'Secourisme', '--description', 'Gestes qui sauvent.', '--criteria', 'Présence.', '--workspace', ws, '--json'], { env }));
    const csv = join(root, 'participants.csv');
    writeFileSync(csv, 'E-mail,Nom\nalice@example.org,Alice Martin\nbruno@example.org,Bruno Petit\n');
    json(
      badgesmith(['issue', '--badge', 'secourisme', '--csv', csv, '--format', 'ob3-di,ob3-jwt,ob2-hosted,ob2-signed', '--bake', 'png', '--out', issued, '--workspace', ws, '--json'], { env }),
    );
    credentialFiles = listFiles(issued)
      .filter((path) => /\.(json|jws|png|svg)$/.test(path) && !path.endsWith('report.json'))
      .map((path) => join(issued, path));
    // No --issued: the files are where `issue` recorded them.
    first = json<SiteBuildJson>(badgesmith(['site', 'build', '--out', site, '--workspace', ws, '--json'], { env }));
  }, 120_000);

  it('reports the build as JSON', () => {
    expect(Object.keys(first).sort()).toEqual(['badges', 'credentials', 'did', 'dir', 'files', 'removed', 'siteUrl', 'unchanged', 'written'].sort());
    expect(first).toMatchObject({ dir: site, siteUrl: 'https://badges.example.org/amicale/', did: 'did:web:badges.example.org:amicale', badges: 1, credentials: 8, unchanged: 0, removed: [] });
    expect(first.written).toHaveLength(first.files);
    expect(first.written.filter((path) => /^credentials\/[^/]+\.html$/.test(path))).toHaveLength(8);
    expect(listFiles(site)).toEqual([...first.written, 'badgesmith-site.json'].sort());
  });

  it('every issued file verifies against the built tree', () => {
    expect(credentialFiles.length).toBe(16);
    for (const file of credentialFiles) {
      const { run, report } = verify(file, site);
      expect(run.status, `${file}: ${run.stdout}`).toBe(0);
      expect(report.verified).toBe(true);
    }
  });

  it('after a revocation, the rebuild writes only what changed and the revoked credential fails with ERR_REVOKED; a third build is identical', () => {
    const list = json<{ credentials: { id: string; format: string; files: string[] }[] }>(badgesmith(['credentials', 'list', '--workspace', ws, '--json'], { env }));
    const victim = list.credentials.find((c) => c.format === 'ob3-di')!;
    json(badgesmith(['revoke', '--credential', victim.id, '--reason', 'Erreur', '--workspace', ws, '--json'], { env }));

    const second = json<SiteBuildJson>(badgesmith(['site', 'build', '--out', site, '--workspace', ws, '--json'], { env }));
    expect(second.written).toEqual([`credentials/${victim.id}.html`, 'status/1.json']);
    expect(second.unchanged).toBe(second.files - 2);
    expect(second.removed).toEqual([]);

    const victimFile = credentialFiles.find((file) => file.endsWith(`${victim.id}.json`))!;
    const { run, report } = verify(victimFile, site);
    expect(run.status).toBe(1);
    expect(report.verified).toBe(false);
    expect(report.checks.find((check) => check.id === 'status')).toMatchObject({ ok: false, code: 'ERR_REVOKED' });
    const other = credentialFiles.find((file) => file.endsWith('.png') && !file.includes(victim.id))!;
    expect(verify(other, site).run.status).toBe(0);

    const before = treeHashes(site);
    const human = badgesmith(['site', 'build', '--out', site, '--workspace', ws], { env });
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toContain('0 written');
    expect(treeHashes(site)).toEqual(before);
  });

  it('negative vector manifest-parent-path (CLI): a manifest naming ../victim/precious.txt deletes nothing outside --out', () => {
    const before = treeHashes(site);
    const victim = join(root, 'victim');
    mkdirSync(victim, { recursive: true });
    const precious = join(victim, 'precious.txt');
    writeFileSync(precious, 'precious');
    const manifestPath = join(site, 'badgesmith-site.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, unknown> };
    const hash = createHash('sha256').update('precious').digest('hex');
    manifest.files['../victim/precious.txt'] = [hash, 8];
    manifest.files[precious] = [hash, 8];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const run = json<SiteBuildJson>(badgesmith(['site', 'build', '--out', site, '--workspace', ws, '--json'], { env }));
    expect(readFileSync(precious, 'utf8')).toBe('precious');
    expect(run.removed).toEqual([]);
    expect(treeHashes(site)).toEqual(before);
  });

  it('negative vector deleted-files (CLI): after files are deleted or damaged, a rebuild writes them again and the tree is exact', () => {
    const before = treeHashes(site);
    rmSync(join(site, 'did.json'));
    rmSync(join(site, 'status'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<p>defaced</p>');
    const page = listFiles(site).find((path) => path.startsWith('credentials/') && path.endsWith('.html'))!;
    const original = readFileSync(join(site, page));
    writeFileSync(join(site, page), Buffer.from(original.toString('latin1').replace('<main', '<mian'), 'latin1'));
    const run = json<SiteBuildJson>(badgesmith(['site', 'build', '--out', site, '--workspace', ws, '--json'], { env }));
    expect(run.written).toEqual(['did.json', 'index.html', page, 'status/1.json'].sort());
    expect(treeHashes(site)).toEqual(before);
  });

  it('a moved issue folder is named in a clear error, leaves the site as it was, and is found with --issued', () => {
    const before = treeHashes(site);
    const moved = join(root, 'issued-moved');
    renameSync(issued, moved);
    try {
      const run = badgesmith(['site', 'build', '--out', site, '--workspace', ws], { env });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^ERR_SITE_CREDENTIAL_MISSING: The issued file .*issued\/secourisme\/\S+ \(credential \S+, badge secourisme\) is not there any more/);
      expect(run.stderr).toContain('--issued DIR');
      expect(treeHashes(site)).toEqual(before);

      const found = json<SiteBuildJson>(badgesmith(['site', 'build', '--out', site, '--issued', moved, '--workspace', ws, '--json'], { env }));
      expect(found.written).toEqual([]);
      expect(treeHashes(site)).toEqual(before);
    } finally {
      renameSync(moved, issued);
    }
    const deleted = credentialFiles.find((file) => file.endsWith('.png'))!;
    renameSync(deleted, `${deleted}.bak`);
    try {
      const run = badgesmith(['site', 'build', '--out', site, '--workspace', ws], { env });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`ERR_SITE_CREDENTIAL_MISSING: The issued file ${deleted} `);
      expect(treeHashes(site)).toEqual(before);
    } finally {
      renameSync(`${deleted}.bak`, deleted);
    }
  });

  it('refuses a missing --out, a file and a folder that is not a site', () => {
    expect(badgesmith(['site', 'build', '--workspace', ws], { env }).stderr).toMatch(/^ERR_USAGE/);
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'notes');
    expect(badgesmith(['site', 'build', '--out', file, '--workspace', ws], { env }).stderr).toMatch(/^ERR_SITE_OUT_INVALID: /);
    expect(badgesmith(['site', 'build', '--out', root, '--workspace', ws], { env }).stderr).toMatch(/^ERR_SITE_OUT_NOT_EMPTY: /);
    expect(readFileSync(file, 'utf8')).toBe('notes');
  });
});

describe('site build (built CLI): credential pages show the name inside each credential (issue 14 §2)', () => {
  const root = tempDir('bs-site-names-cli-');
  const ws = join(root, 'workspace');
  const issued = join(root, 'issued');
  const site = join(root, 'site');

  beforeAll(() => {
    json(badgesmith(['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws, '--json'], { env }));
    for (const name of ['Secourisme', 'Accueil']) {
      json(badgesmith(['badge', 'add', '--name', name, '--description', 'D.', '--criteria', 'C.', '--show-name', '--workspace', ws, '--json'], { env }));
    }
  }, 120_000);

  it('negative vector later-csv-row-renames (CLI): a later CSV row with the same e-mail, for another badge, does not rewrite the earlier page', () => {
    const first = join(root, 'first.csv');
    writeFileSync(first, 'email,name\nalice@example.org,Alice Martin\n');
    json(badgesmith(['issue', '--badge', 'secourisme', '--csv', first, '--format', 'ob3-di,ob3-jwt', '--out', issued, '--workspace', ws, '--json'], { env }));
    const second = join(root, 'second.csv');
    writeFileSync(second, 'email,name\nAlice@Example.org,Alice Dupont\n');
    json(badgesmith(['issue', '--badge', 'accueil', '--csv', second, '--format', 'ob3-di', '--out', issued, '--workspace', ws, '--json'], { env }));
    json(badgesmith(['site', 'build', '--out', site, '--workspace', ws, '--json'], { env }));
    const list = json<{ credentials: { id: string; badge: string }[] }>(badgesmith(['credentials', 'list', '--workspace', ws, '--json'], { env }));
    const pages = list.credentials.map((c) => ({ badge: c.badge, html: readFileSync(join(site, `credentials/${c.id}.html`), 'utf8') }));
    const earlier = pages.filter((p) => p.badge === 'secourisme');
    const later = pages.filter((p) => p.badge === 'accueil');
    expect(earlier).toHaveLength(2);
    expect(later).toHaveLength(1);
    for (const p of earlier) {
      expect(p.html).toContain('Alice Martin');
      expect(p.html).not.toContain('Alice Dupont');
    }
    expect(later[0]!.html).toContain('Alice Dupont');
  });
});
