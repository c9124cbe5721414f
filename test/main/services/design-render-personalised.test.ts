import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8Decode } from '../../../shared/bytes.js';
import type { BadgeDesign } from '../../../shared/design/model.js';
import { TEMPLATES, templateDesign } from '../../../shared/design/templates.js';
import {
  createPersonalisedRenderer,
  renderDesignPng,
  renderDesignSvg,
  type PersonalisedRenderer,
} from '../../../main/services/design-render.js';
import { createFieldPngRenderer } from '../../../main/services/design-render-fields.js';
import {
  createPngPool,
  findDesignRenderWorker,
} from '../../../main/services/design-render-pool.js';
import { encodePng } from '../../../main/services/design-render-png.js';

const design = (id: string) => templateDesign(id, 'fr', 'dp' as BadgeDesign['id'])!;
const open: PersonalisedRenderer[] = [];
const renderer = (...args: Parameters<typeof createPersonalisedRenderer>) => {
  const made = createPersonalisedRenderer(...args);
  open.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe('createPersonalisedRenderer', () => {
  it('renders the same PNG as renderDesignPng with the fields, one per name', async () => {
    const d = design('round-volunteer');
    const r = renderer(d, { size: 256 });
    const fields = {
      'badge.name': 'Guide bénévole',
      'recipient.name': 'Élodie Lefèvre',
      issued_on: '2026-04-01',
    };
    const png = await r.render(fields);
    const image = PNG.sync.read(Buffer.from(png));
    expect([image.width, image.height]).toEqual([256, 256]);
    expect(
      difference(png, renderDesignPng(d, { size: 256, fields, missingFields: 'blank' })).max,
    ).toBeLessThanOrEqual(2);
    const other = PNG.sync.read(
      Buffer.from(await r.render({ ...fields, 'recipient.name': 'Jérôme Dupré' })),
    );
    expect(other.data.equals(image.data)).toBe(false);
  });

  it('gives the SVG master as UTF-8 bytes, fields filled and missing fields blank', async () => {
    const d = design('round-volunteer');
    const svg = utf8Decode(
      await renderer(d, { size: 300, format: 'svg' }).render({
        'badge.name': 'Guide',
        'recipient.name': 'Anaïs Noël',
      }),
    );
    expect(svg).toBe(
      renderDesignSvg(d, {
        size: 300,
        fields: { 'badge.name': 'Guide', 'recipient.name': 'Anaïs Noël' },
        missingFields: 'blank',
      }),
    );
    expect(svg).toContain('width="300"');
    expect(svg).not.toContain('{{');
  });

  it('refuses a bad size at once and rendering after close', async () => {
    expect(() => createPersonalisedRenderer(design('star-purple'), { size: 5000 })).toThrow(
      expect.objectContaining({ code: 'ERR_DESIGN_SIZE_INVALID' }),
    );
    const r = createPersonalisedRenderer(design('star-purple'), { size: 64 });
    await r.close();
    await expect(r.render({})).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });
});

const NAMES = [
  'Élodie Lefèvre',
  'Łukasz Wróbel',
  'Maximilien-Alexandre de La Rochefoucauld-Montmorency',
  '',
  'Ñ',
  'Jérôme Dupré',
];

/** Largest difference of any channel, and how many channels differ by more than 2. */
function difference(
  a: Uint8Array,
  b: Uint8Array,
): { max: number; over2: number; size: [number, number] } {
  const pa = PNG.sync.read(Buffer.from(a));
  const pb = PNG.sync.read(Buffer.from(b));
  expect([pa.width, pa.height]).toEqual([pb.width, pb.height]);
  let max = 0;
  let over2 = 0;
  for (let i = 0; i < pa.data.length; i++) {
    const d = Math.abs(pa.data[i]! - pb.data[i]!);
    if (d > max) max = d;
    if (d > 2) over2++;
  }
  return { max, over2, size: [pa.width, pa.height] };
}

/** The fast path against a whole render for each name in turn (names change, the badge name stays). */
function expectSameAsPlain(d: BadgeDesign, size: number, names = NAMES) {
  const fast = createFieldPngRenderer(d, size);
  for (const name of [...names, ...names.slice(0, 2)]) {
    const fields = {
      'badge.name': 'Premiers secours en montagne',
      'recipient.name': name,
      issued_on: '1 avril 2026',
    };
    const plain = renderDesignPng(d, { size, fields, missingFields: 'blank' });
    const { max, over2 } = difference(fast.render(fields), plain);
    expect({ name, max, over2 }).toEqual({ name, max: expect.any(Number), over2: 0 });
    expect(max).toBeLessThanOrEqual(2);
  }
}

describe('the fast personalised path', () => {
  it.each(TEMPLATES.map((t) => [t.id]))(
    'template %s: the same pixels as a whole render (±2), for each name',
    (id) => {
      expectSameAsPlain(design(id), 256);
    },
  );

  it('matches at odd sizes and when the badge name changes too', () => {
    const d = design('round-volunteer');
    expectSameAsPlain(d, 97, NAMES.slice(0, 3)); // rendered whole
    expectSameAsPlain(d, 200, NAMES.slice(0, 3)); // on a 25 px grid
    expectSameAsPlain(d, 512, NAMES.slice(0, 3));
    const fast = createFieldPngRenderer(d, 200);
    for (const badge of ['Guide', 'Premiers secours', '']) {
      const fields = { 'badge.name': badge, 'recipient.name': 'Anaïs Noël' };
      expect(
        difference(
          fast.render(fields),
          renderDesignPng(d, { size: 200, fields, missingFields: 'blank' }),
        ).over2,
      ).toBe(0);
    }
  });

  it('matches with a field layer that is rotated, outlined, shadowed, half transparent, under other layers, in a clipped frame', () => {
    const base = design('round-volunteer');
    const index = base.layers.findIndex(
      (l) => l.type === 'text' && l.text.includes('{{recipient.name}}'),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const layers = base.layers.map((layer, i) =>
      i === index && layer.type === 'text'
        ? {
            ...layer,
            rotation: 17,
            opacity: 0.8,
            stroke: { color: '#112233', width: 3, dash: [] },
            shadow: { color: '#00000088', blur: 6, offsetX: 4, offsetY: 5 },
          }
        : layer,
    );
    const d: BadgeDesign = {
      ...base,
      frame: { ...base.frame, clip: true },
      layers: [
        ...layers,
        {
          ...layers[index]!,
          id: 'copy',
          text: 'static {{unknown}}',
          rotation: -8,
        } as BadgeDesign['layers'][number],
      ],
    };
    expectSameAsPlain(d, 256, NAMES.slice(0, 4));
  });

  it('gives the same bytes for the same fields whatever it rendered before', () => {
    for (const id of ['round-volunteer', 'shield-first-aid']) {
      const busy = createFieldPngRenderer(design(id), 256);
      const fields = (name: string) => ({
        'badge.name': 'Premiers secours',
        'recipient.name': name,
      });
      busy.render(fields(NAMES[2]!));
      busy.render({ ...fields(NAMES[0]!), 'badge.name': 'Autre' });
      const after = busy.render(fields(NAMES[1]!));
      const alone = createFieldPngRenderer(design(id), 256).render(fields(NAMES[1]!));
      expect(Buffer.from(after).equals(Buffer.from(alone)), id).toBe(true);
    }
  });

  it('renders a design without fields once, the same every time', () => {
    const d = {
      ...design('star-purple'),
      layers: design('star-purple').layers.filter((l) => l.type !== 'text'),
    };
    const fast = createFieldPngRenderer(d, 128);
    const one = fast.render({ 'recipient.name': 'A' });
    expect(fast.render({ 'recipient.name': 'B' })).toEqual(one);
    expect(difference(one, renderDesignPng(d, { size: 128 })).max).toBeLessThanOrEqual(2);
  });

  it('encodes a PNG any decoder reads back pixel for pixel (premultiplied in, straight out)', () => {
    const pixels = new Uint8Array(37 * 41 * 4);
    for (let i = 0; i < pixels.length; i += 4) {
      const a = (i * 7) % 256;
      pixels.set([Math.floor((a * ((i / 4) % 256)) / 255), Math.floor(a / 2), 0, a], i);
    }
    const png = PNG.sync.read(Buffer.from(encodePng(pixels, 37, 41)));
    expect([png.width, png.height]).toEqual([37, 41]);
    for (let i = 0; i < pixels.length; i += 4) {
      const a = pixels[i + 3]!;
      expect(png.data[i + 3]).toBe(a);
      if (a > 0) {
        expect(
          Math.abs(png.data[i + 1]! - Math.round((pixels[i + 1]! * 255) / a)),
        ).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('personalised images on worker threads', () => {
  it('renders on two threads what this thread renders, each promise with its own name, and refuses after close', async () => {
    const workerFile = findDesignRenderWorker();
    expect(workerFile, 'npm test builds out/design-render-worker.js first').toBeDefined();
    const d = design('round-volunteer');
    const pool = createPngPool(d, 128, { threads: 2, workerFile });
    const local = createPngPool(d, 128, { threads: 0 });
    try {
      expect([pool.threads, local.threads]).toEqual([2, 0]);
      const names = Array.from({ length: 12 }, (_, i) => `${NAMES[i % NAMES.length]} ${i}`);
      const fields = (name: string) => ({ 'badge.name': 'Guide', 'recipient.name': name });
      const threaded = await Promise.all(names.map((name) => pool.render(fields(name))));
      for (const [i, name] of names.entries()) {
        expect(
          difference(threaded[i]!, await local.render(fields(name))).max,
          name,
        ).toBeLessThanOrEqual(2);
      }
      expect(difference(threaded[0]!, threaded[1]!).max).toBeGreaterThan(2);
    } finally {
      await pool.close();
      await local.close();
    }
    await expect(pool.render({})).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });

  it('passes a render error back with its code (an icon this version does not have)', async () => {
    const base = design('round-volunteer');
    const d = {
      ...base,
      layers: base.layers.map((l) =>
        l.type === 'icon' ? { ...l, icon: 'lucide:no-such-icon' } : l,
      ),
    };
    const pool = createPngPool(d, 64, { threads: 1, workerFile: findDesignRenderWorker() });
    try {
      await expect(pool.render({ 'recipient.name': 'A' })).rejects.toMatchObject({
        code: 'ERR_DESIGN_ICON_UNKNOWN',
      });
    } finally {
      await pool.close();
    }
  });
});
