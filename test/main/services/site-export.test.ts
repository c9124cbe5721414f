import { SVG_CSP } from '../../../shared/bake/sanitize.js';
import { createPublicKey, createVerify, verify as cryptoVerify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_CONTEXTS } from '../../../shared/sign/contexts.js';
import { findVerificationMethod } from '../../../shared/sign/document-loader.js';
import { verifyBytes } from '../../../shared/verify/index.js';
import { exportSite } from '../../../main/services/site-export.js';
import { createSiteResolver } from '../../../main/services/site-resolver.js';
import { createSiteFixture, revokeFixtureCredential, SITE_URL, type SiteFixture } from './site-fixture.js';

const NOW = new Date('2026-04-01T00:00:00Z');

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function b64url(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}

let dir: string;
let fx: SiteFixture;
let site: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-site-'));
  fx = await createSiteFixture(dir);
  site = join(dir, 'site');
  await exportSite(fx.workspace, fx.keystore, site, { issuedDirs: [fx.issuedDir] });
});

afterAll(() => {
  fx.workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('site build: the tree', () => {
  it('holds the documents, pages and publishing files of issue 5', () => {
    const files = listFiles(site);
    for (const path of ['did.json', 'issuer.json', 'index.html', '404.html', 'README.txt', '.nojekyll', '_headers', '.htaccess', 'style.css', 'verify/index.html', 'verify/verifier.js', 'status/1.json', 'ob2/issuer.json', 'ob2/revocations.json', 'badges/atelier-soudure/index.html', 'badges/atelier-soudure/achievement.json', 'badges/atelier-soudure/ob2.json', 'badges/atelier-soudure/image.png', 'badgesmith-site.json']) {
      expect(files, path).toContain(path);
    }
    for (const credential of fx.credentials) {
      expect(files).toContain(`credentials/${credential.id}.html`);
      for (const kind of Object.keys(credential.files)) expect(files).toContain(`credentials/${credential.id}.${kind}`);
    }
    const did = JSON.parse(readFileSync(join(site, 'did.json'), 'utf8'));
    expect(did.id).toBe('did:web:badges.example.org:amis');
    // The index and badge pages count people, not files: the four formats of one award count once.
    const people = new Set(fx.credentials.filter((c) => c.badgeId === 'atelier-soudure').map((c) => c.email)).size;
    expect(fx.credentials.filter((c) => c.badgeId === 'atelier-soudure').length).toBeGreaterThan(people);
    expect(readFileSync(join(site, 'badges/atelier-soudure/index.html'), 'utf8')).toContain(`Délivré à ${people} personnes`);
    // Hosts that read them serve every SVG under a policy that forbids any load.
    expect(readFileSync(join(site, '_headers'), 'utf8')).toContain(`/*.svg\n  Content-Security-Policy: ${SVG_CSP}`);
    expect(readFileSync(join(site, '.htaccess'), 'utf8')).toContain(`<FilesMatch "\\.svg$">\n    Header set Content-Security-Policy "${SVG_CSP}"`);
    expect(did.verificationMethod).toHaveLength(fx.keystore.list().length);
    for (const key of fx.keystore.list()) expect(files).toContain(`keys/${key.id}.json`);
  });

  it('never publishes an e-mail of a recipient, and names only where the badge class allows it', () => {
    const text = listFiles(site)
      .filter((path) => !path.endsWith('.png') && !path.endsWith('.js'))
      .map((path) => readFileSync(join(site, path), 'utf8'))
      .join('\n')
      .toLowerCase();
    for (const credential of fx.credentials) expect(text).not.toContain(credential.email.toLowerCase());
    const shown = readFileSync(join(site, `credentials/${fx.credentials.find((c) => c.badgeId === 'atelier-soudure')!.id}.html`), 'utf8');
    const hidden = readFileSync(join(site, `credentials/${fx.credentials.find((c) => c.badgeId === 'benevole-2026')!.id}.html`), 'utf8');
    expect(shown).toContain('Élodie Martin');
    expect(hidden).not.toContain('Élodie Martin');
  });

  it('pages are in the issuer language, escaped, accessible and load nothing from other hosts', () => {
    for (const path of listFiles(site).filter((p) => p.endsWith('.html'))) {
      const html = readFileSync(join(site, path), 'utf8');
      expect(html).toContain('<html lang="fr">');
      expect(html).toMatch(/<header>[\s\S]*<nav [\s\S]*<main id="content">[\s\S]*<footer>/);
      for (const tag of html.match(/<img [^>]*>/g) ?? []) expect(tag).toMatch(/ alt="[^"]+"/);
      // src= and stylesheet hrefs are relative (or absolute to the site itself for 404.html).
      for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) {
        if (/^https?:/.test(url!)) expect(html.includes(`rel="stylesheet" href="${url}"`) || html.includes(`src="${url}"`)).toBe(false);
      }
      expect(html).not.toContain('<Les Amis>');
    }
    const badgePage = readFileSync(join(site, 'badges/atelier-soudure/index.html'), 'utf8');
    expect(badgePage).toContain('&lt;Les Amis&gt; &amp; co.');
    expect(badgePage).toContain('Critères');
    const credentialPage = readFileSync(join(site, `credentials/${fx.credentials[0]!.id}.html`), 'utf8');
    expect(credentialPage).toContain('<meta property="og:image" content="https://badges.example.org/amis/badges/atelier-soudure/image.png">');
    expect(credentialPage).toContain('<meta name="twitter:card" content="summary">');
    expect(credentialPage).toContain('https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME');
    expect(credentialPage).toContain(`href="../credentials/${fx.credentials[0]!.id}.json" download`.replace('../credentials/', ''));
  });
});

describe('site build: verification against the tree', () => {
  it('every credential verifies offline with the site resolver; revoked ones report revoked', async () => {
    const { resolve, baseUrl } = await createSiteResolver(site);
    expect(baseUrl).toBe(SITE_URL);
    for (const credential of fx.credentials) {
      for (const [kind, file] of Object.entries(credential.files)) {
        const report = await verifyBytes(new Uint8Array(readFileSync(file)), { now: NOW, resolve });
        const failed = report.checks.filter((check) => !check.ok);
        if (credential.revoked) {
          expect(report.verified, `${credential.id}.${kind}`).toBe(false);
          expect(failed.map((check) => check.code)).toEqual(['ERR_REVOKED']);
        } else {
          expect(failed, `${credential.id}.${kind} ${credential.format}`).toEqual([]);
          expect(report.verified).toBe(true);
        }
      }
    }
  });

  it('the resolver refuses paths outside the tree and URLs of other sites', async () => {
    writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
    const { resolve } = await createSiteResolver(site);
    expect(await resolve(`${SITE_URL}../secret.json`)).toBeUndefined();
    expect(await resolve(`${SITE_URL}%2e%2e/secret.json`)).toBeUndefined();
    expect(await resolve(`${SITE_URL}keys/..%2f..%2fsecret.json`)).toBeUndefined();
    expect(await resolve('https://other.example.org/amis/did.json')).toBeUndefined();
    expect(await resolve('did:web:badges.example.org:amis')).toMatchObject({ id: 'did:web:badges.example.org:amis' });
  });

  it('OB 3.0 Data Integrity documents verify with @digitalbazaar/vc and a loader reading the tree', async () => {
    const treeDoc = (url: string): unknown => {
      const base = url.split('#')[0]!;
      const path = base === 'did:web:badges.example.org:amis' ? 'did.json' : base.startsWith(SITE_URL) ? base.slice(SITE_URL.length) : undefined;
      if (path === undefined || !existsSync(join(site, path))) return undefined;
      const document = JSON.parse(readFileSync(join(site, path), 'utf8'));
      return url.includes('#') ? { '@context': document['@context'], ...findVerificationMethod(document, url) } : document;
    };
    const documentLoader = async (url: string) => {
      const document = KNOWN_CONTEXTS.get(url) ?? treeDoc(url);
      if (document === undefined) throw new Error(`offline: ${url}`);
      return { contextUrl: null, documentUrl: url, document };
    };
    const suite = new DataIntegrityProof({ cryptosuite });
    const statusList = JSON.parse(readFileSync(join(site, 'status/1.json'), 'utf8'));
    const listResult = await vc.verifyCredential({ credential: statusList, suite, documentLoader, now: NOW } as never);
    expect(listResult.verified, JSON.stringify(listResult.error ?? null)).toBe(true);
    for (const credential of fx.credentials.filter((c) => c.format === 'ob3-di')) {
      const document = JSON.parse(readFileSync(join(site, `credentials/${credential.id}.json`), 'utf8'));
      const result = await vc.verifyCredential({ credential: document, suite, documentLoader, now: NOW, checkStatus: async () => ({ verified: true }) } as never);
      expect(result.verified, JSON.stringify(result.error ?? null)).toBe(true);
    }
  });

  it('every JWS in the tree verifies with node:crypto using the key published in the tree', () => {
    for (const credential of fx.credentials.filter((c) => c.format === 'ob3-jwt' || c.format === 'ob2-signed')) {
      const compact = readFileSync(join(site, `credentials/${credential.id}.jws`), 'utf8').trim();
      const [header, payload, signature] = compact.split('.');
      const data = Buffer.from(`${header}.${payload}`);
      const parsed = JSON.parse(b64url(header!).toString('utf8'));
      expect(parsed.alg).toBe('RS256');
      let key;
      if (credential.format === 'ob3-jwt') {
        expect(parsed.kid.startsWith(`${SITE_URL}keys/`)).toBe(true);
        key = createPublicKey({ key: JSON.parse(readFileSync(join(site, parsed.kid.slice(SITE_URL.length)), 'utf8')), format: 'jwk' });
      } else {
        const creator = JSON.parse(b64url(payload!).toString('utf8')).verification.creator as string;
        key = createPublicKey(JSON.parse(readFileSync(join(site, creator.slice(SITE_URL.length)), 'utf8')).publicKeyPem);
      }
      expect(cryptoVerify('sha256', data, key, b64url(signature!))).toBe(true);
      const tampered = createVerify('sha256').update(Buffer.concat([data, Buffer.from('x')]));
      expect(tampered.verify(key, b64url(signature!))).toBe(false);
    }
  });
});

describe('site build: crawl over a loopback static server', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = normalize(join(site, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(site) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('every site URL in every published document and every relative link resolves', async () => {
    const targets = new Set<string>();
    const textFiles = listFiles(site).filter((path) => /\.(json|jws|html|txt)$/.test(path));
    for (const path of textFiles) {
      let text = readFileSync(join(site, path), 'utf8');
      if (path.endsWith('.jws')) text = text.split('.').slice(0, 2).map((part) => b64url(part).toString('utf8')).join('\n');
      for (const [url] of text.matchAll(/https:\/\/badges\.example\.org\/amis\/[^\s"'<>)]*/g)) targets.add(url!.split('#')[0]!);
      if (path.endsWith('.html') && path !== '404.html') {
        for (const [, href] of text.matchAll(/(?:src|href)="([^"]+)"/g)) {
          if (/^[a-z]+:/.test(href!) || href!.startsWith('#')) continue;
          const resolved = new URL(href!.replace(/&amp;/g, '&'), `${SITE_URL}${path}`);
          targets.add(`${resolved.origin}${resolved.pathname}`);
        }
      }
    }
    targets.add('https://badges.example.org/amis/did.json');
    expect(targets.size).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const url of targets) {
      const response = await fetch(`${origin}/${url.slice(SITE_URL.length)}`);
      if (response.status !== 200) missing.push(url);
    }
    expect(missing).toEqual([]);
  });
});

describe('site build: deterministic, incremental, atomic', () => {
  it('the same workspace gives a byte-identical tree', async () => {
    const again = join(dir, 'site-again');
    await exportSite(fx.workspace, fx.keystore, again, { issuedDirs: [fx.issuedDir] });
    const files = listFiles(site);
    expect(listFiles(again)).toEqual(files);
    for (const path of files) expect(readFileSync(join(again, path)).equals(readFileSync(join(site, path))), path).toBe(true);
  });

  it('a rebuild after one revocation writes only what changed and reports it', async () => {
    const copy = join(dir, 'site-incremental');
    await exportSite(fx.workspace, fx.keystore, copy, { issuedDirs: [fx.issuedDir] });
    const unchanged = await exportSite(fx.workspace, fx.keystore, copy, { issuedDirs: [fx.issuedDir] });
    expect(unchanged.written).toEqual([]);
    expect(unchanged.unchanged).toBe(unchanged.total);
    const victim = fx.credentials.find((c) => c.format === 'ob3-di' && !c.revoked)!;
    revokeFixtureCredential(fx.workspace, victim, '2026-03-20T12:00:00Z');
    const result = await exportSite(fx.workspace, fx.keystore, copy, { issuedDirs: [fx.issuedDir] });
    expect(result.written).toEqual([`credentials/${victim.id}.html`, 'status/1.json']);
    expect(result.removed).toEqual([]);
    expect(result.unchanged).toBe(result.total - 2);
    const { resolve } = await createSiteResolver(copy);
    const report = await verifyBytes(new Uint8Array(readFileSync(victim.files.json!)), { now: NOW, resolve });
    expect(report.checks.find((check) => check.id === 'status')?.code).toBe('ERR_REVOKED');
    expect(readdirSync(dir).filter((name) => name.includes('.build-') || name.includes('.old-'))).toEqual([]);
  });

  it('a failed build leaves the previous tree intact', async () => {
    const copy = join(dir, 'site-atomic');
    await exportSite(fx.workspace, fx.keystore, copy, { issuedDirs: [fx.issuedDir] });
    const before = readFileSync(join(copy, 'badgesmith-site.json'));
    // The database now records another hash for one issued file: the copy step (mid-write) must refuse it.
    const victim = fx.credentials.find((c) => c.format === 'ob2-signed')!;
    const row = fx.workspace.db.prepare('SELECT files FROM issuances WHERE id = ?').get(victim.id) as { files: string };
    const files = JSON.parse(row.files) as { path: string; sha256: string }[];
    files[0]!.sha256 = '0'.repeat(64);
    fx.workspace.db.prepare('UPDATE issuances SET files = ? WHERE id = ?').run(JSON.stringify(files), victim.id);
    try {
      await expect(exportSite(fx.workspace, fx.keystore, copy, { issuedDirs: [fx.issuedDir] })).rejects.toMatchObject({ code: 'ERR_SITE_SOURCE_CHANGED' });
    } finally {
      fx.workspace.db.prepare('UPDATE issuances SET files = ? WHERE id = ?').run(row.files, victim.id);
    }
    expect(readFileSync(join(copy, 'badgesmith-site.json')).equals(before)).toBe(true);
    expect(readdirSync(dirname(copy)).filter((name) => name.includes('.build-'))).toEqual([]);
    expect(listFiles(copy).filter((path) => path.includes('.bs-new-'))).toEqual([]);
    const { resolve } = await createSiteResolver(copy);
    expect(await resolve(`${SITE_URL}status/1.json`)).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'] });
  });

  it('refuses to write into a folder that is not a Badgesmith site', async () => {
    const other = join(dir, 'not-a-site');
    mkdirSync(other);
    writeFileSync(join(other, 'thesis.docx'), 'precious');
    await expect(exportSite(fx.workspace, fx.keystore, other, { issuedDirs: [fx.issuedDir] })).rejects.toMatchObject({ code: 'ERR_SITE_OUT_NOT_EMPTY' });
    expect(readFileSync(join(other, 'thesis.docx'), 'utf8')).toBe('precious');
  });
});
