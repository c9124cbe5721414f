/**
 * Issue 14 §4 and §2: the site build treats what it reads back from the workspace database as
 * untrusted input (file hashes, file paths, URLs, formats, artwork names), and a credential's page
 * shows the name inside that signed credential, not the workspace's current name for the person.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertRecipient } from '../../../main/db/repos/recipients.js';
import { exportSite } from '../../../main/services/site-export.js';
import { createSiteFixture, type FixtureCredential, type SiteFixture } from './site-fixture.js';

const SECRET = 'SECRET-0f3a: private notes that must never be published';
const sha = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function listFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

function treeText(root: string): string {
  return listFiles(root)
    .map((path) => readFileSync(join(root, path), 'latin1'))
    .join('\n');
}

let dir: string;
let fx: SiteFixture;
let run = 0;
const build = (out: string) => exportSite(fx.workspace, fx.keystore, out, { issuedDirs: [fx.issuedDir] });
const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as { code?: string; message?: string });

describe('site build: rows read back from the database are validated like any other input', () => {
  let victim: FixtureCredential;
  let savedFiles: string;
  let secretDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-site-untrusted-'));
    fx = await createSiteFixture(join(dir, 'fixture'), { recipients: 1, revoke: false });
    victim = fx.credentials.find((c) => c.format === 'ob3-di')!;
    savedFiles = (fx.workspace.db.prepare('SELECT files FROM issuances WHERE id = ?').get(victim.id) as { files: string }).files;
    secretDir = join(dir, 'secret');
    mkdirSync(join(secretDir, victim.badgeId), { recursive: true });
  });

  afterAll(() => {
    fx.workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    fx.workspace.db.prepare('UPDATE issuances SET files = ?, format = ? WHERE id = ?').run(savedFiles, victim.format, victim.id);
  });

  const setFiles = (files: unknown) => fx.workspace.db.prepare('UPDATE issuances SET files = ? WHERE id = ?').run(JSON.stringify(files), victim.id);

  /** Builds into a new folder and a previously built one: both refused with `code`, the secret nowhere, the built one unchanged. */
  async function expectRefused(code: string): Promise<void> {
    const fresh = join(dir, `fresh-${(run += 1)}`);
    expect(await errorOf(build(fresh))).toMatchObject({ code });
    expect(existsSync(fresh)).toBe(false);
  }

  async function expectRefusedOnRebuild(code: string, out: string): Promise<void> {
    const before = listFiles(out).map((path) => `${path}:${sha(readFileSync(join(out, path)))}`);
    expect(await errorOf(build(out))).toMatchObject({ code });
    expect(listFiles(out).map((path) => `${path}:${sha(readFileSync(join(out, path)))}`)).toEqual(before);
    expect(treeText(out)).not.toContain(SECRET);
  }

  it('negative vector db-hash-not-hex: a recorded hash that is not 64 hex digits publishes nothing (ERR_WORKSPACE_CORRUPT)', async () => {
    const secret = join(secretDir, victim.badgeId, `${victim.id}.json`);
    writeFileSync(secret, SECRET);
    const out = join(dir, 'built-hash');
    await build(out);
    for (const hash of ['', 'x', 'not-a-hash', sha(SECRET).slice(1), `${sha(SECRET)}0`, sha(SECRET).replace(/[0-9]/g, 'g')]) {
      setFiles([{ path: secret, sha256: hash, bytes: SECRET.length }]);
      await expectRefused('ERR_WORKSPACE_CORRUPT');
      await expectRefusedOnRebuild('ERR_WORKSPACE_CORRUPT', out);
    }
  });

  it('negative vector db-path-not-issued: a row naming another file (even with its true hash) publishes nothing (ERR_SITE_CREDENTIAL_PATH_INVALID)', async () => {
    const notes = join(secretDir, 'notes.json');
    writeFileSync(notes, SECRET);
    const nested = join(secretDir, 'other-badge', `${victim.id}.json`);
    mkdirSync(join(secretDir, 'other-badge'), { recursive: true });
    writeFileSync(nested, SECRET);
    const out = join(dir, 'built-path');
    await build(out);
    const relativeOut = relative(fx.issuedDir, notes);
    for (const path of [notes, nested, relativeOut, `../secret/${victim.badgeId}/${victim.id}.json`, `${victim.badgeId}/../../secret/${victim.badgeId}/${victim.id}.json`]) {
      setFiles([{ path, sha256: sha(SECRET), bytes: SECRET.length }]);
      await expectRefused('ERR_SITE_CREDENTIAL_PATH_INVALID');
      await expectRefusedOnRebuild('ERR_SITE_CREDENTIAL_PATH_INVALID', out);
    }
  });

  it('negative vector db-format-unknown: a credential row in an unknown format is refused (ERR_SITE_MODEL_INVALID)', async () => {
    // The schema's CHECK stops honest mistakes, not someone editing the file: write past it as they could.
    fx.workspace.db.pragma('ignore_check_constraints = ON');
    try {
      fx.workspace.db.prepare('UPDATE issuances SET format = ? WHERE id = ?').run('ob9-evil', victim.id);
    } finally {
      fx.workspace.db.pragma('ignore_check_constraints = OFF');
    }
    await expectRefused('ERR_SITE_MODEL_INVALID');
  });

  describe('stored URLs and artwork names', () => {
    let saved: { issuerUrl: string; image: string | null; criteria: string | null; alignments: string };

    beforeEach(() => {
      const issuer = fx.workspace.db.prepare('SELECT url FROM issuer').get() as { url: string };
      const badge = fx.workspace.db.prepare('SELECT image, criteria_url, alignments FROM badge_classes WHERE id = ?').get(victim.badgeId) as { image: string | null; criteria_url: string | null; alignments: string };
      saved = { issuerUrl: issuer.url, image: badge.image, criteria: badge.criteria_url, alignments: badge.alignments };
    });

    afterEach(() => {
      fx.workspace.db.prepare('UPDATE issuer SET url = ?').run(saved.issuerUrl);
      fx.workspace.db.prepare('UPDATE badge_classes SET image = ?, criteria_url = ?, alignments = ? WHERE id = ?').run(saved.image, saved.criteria, saved.alignments, victim.badgeId);
    });

    it('negative vector db-url-scheme: javascript:, data:, file: and relative URLs are never rendered (ERR_SITE_URL_UNSAFE)', async () => {
      const out = join(dir, 'built-url');
      await build(out);
      for (const url of ['javascript:alert(document.domain)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', '/relative', 'https://user:pw@example.org/']) {
        fx.workspace.db.prepare('UPDATE issuer SET url = ?').run(url);
        await expectRefused('ERR_SITE_URL_UNSAFE');
        await expectRefusedOnRebuild('ERR_SITE_URL_UNSAFE', out);
        fx.workspace.db.prepare('UPDATE issuer SET url = ?').run(saved.issuerUrl);

        fx.workspace.db.prepare('UPDATE badge_classes SET criteria_url = ? WHERE id = ?').run(url, victim.badgeId);
        await expectRefused('ERR_SITE_URL_UNSAFE');
        fx.workspace.db.prepare('UPDATE badge_classes SET criteria_url = ? WHERE id = ?').run(saved.criteria, victim.badgeId);

        fx.workspace.db.prepare('UPDATE badge_classes SET alignments = ? WHERE id = ?').run(JSON.stringify([{ targetName: 'x', targetUrl: url }]), victim.badgeId);
        await expectRefused('ERR_SITE_URL_UNSAFE');
        fx.workspace.db.prepare('UPDATE badge_classes SET alignments = ? WHERE id = ?').run(saved.alignments, victim.badgeId);
      }
      expect(treeText(out)).not.toMatch(/javascript:|data:text\/html/i);
    });

    it('negative vector db-artwork-path: an artwork name that leaves the artwork folder is refused (ERR_SITE_ARTWORK_INVALID)', async () => {
      const png = join(dir, 'secret.png');
      writeFileSync(png, SECRET);
      for (const name of [relative(fx.workspace.paths.artwork, png), png, '../secret.png', 'a/../../secret.png']) {
        fx.workspace.db.prepare('UPDATE badge_classes SET image = ? WHERE id = ?').run(name, victim.badgeId);
        await expectRefused('ERR_SITE_ARTWORK_INVALID');
      }
    });
  });
});

describe('credential pages show what the credential says (issue 14 §2)', () => {
  let root: string;
  let site: SiteFixture;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bs-site-names-'));
    site = await createSiteFixture(join(root, 'fixture'), { recipients: 1, revoke: false });
  });

  afterAll(() => {
    site.workspace.close();
    rmSync(root, { recursive: true, force: true });
  });

  const page = (out: string, c: FixtureCredential) => readFileSync(join(out, `credentials/${c.id}.html`), 'utf8');

  it('negative vector later-csv-row-renames: a later row with the same e-mail does not rewrite earlier credential pages', async () => {
    const out = join(root, 'site');
    const shown = site.credentials.filter((c) => c.badgeId === 'atelier-soudure');
    const ob3 = shown.filter((c) => c.format.startsWith('ob3'));
    await exportSite(site.workspace, site.keystore, out, { issuedDirs: [site.issuedDir] });
    for (const c of ob3) expect(page(out, c)).toContain('Élodie Martin');

    // A later CSV (for another badge) names the same e-mail differently: the workspace's current name changes.
    upsertRecipient(site.workspace.db, { email: shown[0]!.email.toLowerCase(), name: 'Élodie Durand' }, '2026-04-01T00:00:00Z');
    const rebuild = await exportSite(site.workspace, site.keystore, out, { issuedDirs: [site.issuedDir] });
    expect(rebuild.written).toEqual([]);
    const fresh = join(root, 'site-fresh');
    await exportSite(site.workspace, site.keystore, fresh, { issuedDirs: [site.issuedDir] });
    for (const tree of [out, fresh]) {
      for (const c of ob3) {
        expect(page(tree, c), c.format).toContain('Élodie Martin');
        expect(page(tree, c), c.format).not.toContain('Durand');
      }
      // OB 2.0 assertions carry no name, so their pages show none.
      for (const c of shown.filter((x) => x.format.startsWith('ob2'))) expect(page(tree, c), c.format).not.toMatch(/Élodie/);
    }
  });

  it('negative vector name-not-signed: a badge class that now shows names does not add a name its credentials do not carry', async () => {
    site.workspace.db.prepare('UPDATE badge_classes SET show_recipient_name = 1 WHERE id = ?').run('benevole-2026');
    const out = join(root, 'site-hidden');
    await exportSite(site.workspace, site.keystore, out, { issuedDirs: [site.issuedDir] });
    for (const c of site.credentials.filter((x) => x.badgeId === 'benevole-2026')) {
      expect(page(out, c), c.format).not.toMatch(/Élodie|Durand/);
    }
  });
});
