import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BadgeDesign } from '../../../shared/design/model.js';
import { templateDesign } from '../../../shared/design/templates.js';
import { utf8Decode, utf8Encode } from '../../../shared/bytes.js';
import { ARTWORK_PNG_WIDTH, badgeArtwork, medalPng } from '../../../main/services/artwork.js';
import { addBadgeClass, updateBadgeClass } from '../../../main/services/badge-classes.js';
import { linkDesignToBadge, saveDesign } from '../../../main/services/designs.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { badgeDraft } from '../badge-record.js';

const DRAFT = badgeDraft({ name: 'Atelier vélo', description: 'Sait réparer une crevaison.', criteriaNarrative: 'Une roue réparée pendant l’atelier.' });

/** A red square the size of a badge: every pixel of its PNG rendition is red. */
const RED_SVG = utf8Encode('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><rect width="100" height="100" fill="#ff0000"/></svg>');

function pixel(png: Uint8Array, x: number, y: number): number[] {
  const image = PNG.sync.read(Buffer.from(png));
  const offset = (y * image.width + x) * 4;
  return [...image.data.subarray(offset, offset + 4)];
}

let ws: Workspace | undefined;
afterEach(() => ws?.close());

function workspace(): Workspace {
  ws = createWorkspace(join(mkdtempSync(join(tmpdir(), 'bs-artwork-')), 'ws'), { clock: () => new Date('2026-05-01T10:00:00Z') });
  createIssuer(ws, { name: 'Vélo club', url: 'https://velo.example', siteUrl: 'https://velo.example/badges/' });
  return ws;
}

describe('badge artwork in each baked kind', () => {
  it('draws an SVG-only badge as a PNG of the SVG, not a generated medal', async () => {
    const ws = workspace();
    const { badge } = await addBadgeClass(ws, DRAFT, { id: 'velo', image: RED_SVG });
    const { images, generated } = await badgeArtwork(ws, badge, ['png', 'svg']);
    expect(generated).toEqual([]);
    expect(utf8Decode(images.svg!)).toContain('fill="#ff0000"');
    expect(PNG.sync.read(Buffer.from(images.png!)).width).toBe(ARTWORK_PNG_WIDTH);
    expect(pixel(images.png!, 10, 10)).toEqual([255, 0, 0, 255]);
    expect(pixel(images.png!, ARTWORK_PNG_WIDTH - 10, ARTWORK_PNG_WIDTH - 10)).toEqual([255, 0, 0, 255]);
  });

  it('draws the text of an SVG in the bundled fonts, whatever family it asks for (no system fonts)', async () => {
    const ws = workspace();
    const text = (family: string) =>
      utf8Encode(
        `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="#fff"/><text x="50" y="60" font-size="30" text-anchor="middle" font-family="${family}" fill="#000">Vélo</text></svg>`,
      );
    const inked = (png: Uint8Array) => {
      const { data } = PNG.sync.read(Buffer.from(png));
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark += 1;
      return dark;
    };
    for (const [index, family] of ['Arial, Helvetica, sans-serif', 'Georgia, serif', 'Montserrat'].entries()) {
      const { badge } = await addBadgeClass(ws, DRAFT, { id: `velo-${index}`, image: text(family) });
      const { images } = await badgeArtwork(ws, badge, ['png']);
      // 30 px letters on a 100 px square drawn 512 px wide: thousands of dark pixels, none without a font.
      expect(inked(images.png!), family).toBeGreaterThan(2000);
    }
  });

  it('shows a PNG-only badge in its SVG: the PNG itself, at its own size', async () => {
    const ws = workspace();
    const png = medalPng('velo', 128);
    const { badge } = await addBadgeClass(ws, DRAFT, { id: 'velo', image: png });
    const { images, generated } = await badgeArtwork(ws, badge, ['svg', 'png']);
    expect(generated).toEqual([]);
    expect(images.png).toEqual(png);
    const svg = utf8Decode(images.svg!);
    expect(svg).toContain('viewBox="0 0 128 128"');
    expect(svg).toContain(`href="data:image/png;base64,${Buffer.from(png).toString('base64')}"`);
  });

  it('bakes the new image once a file replaces a design, never the design’s PNG left beside it', async () => {
    const ws = workspace();
    await addBadgeClass(ws, DRAFT, { id: 'velo' });
    saveDesign(ws, templateDesign('round-classic', 'fr', 'dvelo' as BadgeDesign['id'])!);
    const linked = await linkDesignToBadge(ws, 'dvelo', 'velo');
    expect(existsSync(join(ws.paths.artwork, 'velo.png'))).toBe(true);
    expect(pixel((await badgeArtwork(ws, linked.badge, ['png'])).images.png!, 256, 256)).not.toEqual([255, 0, 0, 255]);

    const { badge } = await updateBadgeClass(ws, 'velo', DRAFT, { image: RED_SVG });
    expect(existsSync(join(ws.paths.artwork, 'velo.png'))).toBe(false);
    expect(pixel((await badgeArtwork(ws, badge, ['png'])).images.png!, 256, 256)).toEqual([255, 0, 0, 255]);
    // A workspace from before this fix still holds the design's PNG beside the new image: it is not used.
    writeFileSync(join(ws.paths.artwork, 'velo.png'), medalPng('stale', 512));
    expect(pixel((await badgeArtwork(ws, badge, ['png'])).images.png!, 256, 256)).toEqual([255, 0, 0, 255]);
  });

  it('generates a medal for a badge without an image, and names the badge whose image cannot be drawn', async () => {
    const ws = workspace();
    const { badge } = await addBadgeClass(ws, DRAFT, { id: 'velo' });
    expect((await badgeArtwork(ws, badge, ['png', 'svg'])).generated).toEqual(['png', 'svg']);

    const { badge: drawn } = await updateBadgeClass(ws, 'velo', DRAFT, { image: RED_SVG });
    writeFileSync(join(ws.paths.artwork, 'velo.svg'), 'not an svg at all');
    await expect(badgeArtwork(ws, drawn, ['png'])).rejects.toMatchObject({ code: 'ERR_ARTWORK_UNREADABLE', message: expect.stringContaining('velo') });
  });
});
