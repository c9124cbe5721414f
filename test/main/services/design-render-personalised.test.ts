import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8Decode } from '../../../shared/bytes.js';
import type { BadgeDesign } from '../../../shared/design/model.js';
import { templateDesign } from '../../../shared/design/templates.js';
import {
  createPersonalisedRenderer,
  renderDesignPng,
  renderDesignSvg,
  type PersonalisedRenderer,
} from '../../../main/services/design-render.js';

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
    const plain = PNG.sync.read(
      Buffer.from(renderDesignPng(d, { size: 256, fields, missingFields: 'blank' })),
    );
    expect(image.data.equals(plain.data)).toBe(true);
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
