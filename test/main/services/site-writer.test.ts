import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteEntry } from '../../../shared/site/model.js';
import { updateBadge } from '../../../main/db/repos/badges.js';
import { updateIssuer } from '../../../main/db/repos/issuer.js';
import { exportSite } from '../../../main/services/site-export.js';
import { readSiteManifest, serializeManifest, writeSiteTree } from '../../../main/services/site-writer.js';
import { createSiteFixture, revokeFixtureCredential, type SiteFixture } from './site-fixture.js';

const META = { siteUrl: 'https://example.org/site/', did: 'did:web:example.org:site' };
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function listFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

function expectSameTree(a: string, b: string): void {
  const files = listFiles(a);
  expect(listFiles(b)).toEqual(files);
  for (const path of files) expect(readFileSync(join(b, path)).equals(readFileSync(join(a, path))), path).toBe(true);
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bs-site-writer-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('serializeManifest', () => {
  it('writes one line per file in path order, whatever the insertion order, and parses back to the same records', () => {
    const files = { 'b/x.html': [sha('x'), 1, sha('i')], 'a "odd"\\name.txt': ['ABC', 2], 'a.txt': [sha('a'), 3] } as const;
    const text = serializeManifest(META, JSON.parse(JSON.stringify(files)) as never);
    expect(text.split('\n').filter((line) => line.startsWith(' "'))).toHaveLength(3);
    const parsed = JSON.parse(text) as { format: string; files: Record<string, unknown> };
    expect(parsed).toMatchObject({ format: 'badgesmith-site', version: 1, ...META });
    expect(Object.keys(parsed.files)).toEqual(['a "odd"\\name.txt', 'a.txt', 'b/x.html']);
    expect(parsed.files).toEqual(files);
    expect(serializeManifest(META, {})).toBe('{\n"format": "badgesmith-site",\n"version": 1,\n"siteUrl": "https://example.org/site/",\n"did": "did:web:example.org:site",\n"files": {\n}}\n');
  });
});

describe('writeSiteTree: lazy pages', () => {
  const renders: string[] = [];
  const lazy = (path: string, text: string): SiteEntry => ({
    path,
    content: {
      kind: 'lazy',
      inputs: sha(text),
      render: () => {
        renders.push(path);
        return text;
      },
    },
  });

  it('renders a lazy page only when the previous tree has other inputs for it', async () => {
    const out = join(dir, 'lazy');
    renders.length = 0;
    await writeSiteTree(out, [lazy('a.html', 'A'), lazy('b.html', 'B'), { path: 'c.txt', content: 'C' }], META);
    expect(renders).toEqual(['a.html', 'b.html']);
    renders.length = 0;
    const result = await writeSiteTree(out, [lazy('a.html', 'A'), lazy('b.html', 'B2'), { path: 'c.txt', content: 'C' }], META);
    expect(renders).toEqual(['b.html']);
    expect(result.written).toEqual(['b.html']);
    expect(readFileSync(join(out, 'a.html'), 'utf8')).toBe('A');
    expect(readFileSync(join(out, 'b.html'), 'utf8')).toBe('B2');
    const manifest = await readSiteManifest(out);
    expect(manifest?.files['b.html']).toEqual([sha('B2'), 2, sha('B2')]);
    expect(manifest?.files['c.txt']).toEqual([sha('C'), 1]);
  });

  it('an incremental tree equals a fresh one, manifest included', async () => {
    const entries = [lazy('x/a.html', 'A'), lazy('x/b.html', 'B3'), { path: 'c.txt', content: 'C' }];
    const incremental = join(dir, 'incremental');
    await writeSiteTree(incremental, [lazy('x/a.html', 'A'), lazy('x/b.html', 'B'), { path: 'c.txt', content: 'C' }], META);
    await writeSiteTree(incremental, entries, META);
    const fresh = join(dir, 'fresh');
    await writeSiteTree(fresh, entries, META);
    expectSameTree(fresh, incremental);
  });

  it('a manifest without page inputs (older build) is upgraded without rewriting unchanged pages', async () => {
    const out = join(dir, 'upgrade');
    await writeSiteTree(out, [{ path: 'a.html', content: 'A' }], META);
    renders.length = 0;
    const result = await writeSiteTree(out, [lazy('a.html', 'A')], META);
    expect(renders).toEqual(['a.html']);
    expect(result.written).toEqual([]);
    expect((await readSiteManifest(out))?.files['a.html']).toEqual([sha('A'), 1, sha('A')]);
    renders.length = 0;
    await writeSiteTree(out, [lazy('a.html', 'A')], META);
    expect(renders).toEqual([]);
  });
});

describe('site build: incremental credential pages', () => {
  let fx: SiteFixture;
  const build = (out: string) => exportSite(fx.workspace, fx.keystore, out, { issuedDirs: [fx.issuedDir] });

  beforeAll(async () => {
    fx = await createSiteFixture(join(dir, 'fixture'), { recipients: 2, revoke: false });
  });

  afterAll(() => fx.workspace.close());

  it('after a revocation, the rebuilt tree equals a fresh build of the same workspace', async () => {
    const out = join(dir, 'site-revoke');
    await build(out);
    const victim = fx.credentials.find((c) => c.format === 'ob2-hosted')!;
    revokeFixtureCredential(fx.workspace, victim, '2026-03-20T12:00:00Z');
    const result = await build(out);
    expect(result.written).toEqual([`credentials/${victim.id}.html`, `credentials/${victim.id}.json`, 'ob2/revocations.json'].sort());
    const fresh = join(dir, 'site-revoke-fresh');
    await build(fresh);
    expectSameTree(fresh, out);
  });

  it('a change to the badge class re-renders every credential page of that badge and no other', async () => {
    const out = join(dir, 'site-rename');
    await build(out);
    const badgeId = 'atelier-soudure';
    updateBadge(fx.workspace.db, badgeId, { name: 'Atelier soudure (niveau 1)' }, '2026-03-21T00:00:00Z');
    const result = await build(out);
    const pages = result.written.filter((path) => path.startsWith('credentials/') && path.endsWith('.html'));
    const expected = fx.credentials.filter((c) => c.badgeId === badgeId).map((c) => `credentials/${c.id}.html`);
    expect(pages).toEqual(expected.sort());
    for (const page of pages) expect(readFileSync(join(out, page), 'utf8')).toContain('Atelier soudure (niveau 1)');
    const fresh = join(dir, 'site-rename-fresh');
    await build(fresh);
    expectSameTree(fresh, out);
  });

  it('negative vector deleted-files (site build): files deleted or damaged after a build are found on disk and written again', async () => {
    const out = join(dir, 'site-damaged');
    await build(out);
    const fresh = join(dir, 'site-damaged-fresh');
    await build(fresh);
    const credential = fx.credentials.find((c) => c.format === 'ob3-jwt')!;
    rmSync(join(out, 'did.json'));
    rmSync(join(out, 'status'), { recursive: true });
    writeFileSync(join(out, 'index.html'), '<p>defaced</p>');
    writeFileSync(join(out, `credentials/${credential.id}.jws`), 'e30.e30.AAAA');
    rmSync(join(out, `credentials/${credential.id}.html`));
    const result = await build(out);
    expect(result.written).toEqual(['did.json', 'index.html', `credentials/${credential.id}.html`, `credentials/${credential.id}.jws`, 'status/1.json'].sort());
    expectSameTree(fresh, out);
    expect((await build(out)).written).toEqual([]);
  });

  it('a change of the issuer language re-renders every credential page', async () => {
    const out = join(dir, 'site-language');
    await build(out);
    updateIssuer(fx.workspace.db, { language: 'en' }, '2026-03-22T00:00:00Z');
    const result = await build(out);
    const pages = result.written.filter((path) => path.startsWith('credentials/') && path.endsWith('.html'));
    expect(pages).toHaveLength(fx.credentials.length);
    for (const page of pages) expect(readFileSync(join(out, page), 'utf8')).toContain('<html lang="en">');
  });
});

describe('writeSiteTree: a hostile manifest never reaches outside the output folder (issue 14 §4)', () => {
  const entries = (): SiteEntry[] => [
    { path: 'index.html', content: 'INDEX' },
    { path: 'credentials/c1.html', content: 'PAGE' },
  ];

  /** A built site `<name>/site` next to `<name>/victim/precious.txt`. */
  async function siteBesideVictim(name: string): Promise<{ out: string; victim: string; precious: string }> {
    const root = join(dir, name);
    const out = join(root, 'site');
    const victim = join(root, 'victim');
    mkdirSync(victim, { recursive: true });
    const precious = join(victim, 'precious.txt');
    writeFileSync(precious, 'precious');
    await writeSiteTree(out, entries(), META);
    return { out, victim, precious };
  }

  function forgeManifest(out: string, files: Record<string, unknown>): void {
    writeFileSync(join(out, 'badgesmith-site.json'), JSON.stringify({ format: 'badgesmith-site', version: 1, ...META, files }));
  }

  it('negative vector manifest-parent-path: "../victim/precious.txt" is neither deleted nor written', async () => {
    const { out, precious } = await siteBesideVictim('hostile-parent');
    forgeManifest(out, { '../victim/precious.txt': [sha('precious'), 8], 'index.html': [sha('INDEX'), 5] });
    const result = await writeSiteTree(out, entries(), META);
    expect(readFileSync(precious, 'utf8')).toBe('precious');
    expect(result.removed).toEqual([]);
    expect(listFiles(out)).toEqual(['badgesmith-site.json', 'credentials/c1.html', 'index.html']);
    expect(Object.keys((await readSiteManifest(out))!.files)).toEqual(['credentials/c1.html', 'index.html']);
  });

  it('negative vector manifest-absolute-path: an absolute path in the manifest is neither deleted nor written', async () => {
    const { out, precious } = await siteBesideVictim('hostile-absolute');
    forgeManifest(out, { [precious]: [sha('precious'), 8], [precious.slice(1)]: [sha('precious'), 8] });
    const result = await writeSiteTree(out, entries(), META);
    expect(readFileSync(precious, 'utf8')).toBe('precious');
    expect(result.removed).toEqual([]);
  });

  it('negative vector manifest-symlink-out: a manifest path through a link leading out is not deleted', async () => {
    const { out, victim, precious } = await siteBesideVictim('hostile-link');
    symlinkSync(victim, join(out, 'link'));
    forgeManifest(out, { 'link/precious.txt': [sha('precious'), 8], 'index.html': [sha('INDEX'), 5], 'credentials/c1.html': [sha('PAGE'), 4] });
    const result = await writeSiteTree(out, entries(), META);
    expect(readFileSync(precious, 'utf8')).toBe('precious');
    expect(result.removed).toEqual([]);
  });

  it('negative vector site-folder-symlink-out: a site folder that is a link leading out is refused before anything is written', async () => {
    const { out, victim, precious } = await siteBesideVictim('hostile-folder-link');
    rmSync(join(out, 'credentials'), { recursive: true });
    symlinkSync(victim, join(out, 'credentials'));
    const error = await writeSiteTree(out, entries(), META).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_SITE_PATH_OUTSIDE' });
    expect(readdirSync(victim)).toEqual(['precious.txt']);
    expect(readFileSync(precious, 'utf8')).toBe('precious');
  });

  it('negative vector site-file-symlink-out: a published file replaced by a link leading out is replaced, its target untouched', async () => {
    const { out, precious } = await siteBesideVictim('hostile-file-link');
    rmSync(join(out, 'index.html'));
    symlinkSync(precious, join(out, 'index.html'));
    const result = await writeSiteTree(out, entries(), META);
    expect(result.written).toEqual(['index.html']);
    expect(readFileSync(precious, 'utf8')).toBe('precious');
    expect(lstatSync(join(out, 'index.html')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('INDEX');
  });

  it('negative vector manifest-shape: a manifest that is not JSON, has the wrong shape or bad records rebuilds everything without removing anything', async () => {
    const bad: string[] = [
      'not json {',
      JSON.stringify({ format: 'badgesmith-site', version: 1, ...META, files: { 'index.html': ['zz', 5] } }),
      JSON.stringify({ format: 'badgesmith-site', version: 1, ...META, files: { 'index.html': [sha('INDEX'), -1] } }),
      JSON.stringify({ format: 'badgesmith-site', version: 1, ...META, files: { 'index.html': [sha('INDEX'), 5, 7] } }),
      JSON.stringify({ format: 'badgesmith-site', version: 1, ...META, files: [] }),
      JSON.stringify({ format: 'badgesmith-site', version: 99, ...META, files: {} }),
      JSON.stringify({ format: 'badgesmith-site', version: 1, ...META, files: { 'a\u0000b': [sha('x'), 1] } }),
      JSON.stringify(null),
    ];
    for (const [i, text] of bad.entries()) {
      const { out, precious } = await siteBesideVictim(`hostile-shape-${i}`);
      writeFileSync(join(out, 'extra.txt'), 'kept');
      writeFileSync(join(out, 'index.html'), 'DAMAGED');
      writeFileSync(join(out, 'badgesmith-site.json'), text);
      const result = await writeSiteTree(out, entries(), META);
      expect(result.removed, text).toEqual([]);
      expect(result.written, text).toEqual(['credentials/c1.html', 'index.html']);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('INDEX');
      expect(readFileSync(join(out, 'extra.txt'), 'utf8')).toBe('kept');
      expect(readFileSync(precious, 'utf8')).toBe('precious');
      expect((await readSiteManifest(out))?.files['index.html']).toEqual([sha('INDEX'), 5]);
    }
  });

  it('readSiteManifest refuses a manifest with unsafe paths (the resolver and the preview rely on it)', async () => {
    const { out } = await siteBesideVictim('hostile-read');
    forgeManifest(out, { '../victim/precious.txt': [sha('precious'), 8] });
    await expect(readSiteManifest(out)).rejects.toMatchObject({ code: 'ERR_SITE_MANIFEST_INVALID' });
  });
});

describe('writeSiteTree: a rebuild checks what is on disk (issue 14 §4)', () => {
  const lazyPage = (path: string, text: string): SiteEntry => ({ path, content: { kind: 'lazy', inputs: sha(text), render: () => text } });
  const entries = (): SiteEntry[] => [
    { path: '.nojekyll', content: '' },
    { path: 'did.json', content: '{"id":"did"}' },
    { path: 'index.html', content: 'INDEX PAGE' },
    { path: 'status/1.json', content: '{"list":1}' },
    lazyPage('credentials/c1.html', 'PAGE ONE'),
    lazyPage('credentials/c2.html', 'PAGE TWO'),
  ];

  async function built(name: string): Promise<string> {
    const out = join(dir, name);
    await writeSiteTree(out, entries(), META);
    return out;
  }

  it('negative vector deleted-files: deleted files are written again and the folder equals a fresh build', async () => {
    const out = await built('damaged-deleted');
    rmSync(join(out, 'did.json'));
    rmSync(join(out, 'status'), { recursive: true });
    rmSync(join(out, 'credentials/c2.html'));
    const result = await writeSiteTree(out, entries(), META);
    expect(result.written).toEqual(['credentials/c2.html', 'did.json', 'status/1.json']);
    expect(result.unchanged).toBe(3);
    const fresh = await built('damaged-deleted-fresh');
    expectSameTree(fresh, out);
  });

  it('negative vector damaged-files: damaged files (other size, same size, same size with the old mtime) are written again', async () => {
    const out = await built('damaged-content');
    const page = join(out, 'credentials/c1.html');
    const { atime, mtime } = statSync(page);
    writeFileSync(page, 'PAGE 0NE'); // same size
    utimesSync(page, atime, mtime); // and the old modification time
    writeFileSync(join(out, 'index.html'), '<script>');
    writeFileSync(join(out, 'did.json'), '{"id":"DID"}');
    const result = await writeSiteTree(out, entries(), META);
    expect(result.written).toEqual(['credentials/c1.html', 'did.json', 'index.html']);
    expectSameTree(await built('damaged-content-fresh'), out);
  });

  it('an intact tree is not rewritten, and a file only touched is kept without rewriting the tree', async () => {
    const out = await built('damaged-none');
    const manifest = join(out, 'badgesmith-site.json');
    const { ctimeMs } = statSync(manifest);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await writeSiteTree(out, entries(), META)).written).toEqual([]);
    expect(statSync(manifest).ctimeMs, 'an intact tree leaves even the manifest alone').toBe(ctimeMs);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(out, 'credentials/c2.html'), later, later);
    expect((await writeSiteTree(out, entries(), META)).written).toEqual([]);
    expectSameTree(await built('damaged-none-fresh'), out);
  });
});
