import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishSite, siteFiles, zipSite } from '../../../main/services/site-publish.js';
import { createSiteFixture, revokeFixtureCredential, type SiteFixture } from './site-fixture.js';

const gitIn = (repo: string, ...args: string[]): string => execFileSync('git', [`--git-dir=${repo}`, ...args], { encoding: 'utf8' });

describe('site publish', () => {
  let dir: string;
  let fx: SiteFixture;
  let site: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-publish-'));
    fx = await createSiteFixture(dir, { language: 'en' });
    site = join(dir, 'site');
  }, 60_000);

  afterAll(() => {
    fx.workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--git: the first publish commits the whole site to a new branch of a bare repository; the next one only what a revocation changed', async () => {
    const remote = join(dir, 'remote.git');
    execFileSync('git', ['init', '--quiet', '--bare', remote]);
    const build = { issuedDirs: [fx.issuedDir] };
    const first = await publishSite(fx.workspace, fx.keystore, { outDir: site, build, git: { url: remote, branch: 'gh-pages' } });
    const files = siteFiles(site);
    expect(first.git!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(first.git!.changes.map((c) => c.path).sort()).toEqual(files);
    expect(first.git!.changes.every((c) => c.status === 'A')).toBe(true);
    expect(gitIn(remote, 'ls-tree', '-r', '--name-only', 'gh-pages').trim().split('\n').sort()).toEqual(files);
    expect(gitIn(remote, 'show', 'gh-pages:credentials/' + fx.credentials[0]!.id + '.html')).toBe(readFileSync(join(site, 'credentials', `${fx.credentials[0]!.id}.html`), 'utf8'));
    expect(gitIn(remote, 'log', '-1', '--format=%an <%ae> %aI', 'gh-pages').trim()).toBe('Les Amis du Code <contact@amis.example.org> 2026-03-02T10:00:00+00:00');

    // Nothing changed: nothing to commit.
    const same = await publishSite(fx.workspace, fx.keystore, { outDir: site, build, git: { url: remote, branch: 'gh-pages' } });
    expect(same.git).toMatchObject({ commit: null, changes: [] });

    const target = fx.credentials.find((c) => c.format === 'ob2-hosted' && !c.revoked)!;
    revokeFixtureCredential(fx.workspace, target, '2026-04-02T00:00:00Z');
    const second = await publishSite(fx.workspace, fx.keystore, { outDir: site, build, git: { url: remote, branch: 'gh-pages' } });
    const changed = second.git!.changes.map((c) => c.path).sort();
    // Exactly what the site build rewrote, plus its manifest (which records every file's hash).
    expect(changed).toEqual([...second.build.written, ...second.build.removed, 'badgesmith-site.json'].sort());
    expect(changed).toContain(`credentials/${target.id}.html`);
    expect(changed.length).toBeLessThan(8);
    expect(gitIn(remote, 'diff', '--name-only', 'gh-pages~1', 'gh-pages').trim().split('\n').sort()).toEqual(changed);
    expect(gitIn(remote, 'rev-list', '--count', 'gh-pages').trim()).toBe('2');
  });

  it('--git: a file added by hand to the folder (a CNAME for a custom domain) is published too', async () => {
    const remote = join(dir, 'remote-2.git');
    execFileSync('git', ['init', '--quiet', '--bare', remote]);
    writeFileSync(join(site, 'CNAME'), 'badges.example.org\n');
    try {
      const result = await publishSite(fx.workspace, fx.keystore, { outDir: site, build: { issuedDirs: [fx.issuedDir] }, git: { url: remote, branch: 'pages' } });
      expect(result.git!.changes.map((c) => c.path)).toContain('CNAME');
      expect(gitIn(remote, 'show', 'pages:CNAME')).toBe('badges.example.org\n');
    } finally {
      rmSync(join(site, 'CNAME'));
    }
  });

  it('--git: a path that holds no repository is ERR_PUBLISH_GIT_NOT_REPOSITORY; a bad branch name ERR_USAGE', async () => {
    await expect(publishSite(fx.workspace, fx.keystore, { outDir: site, build: { issuedDirs: [fx.issuedDir] }, git: { url: join(dir, 'missing.git') } })).rejects.toMatchObject({
      code: 'ERR_PUBLISH_GIT_NOT_REPOSITORY',
    });
    await expect(publishSite(fx.workspace, fx.keystore, { outDir: site, build: { issuedDirs: [fx.issuedDir] }, git: { url: join(dir, 'remote.git'), branch: '../x' } })).rejects.toMatchObject({
      code: 'ERR_USAGE',
    });
    await expect(publishSite(fx.workspace, fx.keystore, { outDir: site })).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });

  it('--zip: every file of the site, the same bytes in every time zone and on every run', async () => {
    const zipA = join(dir, 'a', 'site.zip');
    const zipB = join(dir, 'b', 'site.zip');
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      await zipSite(site, zipA);
      process.env.TZ = 'Pacific/Auckland';
      await zipSite(site, zipB);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(Buffer.compare(readFileSync(zipA), readFileSync(zipB))).toBe(0);
    const entries = unzipSync(new Uint8Array(readFileSync(zipA)));
    expect(Object.keys(entries)).toEqual(siteFiles(site));
    for (const path of Object.keys(entries)) expect(Buffer.compare(Buffer.from(entries[path]!), readFileSync(join(site, path))), path).toBe(0);
    // A file where a folder should be.
    await expect(zipSite(site, join(zipA, 'x', 'y.zip'))).rejects.toMatchObject({ code: 'ERR_PUBLISH_ZIP_UNWRITABLE' });
    // A site file removed while the zip is being made: said as such, and no zip (nor its temporary file) is left.
    const zipC = join(dir, 'c', 'site.zip');
    const copy = join(dir, 'site-copy');
    cpSync(site, copy, { recursive: true });
    await expect(zipSite(copy, zipC, () => rmSync(join(copy, 'did.json')))).rejects.toMatchObject({ code: 'ERR_PUBLISH_SITE_UNREADABLE' });
    expect(readdirSync(join(dir, 'c'))).toEqual([]);
  });
});
