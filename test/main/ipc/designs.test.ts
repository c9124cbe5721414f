import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import opentype from 'opentype.js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../shared/design/templates.js';
import { restoreDesign } from '../../../shared/design/restore.js';
import type { BadgeDesign, ImageLayer } from '../../../shared/design/model.js';
import { MAX_DESIGN_IMAGE_BYTES } from '../../../main/services/design-images.js';
import { createAppFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
beforeAll(async () => {
  fixture = createAppFixture();
  await fixture.value('workspace.openSample', {});
}, 60_000);
afterAll(() => fixture.cleanup());

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

function pngBytes(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

async function newDesign(template = 'round-classic'): Promise<BadgeDesign> {
  const created = await fixture.value('designs.create', { template, language: 'fr' });
  return created.document;
}

describe('designs without a workspace', () => {
  it('says to open one first', async () => {
    const empty = createAppFixture();
    try {
      const result = await empty.call('designs.list', {});
      expect(result.ok || result.error.code).toBe('ERR_WORKSPACE_NOT_OPEN');
    } finally {
      empty.cleanup();
    }
  });
});

describe('templates and saved designs', () => {
  it('offers every template with its label in the language asked and an SVG thumbnail', async () => {
    const list = await fixture.value('designs.templates', { language: 'fr' });
    expect(list.map((t) => t.id)).toEqual(TEMPLATES.map((t) => t.id));
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list[0]!.label).toBe(TEMPLATES[0]!.label.fr);
    for (const template of list) {
      expect(template.thumbnail).toMatch(/^<svg [^>]*width="96"/);
      expect(template.thumbnail).toContain('<title>');
    }
  });

  it('creates from a template, lists, loads, autosaves changes and deletes', async () => {
    const design = await newDesign('hexagon-mountain');
    expect(restoreDesign(design).ok).toBe(true);
    expect((await fixture.value('designs.list', {})).map((d) => d.id)).toContain(design.id);

    const changed = { ...design, name: 'Randonnée 2026', layers: design.layers.slice(1) };
    const saved = await fixture.value('designs.save', { document: changed });
    expect(saved.name).toBe('Randonnée 2026');
    const loaded = await fixture.value('designs.load', { id: design.id });
    expect(loaded.document.layers).toHaveLength(design.layers.length - 1);
    expect(loaded.summary.name).toBe('Randonnée 2026');

    expect(await fixture.value('designs.delete', { id: design.id })).toEqual({ deleted: true });
    const gone = await fixture.call('designs.load', { id: design.id });
    expect(gone.ok || gone.error.code).toBe('ERR_DESIGN_NOT_FOUND');
  });

  it('refuses an unknown template and a document that is not a design, saving nothing', async () => {
    const unknown = await fixture.call('designs.create', { template: 'nope', language: 'en' });
    expect(unknown.ok || unknown.error.code).toBe('ERR_DESIGN_TEMPLATE_UNKNOWN');
    const before = (await fixture.value('designs.list', {})).length;
    const broken = await fixture.call('designs.save', {
      document: { schemaVersion: 2, id: 'dx', layers: 'nope' } as unknown as BadgeDesign,
    });
    expect(broken.ok || broken.error.code).toBe('ERR_DESIGN_INVALID');
    const notObject = await fixture.call('designs.save', {
      document: [] as unknown as BadgeDesign,
    });
    expect(notObject.ok || notObject.error.code).toBe('ERR_IPC_BAD_REQUEST');
    expect((await fixture.value('designs.list', {})).length).toBe(before);
  });

  it('never stores a script hidden in a picture: an SVG image layer is sanitised on save', async () => {
    const design = await newDesign();
    const evil = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>`;
    const layer: ImageLayer = {
      id: 'limg' as ImageLayer['id'],
      type: 'image',
      name: 'Photo',
      x: 0,
      y: 0,
      width: 10,
      height: 10,
      rotation: 0,
      opacity: 1,
      locked: false,
      hidden: false,
      shadow: null,
      fit: 'contain',
      src: `data:image/svg+xml;base64,${b64(evil)}`,
    };
    await fixture.value('designs.save', {
      document: { ...design, layers: [...design.layers, layer] },
    });
    const loaded = await fixture.value('designs.load', { id: design.id });
    const src = (loaded.document.layers.at(-1) as ImageLayer).src;
    const svg = Buffer.from(src.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).not.toMatch(/script|onload|alert/i);
  });

  it('exports a .badgesmith.json file and imports it back; refuses a file that is not a design', async () => {
    const design = await newDesign('shield-first-aid');
    const file = await fixture.value('designs.exportFile', { id: design.id });
    expect(file.name).toMatch(/\.badgesmith\.json$/);
    const parsed = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
    expect(parsed.id).toBe(design.id);
    await fixture.value('designs.delete', { id: design.id });
    const imported = await fixture.value('designs.importFile', {
      file: { name: file.name, base64: file.base64 },
    });
    expect(imported.summary.id).toBe(design.id);
    expect(imported.document).toEqual(design);
    const bad = await fixture.call('designs.importFile', {
      file: { name: 'notes.badgesmith.json', base64: b64('{"hello": 1}') },
    });
    expect(bad.ok || bad.error.code).toBe('ERR_DESIGN_INVALID');
  });
});

describe('images Node makes from a design', () => {
  it('renders the PNG at the size asked and the SVG master with its title, fields filled', async () => {
    const design = await newDesign();
    const png = await fixture.value('designs.render', {
      document: design,
      format: 'png',
      size: 200,
    });
    const decoded = PNG.sync.read(Buffer.from(bytesOf(png.base64)));
    expect([decoded.width, decoded.height]).toEqual([200, 200]);
    expect(decoded.data[(100 * 200 + 100) * 4 + 3]).toBe(255);
    expect(decoded.data[3]).toBe(0);
    const svg = await fixture.value('designs.render', {
      document: design,
      format: 'svg',
      fields: { 'badge.name': 'Guide' },
    });
    expect(svg.name).toMatch(/\.svg$/);
    const text = Buffer.from(svg.base64, 'base64').toString('utf8');
    expect(text).toContain('<title>');
    expect(text).not.toContain('<text');
    const tooBig = await fixture.call('designs.render', {
      document: design,
      format: 'png',
      size: 9000,
    });
    expect(tooBig.ok || tooBig.error.code).toBe('ERR_IPC_BAD_REQUEST');
  });

  it('links a design to a badge class: its SVG master and PNG become the artwork that is baked', async () => {
    const design = await newDesign();
    const badges = await fixture.value('designs.badges', {});
    const badge = badges.find((b) => b.id === 'premiers-secours')!;
    expect(badge).toBeDefined();
    const linked = await fixture.value('designs.link', { designId: design.id, badgeId: badge.id });
    expect(linked.badge.image).toBe('premiers-secours.svg');
    expect(linked.fields).toContain('badge.name');
    const artwork = fixture.core.session.requireWorkspace().paths.artwork;
    const png = PNG.sync.read(readFileSync(join(artwork, 'premiers-secours.png')));
    expect(png.width).toBe(512);
    expect(readFileSync(join(artwork, 'premiers-secours.svg'), 'utf8')).toContain('<title>');
    expect(
      (await fixture.value('designs.badges', {})).find((b) => b.id === badge.id)!.designId,
    ).toBe(design.id);
    const missing = await fixture.call('designs.link', { designId: design.id, badgeId: 'no-such' });
    expect(missing.ok).toBe(false);
    expect(existsSync(join(artwork, 'no-such.svg'))).toBe(false);
  });
});

describe('fonts, icons and pictures for the canvas', () => {
  it('lists the font families and sends the files of the nearest face, which opentype.js reads', async () => {
    const fonts = await fixture.value('designs.fonts', {});
    expect(fonts.map((f) => f.family)).toContain('Montserrat');
    const face = await fixture.value('designs.fontFace', {
      family: 'Oswald',
      weight: 650,
      italic: true,
    });
    expect(face.key).toMatch(/^Oswald\|\d00\|/);
    expect(face.files.length).toBeGreaterThanOrEqual(1);
    const bytes = bytesOf(face.files[0]!);
    const font = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    expect(font.charToGlyphIndex('A')).toBeGreaterThan(0);
  });

  it('finds icons by name or tag and sends only drawing elements with numbers and path data', async () => {
    const found = await fixture.value('designs.searchIcons', { query: 'mountain', limit: 10 });
    expect(found[0]!.id).toBe('lucide:mountain');
    for (const icon of found) {
      for (const [tag, attributes] of icon.nodes) {
        expect(['path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect']).toContain(tag);
        for (const value of Object.values(attributes)) expect(value).toMatch(/^[-\w.,\s]*$/);
      }
    }
    const nodes = await fixture.value('designs.iconNodes', {
      ids: ['lucide:star', 'lucide:no-such-icon'],
    });
    expect(nodes.map((n) => n.id)).toEqual(['lucide:star']);
    const hostile = await fixture.call('designs.iconNodes', { ids: ['javascript:alert(1)'] });
    expect(hostile.ok || hostile.error.code).toBe('ERR_IPC_BAD_REQUEST');
  });

  it('imports PNG and JPEG pictures with their size, sanitises SVG, refuses others and oversized ones', async () => {
    const png = await fixture.value('designs.importImage', {
      file: { name: 'logo.png', base64: b64(pngBytes(40, 30)) },
    });
    expect(png).toMatchObject({ kind: 'png', width: 40, height: 30 });
    expect(png.src).toMatch(/^data:image\/png;base64,/);

    // A JPEG's header: SOI, an APP0 segment, then SOF0 with height 120 and width 300.
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x78,
      0x01, 0x2c, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
    ]);
    const jpg = await fixture.value('designs.importImage', {
      file: { name: 'p.jpg', base64: b64(jpeg) },
    });
    expect(jpg).toMatchObject({ kind: 'jpeg', width: 300, height: 120 });

    const svg = await fixture.value('designs.importImage', {
      file: {
        name: 'art.svg',
        base64: b64(
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32"><script>alert(1)</script><foreignObject><p>x</p></foreignObject><image href="https://evil.example/x.png"/><rect width="64" height="32" onclick="alert(2)"/></svg>',
        ),
      },
    });
    expect(svg).toMatchObject({ kind: 'svg', width: 64, height: 32 });
    const clean = Buffer.from(svg.src.split(',')[1]!, 'base64').toString('utf8');
    expect(clean).not.toMatch(/script|foreignObject|evil\.example|onclick/i);

    const text = await fixture.call('designs.importImage', {
      file: { name: 'a.txt', base64: b64('hello') },
    });
    expect(text.ok || text.error.code).toBe('ERR_DESIGN_IMAGE_UNSUPPORTED');
    const huge = new Uint8Array(MAX_DESIGN_IMAGE_BYTES + 1);
    huge.set(pngBytes(2, 2));
    const big = await fixture.call('designs.importImage', {
      file: { name: 'big.png', base64: b64(huge) },
    });
    expect(big.ok || big.error.code).toBe('ERR_IMAGE_TOO_LARGE');
  });
});
