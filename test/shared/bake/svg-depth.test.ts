import { describe, expect, it } from 'vitest';
import { MAX_SVG_DEPTH } from '../../../shared/bake/limits.js';
import { bake, prepareImage } from '../../../shared/bake/prepare.js';
import { sanitizeSvg } from '../../../shared/bake/sanitize.js';
import { parseSvg, type SvgTag } from '../../../shared/bake/svg-parser.js';
import { unbake } from '../../../shared/bake/unbake.js';
import { errorCode } from './fixtures.js';

const encoder = new TextEncoder();

function nested(depth: number, inner = ''): string {
  // The root counts as one level.
  return `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(depth - 1)}${inner}${'</g>'.repeat(depth - 1)}</svg>`;
}

describe('SVG nesting limit (issue 15 §3)', () => {
  it(`accepts ${MAX_SVG_DEPTH} levels everywhere an SVG is read`, () => {
    const deepest = nested(MAX_SVG_DEPTH);
    expect(sanitizeSvg(deepest)).toBe(deepest.replace('<svg xmlns="http://www.w3.org/2000/svg">', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'));
    expect(prepareImage(encoder.encode(deepest)).kind).toBe('svg');
    const baked = bake(encoder.encode(deepest), '{"a":1}', 'ob3');
    expect(unbake(baked).payload).toBe('{"a":1}');
  });

  it(`refuses ${MAX_SVG_DEPTH + 1} levels, and 80,000, with ERR_SVG_TOO_DEEP in sanitising, baking and unbaking`, () => {
    for (const depth of [MAX_SVG_DEPTH + 1, 80_000]) {
      const text = nested(depth);
      expect(errorCode(() => sanitizeSvg(text))).toBe('ERR_SVG_TOO_DEEP');
      expect(errorCode(() => prepareImage(encoder.encode(text)))).toBe('ERR_SVG_TOO_DEEP');
      expect(errorCode(() => unbake(encoder.encode(text)))).toBe('ERR_SVG_TOO_DEEP');
    }
  });

  it('counts self-closing elements as a level, and stops before reading a too-deep element', () => {
    expect(errorCode(() => sanitizeSvg(nested(MAX_SVG_DEPTH, '<rect/>')))).toBe('ERR_SVG_TOO_DEEP');
    // The element past the limit is not even well-formed: the depth error comes first.
    expect(errorCode(() => sanitizeSvg(nested(MAX_SVG_DEPTH, '<rect a="1" a="2"/>')))).toBe('ERR_SVG_TOO_DEEP');
    expect(errorCode(() => sanitizeSvg(nested(MAX_SVG_DEPTH - 1, '<rect a="1" a="2"/>')))).toBe('ERR_SVG_INVALID');
  });
});

describe('parseSvg resolves namespaces like saxes, through per-prefix scopes', () => {
  function uris(text: string): string[] {
    const seen: string[] = [];
    const record = (tag: SvgTag): void => {
      seen.push(`${tag.name}=${tag.uri}`);
      for (const attribute of Object.values(tag.attributes)) if (attribute.prefix !== '' && attribute.prefix !== 'xmlns') seen.push(`@${attribute.name}=${attribute.uri}`);
    };
    parseSvg(text, { opentag: record });
    return seen;
  }

  it('inner declarations shadow outer ones and end with their element', () => {
    const text =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:a="urn:one"><g xmlns:a="urn:two" xmlns="urn:default"><a:x a:k="1"/><y/></g><a:z a:k="2"/><w xml:lang="fr"/></svg>';
    expect(uris(text)).toEqual([
      'svg=http://www.w3.org/2000/svg',
      'g=urn:default',
      'a:x=urn:two',
      '@a:k=urn:two',
      'y=urn:default',
      'a:z=urn:one',
      '@a:k=urn:one',
      'w=http://www.w3.org/2000/svg',
      '@xml:lang=http://www.w3.org/XML/1998/namespace',
    ]);
  });

  it('a prefix declared far up still resolves deep down, and one out of scope is an error', () => {
    const deep = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:p="urn:p">${'<g>'.repeat(200)}<p:x/>${'</g>'.repeat(200)}</svg>`;
    expect(uris(deep).at(-1)).toBe('p:x=urn:p');
    expect(errorCode(() => parseSvg('<svg xmlns="http://www.w3.org/2000/svg"><g xmlns:p="urn:p"/><p:x/></svg>', {}))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => parseSvg('<svg xmlns="http://www.w3.org/2000/svg"><x p:a="1"/></svg>', {}))).toBe('ERR_SVG_INVALID');
  });

  it('refuses non-svg roots, empty input and entity declarations with their codes', () => {
    expect(errorCode(() => parseSvg('<html xmlns="http://www.w3.org/1999/xhtml"/>', {}))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => parseSvg('', {}))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => parseSvg('<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', {}))).toBe('ERR_SVG_DOCTYPE');
  });
});
