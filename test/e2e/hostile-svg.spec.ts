/**
 * Issue 14 §3 in a real browser: every payload of the hostile SVG corpus, once sanitised, is opened in Chromium
 * as a page of its own and inside <img> and <object> on an HTML page, with every request intercepted: none may
 * leave the page's origin, no frame may navigate, no dialog may open. A control run opens the raw payloads the
 * same way and must catch them reaching out, so the harness is known to see what it is looking for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { sanitizeSvg, SVG_CSP } from '../../shared/bake/sanitize.js';
import { HOSTILE_SVGS } from '../fixtures/hostile-svg/index.js';

const payloads = HOSTILE_SVGS.filter((h) => h.refused === undefined);
const clean = new Map(payloads.map((h) => [h.name, sanitizeSvg(h.text)]));
const raw = new Map(payloads.map((h) => [h.name, h.text]));

let server: Server;
let origin: string;
let context: BrowserContext;
/** What the page being opened did that it should not have; reset for each opening. */
let found: string[] = [];
let expectedFrames = new Set<string>();

test.beforeAll(async ({ browser }) => {
  server = createServer((request, response) => {
    const [, kind, mode, name] = /^\/(clean|raw)\/(page|host)\/([\w-]+)\.(?:svg|html)$/.exec(request.url ?? '') ?? [];
    const svg = (kind === 'clean' ? clean : raw).get(name ?? '');
    if (svg === undefined) return void response.writeHead(404).end();
    if (mode === 'page') return void response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg);
    const src = `/${kind}/page/${name}.svg`;
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><title>${name}</title><img src="${src}" alt="badge"><object data="${src}" type="image/svg+xml"></object>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await browser.newContext();
  // Every request of every frame and popup passes here: only the test server's own URLs go through.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    found.push(`request ${url}`);
    return route.abort();
  });
});

test.afterAll(async () => {
  await context.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Opens `path` in a fresh page and reports every request that left the origin, every navigation away, every dialog. */
async function escapes(path: string): Promise<string[]> {
  found = [];
  const start = `${origin}${path}`;
  expectedFrames = new Set([start, `${origin}${path.replace(/\/host\/(.*)\.html$/, '/page/$1.svg')}`]);
  const page: Page = await context.newPage();
  page.on('framenavigated', (frame) => {
    if (!expectedFrames.has(frame.url())) found.push(`navigation ${frame.url()}`);
  });
  page.on('dialog', (dialog) => {
    found.push(`dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => found.push(`popup ${popup.url()}`));
  await page.goto(start, { waitUntil: 'load' });
  // Time for refreshes, animations (begin="0s"), lazy images and late style loads to fire.
  await page.waitForTimeout(500);
  await page.close();
  return found;
}

const pathOf = (kind: 'clean' | 'raw', mode: 'page' | 'host', name: string): string => `/${kind}/${mode}/${name}.${mode === 'page' ? 'svg' : 'html'}`;

test('control: the unsanitised payloads are caught reaching out (the harness sees leaks)', async () => {
  test.setTimeout(300_000);
  const leaks: Record<string, string[]> = {};
  for (const { name } of payloads) {
    for (const mode of ['page', 'host'] as const) {
      for (const escape of await escapes(pathOf('raw', mode, name))) (leaks[name] ??= []).push(`${mode}: ${escape}`);
    }
  }
  console.log(JSON.stringify({ rawLeaks: leaks }, null, 1));
  // The issue's own payloads that a browser acts on when opening the file itself.
  for (const name of ['xhtml-meta-refresh', 'xhtml-img-srcset', 'xhtml-video-poster', 'css-escaped-url', 'css-image-set', 'script-element', 'external-image-href']) {
    expect(leaks[name], name).toBeDefined();
  }
});

for (const { name } of payloads) {
  test(`sanitised ${name}: no request leaves the page, no navigation, opened as a page and in <img>/<object>`, async () => {
    expect(await escapes(pathOf('clean', 'page', name)), 'as a page').toEqual([]);
    expect(await escapes(pathOf('clean', 'host', name)), 'in <img> and <object>').toEqual([]);
  });
}

test('SVG_CSP forbids every load but inline images and styles, scripts and navigation', () => {
  const directives = new Map(SVG_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  expect(directives.get('default-src')).toBe("'none'");
  expect(directives.get('img-src')).toBe('data:');
  expect(directives.get('style-src')).toBe("'unsafe-inline'");
  expect(directives.has('sandbox')).toBe(true);
});
