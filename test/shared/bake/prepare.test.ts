import { crc32 as zlibCrc32 } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { bake, bakeImage, prepareImage } from '../../../shared/bake/prepare.js';
import { unbake } from '../../../shared/bake/unbake.js';
import { bytesOf, CREDENTIAL, errorCode, JWS, listChunks, makePng, utf8, vector } from './fixtures.js';

const OB3_NS = 'https://purl.imsglobal.org/ob/v3p0';
const OB2_NS = 'http://openbadges.org';

describe('bake PNG', () => {
  const png = vector('ob3/1edtech-validator_simple-json.png'); // already baked (after IDAT), with tEXt chunks

  it('puts one uncompressed iTXt right after IHDR, keeps every other chunk byte for byte, drops the old one', () => {
    const baked = bake(png, CREDENTIAL, 'ob3');
    const before = listChunks(png);
    const after = listChunks(baked);
    expect(after.map((c) => c.type)).toEqual(['IHDR', 'iTXt', ...before.slice(1).filter((c) => c.type !== 'iTXt').map((c) => c.type)]);
    const kept = before.filter((c) => c.type !== 'iTXt');
    expect(after.filter((c, i) => i !== 1).map((c) => c.raw)).toEqual(kept.map((c) => c.raw));
    const itxt = after[1]!;
    expect(itxt.data.subarray(0, 'openbadgecredential'.length + 5).toString('latin1')).toBe('openbadgecredential\0\0\0\0\0');
    expect(itxt.data.subarray('openbadgecredential'.length + 5).toString('utf8')).toBe(CREDENTIAL);
    expect(itxt.raw.readUInt32BE(itxt.raw.length - 4)).toBe(zlibCrc32(itxt.raw.subarray(4, itxt.raw.length - 4)));
  });

  it('produces a PNG that pngjs decodes to the same pixels', () => {
    const source = makePng(40, 30, 7);
    const baked = bake(source, JWS, 'ob3');
    const a = PNG.sync.read(Buffer.from(source));
    const b = PNG.sync.read(Buffer.from(baked));
    expect([b.width, b.height]).toEqual([40, 30]);
    expect(Buffer.compare(a.data, b.data)).toBe(0);
  });

  it('re-baking replaces the chunk of either version: one badge chunk, the last one baked', () => {
    const first = bake(makePng(8, 8), CREDENTIAL, 'ob2');
    const second = bake(first, JWS, 'ob3');
    const texts = listChunks(second).filter((c) => c.type === 'iTXt');
    expect(texts).toHaveLength(1);
    expect(unbake(second)).toEqual({ image: 'png', version: 'ob3', payload: JWS, keyword: 'openbadgecredential' });
    expect(unbake(bake(second, CREDENTIAL, 'ob2'))).toMatchObject({ version: 'ob1', keyword: 'openbadges', payload: CREDENTIAL });
  });

  it('a PreparedImage bakes many payloads, each independent of the previous ones', () => {
    const prepared = prepareImage(makePng(20, 10));
    expect(prepared).toMatchObject({ kind: 'png', width: 20, height: 10 });
    const a = bakeImage(prepared, 'x'.repeat(1000), 'ob3');
    const b = bakeImage(prepared, JWS, 'ob3');
    expect(unbake(a).payload).toBe('x'.repeat(1000));
    expect(unbake(b).payload).toBe(JWS);
  });

  it('rejects corrupt, oversized and non-image input with stable codes', () => {
    const good = makePng(8, 8);
    expect(errorCode(() => bake(good.subarray(0, 60), JWS, 'ob3'))).toBe('ERR_PNG_CORRUPT');
    // Valid chunk structure and CRCs, but garbage compressed data: only a real decode catches it.
    const idat = listChunks(good).find((c) => c.type === 'IDAT')!;
    const broken = Buffer.from(good);
    const start = broken.indexOf(idat.raw);
    broken.fill(0x55, start + 8, start + 8 + idat.data.length);
    broken.writeUInt32BE(zlibCrc32(broken.subarray(start + 4, start + 8 + idat.data.length)), start + 8 + idat.data.length);
    expect(errorCode(() => bake(broken, JWS, 'ob3'))).toBe('ERR_PNG_CORRUPT');
    // 20000 × 20000 pixels declared in IHDR.
    const huge = Buffer.from(good);
    huge.writeUInt32BE(20000, 16);
    huge.writeUInt32BE(20000, 20);
    huge.writeUInt32BE(zlibCrc32(huge.subarray(12, 29)), 29);
    expect(errorCode(() => bake(huge, JWS, 'ob3'))).toBe('ERR_IMAGE_TOO_LARGE');
    expect(errorCode(() => bake(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), JWS, 'ob3'))).toBe('ERR_IMAGE_UNSUPPORTED');
  });

  it('refuses payloads that cannot be baked losslessly', () => {
    const prepared = prepareImage(makePng(4, 4));
    expect(errorCode(() => bakeImage(prepared, '', 'ob3'))).toBe('ERR_PAYLOAD_INVALID');
    expect(errorCode(() => bakeImage(prepared, 'a\u0000b', 'ob3'))).toBe('ERR_PAYLOAD_INVALID');
    expect(errorCode(() => bakeImage(prepared, 'a\ud800b', 'ob3'))).toBe('ERR_PAYLOAD_INVALID');
  });
});

describe('bake SVG', () => {
  const svg = bytesOf('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="12"><circle r="4" cx="5" cy="5"/></svg>');

  function parse(bytes: Uint8Array) {
    return new DOMParser().parseFromString(utf8(bytes), 'image/svg+xml').documentElement!;
  }

  it('OB 3.0 JSON: namespace on <svg>, <openbadges:credential> first child with the JSON in CDATA, no verify', () => {
    const baked = bake(svg, CREDENTIAL, 'ob3');
    const root = parse(baked);
    expect(root.getAttribute('xmlns:openbadges')).toBe(OB3_NS);
    const first = root.firstChild as Element;
    expect([first.namespaceURI, first.localName]).toEqual([OB3_NS, 'credential']);
    expect(first.hasAttribute('verify')).toBe(false);
    expect(first.textContent).toBe(CREDENTIAL); // contains "]]>": the CDATA is split
    expect(utf8(baked)).toContain('<circle r="4" cx="5" cy="5"/></svg>');
    expect(prepareImage(svg)).toMatchObject({ kind: 'svg', width: 10, height: 12 });
  });

  it('OB 3.0 JWS: self-closing element with verify=JWS', () => {
    const root = parse(bake(svg, JWS, 'ob3'));
    const first = root.firstChild as Element;
    expect(first.getAttributeNS(null, 'verify') ?? first.getAttribute('verify')).toBe(JWS);
    expect(first.childNodes.length).toBe(0);
    expect(unbake(bake(svg, JWS, 'ob3'))).toEqual({ image: 'svg', version: 'ob3', payload: JWS });
  });

  it('OB 2.0: <openbadges:assertion> in http://openbadges.org, verify = hosted id, JSON in CDATA', () => {
    const assertion = JSON.stringify({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: 'https://example.org/a/1.json' });
    const baked = bake(svg, assertion, 'ob2');
    const first = parse(baked).firstChild as Element;
    expect([first.namespaceURI, first.localName, first.getAttribute('verify')]).toEqual([OB2_NS, 'assertion', 'https://example.org/a/1.json']);
    expect(unbake(baked)).toEqual({ image: 'svg', version: 'ob2', payload: assertion });
  });

  it('re-baking replaces the old element and namespace; a self-closing or prefixed root works', () => {
    const twice = bake(bake(vector('legacy/concentricsky_baked_example.svg'), CREDENTIAL, 'ob2'), JWS, 'ob3');
    const text = utf8(twice);
    expect(text.match(/openbadges:(assertion|credential)/g)).toEqual(['openbadges:credential']);
    expect(text.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(parse(twice).getAttribute('xmlns:openbadges')).toBe(OB3_NS);
    expect(unbake(twice).payload).toBe(JWS);
    const selfClosing = bake(bytesOf('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 40"/>'), CREDENTIAL, 'ob3');
    expect(unbake(selfClosing).payload).toBe(CREDENTIAL);
    expect(prepareImage(selfClosing)).toMatchObject({ width: 30, height: 40 });
    const prefixed = bake(bytesOf('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g/></s:svg>'), CREDENTIAL, 'ob3');
    expect(utf8(prefixed)).toMatch(/<\/openbadges:credential><s:g\/><\/s:svg>$/);
    expect(unbake(prefixed).payload).toBe(CREDENTIAL);
  });

  it('bakes the official OB 3.0 SVG (DOCTYPE naming the SVG DTD) and keeps a BOM', () => {
    const baked = bake(vector('ob3/1edtech-validator_simple-jwt.svg'), CREDENTIAL, 'ob3');
    expect(unbake(baked)).toEqual({ image: 'svg', version: 'ob3', payload: CREDENTIAL });
    const withBom = bake(bytesOf('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>'), JWS, 'ob3');
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('rejects DOCTYPE entities, malformed XML and non-svg roots', () => {
    const xxe = '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>';
    expect(errorCode(() => bake(bytesOf(xxe), JWS, 'ob3'))).toBe('ERR_SVG_DOCTYPE');
    expect(errorCode(() => bake(bytesOf('<svg><g></svg>'), JWS, 'ob3'))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => bake(bytesOf('<html><svg/></html>'), JWS, 'ob3'))).toBe('ERR_SVG_INVALID');
  });
});
