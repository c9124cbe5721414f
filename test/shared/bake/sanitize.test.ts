import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../../shared/bake/prepare.js';
import { errorCode, utf8, vector } from './fixtures.js';

const HOSTILE = `<?xml version="1.0"?>
<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10">
  <!-- comment -->
  <script>alert(1)</script>
  <script xlink:href="https://evil.example/x.js"/>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></div></foreignObject>
  <a href="javascript:alert(1)"><text>click &amp; see</text></a>
  <a xlink:href=" JaVaScRiPt:alert(1)"><rect/></a>
  <image href="https://tracker.example/pixel.png"/>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
  <use xlink:href="#shape"/>
  <use href="https://evil.example/sprite.svg#a"/>
  <rect id="shape" fill="url(#grad)" style="fill: url(https://evil.example/f)" onclick="x()" ONMOUSEOVER="y()"/>
  <set attributeName="href" to="javascript:alert(1)"/>
  <animate attributeName="opacity" from="0" to="1"/>
  <style>@import url(https://evil.example/a.css);</style>
  <style>rect { fill: red }</style>
  <![CDATA[ 1 < 2 ]]>
</svg>`;

describe('sanitizeSvg', () => {
  const clean = sanitizeSvg(HOSTILE);

  it('drops scripts, foreignObject, event handlers, javascript: and external references', () => {
    expect(clean).not.toMatch(/script|foreignObject|iframe|onload|onclick|onmouseover|javascript|evil\.example|tracker|<set|<!--|xml-stylesheet/i);
  });

  it('keeps the drawing, #fragment references, data:image URIs, safe styles and animations', () => {
    expect(clean).toContain('<use xlink:href="#shape"/>');
    expect(clean).toContain('<image href="data:image/png;base64,iVBORw0KGgo="/>');
    expect(clean).toContain('fill="url(#grad)"');
    expect(clean).toContain('<style>rect { fill: red }</style>');
    expect(clean).toContain('<animate attributeName="opacity" from="0" to="1"/>');
    expect(clean).toContain('<text>click &amp; see</text>');
    expect(clean).toContain('1 &lt; 2');
    expect(clean.startsWith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10">')).toBe(true);
  });

  it('produces well-formed XML that a browser-grade parser reads without complaint', () => {
    const messages: string[] = [];
    const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => void messages.push(`${level}: ${String(message)}`) }).parseFromString(clean, 'image/svg+xml');
    expect(messages).toEqual([]);
    expect(doc.documentElement!.localName).toBe('svg');
  });

  it('is idempotent and leaves the official badge SVGs readable', () => {
    expect(sanitizeSvg(clean)).toBe(clean);
    const official = sanitizeSvg(utf8(vector('ob3/1edtech-validator_simple-json.svg')));
    expect(official).toContain('<openbadges:credential');
    expect(official).not.toContain('DOCTYPE');
  });

  it('refuses DOCTYPE entities, malformed XML and non-svg documents', () => {
    expect(errorCode(() => sanitizeSvg('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'))).toBe('ERR_SVG_DOCTYPE');
    expect(errorCode(() => sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => sanitizeSvg('<html xmlns="http://www.w3.org/1999/xhtml"/>'))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => sanitizeSvg(''))).toBe('ERR_SVG_INVALID');
  });
});
