import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SignJWT, importJWK, type JWK } from 'jose';
import { signDataIntegrity } from '../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../shared/sign/ed25519.js';
import { publicKeyMultibaseFromJwk } from '../../shared/sign/multikey.js';
import { bake } from '../../shared/bake/prepare.js';
import { unbake } from '../../shared/bake/unbake.js';
import { exportSite, findVerifierScript } from '../../main/services/site-export.js';
import { createSiteFixture, SITE_URL, type SiteFixture } from '../main/services/site-fixture.js';
import { makePng } from '../shared/bake/fixtures.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.jws': 'text/plain' };
const SHOTS = 'test-results/site';

let dir: string;
let site: string;
let fx: SiteFixture;
let server: Server;
let origin: string;
const externalRequests: string[] = [];

test.beforeAll(async () => {
  if (!findVerifierScript()) throw new Error('out/site-verifier.js is missing: run `node scripts/build.mjs` first.');
  dir = mkdtempSync(join(tmpdir(), 'bs-e2e-site-'));
  fx = await createSiteFixture(dir, { language: 'en' });
  site = join(dir, 'site');
  await exportSite(fx.workspace, fx.keystore, site, { issuedDirs: [fx.issuedDir] });
  // Served under a sub-path, like a GitHub Pages project site, to prove links are relative.
  server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith('/amis/')) return void response.writeHead(404).end();
    const rest = pathname.slice('/amis/'.length);
    const file = normalize(join(site, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest));
    if (!file.startsWith(site) || !existsSync(file)) return void response.writeHead(404, { 'content-type': 'text/html' }).end(readFileSync(join(site, '404.html')));
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fx.workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

test.beforeEach(async ({ page }) => {
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) externalRequests.push(request.url());
  });
});

test.afterEach(() => {
  expect(externalRequests).toEqual([]);
});

test('index → badge → credential → verify by URL', async ({ page }) => {
  await page.goto(`${origin}/amis/`);
  await expect(page.locator('h1')).toContainText('Les Amis du Code');
  await page.screenshot({ path: `${SHOTS}/index.png`, fullPage: true });
  await page.getByRole('link', { name: /Atelier soudure/ }).first().click();
  await expect(page.locator('h1')).toHaveText('Atelier soudure');
  await expect(page.locator('img[alt="Badge image: Atelier soudure"]')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/badge.png`, fullPage: true });

  const credential = fx.credentials.find((c) => c.badgeId === 'atelier-soudure' && c.format === 'ob3-di')!;
  await page.goto(`${origin}/amis/credentials/${credential.id}.html`);
  await expect(page.locator('dl.facts')).toContainText('Élodie Martin');
  await expect(page.getByRole('link', { name: 'Add to LinkedIn profile' })).toHaveAttribute('href', /linkedin\.com\/profile\/add/);
  await page.screenshot({ path: `${SHOTS}/credential.png`, fullPage: true });
  await page.getByRole('link', { name: 'Criteria' }).click();
  await expect(page.locator('h1')).toHaveText('Atelier soudure');
  await page.goBack();
  await page.getByRole('link', { name: 'Verify this badge' }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'verified');
  await page.screenshot({ path: `${SHOTS}/verify-url.png`, fullPage: true });
});

test('verifier: baked PNG verified, tampered copy not verified with the reason, revoked one revoked', async ({ page }) => {
  const good = fx.credentials.find((c) => c.format === 'ob3-di' && !c.revoked)!;
  const revoked = fx.credentials.find((c) => c.format === 'ob3-di' && c.revoked)!;
  const png = new Uint8Array(readFileSync(good.files.png!));
  const payload = JSON.parse(String(unbake(png).payload));
  payload.credentialSubject.achievement.name = 'Master welder (forged)';
  const tamperedFile = join(dir, 'tampered.png');
  writeFileSync(tamperedFile, bake(makePng(64, 64, 7), JSON.stringify(payload), 'ob3'));

  await page.goto(`${origin}/amis/verify/`);
  await expect(page.locator('main h1')).toHaveText('Verify a badge');

  await page.locator('#recipient-email').fill(good.email);
  await page.locator('#badge-file').setInputFiles(good.files.png!);
  await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'verified');
  await expect(page.locator('#result [data-check="recipient"]')).toHaveAttribute('data-ok', 'true');
  await page.screenshot({ path: `${SHOTS}/verify-good.png`, fullPage: true });

  await page.locator('#recipient-email').fill('');
  await page.locator('#badge-file').setInputFiles(tamperedFile);
  await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'not-verified');
  await expect(page.locator('#result [data-check="proof"]')).toHaveAttribute('data-ok', 'false');
  await expect(page.locator('#result [data-check="proof"]')).toContainText('ERR_');
  await page.screenshot({ path: `${SHOTS}/verify-tampered.png`, fullPage: true });

  await page.locator('#badge-file').setInputFiles(revoked.files.png!);
  await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'revoked');
  await expect(page.locator('#result [data-check="status"]')).toContainText('ERR_REVOKED');
  await page.screenshot({ path: `${SHOTS}/verify-revoked.png`, fullPage: true });
});

test('verifier: forgeries naming this site’s issuer are not verified; another issuer’s badge is shown as such', async ({ page }) => {
  const good = fx.credentials.find((c) => c.format === 'ob3-di' && !c.revoked)!;
  const { proof: _proof, ...unsigned } = JSON.parse(String(unbake(new Uint8Array(readFileSync(good.files.png!))).payload)) as Record<string, unknown>;
  const siteDid = (unsigned.issuer as { id: string }).id;
  const attacker = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as Ed25519PrivateJwk;
  const multibase = publicKeyMultibaseFromJwk(attacker);
  const created = '2026-03-02T10:00:00Z';

  const issuerJson = `${SITE_URL}issuer.json`;
  const httpsForgery = await signDataIntegrity(
    { ...unsigned, issuer: { id: issuerJson, type: ['Profile'], name: 'Les Amis du Code' } },
    { privateKey: attacker, verificationMethod: `${issuerJson}#${multibase}`, created },
  );
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwtForgery = await new SignJWT({ ...unsigned, iss: siteDid, jti: String(unsigned.id), nbf: Math.floor(Date.parse(String(unsigned.validFrom)) / 1000) })
    .setProtectedHeader({ alg: 'RS256', jwk: rsa.publicKey.export({ format: 'jwk' }) as JWK })
    .sign(await importJWK(rsa.privateKey.export({ format: 'jwk' }) as JWK, 'RS256'));
  const didKey = `did:key:${multibase}`;
  const { credentialStatus: _status, ...unlisted } = unsigned;
  const otherIssuer = await signDataIntegrity(
    { ...unlisted, issuer: { id: didKey, type: ['Profile'], name: 'Les Amis du Code' } },
    { privateKey: attacker, verificationMethod: `${didKey}#${multibase}`, created },
  );
  const files = {
    https: join(dir, 'forged-https-issuer.json'),
    jwt: join(dir, 'forged-header-jwk.jws'),
    other: join(dir, 'other-issuer.json'),
  };
  writeFileSync(files.https, JSON.stringify(httpsForgery));
  writeFileSync(files.jwt, jwtForgery);
  writeFileSync(files.other, JSON.stringify(otherIssuer));

  await page.goto(`${origin}/amis/verify/`);
  for (const file of [files.https, files.jwt]) {
    await page.locator('#badge-file').setInputFiles(file);
    await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'not-verified');
    await expect(page.locator('#result [data-check="issuer-key"]')).toHaveAttribute('data-ok', 'false');
    await expect(page.locator('#result dl.facts')).not.toContainText('Les Amis du Code');
  }
  await page.screenshot({ path: `${SHOTS}/verify-forged.png`, fullPage: true });

  await page.locator('#badge-file').setInputFiles(files.other);
  await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'verified');
  await expect(page.locator('#result [data-other-issuer]')).toContainText(`not issued by Les Amis du Code. Its issuer is ${didKey}`);
  await expect(page.locator('#result dl.facts')).not.toContainText('Les Amis du Code');
  await page.screenshot({ path: `${SHOTS}/verify-other-issuer.png`, fullPage: true });
  // Long key ids wrap: on a phone the page never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/verify-other-issuer-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.locator('#badge-file').setInputFiles(good.files.png!);
  await expect(page.locator('#result')).toHaveAttribute('data-outcome', 'verified');
  await expect(page.locator('#result [data-other-issuer]')).toHaveCount(0);
  await expect(page.locator('#result dl.facts')).toContainText(`Les Amis du Code (${siteDid})`);
});
