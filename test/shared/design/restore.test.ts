import { describe, expect, it } from 'vitest';
import { DESIGN_LIMITS, DESIGN_SCHEMA_VERSION } from '../../../shared/design/model.js';
import { parseDesignJson, restoreDesign, serializeDesign } from '../../../shared/design/restore.js';
import { TEMPLATES, templateDesign } from '../../../shared/design/templates.js';
import { imageDataUrl } from '../../../shared/design/images.js';
import { utf8Encode } from '../../../shared/bytes.js';

const valid = () => JSON.parse(JSON.stringify(templateDesign('round-classic', 'en', 'dtest' as never))) as Record<string, any>;

function failure(input: unknown) {
  const result = restoreDesign(input);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('restoreDesign', () => {
  it('accepts every template and is a fixed point of serialise → parse', () => {
    for (const template of TEMPLATES) {
      const design = templateDesign(template.id, 'fr', 'dx' as never)!;
      const restored = restoreDesign(JSON.parse(JSON.stringify(design)));
      expect(restored.ok, template.id).toBe(true);
      const again = parseDesignJson(serializeDesign(restored.ok ? restored.value : design));
      expect(again).toEqual(restored);
    }
  });

  it('fills defaults for optional properties', () => {
    const doc = valid();
    delete doc.layers[0].opacity;
    delete doc.layers[0].locked;
    delete doc.frame.clip;
    const result = restoreDesign(doc);
    expect(result.ok && result.value.layers[0]!.opacity).toBe(1);
    expect(result.ok && result.value.layers[0]!.locked).toBe(false);
  });

  it.each([
    ['not an object', 42, ''],
    ['no version', { layers: [] }, 'schemaVersion'],
    ['an unknown layer type', (() => { const d = valid(); d.layers[1].type = 'video'; return d; })(), 'layers[1].type'],
    ['a font size that is a string', (() => { const d = valid(); d.layers[2].font.size = '12'; return d; })(), 'layers[2].font.size'],
    ['a colour that is CSS', (() => { const d = valid(); d.background = { kind: 'solid', color: 'url(#x)' }; return d; })(), 'background.color'],
    ['an unknown property', (() => { const d = valid(); d.layers[0].onclick = 'x'; return d; })(), 'layers[0]'],
    ['a NaN-like coordinate', (() => { const d = valid(); d.layers[0].x = Number.POSITIVE_INFINITY; return d; })(), 'layers[0].x'],
    ['two layers with one id', (() => { const d = valid(); d.layers[1].id = d.layers[0].id; return d; })(), 'layers[1].id'],
    ['an icon name with a path', (() => { const d = valid(); d.layers[5].icon = 'lucide:../../etc'; return d; })(), 'layers[5].icon'],
  ])('refuses %s with ERR_DESIGN_INVALID naming the place', (_what, input, path) => {
    const error = failure(input);
    expect(error.code).toBe('ERR_DESIGN_INVALID');
    expect((error.details as { path: string }).path).toContain(path);
  });

  it('refuses a newer version with ERR_DESIGN_VERSION_UNSUPPORTED', () => {
    const doc = valid();
    doc.schemaVersion = DESIGN_SCHEMA_VERSION + 1;
    expect(failure(doc).code).toBe('ERR_DESIGN_VERSION_UNSUPPORTED');
  });

  it('migrates a version 1 document step by step', () => {
    const v1 = {
      schemaVersion: 1,
      id: 'old',
      name: 'Old badge',
      width: 300,
      height: 300,
      frame: 'hexagon',
      background: '#336699',
      layers: [{ id: 'a', name: 'Dot', type: 'shape', shape: 'ellipse', x: 10, y: 10, width: 50, height: 50, fill: { kind: 'solid', color: '#ffffff' }, visible: false }],
    };
    const result = restoreDesign(v1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.schemaVersion).toBe(2);
    expect(result.value.size).toEqual({ width: 300, height: 300 });
    expect(result.value.frame).toEqual({ shape: 'hexagon', border: null, clip: false });
    expect(result.value.background).toEqual({ kind: 'solid', color: '#336699' });
    expect(result.value.layers[0]!.hidden).toBe(true);
    expect(result.value.layers[0]).not.toHaveProperty('visible');
  });
});

describe('restoreDesign against hostile documents', () => {
  it('refuses huge arrays before validating them', () => {
    const doc = valid();
    doc.layers = Array.from({ length: 100_000 }, () => doc.layers[0]);
    const error = failure(doc);
    expect(error.code).toBe('ERR_DESIGN_INVALID');
    expect(error.message).toMatch(/at most 500/);
  });

  it('refuses deep nesting without recursing', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const doc = valid();
    doc.layers[0].shadow = deep;
    expect(failure(doc).message).toMatch(/nested deeper/);
    expect(parseDesignJson('['.repeat(10_000) + ']'.repeat(10_000)).ok).toBe(false);
  });

  it('refuses prototype-pollution keys and leaves Object.prototype alone', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = serializeDesign(templateDesign('star-purple', 'en', 'dp' as never)!).replace('"name": "Ring"', `"${key}": { "polluted": true }, "name": "Ring"`);
      const result = parseDesignJson(text);
      expect(result.ok, key).toBe(false);
      expect(!result.ok && result.error.message).toContain(key);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an https URL', 'https://tracker.example/pixel.png'],
    ['a PNG data URL holding HTML', `data:image/png;base64,${btoa('<script>alert(1)</script>')}`],
    ['an HTML data URL', `data:text/html;base64,${btoa('<script>alert(1)</script>')}`],
  ])('refuses an image layer with %s', (_what, src) => {
    const doc = valid();
    doc.layers.push({ id: 'img', name: 'Picture', type: 'image', x: 0, y: 0, width: 10, height: 10, src });
    const error = failure(doc);
    expect(error.code).toBe('ERR_DESIGN_INVALID');
    expect((error.details as { path: string }).path).toBe(`layers[${doc.layers.length - 1}].src`);
  });

  it('sanitises SVG pictures: no script, handler, foreignObject or outside reference survives', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><foreignObject><div/></foreignObject><image href="https://x.example/a.png"/><rect width="10" height="10" fill="red"/></svg>';
    const doc = valid();
    doc.layers.push({ id: 'img', name: 'Picture', type: 'image', x: 0, y: 0, width: 10, height: 10, src: imageDataUrl('svg', utf8Encode(svg)) });
    const result = restoreDesign(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const src = (result.value.layers.at(-1) as { src: string }).src;
    const text = atob(src.split(',')[1]!);
    expect(text).toContain('<rect');
    expect(text).not.toMatch(/script|onload|foreignObject|https:/);
  });

  it('refuses a picture over the size limit and a document over the text limit', () => {
    const doc = valid();
    doc.layers.push({ id: 'img', name: 'Picture', type: 'image', x: 0, y: 0, width: 10, height: 10, src: `data:image/png;base64,${'A'.repeat(DESIGN_LIMITS.maxImageUrlLength)}` });
    expect(failure(doc).message).toMatch(/MB/);
    expect(parseDesignJson(`{"a":"${'x'.repeat(DESIGN_LIMITS.maxDocumentChars)}"}`).ok).toBe(false);
  });
});
