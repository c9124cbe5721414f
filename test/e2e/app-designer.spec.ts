import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { appServerForFile, callInPage, noSeriousViolations, openSampleHome } from './app-api.js';

const server = appServerForFile();

const SHOTS = 'test-results/app';

async function openDesigner(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openSampleHome(page, server.url);
  await page.getByRole('link', { name: 'Designer' }).click();
}

async function startFrom(page: Page, template: string): Promise<void> {
  const newOrOpen = page.getByRole('button', { name: 'New or open…' });
  if (await newOrOpen.isVisible().catch(() => false)) await newOrOpen.click();
  await page.locator('.template-grid').getByRole('button', { name: template, exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Design tools' })).toBeVisible();
  await expectSaved(page);
}

async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /All changes saved/ })).toBeVisible({
    timeout: 5_000,
  });
}

/** The layers panel's names, top first. */
async function layerNames(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Layers, top first' })
    .locator('.layer-name')
    .allInnerTexts();
}

async function download(page: Page, menuItem: string, path: string): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: menuItem }).click(),
  ]);
  await file.saveAs(path);
  return readFileSync(path);
}

/** How far apart two same-size RGBA images are: mean channel difference and share of clearly different pixels. */
function compare(a: PNG, b: PNG): { mean: number; differing: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    let worst = 0;
    for (let c = 0; c < 4; c++) {
      const d = Math.abs(a.data[i + c]! - b.data[i + c]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    if (worst > 48) differing++;
  }
  return { mean: sum / a.data.length, differing: differing / (a.width * a.height) };
}

async function currentDesign(page: Page): Promise<unknown> {
  const id = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('badgesmith.designer.current:'));
    return key ? localStorage.getItem(key) : null;
  });
  expect(id).toBeTruthy();
  return (await callInPage<{ document: unknown }>(page, 'designs.load', { id })).document;
}

async function nodePng(page: Page, document: unknown): Promise<PNG> {
  const rendered = await callInPage<{ base64: string }>(page, 'designs.render', {
    document,
    format: 'png',
    size: 512,
  });
  return PNG.sync.read(Buffer.from(rendered.base64, 'base64'));
}

function countColour(png: PNG, [r, g, b]: [number, number, number], tolerance = 40): number {
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (
      png.data[i + 3]! > 200 &&
      Math.abs(png.data[i]! - r) < tolerance &&
      Math.abs(png.data[i + 1]! - g) < tolerance &&
      Math.abs(png.data[i + 2]! - b) < tolerance
    ) {
      count++;
    }
  }
  return count;
}

function newestPngs(dir: string, since: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith('.png') && statSync(path).mtimeMs >= since) {
      found.push(path);
    }
  }
  return found;
}

test('design from a template: rim text, icon, recolour, undo/redo, restack, export, reload, link and issue', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openDesigner(page);
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/designer-templates.png` });
  await startFrom(page, 'Round medal');

  // Text on the rim (top), its words edited.
  await page.getByRole('button', { name: 'Text on the rim (top)' }).click();
  await page.getByLabel('Words').fill('RANDONNEURS DU VERCORS');
  await page.getByLabel('Layer name').fill('Club rim');

  // An icon, found by search, then recoloured.
  await page.getByRole('button', { name: 'Add an icon' }).click();
  await page.getByRole('searchbox', { name: 'Search icons' }).fill('mountain');
  await page.getByRole('button', { name: 'mountain', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByLabel('Icon colour').fill('#e11d48');
  await page.getByLabel('Layer name').click();
  await expect(page.getByLabel('Icon colour')).toHaveValue('#e11d48');

  // Undo takes the colour back, redo puts it again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Icon colour')).toHaveValue('#1f2937');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByLabel('Icon colour')).toHaveValue('#e11d48');

  // Restack: drag the icon below the ring.
  const before = await layerNames(page);
  expect(before[0]).toBe('mountain');
  // HTML5 drag and drop, event by event (the panel's own handlers do the work).
  const carried = await page.evaluateHandle(() => new DataTransfer());
  const source = page.locator('.layer-row', { hasText: 'mountain' });
  const target = page.locator('.layer-row', { hasText: 'Ring' });
  await source.dispatchEvent('dragstart', { dataTransfer: carried });
  await target.dispatchEvent('dragover', { dataTransfer: carried });
  await target.dispatchEvent('drop', { dataTransfer: carried });
  await source.dispatchEvent('dragend', { dataTransfer: carried });
  await expect.poll(() => layerNames(page)).not.toEqual(before);
  const after = await layerNames(page);
  expect(after.indexOf('mountain')).toBe(after.length - 1);
  expect(after.at(-2)).toBe('Ring');
  await expectSaved(page);
  await page.screenshot({ path: `${SHOTS}/designer-edited.png` });

  // Reload mid-way: nothing is lost.
  await page.reload();
  await expect(page.getByRole('toolbar', { name: 'Design tools' })).toBeVisible({
    timeout: 15_000,
  });
  expect(await layerNames(page)).toEqual(after);
  await page.getByRole('button', { name: 'mountain', exact: true }).click();
  await expect(page.getByLabel('Icon colour')).toHaveValue('#e11d48');

  // Export PNG (drawn by Chromium) and SVG; compare with the PNG main renders from the same document.
  const pngBytes = await download(page, 'PNG image (512 px)', `${SHOTS}/designer-export.png`);
  const chromium = PNG.sync.read(pngBytes);
  expect([chromium.width, chromium.height]).toEqual([512, 512]);
  expect(chromium.data[3]).toBe(0);
  expect(chromium.data[(256 * 512 + 256) * 4 + 3]).toBe(255);
  expect(countColour(chromium, [0xe1, 0x1d, 0x48])).toBeGreaterThan(150);
  const svg = (await download(page, 'SVG master', `${SHOTS}/designer-export.svg`)).toString('utf8');
  expect(svg).toContain('<title>');
  expect(svg).not.toContain('<text');
  expect(svg).toContain('stroke="#e11d48"');
  const document = await currentDesign(page);
  const node = await nodePng(page, document);
  writeFileSync(`${SHOTS}/designer-export-node.png`, PNG.sync.write(node));
  const diff = compare(chromium, node);
  expect(diff.mean).toBeLessThan(1.5);
  expect(diff.differing).toBeLessThan(0.01);

  // Use it as the image of a badge class.
  await page.getByRole('button', { name: 'Use as the image of badge…' }).click();
  await page.getByLabel('Badge class').selectOption('premiers-secours');
  await page.getByRole('button', { name: 'Use this design' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'now uses this design' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/designer-linked.png` });
  await page.getByRole('button', { name: 'Close' }).click();

  // Issue a badge of that class: the credential's baked PNG carries this artwork.
  const started = Date.now() - 1000;
  const csv = 'email,name\nmarion.design@example.org,Marion Design\n';
  await callInPage(page, 'issue.start', {
    badgeId: 'premiers-secours',
    formats: ['ob3-di'],
    bake: ['png'],
    csv: { name: 'designer.csv', base64: Buffer.from(csv).toString('base64') },
  });
  await expect
    .poll(
      async () =>
        (await callInPage<{ job: { state: string } | null }>(page, 'issue.status', {})).job?.state,
      {
        timeout: 60_000,
      },
    )
    .toBe('finished');
  const baked = newestPngs(join(server.appDir, 'sample'), started).filter(
    (p) => !p.includes('artwork'),
  );
  expect(baked.length).toBeGreaterThan(0);
  const artwork = PNG.sync.read(
    readFileSync(join(server.appDir, 'sample/workspace/artwork/premiers-secours.png')),
  );
  const credential = PNG.sync.read(readFileSync(baked[0]!));
  expect(compare(credential, artwork).mean).toBe(0);
  expect(countColour(credential, [0xe1, 0x1d, 0x48])).toBeGreaterThan(150);

  await noSeriousViolations(page);

  // French.
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Atelier', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Utiliser comme image du badge…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Texte sur le bord (haut)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Calques' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/designer-fr.png` });
  await noSeriousViolations(page);
  await page.getByLabel('Langue').selectOption('en');
});

test('every template: the PNG Chromium exports matches the PNG Node renders', async ({ page }) => {
  test.setTimeout(180_000);
  await openDesigner(page);
  const templates = await callInPage<{ id: string; label: string }[]>(page, 'designs.templates', {
    language: 'en',
  });
  expect(templates.length).toBeGreaterThanOrEqual(8);
  const results: string[] = [];
  for (const template of templates) {
    await startFrom(page, template.label);
    const path = `${SHOTS}/designer-template-${template.id}.png`;
    const chromium = PNG.sync.read(await download(page, 'PNG image (512 px)', path));
    const node = await nodePng(page, await currentDesign(page));
    const diff = compare(chromium, node);
    results.push(
      `${template.id}: mean ${diff.mean.toFixed(3)}, differing ${(diff.differing * 100).toFixed(2)} %`,
    );
    expect(diff.mean, template.id).toBeLessThan(1.5);
    expect(diff.differing, template.id).toBeLessThan(0.01);
  }
  console.log(results.join('\n'));
});
