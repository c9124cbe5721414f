import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../../main/services/site-export.js';
import { startSitePreview, type SitePreview } from '../../../main/services/site-preview.js';
import { createSiteFixture, SITE_URL, type SiteFixture } from './site-fixture.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (fetch would normalise `..` away before sending it). */
function get(preview: SitePreview, path: string, method = 'GET'): Promise<Reply> {
  const { port } = new URL(preview.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('site serve: the loopback preview of an exported site', () => {
  let fixture: SiteFixture;
  let site: string;
  let preview: SitePreview;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-preview-'));
    fixture = await createSiteFixture(dir, { language: 'fr' });
    site = join(dir, 'site');
    await exportSite(fixture.workspace, fixture.keystore, site, {
      issuedDirs: [fixture.issuedDir],
    });
    symlinkSync('/etc', join(site, 'escape'));
    preview = await startSitePreview(site);
  });

  afterAll(async () => {
    await preview.close();
    fixture.workspace.close();
  });

  it('serves the tree on 127.0.0.1 under the path of the public site URL', async () => {
    expect(preview.siteUrl).toBe(SITE_URL);
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/amis\/$/);
    const home = await get(preview, '/amis/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toBe(readFileSync(join(site, 'index.html'), 'utf8'));
  });

  it('sends the content types a static host sends', async () => {
    const did = await get(preview, '/amis/did.json');
    expect(did.headers['content-type']).toBe('application/json');
    expect(JSON.parse(did.body).id).toBe('did:web:badges.example.org:amis');
    const credential = fixture.credentials.find((c) => c.format === 'ob3-di')!;
    const png = await get(preview, `/amis/credentials/${credential.id}.png`, 'HEAD');
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body).toBe('');
    expect(png.headers['content-security-policy']).toBeUndefined();
    writeFileSync(join(site, 'probe.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const svg = await get(preview, '/amis/probe.svg', 'HEAD');
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-security-policy']).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    );
  });

  it('redirects a folder named without its slash, as static hosts do, so relative links keep working', async () => {
    const reply = await get(preview, '/amis/verify');
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('/amis/verify/');
    expect((await get(preview, '/amis')).headers.location).toBe('/amis/');
  });

  it('answers 404 with the site’s own 404 page outside the tree, for traversal and for symlinks that leave it', async () => {
    const page404 = readFileSync(join(site, '404.html'), 'utf8');
    for (const path of [
      '/amis/nothing-here.json',
      '/elsewhere/index.html',
      '/amis/../../../etc/passwd',
      '/amis/%2e%2e/%2e%2e/etc/passwd',
      '/amis/escape/passwd',
    ]) {
      const reply = await get(preview, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toBe(page404);
    }
  });

  it('is read-only', async () => {
    const reply = await get(preview, '/amis/index.html', 'POST');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('stops at once even while a browser keeps a connection open', async () => {
    const second = await startSitePreview(site);
    const { port } = new URL(second.url);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: new URL(second.url).pathname, agent },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(agent.freeSockets).not.toEqual({});
    const started = performance.now();
    await second.close();
    expect(performance.now() - started).toBeLessThan(3_000); // keep-alive would hold it 5 s
    agent.destroy();
  });

  it('refuses a folder that is not an exported site', async () => {
    await expect(startSitePreview(tmpdir())).rejects.toMatchObject({ code: 'ERR_SITE_NOT_FOUND' });
  });
});
