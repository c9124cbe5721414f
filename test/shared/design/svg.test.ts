import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { sanitizeSvgWithReport } from '../../../shared/bake/sanitize.js';
import { utf8Encode } from '../../../shared/bytes.js';
import { imageDataUrl } from '../../../shared/design/images.js';
import type { BadgeDesign, Layer } from '../../../shared/design/model.js';
import { addLayer } from '../../../shared/design/ops.js';
import { restoreDesign } from '../../../shared/design/restore.js';
import { mapPathPoints, toSvg } from '../../../shared/design/svg.js';
import { designAssets } from '../../../main/services/design-assets.js';

const assets = designAssets();

function empty(): BadgeDesign {
  const result = restoreDesign({
    schemaVersion: 2,
    id: 'dsvg',
    name: 'Test & <badge>',
    size: { width: 200, height: 200 },
    frame: { shape: 'circle', border: { color: '#112233', width: 4 }, clip: false },
    background: { kind: 'linear', angle: 90, stops: [{ offset: 0, color: '#ffffff' }, { offset: 1, color: '#00000080' }] },
    layers: [],
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const base = { x: 20, y: 20, width: 160, height: 160, rotation: 0, opacity: 1, locked: false, hidden: false, shadow: null };

function withLayer(layer: Record<string, unknown>): BadgeDesign {
  const result = restoreDesign(addLayer(empty(), { ...base, name: 'L', ...layer } as unknown as Layer));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const svgOf = (design: BadgeDesign, fields = {}) => toSvg(design, { ...assets, fields });

describe('toSvg', () => {
  it('writes a titled SVG with the frame, gradient background with alpha, and a border', () => {
    const svg = svgOf(empty());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="200" height="200" viewBox="0 0 200 200"><title>Test &amp; &lt;badge&gt;<\/title>/);
    expect(svg).toContain('<linearGradient');
    expect(svg).toContain('stop-opacity="0.502"');
    expect(svg).toContain('stroke="#112233" stroke-width="8"');
    expect(svg).toContain('paint-order="stroke"');
  });

  it('draws every shape kind, with stroke, rotation, opacity and shadow', () => {
    for (const shape of ['rect', 'ellipse', 'polygon', 'star', 'line', 'banner', 'shield']) {
      const svg = svgOf(
        withLayer({ id: 's', type: 'shape', shape, fill: { kind: 'radial', cx: 0.5, cy: 0.5, r: 0.5, stops: [{ offset: 0, color: '#ff0000' }, { offset: 1, color: '#0000ff' }] }, stroke: { color: '#00ff00', width: 3, dash: [4, 2] }, rotation: 30, opacity: 0.5, shadow: { color: '#00000066', blur: 4, offsetX: 2, offsetY: 2 } }),
      );
      expect(svg, shape).toMatch(/<g transform="rotate\(30 100 100\)" opacity="0.5" filter="url\(#bs\d+\)"><path d="M/);
      expect(svg, shape).toContain('stroke-dasharray="4 2"');
      expect(svg, shape).toContain('<feDropShadow');
      if (shape !== 'line') expect(svg, shape).toContain('<radialGradient');
    }
  });

  it('turns text into outlines (no <text>, no font needed), fills fields, and fits long text', () => {
    const text = { id: 't', type: 'text', text: 'Bravo {{recipient.name}}', font: { family: 'Montserrat', weight: 700, size: 30 }, fill: { kind: 'solid', color: '#222222' } };
    const short = svgOf(withLayer(text), { 'recipient.name': 'Ada' });
    expect(short).not.toContain('<text');
    expect(short).not.toContain('font-family');
    expect(short).toMatch(/<path d="M[\d. MLQCZ-]+" fill="#222222"\/>/);
    const kept = svgOf(withLayer(text));
    expect(kept.length).toBeGreaterThan(short.length); // "{{recipient.name}}" drawn as it is
    const extent = (svg: string) => {
      const xs = [...svg.matchAll(/<path d="([^"]+)" fill="#222222"/g)].flatMap((m) => [...m[1]!.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((p) => Number(p[1])));
      return Math.max(...xs) - Math.min(...xs);
    };
    const long = svgOf(withLayer(text), { 'recipient.name': 'Maximilienne-Éléonore de La Tour-d’Auvergne-Lauraguais' });
    expect(extent(long)).toBeLessThanOrEqual(160.5);
  });

  it('puts rim text on a circle, top and bottom', () => {
    for (const side of ['top', 'bottom'] as const) {
      const svg = svgOf(withLayer({ id: 'r', type: 'text', text: 'ASSOCIATION', font: { family: 'Oswald', weight: 600, size: 16 }, fill: { kind: 'solid', color: '#222222' }, arc: { side, radius: 60 } }));
      const d = /<path d="([^"]+)" fill="#222222"/.exec(svg)![1]!;
      const points = [...d.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
      const distances = points.map(([x, y]) => Math.hypot(x - 100, y - 100));
      expect(Math.min(...distances), side).toBeGreaterThan(45);
      expect(Math.max(...distances), side).toBeLessThan(75);
      const ys = points.map(([, y]) => y);
      if (side === 'top') expect(Math.max(...ys)).toBeLessThan(100);
      else expect(Math.min(...ys)).toBeGreaterThan(100);
    }
  });

  it('embeds icons as checked, recoloured elements, and refuses unknown icons', () => {
    const svg = svgOf(withLayer({ id: 'i', type: 'icon', icon: 'lucide:mountain', color: '#abcdef', fillColor: '#123456' }));
    expect(svg).toMatch(/<g transform="translate\(20 20\) scale\(6.6667 6.6667\)" fill="#123456" stroke="#abcdef" stroke-width="2"[^>]*><path d="m8 3 4 8 5-5 5 15H2L8 3z"\/><\/g>/);
    expect(() => svgOf(withLayer({ id: 'i', type: 'icon', icon: 'lucide:no-such-icon', color: '#abcdef' }))).toThrow(expect.objectContaining({ code: 'ERR_DESIGN_ICON_UNKNOWN' }));
  });

  it('embeds PNG pictures and nests sanitised SVG pictures in the layer box', () => {
    const png = new PNG({ width: 2, height: 2 });
    png.data.fill(255);
    const pngSvg = svgOf(withLayer({ id: 'p', type: 'image', src: imageDataUrl('png', new Uint8Array(PNG.sync.write(png))), fit: 'cover' }));
    expect(pngSvg).toMatch(/<image x="20" y="20" width="160" height="160" preserveAspectRatio="xMidYMid slice" href="data:image\/png;base64,/);
    const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="20"><rect width="50" height="20" fill="#ff00ff"/></svg>';
    const nested = svgOf(withLayer({ id: 'p', type: 'image', src: imageDataUrl('svg', utf8Encode(picture)) }));
    expect(nested).toContain('viewBox="0 0 50 20" x="20" y="20" width="160" height="160" preserveAspectRatio="xMidYMid meet"');
    expect(nested).toContain('fill="#ff00ff"');
  });

  it('leaves hidden layers out and clips to the frame when asked', () => {
    const hidden = svgOf(withLayer({ id: 's', type: 'shape', shape: 'rect', fill: { kind: 'solid', color: '#ff0000' }, hidden: true }));
    expect(hidden).not.toContain('#ff0000');
    const clipped = withLayer({ id: 's', type: 'shape', shape: 'rect', fill: { kind: 'solid', color: '#ff0000' } });
    expect(svgOf({ ...clipped, frame: { ...clipped.frame, clip: true } })).toMatch(/<clipPath id="bs\d+"><path d="M/);
  });

  it('writes SVG the artwork sanitiser keeps whole (so it can be baked)', () => {
    const design = withLayer({ id: 'i', type: 'icon', icon: 'lucide:award', color: '#abcdef', shadow: { color: '#00000066', blur: 4, offsetX: 2, offsetY: 2 } });
    expect(sanitizeSvgWithReport(svgOf(design)).removed).toEqual([]);
  });

  it('maps path points and refuses commands it cannot map', () => {
    expect(mapPathPoints('M1 2L3 4Q5 6 7 8C1 1 2 2 3 3Z', (x, y) => [x + 10, y * 2])).toBe('M11 4L13 8Q15 12 17 16C11 2 12 4 13 6Z');
    expect(() => mapPathPoints('M0 0H5', (x, y) => [x, y])).toThrow();
  });
});
