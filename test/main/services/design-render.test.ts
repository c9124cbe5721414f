import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sanitizeSvgWithReport } from '../../../shared/bake/sanitize.js';
import { utf8Decode } from '../../../shared/bytes.js';
import type { BadgeDesign } from '../../../shared/design/model.js';
import { restoreDesign, serializeDesign } from '../../../shared/design/restore.js';
import { TEMPLATES, templateDesign } from '../../../shared/design/templates.js';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { badgeArtwork } from '../../../main/services/artwork.js';
import { searchIcons, fontCatalogue } from '../../../main/services/design-assets.js';
import { renderDesignImages, renderDesignPng } from '../../../main/services/design-render.js';
import { badgeDesign, deleteDesign, exportDesignFile, importDesignFile, linkDesignToBadge, listDesigns, loadDesign, saveDesign } from '../../../main/services/designs.js';
import { createIssuer, createWorkspace } from '../../../main/services/workspace.js';

const alphaAt = (png: PNG, x: number, y: number) => png.data[(y * png.width + x) * 4 + 3]!;

describe('design rendering in Node', () => {
  it('renders a PNG of the asked size, opaque where the frame is and transparent outside a circle', () => {
    const design = templateDesign('round-classic', 'en', 'dr' as BadgeDesign['id'])!;
    const png = PNG.sync.read(Buffer.from(renderDesignPng(design, { size: 300, fields: { 'badge.name': 'Test' } })));
    expect([png.width, png.height]).toEqual([300, 300]);
    expect(alphaAt(png, 150, 150)).toBe(255);
    expect(alphaAt(png, 150, 3)).toBe(255); // the border at the top of the circle
    expect(alphaAt(png, 2, 2)).toBe(0); // a corner outside the circle
    expect(alphaAt(png, 297, 297)).toBe(0);
  });

  it('refuses sizes outside 16…4096 with ERR_DESIGN_SIZE_INVALID', () => {
    const design = templateDesign('star-purple', 'en', 'dr' as BadgeDesign['id'])!;
    for (const size of [0, 15, 4097, 1.5]) expect(() => renderDesignPng(design, { size })).toThrow(expect.objectContaining({ code: 'ERR_DESIGN_SIZE_INVALID' }));
  });

  it.each(TEMPLATES.map((t) => [t.id]))('template %s restores, renders, and its SVG passes the sanitiser unchanged', (id) => {
    const design = templateDesign(id, 'fr', 'dt' as BadgeDesign['id'])!;
    const restored = restoreDesign(JSON.parse(serializeDesign(design)));
    expect(restored.ok).toBe(true);
    const { svg, png } = renderDesignImages(design, { size: 128, fields: { 'badge.name': 'Premiers secours en montagne', 'recipient.name': 'Élodie Lefèvre' } });
    expect(sanitizeSvgWithReport(utf8Decode(svg)).removed).toEqual([]);
    expect(utf8Decode(svg)).toContain('<title>');
    const image = PNG.sync.read(Buffer.from(png));
    expect([image.width, image.height]).toEqual([128, 128]);
    expect(alphaAt(image, 64, 64)).toBe(255);
    // More than two colours: the drawing is there, not a flat shape.
    const colours = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4 * 97) colours.add(image.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(10);
  });

  it('offers the installed fonts and finds icons by name and tag', () => {
    const fonts = fontCatalogue();
    expect(fonts.map((f) => f.family)).toEqual(['Montserrat', 'Oswald', 'Playfair Display', 'Roboto Slab']);
    expect(fonts.every((f) => f.weights.includes(700))).toBe(true);
    expect(searchIcons('mountain')[0]).toBe('lucide:mountain');
    expect(searchIcons('first aid').length).toBeGreaterThan(0);
  });
});

describe('designs in the workspace', () => {
  it('saves, lists, loads, exports, imports, links to a badge whose PNG and SVG are then baked, and deletes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bs-designs-')), 'ws');
    const ws = createWorkspace(dir, { clock: () => new Date('2026-04-01T10:00:00Z') });
    try {
      createIssuer(ws, { name: 'Club', url: 'https://club.example', siteUrl: 'https://club.example' });
      const design = templateDesign('hexagon-mountain', 'fr', 'dws' as BadgeDesign['id'])!;
      expect(saveDesign(ws, design)).toMatchObject({ id: 'dws', name: 'Hexagon', badgeId: null, updated: '2026-04-01T10:00:00Z' });
      expect(() => saveDesign(ws, { ...design, layers: 'nope' })).toThrow(expect.objectContaining({ code: 'ERR_DESIGN_INVALID' }));
      expect(listDesigns(ws).map((d) => d.id)).toEqual(['dws']);
      expect(loadDesign(ws, 'dws')).toEqual(design);
      expect(() => loadDesign(ws, 'missing')).toThrow(expect.objectContaining({ code: 'ERR_DESIGN_NOT_FOUND' }));

      const file = join(dir, '..', 'copy.badgesmith.json');
      await exportDesignFile(ws, 'dws', file);
      writeFileSync(file, readFileSync(file, 'utf8').replace('"id": "dws"', '"id": "dcopy"'));
      expect((await importDesignFile(ws, file)).id).toBe('dcopy');
      writeFileSync(file, '{"schemaVersion": 2, "id": 5}');
      await expect(importDesignFile(ws, file)).rejects.toMatchObject({ code: 'ERR_DESIGN_INVALID' });

      const now = ws.now();
      insertBadge(ws.db, { id: 'guide', name: 'Guide', description: 'd', criteriaNarrative: 'c', criteriaUrl: null, image: null, tags: [], alignments: [], achievementType: 'Badge', expiresAfter: null, formats: ['ob3-di'], showRecipientName: false, endorsements: [], created: now, updated: now });
      const linked = await linkDesignToBadge(ws, 'dws', 'guide');
      expect(linked.badge.image).toBe('guide.svg');
      expect(badgeDesign(ws, 'guide')?.id).toBe('dws');
      const { images, generated } = await badgeArtwork(ws, linked.badge, ['png', 'svg']);
      expect(generated).toEqual([]);
      expect(PNG.sync.read(Buffer.from(images.png!)).width).toBe(512);
      expect(utf8Decode(images.svg!)).toContain('<title>Hexagon</title>');
      await linkDesignToBadge(ws, 'dcopy', 'guide'); // one design per badge: the link moves
      expect(listDesigns(ws).find((d) => d.id === 'dws')?.badgeId).toBeNull();
      expect(deleteDesign(ws, 'dws')).toBe(true);
      expect(deleteDesign(ws, 'dws')).toBe(false);
    } finally {
      ws.close();
    }
  });
});
