/**
 * Every page type of a published site at a phone's width (390 px), in English and in French: nothing
 * scrolls sideways, and the verify page shows its result in the site's language.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { exportSite, findVerifierScript } from '../../main/services/site-export.js';
import { createSiteFixture, type SiteFixture } from '../main/services/site-fixture.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.jws': 'text/plain' };
const WIDTH = 390;
const SHOTS = 'test-results/site-phone';

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width, `${what} is ${width} px wide at ${WIDTH} px`).toBeLessThanOrEqual(WIDTH);
}

for (const language of ['en', 'fr'] as const) {
  test.describe(`published site at ${WIDTH} px, ${language}`, () => {
    let dir: string;
    let fx: SiteFixture;
    let server: Server;
    let origin: string;

    test.beforeAll(async () => {
      if (!findVerifierScript()) throw new Error('out/site-verifier.js is missing: run `node scripts/build.mjs` first.');
      dir = mkdtempSync(join(tmpdir(), `bs-e2e-phone-${language}-`));
      fx = await createSiteFixture(dir, { language });
      const site = join(dir, 'site');
      await exportSite(fx.workspace, fx.keystore, site, { issuedDirs: [fx.issuedDir] });
      server = createServer((request, response) => {
        const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
        if (!pathname.startsWith('/amis/')) return void response.writeHead(404).end();
        const rest = pathname.slice('/amis/'.length);
        const file = normalize(join(site, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest));
        if (!file.startsWith(site) || !existsSync(file)) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    test.afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fx.workspace.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test.use({ viewport: { width: WIDTH, height: 844 } });

    test('index, badge page, credential pages and verify results fit the width', async ({ page }) => {
      await page.goto(`${origin}/amis/`);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', 'favicon.svg');
      await noSidewaysScroll(page, 'index');
      await page.screenshot({ path: `${SHOTS}/${language}-index.png`, fullPage: true });

      await page.goto(`${origin}/amis/badges/atelier-soudure/`);
      await expect(page.locator('h1')).toHaveText('Atelier soudure');
      await noSidewaysScroll(page, 'badge page');

      for (const format of ['ob3-di', 'ob2-signed'] as const) {
        const credential = fx.credentials.find((c) => c.badgeId === 'atelier-soudure' && c.format === format && !c.revoked)!;
        await page.goto(`${origin}/amis/credentials/${credential.id}.html`);
        await noSidewaysScroll(page, `${format} credential page`);
        await page.screenshot({ path: `${SHOTS}/${language}-${format}-credential.png`, fullPage: true });

        await page.locator('a[href*="verify/"]').filter({ hasText: language === 'fr' ? 'Vérifier ce badge' : 'Verify this badge' }).click();
        const result = page.locator('#result');
        await expect(result).toHaveAttribute('data-outcome', 'verified');
        await expect(result.locator('.other-issuer'), 'this site’s own badge is not shown as another issuer’s').toHaveCount(0);
        await noSidewaysScroll(page, `${format} verify result`);
        await page.screenshot({ path: `${SHOTS}/${language}-${format}-verify.png`, fullPage: true });

        const headline = (await result.locator('h2').textContent()) ?? '';
        const facts = (await result.locator('dl.facts').textContent()) ?? '';
        const checks = await result.locator('.checks li').allTextContents();
        expect(checks.length).toBeGreaterThan(3);
        // The badge is named, never shown as its BadgeClass URL; dates are words, not ISO.
        expect(facts).toContain('Atelier soudure');
        expect(facts).not.toMatch(/https?:\/\/\S+\/badges\/|\d{4}-\d{2}-\d{2}T/);
        if (language === 'fr') {
          expect(headline).toMatch(/^Vérifié\u202f: /);
          expect(facts).toMatch(/\d{1,2}(er)? [a-zéû]+ \d{4}/);
          for (const line of checks) expect(line, line).not.toMatch(/\b(The|This|is|are|verifies|with|issued by|Valid)\b/);
        } else {
          expect(headline).toMatch(/^Verified: /);
          expect(facts).toMatch(/[A-Z][a-z]+ \d{1,2}, \d{4}/);
        }
      }
    });
  });
}
