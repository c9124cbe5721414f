import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { describeSvgRemovals, sanitizeSvgWithReport } from '../../../shared/bake/sanitize.js';
import { EVIL_HOST, HOSTILE_SVGS } from '../../fixtures/hostile-svg/index.js';
import { errorCode } from './fixtures.js';

const SVG = 'http://www.w3.org/2000/svg';
const XLINK = 'http://www.w3.org/1999/xlink';
const BADGES = ['https://purl.imsglobal.org/ob/v3p0', 'http://openbadges.org'];

/**
 * Everything in the document that could make a browser load, run or navigate, found by walking the tree parsed
 * by xmldom (a parser we did not write): foreign elements, scripts, handlers, references other than #fragment
 * and inline raster images, and CSS with escapes, at-rules or url()s other than url(#…).
 */
function loadingVectors(svg: string): string[] {
  const found: string[] = [];
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, message: unknown) => void errors.push(`${level}: ${String(message)}`) }).parseFromString(svg, 'image/svg+xml');
  if (errors.length > 0) return errors;
  const cssProblems = (where: string, css: string): void => {
    if (css.includes('\\')) found.push(`${where}: backslash`);
    if (/@/.test(css)) found.push(`${where}: at-rule`);
    for (const match of css.matchAll(/([\w-]*)\s*\(/g)) {
      const name = match[1]!.toLowerCase();
      if (/url|image|src|fade|element|var|attr|paint/.test(name) && !(name === 'url' && /^\(\s*["']?#/.test(css.slice(match.index + match[0].length - 1)))) {
        found.push(`${where}: ${name}(`);
      }
    }
  };
  const visit = (element: Element): void => {
    const ns = element.namespaceURI ?? '';
    if (ns !== SVG && !BADGES.includes(ns)) found.push(`foreign element ${element.tagName} (${ns})`);
    if (/^(script|foreignObject|iframe|handler|listener)$/i.test(element.localName ?? '')) found.push(`element ${element.tagName}`);
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes.item(i)!;
      const name = attribute.name;
      const value = attribute.value;
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      if (/^on/i.test(attribute.localName ?? name)) found.push(`handler ${name}`);
      if (attribute.localName === 'href' && (attribute.namespaceURI === null || attribute.namespaceURI === XLINK)) {
        if (!/^#/.test(value.trim()) && !/^data:image\/(png|jpeg|gif|webp);base64,/i.test(value.trim())) found.push(`${name}="${value}"`);
      } else if (name === 'xml:base' || /src|poster|ping|data/i.test(name)) {
        found.push(`attribute ${name}`);
      } else {
        cssProblems(`${element.tagName}@${name}`, value);
      }
    }
    if (element.localName === 'style') cssProblems('style element', element.textContent ?? '');
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) visit(child as Element);
      if (child.nodeType === 7) found.push(`processing instruction ${child.nodeName}`);
    }
  };
  visit(doc.documentElement!);
  for (let child = doc.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 7 || child.nodeType === 10) found.push(`before the root: ${child.nodeName}`);
  }
  if (svg.includes(EVIL_HOST)) found.push(`mentions ${EVIL_HOST}`);
  return found;
}

/** What each payload's report must name (the thing that carried the attack). */
const EXPECTED_REMOVAL: Record<string, string> = {
  'xhtml-meta-refresh': 'meta',
  'xhtml-meta-refresh-in-foreignobject': 'foreignObject',
  'xhtml-prefixed-meta-refresh': 'h:meta',
  'xhtml-img-srcset': 'img',
  'xhtml-link-imagesrcset': 'link',
  'xhtml-video-poster': 'video',
  'xhtml-iframe-object-embed-audio': 'iframe',
  'css-escaped-import': 'style',
  'css-escaped-url': 'style',
  'css-escaped-url-in-style-attribute': 'style',
  'css-image-set': 'background-image',
  'css-webkit-image-set-attribute': 'background-image',
  'css-escaped-newline-in-url': 'style',
  'css-import': 'style',
  'css-font-face': 'style',
  'css-protocol-relative-url': 'background',
  'css-cdata-style': 'background',
  'css-entity-escaped-backslash': 'style',
  'css-cursor-and-custom-property': 'cursor',
  'css-comment-split': 'background',
  'script-element': 'script',
  'script-prefixed-namespace': 's:script',
  'event-handlers': 'onload',
  'javascript-link': 'href',
  'external-image-href': 'xlink:href',
  'svg-data-uri-image': 'href',
  'foreignobject-iframe': 'foreignObject',
  'use-external': 'href',
  'feimage-external': 'href',
  'paint-server-external': 'fill',
  'animate-href': 'set',
  'animate-style-and-fill': 'values',
  'xml-base': 'xml:base',
  'link-ping': 'ping',
  'xml-stylesheet': 'xml-stylesheet',
  'doctype-external-dtd': 'DOCTYPE',
};

describe('hostile SVG corpus (issue 14 §3): sanitised artwork cannot load, run or navigate', () => {
  it('the corpus is complete and the checker finds every payload before sanitising', () => {
    const accepted = HOSTILE_SVGS.filter((h) => h.refused === undefined);
    expect(accepted.map((h) => h.name).sort()).toEqual(Object.keys(EXPECTED_REMOVAL).sort());
    for (const hostile of accepted) expect(loadingVectors(hostile.text), hostile.name).not.toEqual([]);
  });

  it.each(HOSTILE_SVGS.filter((h) => h.refused === undefined).map((h) => [h.name, h.text] as const))(
    '%s: no external reference left, the drawing kept, the removal reported, sanitising again changes nothing',
    (name, text) => {
      const { svg, removed } = sanitizeSvgWithReport(text);
      expect(loadingVectors(svg)).toEqual([]);
      expect(svg).toContain('<rect id="body" x="10" y="10" width="100" height="100" fill="#3a7"/>');
      expect(removed.map((r) => r.name)).toContain(EXPECTED_REMOVAL[name]);
      expect(describeSvgRemovals(removed).join(' ')).toContain(EXPECTED_REMOVAL[name]);
      expect(sanitizeSvgWithReport(svg)).toEqual({ svg, removed: [] });
    },
  );

  it.each(HOSTILE_SVGS.filter((h) => h.refused !== undefined).map((h) => [h.name, h.text, h.refused] as const))('%s is refused with %s', (_name, text, code) => {
    expect(errorCode(() => sanitizeSvgWithReport(text))).toBe(code);
  });

  it('reports by reason, counting repeats', () => {
    const { removed } = sanitizeSvgWithReport(HOSTILE_SVGS.find((h) => h.name === 'script-element')!.text);
    expect(removed).toEqual([{ kind: 'element', name: 'script', reason: 'script', count: 2 }]);
    expect(describeSvgRemovals(removed)).toEqual(['Removed scripts and event handlers: script ×2.']);
  });
});

const DESIGNER_SVG = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape -->
<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  width="256" height="256" viewBox="0 0 256 256" version="1.1" inkscape:version="1.3" sodipodi:docname="badge.svg" xml:space="preserve">
  <sodipodi:namedview id="base" pagecolor="#ffffff"/>
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" style="stop-color:#e6b422;stop-opacity:1"/><stop offset="1" stop-color="#8a5a00"/></linearGradient>
    <filter id="shadow"><feGaussianBlur in="SourceAlpha" stdDeviation="2"/><feOffset dx="1" dy="2" result="o"/><feMerge><feMergeNode in="o"/><feMergeNode in="SourceGraphic"/></feMerge></filter>
    <clipPath id="c"><circle cx="128" cy="128" r="120"/></clipPath>
  </defs>
  <style>.title { font-family: 'Open Sans', sans-serif; font-weight: bold } circle:hover { opacity: 0.9 }</style>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" clip-path="url(#c)" transform="rotate(5 128 128)">
    <circle id="disc" cx="128" cy="128" r="120" style="fill:url(#g);stroke:#333;stroke-width:4;filter:url(#shadow)"/>
    <image x="96" y="40" width="64" height="64" href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="/>
    <use xlink:href="#disc" transform="scale(0.2)"/>
    <text class="title" x="128" y="150" text-anchor="middle" fill="rgb(255, 255, 255)">Premiers <tspan font-style="italic">secours</tspan> &amp; plus</text>
    <animate attributeName="opacity" from="0" to="1" dur="1s"/>
  </g>
</svg>
`;

describe('sanitising real artwork keeps the drawing', () => {
  const { svg, removed } = sanitizeSvgWithReport(DESIGNER_SVG);

  it('keeps gradients, filters, clips, fragment url()s, inline images, use #frag, classes, text and animations', () => {
    expect(loadingVectors(svg)).toEqual([]);
    for (const kept of [
      '<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" style="stop-color:#e6b422;stop-opacity:1"/>',
      '<feGaussianBlur in="SourceAlpha" stdDeviation="2"/>',
      '<style>.title { font-family: \'Open Sans\', sans-serif; font-weight: bold } circle:hover { opacity: 0.9 }</style>',
      'clip-path="url(#c)" transform="rotate(5 128 128)"',
      'style="fill:url(#g);stroke:#333;stroke-width:4;filter:url(#shadow)"',
      'href="data:image/png;base64,iVBORw0KGgo',
      '<use xlink:href="#disc" transform="scale(0.2)"/>',
      'fill="rgb(255, 255, 255)">Premiers <tspan font-style="italic">secours</tspan> &amp; plus</text>',
      '<animate attributeName="opacity" from="0" to="1" dur="1s"/>',
    ]) {
      expect(svg).toContain(kept);
    }
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="256" height="256" viewBox="0 0 256 256" version="1.1" xml:space="preserve">')).toBe(true);
  });

  it('reports the editor metadata it dropped, and nothing dangerous', () => {
    expect(removed).toEqual([
      { kind: 'attribute', name: 'inkscape:version', reason: 'not-allowed', count: 1 },
      { kind: 'attribute', name: 'sodipodi:docname', reason: 'not-allowed', count: 1 },
      { kind: 'element', name: 'sodipodi:namedview', reason: 'not-allowed', count: 1 },
      { kind: 'attribute', name: 'inkscape:label', reason: 'not-allowed', count: 1 },
      { kind: 'attribute', name: 'inkscape:groupmode', reason: 'not-allowed', count: 1 },
    ]);
  });

  it('drops only the unsafe declarations of a style, and a style rule it cannot read', () => {
    const mixed = sanitizeSvgWithReport(
      '<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: red; mask: url(https://x.test/m.svg) } [href="}"] { fill: blue } g { stroke: none }</style><rect style="fill:url(#a);cursor:pointer;stroke:url(x.svg#b)"/></svg>',
    );
    expect(mixed.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style>rect { fill: red }\ng { stroke: none }</style><rect style="fill:url(#a)"/></svg>');
    expect(mixed.removed.map((r) => `${r.name}:${r.reason}`)).toEqual(['mask:external-reference', 'style rule:unsafe-css', 'cursor:not-allowed', 'stroke:external-reference']);
  });

  it('keeps a baked badge element exactly, and nothing inside it but its text', () => {
    const baked = sanitizeSvgWithReport(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="a.b.c"><![CDATA[{"x":"]]]]><![CDATA[>"}]]><img xmlns="http://www.w3.org/1999/xhtml"/></openbadges:credential></svg>',
    );
    expect(baked.svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" verify="a.b.c"><![CDATA[{"x":"]]]]><![CDATA[>"}]]></openbadges:credential></svg>',
    );
    expect(baked.removed).toEqual([{ kind: 'element', name: 'img', reason: 'not-allowed', count: 1 }]);
  });

  it('judges elements by namespace, not by the name written: HTML under the default namespace is dropped, prefixed SVG kept', () => {
    const tricky = sanitizeSvgWithReport(
      '<s:svg xmlns:s="http://www.w3.org/2000/svg" xmlns="http://www.w3.org/1999/xhtml"><s:rect width="1"/><rect width="2"/><s:g><meta http-equiv="refresh" content="0;url=https://x.test/"/></s:g></s:svg>',
    );
    expect(tricky.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><rect width="1"/><g></g></svg>');
    expect(tricky.removed.map((r) => r.name)).toEqual(['rect', 'meta']);
  });
});
