import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bake, bakeImage, prepareImage } from '../../../shared/bake/prepare.js';
import { unbake } from '../../../shared/bake/unbake.js';
import { bytesOf, listChunks, makePng, utf8 } from './fixtures.js';

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry (the baker refuses them)
const NOT_XML_CHAR = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

const tricky = fc.constantFrom(']]>', ']]', ']', '\r', '\r\n', '\n', '&', '<', '>', '"', "'", '<![CDATA[', '&#13;', ' ', '\t', '\u2028', '😀', 'é');
/** Any text an XML document can carry, biased towards what breaks naive CDATA/attribute writers. */
const payloadArb = fc.oneof(
  fc
    .array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), tricky), { minLength: 1, maxLength: 10 })
    .map((parts) => parts.join('').replace(NOT_XML_CHAR, '')),
  fc.object().map((value) => JSON.stringify(value)),
  fc.dictionary(fc.string(), fc.oneof(fc.string({ unit: 'binary' }).map((s) => s.replace(NOT_XML_CHAR, '')), tricky)).map((value) => `{"x":${JSON.stringify(value)}}`),
).filter((payload) => payload.trim().length > 0);

const versionArb = fc.constantFrom('ob3' as const, 'ob2' as const);

const pngArb = fc
  .record({ width: fc.integer({ min: 1, max: 48 }), height: fc.integer({ min: 1, max: 48 }), seed: fc.integer(), colorType: fc.constantFrom(2 as const, 6 as const) })
  .map(({ width, height, seed, colorType }) => makePng(width, height, seed, colorType));

const attrValue = fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map((s) => s.replace(/[&<"']/g, '_'));
const textNode = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
const child = fc.oneof(
  fc.tuple(fc.constantFrom('rect', 'circle', 'path', 'g'), attrValue).map(([name, value]) => `<${name} id="${value}"/>`),
  textNode.map((text) => `<text>${text}</text>`),
  textNode.map((text) => `<!--${text.replace(/-/g, '_')}-->`),
  fc.constantFrom('\n  ', ' ', ''),
  fc.constantFrom('<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><![CDATA[{"old":1}]]></openbadges:credential>'),
);
/** Random well-formed SVG documents: optional BOM / XML declaration / DTD name, attributes, children, old badges. */
const svgArb = fc
  .record({
    bom: fc.boolean(),
    declaration: fc.boolean(),
    doctype: fc.boolean(),
    attributes: fc.array(fc.tuple(fc.constantFrom('width', 'height', 'class', 'data-x', 'viewBox'), attrValue), { maxLength: 4 }),
    quote: fc.constantFrom('"', "'"),
    children: fc.array(child, { maxLength: 6 }),
    selfClosing: fc.boolean(),
    oldNamespace: fc.constantFrom('', ' xmlns:openbadges="http://openbadges.org"', ' xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"'),
  })
  .map(({ bom, declaration, doctype, attributes, quote, children, selfClosing, oldNamespace }) => {
    const unique = new Map(attributes);
    const attrs = [...unique].map(([name, value]) => ` ${name}=${quote}${value}${quote}`).join('');
    const open = `<svg xmlns="http://www.w3.org/2000/svg"${oldNamespace}${attrs}`;
    const body = selfClosing && children.length === 0 ? `${open} />` : `${open}>${children.join('')}</svg>`;
    return bytesOf(
      `${bom ? '\uFEFF' : ''}${declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${doctype ? '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' : ''}${body}\n`,
    );
  });

const nonBadgeChunks = (bytes: Uint8Array) => listChunks(bytes).filter((c) => c.type !== 'iTXt').map((c) => c.raw.toString('hex'));

describe('bake → unbake (property)', () => {
  it('returns exactly the payload for any payload and any valid PNG; other chunks are kept', () => {
    fc.assert(
      fc.property(pngArb, payloadArb, versionArb, (png, payload, version) => {
        const baked = bake(png, payload, version);
        const result = unbake(baked);
        expect(result.payload).toBe(payload);
        expect(result.keyword).toBe(version === 'ob3' ? 'openbadgecredential' : 'openbadges');
        expect(nonBadgeChunks(baked)).toEqual(nonBadgeChunks(png));
      }),
      { numRuns: 150 },
    );
  });

  it('re-baking a PNG replaces the badge: one chunk, the new payload', () => {
    fc.assert(
      fc.property(pngArb, payloadArb, payloadArb, versionArb, versionArb, (png, first, second, v1, v2) => {
        const twice = bake(bake(png, first, v1), second, v2);
        expect(listChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
        expect(unbake(twice).payload).toBe(second);
        expect(bakeImage(prepareImage(twice), first, v1)).toEqual(bake(png, first, v1));
      }),
      { numRuns: 60 },
    );
  });

  it('returns exactly the payload for any payload and any valid SVG; the result stays well-formed with one badge', () => {
    fc.assert(
      fc.property(svgArb, payloadArb, versionArb, (svg, payload, version) => {
        const baked = bake(svg, payload, version);
        expect(unbake(baked).payload).toBe(payload);
        const errors: string[] = [];
        const document = new DOMParser({ errorHandler: (level: string, message: unknown) => void errors.push(`${level}: ${String(message)}`) }).parseFromString(
          utf8(baked),
          'image/svg+xml',
        );
        expect(errors).toEqual([]);
        const root = document.documentElement!;
        const first = root.firstChild as Element;
        expect(first.localName).toBe(version === 'ob3' ? 'credential' : 'assertion');
        const badges = [...utf8(baked).matchAll(/<openbadges:(credential|assertion)\b/g)];
        expect(badges).toHaveLength(1);
        expect(unbake(bake(baked, 'eyJ.eyJ.x', 'ob3')).payload).toBe('eyJ.eyJ.x');
      }),
      { numRuns: 200 },
    );
  });
});
