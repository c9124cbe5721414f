import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import jsQRModule from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { darkRuns, qrSvg } from '../../../shared/site/qr.js';
import { escapeHtml } from '../../../shared/site/html.js';
import { qrMatrix } from '../../../main/services/qr-code.js';
import { exportSite } from '../../../main/services/site-export.js';
import { createSiteFixture, revokeFixtureCredential, SITE_URL, type SiteFixture } from './site-fixture.js';

// jsqr is a CommonJS bundle: its default export is the module object or the function, depending on the loader.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

/** Renders an inline QR SVG and reads it back with a QR decoder we did not write. */
function scan(svg: string): string | null {
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: 300 }, background: '#ffffff' }).render();
  const result = jsQR(new Uint8ClampedArray(rendered.pixels), rendered.width, rendered.height);
  return result?.data ?? null;
}

function pageQr(html: string): string {
  const match = /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="qr"[\s\S]*?<\/svg>/.exec(html);
  expect(match, 'the page has an inline QR code').not.toBeNull();
  return match![0];
}

describe('QR codes on credential pages', () => {
  let dir: string;
  let fx: SiteFixture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bs-site-qr-'));
    fx = await createSiteFixture(dir, { language: 'en' });
  }, 60_000);

  afterAll(() => {
    fx.workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each credential page shows a QR code that scans to its own address, with a caption', async () => {
    const site = join(dir, 'site');
    await exportSite(fx.workspace, fx.keystore, site, { issuedDirs: [fx.issuedDir] });
    const ids = [...new Set(fx.credentials.map((c) => c.id))];
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids.slice(0, 4)) {
      const html = readFileSync(join(site, 'credentials', `${id}.html`), 'utf8');
      expect(scan(pageQr(html))).toBe(`${SITE_URL}credentials/${id}.html`);
      expect(html).toContain('aria-label="QR code of this page"');
      expect(html).toContain('<figcaption>Scan this code to open this page');
      // No inline style: the pages' Content-Security-Policy forbids it.
      expect(pageQr(html)).not.toMatch(/style=/);
    }
    // The index and badge pages have none.
    expect(readFileSync(join(site, 'index.html'), 'utf8')).not.toContain('class="qr"');
  });

  it('a rebuild after a revocation rewrites only the revoked page, QR code unchanged', async () => {
    const site = join(dir, 'site-2');
    await exportSite(fx.workspace, fx.keystore, site, { issuedDirs: [fx.issuedDir] });
    const target = fx.credentials.find((c) => c.format === 'ob3-di' && !c.revoked)!;
    const before = pageQr(readFileSync(join(site, 'credentials', `${target.id}.html`), 'utf8'));
    revokeFixtureCredential(fx.workspace, target, '2026-04-02T00:00:00Z');
    const result = await exportSite(fx.workspace, fx.keystore, site, { issuedDirs: [fx.issuedDir] });
    expect(result.written.filter((p) => p.endsWith('.html'))).toEqual([`credentials/${target.id}.html`]);
    expect(pageQr(readFileSync(join(site, 'credentials', `${target.id}.html`), 'utf8'))).toBe(before);
  });
});

describe('qrSvg (pure)', () => {
  it('draws each run of dark modules once, inside a 4-module quiet zone, the same bytes every time', () => {
    const matrix = { size: 3, modules: [1, 1, 0, 0, 1, 0, 1, 1, 1] };
    expect(darkRuns(matrix)).toEqual([
      [0, 0, 2],
      [1, 1, 1],
      [0, 2, 3],
    ]);
    const svg = qrSvg(matrix, 'Code <QR>', escapeHtml);
    expect(svg).toContain('viewBox="0 0 11 11"');
    expect(svg).toContain('d="M4 4h2v1h-2zM5 5h1v1h-1zM4 6h3v1h-3z"');
    expect(svg).toContain('aria-label="Code &lt;QR&gt;"');
    expect(qrSvg(matrix, 'Code <QR>', escapeHtml)).toBe(svg);
  });

  it('long addresses (a deep site path and a UUID) still make a code that scans', () => {
    const url = `https://badges.example.org/associations/les-randonneurs-du-vercors/credentials/${'5f0c1d2e-0001-4000-8000-000000000001'}.html`;
    expect(scan(qrSvg(qrMatrix(url), 'QR', escapeHtml))).toBe(url);
  });
});
