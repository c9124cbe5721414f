import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
