/**
 * Makes untrusted SVG artwork safe to publish: an allowlist of SVG elements and attributes, re-serialised.
 * Nothing in the output can run a script, navigate, or make a browser fetch anything: no HTML or other foreign
 * element (so no `<meta http-equiv=refresh>`, `<img srcset>`, `<video poster>`…), no foreignObject, no script or
 * event handler, no style that could load (see svg-css.ts), and references only to `#fragment`s in the document or
 * to inline `data:image/(png|jpeg|gif|webp);base64` pictures. Returns a report of what it removed. Browser-safe.
 */
import { BadgeError } from '../errors.js';
import { cleanDeclarations, cleanStyleSheet, cssValueProblem, FRAGMENT_URL_PROPERTIES, PRESENTATION_PROPERTIES } from './svg-css.js';
import { parseSvg, SVG_XMLNS, XLINK_XMLNS, XML_XMLNS, XMLNS_XMLNS, type SvgAttribute, type SvgTag } from './svg-parser.js';
import { badgeVersionOf, escapeAttribute, exactCdata } from './svg.js';

/**
 * The Content-Security-Policy to serve published SVG files under (badge artwork, baked badges): even if
 * something slipped through the sanitiser, the browser would load nothing but inline images, run nothing and
 * navigate nowhere. A static host sets it as a header for `*.svg` (an SVG document cannot carry its own CSP:
 * `<meta http-equiv>` is an HTML element, which the sanitiser removes).
 */
export const SVG_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/** Why something was removed. */
export type SvgRemovalReason =
  /** script elements, event handlers (`on…`), `javascript:` links */
  | 'script'
  /** anything that names another document: href/src to a URL, `url(http…)`, `@import`, `image-set()`… */
  | 'external-reference'
  /** CSS the sanitiser cannot prove harmless: escapes, at-rules, unknown functions */
  | 'unsafe-css'
  /** elements and attributes outside the allowlist (HTML, foreignObject, editor metadata, animations of links…) */
  | 'not-allowed'
  | 'doctype'
  | 'processing-instruction';

export interface SvgRemoval {
  kind: 'element' | 'attribute' | 'style' | 'doctype' | 'processing-instruction';
  /** Qualified name as written (`script`, `xhtml:meta`, `onload`, `xlink:href`), or a CSS property. */
  name: string;
  reason: SvgRemovalReason;
  count: number;
}

export interface SanitizedSvg {
  svg: string;
  /** What was removed, grouped by kind, name and reason, in order of first appearance. Empty for a clean file. */
  removed: SvgRemoval[];
}

const ELEMENTS = new Set([
  'a', 'circle', 'clipPath', 'defs', 'desc', 'ellipse', 'filter', 'g', 'image', 'line', 'linearGradient', 'marker',
  'mask', 'metadata', 'path', 'pattern', 'polygon', 'polyline', 'radialGradient', 'rect', 'stop', 'style', 'svg',
  'switch', 'symbol', 'text', 'textPath', 'title', 'tspan', 'use', 'view',
  'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight',
  'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
  'animate', 'animateMotion', 'animateTransform', 'set', 'mpath',
]);
const ANIMATIONS = new Set(['animate', 'animateMotion', 'animateTransform', 'set']);
/** Elements whose href may hold an inline picture; every other href must be a `#fragment`. */
const IMAGE_ELEMENTS = new Set(['image', 'feImage']);

/** Geometry, structure and filter attributes (case-sensitive, as SVG is). */
const GEOMETRY = new Set([
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'width', 'height', 'd', 'points',
  'pathLength', 'transform', 'viewBox', 'preserveAspectRatio', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust',
  'startOffset', 'method', 'spacing', 'side', 'refX', 'refY', 'markerWidth', 'markerHeight', 'markerUnits', 'orient',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'gradientUnits', 'gradientTransform', 'spreadMethod',
  'offset', 'clipPathUnits', 'maskUnits', 'maskContentUnits', 'filterUnits', 'primitiveUnits',
  'in', 'in2', 'result', 'stdDeviation', 'edgeMode', 'mode', 'operator', 'k1', 'k2', 'k3', 'k4', 'type', 'values',
  'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'order', 'kernelMatrix', 'divisor', 'bias', 'targetX',
  'targetY', 'preserveAlpha', 'surfaceScale', 'diffuseConstant', 'specularConstant', 'specularExponent',
  'kernelUnitLength', 'scale', 'xChannelSelector', 'yChannelSelector', 'radius', 'baseFrequency', 'numOctaves', 'seed',
  'stitchTiles', 'azimuth', 'elevation', 'pointsAtX', 'pointsAtY', 'pointsAtZ', 'limitingConeAngle',
]);
const ANIMATION_ATTRIBUTES = new Set([
  'attributeName', 'attributeType', 'begin', 'dur', 'end', 'min', 'max', 'restart', 'repeatCount', 'repeatDur',
  'calcMode', 'keyTimes', 'keySplines', 'from', 'to', 'by', 'additive', 'accumulate', 'path', 'keyPoints', 'origin',
]);
const OTHER_ATTRIBUTES = new Set(['id', 'class', 'lang', 'version', 'baseProfile', 'requiredExtensions', 'systemLanguage', 'requiredFeatures']);
/** What an animation may change: drawing, never a reference, a style, an id or a handler. */
const ANIMATABLE = new Set([...GEOMETRY, ...PRESENTATION_PROPERTIES]);
const ANIMATION_VALUES = new Set(['from', 'to', 'by', 'values']);

const FRAGMENT = /^\s*#[^\s"'\\()<>]+\s*$/;
const INLINE_IMAGE = /^\s*data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/i;

function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

function hrefProblem(element: string, value: string): SvgRemovalReason | undefined {
  if (FRAGMENT.test(value)) return undefined;
  if (IMAGE_ELEMENTS.has(element) && INLINE_IMAGE.test(value)) return undefined;
  // eslint-disable-next-line no-control-regex -- browsers ignore these inside a scheme, so must we
  return /^javascript:/i.test(value.replace(/[\s\0-\x1f]/g, '')) ? 'script' : 'external-reference';
}

interface Collector {
  add(kind: SvgRemoval['kind'], name: string, reason: SvgRemovalReason): void;
  list(): SvgRemoval[];
}

function collector(): Collector {
  const removals = new Map<string, SvgRemoval>();
  return {
    add(kind, name, reason) {
      const key = `${kind}\u0000${name}\u0000${reason}`;
      const known = removals.get(key);
      if (known) known.count++;
      else removals.set(key, { kind, name, reason, count: 1 });
    },
    list: () => [...removals.values()],
  };
}

/** The attributes kept on an SVG element, serialised (` name="value"`…), reporting the others. */
function keptAttributes(tag: SvgTag, report: Collector): string {
  const element = tag.local;
  const attributes = Object.values(tag.attributes) as SvgAttribute[];
  const animationTarget = ANIMATIONS.has(element) ? tag.attributes['attributeName']?.value.trim() : undefined;
  let out = '';
  for (const attribute of attributes) {
    const { uri, local, name, value } = attribute;
    if (uri === XMLNS_XMLNS) continue; // namespace declarations are written afresh
    let outName: string | undefined;
    let outValue = value;
    let reason: SvgRemovalReason | undefined;
    if (uri === XML_XMLNS) {
      if (local === 'space' || local === 'lang') outName = `xml:${local}`;
      else reason = 'not-allowed';
    } else if (uri === XLINK_XMLNS && local === 'href') {
      outName = 'xlink:href';
      reason = hrefProblem(element, value);
    } else if (uri !== '') {
      reason = 'not-allowed';
    } else if (/^on/i.test(local)) {
      reason = 'script';
    } else if (local === 'href') {
      outName = local;
      reason = hrefProblem(element, value);
    } else if (local === 'style') {
      const clean = cleanDeclarations(value);
      for (const removal of clean.removed) report.add('style', removal.name, removal.problem);
      if (clean.text.trim() === '') continue;
      outName = local;
      outValue = clean.text;
    } else if (PRESENTATION_PROPERTIES.has(local) || GEOMETRY.has(local) || ANIMATION_ATTRIBUTES.has(local) || OTHER_ATTRIBUTES.has(local)) {
      outName = local;
      const urlTarget = ANIMATION_VALUES.has(local) && animationTarget !== undefined ? animationTarget : local;
      reason = cssValueProblem(value, FRAGMENT_URL_PROPERTIES.has(urlTarget));
    } else {
      reason = 'not-allowed';
    }
    if (reason !== undefined || outName === undefined) report.add('attribute', name, reason ?? 'not-allowed');
    else out += ` ${outName}="${escapeAttribute(outValue)}"`;
  }
  return out;
}

/** Why an SVG-namespace element is dropped with all its content, or undefined to keep it. */
function elementProblem(tag: SvgTag): SvgRemovalReason | undefined {
  if (!ELEMENTS.has(tag.local)) return /^(script|handler|listener)$/i.test(tag.local) ? 'script' : 'not-allowed';
  if (ANIMATIONS.has(tag.local)) {
    const target = tag.attributes['attributeName']?.value.trim();
    if (target !== undefined && !ANIMATABLE.has(target)) {
      return /href$/i.test(target) ? 'external-reference' : /^on/i.test(target) ? 'script' : 'not-allowed';
    }
  }
  return undefined;
}

/**
 * Re-serialises an SVG keeping only allowlisted content (see the module comment), and says what it removed.
 * Comments, the XML declaration and whitespace outside the root are dropped without mention. A DOCTYPE declaring
 * entities is refused (ERR_SVG_DOCTYPE); malformed XML or a non-svg root gives ERR_SVG_INVALID; nesting deeper
 * than MAX_SVG_DEPTH gives ERR_SVG_TOO_DEEP. The output is a fixed point: sanitising it again changes nothing.
 */
export function sanitizeSvgWithReport(svgText: string): SanitizedSvg {
  const report = collector();
  let out = '';
  /** Depth of the element whose subtree is being dropped, 0 when none. */
  let skipFrom = 0;
  let svgUris: Set<string> = new Set([SVG_XMLNS]);
  /** Set while inside a kept `<style>`: its text is checked as a whole at the end tag. */
  let styleText: string | undefined;
  /** Set while inside a kept Open Badges element: its text is kept exactly, child elements are not. */
  let badgeDepth = 0;
  /** Depth of the innermost open element (0 outside the root, where text is dropped). */
  let open = 0;
  /** Where the open `<style>` start tag begins in `out`, to take it back if nothing in it is kept. */
  let styleStart = 0;

  parseSvg(svgText, {
    doctype: () => report.add('doctype', 'DOCTYPE', 'doctype'),
    processinginstruction: (target) => report.add('processing-instruction', target, 'processing-instruction'),
    opentag: (tag, depth) => {
      open = depth;
      if (depth === 1 && tag.uri === '') svgUris = new Set([SVG_XMLNS, '']);
      if (skipFrom !== 0) return;
      const badge = badgeDepth === 0 ? badgeVersionOf(tag) : undefined;
      if (badge !== undefined) {
        const verify = tag.attributes['verify'];
        const name = `openbadges:${tag.local}`;
        const verifyAttribute = verify === undefined ? '' : ` verify="${escapeAttribute(verify.value)}"`;
        out += `<${name} xmlns:openbadges="${tag.uri}"${verifyAttribute}${tag.isSelfClosing ? '/>' : '>'}`;
        badgeDepth = depth;
        return;
      }
      const problem = badgeDepth !== 0 || !svgUris.has(tag.uri) ? 'not-allowed' : elementProblem(tag);
      if (problem !== undefined) {
        report.add('element', tag.name, problem);
        skipFrom = depth;
        return;
      }
      const namespaces = depth === 1 ? ` xmlns="${SVG_XMLNS}" xmlns:xlink="${XLINK_XMLNS}"` : '';
      styleStart = out.length;
      out += `<${tag.local}${namespaces}${keptAttributes(tag, report)}${tag.isSelfClosing ? '/>' : '>'}`;
      if (tag.local === 'style') styleText = '';
    },
    text: (text) => {
      if (skipFrom !== 0 || open === 0) return;
      if (styleText !== undefined) styleText += text;
      else out += escapeText(text);
    },
    cdata: (text) => {
      if (skipFrom !== 0 || open === 0) return;
      if (styleText !== undefined) styleText += text;
      else out += badgeDepth !== 0 ? exactCdata(text) : escapeText(text);
    },
    closetag: (tag, depth) => {
      open = depth - 1;
      if (skipFrom !== 0) {
        if (skipFrom === depth) skipFrom = 0;
        return;
      }
      if (badgeDepth === depth) {
        badgeDepth = 0;
        if (!tag.isSelfClosing) out += `</openbadges:${tag.local}>`;
        return;
      }
      if (styleText !== undefined) {
        const clean = cleanStyleSheet(styleText);
        for (const removal of clean.removed) report.add('style', removal.name, removal.problem);
        styleText = undefined;
        if (clean.text.trim() === '') {
          out = out.slice(0, styleStart); // an empty <style> says nothing
          return;
        }
        out += escapeText(clean.text);
      }
      if (!tag.isSelfClosing) out += `</${tag.local}>`;
    },
  });
  if (out === '') throw new BadgeError('ERR_SVG_INVALID', 'This SVG has no root element.');
  return { svg: out, removed: report.list() };
}

/** The sanitised SVG text alone (see sanitizeSvgWithReport). */
export function sanitizeSvg(svgText: string): string {
  return sanitizeSvgWithReport(svgText).svg;
}

const REASON_WORDS: Record<SvgRemovalReason, string> = {
  script: 'scripts and event handlers',
  'external-reference': 'references to other files or sites',
  'unsafe-css': 'styles that could load content',
  'not-allowed': 'content that is not plain SVG drawing',
  doctype: 'a DOCTYPE',
  'processing-instruction': 'processing instructions',
};

/**
 * One sentence per reason saying what was removed, e.g.
 * "Removed scripts and event handlers: script, onload ×2." — empty when nothing was.
 */
export function describeSvgRemovals(removed: readonly SvgRemoval[]): string[] {
  const byReason = new Map<SvgRemovalReason, string[]>();
  for (const removal of removed) {
    const names = byReason.get(removal.reason) ?? [];
    const name = removal.kind === 'style' && removal.name !== 'style' ? `style ${removal.name}` : removal.name;
    names.push(removal.count > 1 ? `${name} ×${removal.count}` : name);
    byReason.set(removal.reason, names);
  }
  return [...byReason].map(([reason, names]) => {
    const shown = names.length > 8 ? [...names.slice(0, 8), `and ${names.length - 8} more`] : names;
    return `Removed ${REASON_WORDS[reason]}: ${shown.join(', ')}.`;
  });
}
