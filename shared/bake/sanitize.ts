/** Makes an untrusted SVG safe to display: no scripts, no event handlers, no external references. */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { BadgeError } from '../errors.js';
import { escapeAttribute, refuseInternalSubset, SVG_XMLNS } from './svg.js';

const DROPPED_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);
const REFERENCE_ATTRIBUTES = new Set(['href', 'src']);
const ANIMATIONS = new Set(['animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor']);

/** `#fragment` and inline raster/vector images are the only references kept. */
function isSafeReference(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v.startsWith('#') || /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/.test(v);
}

function hasExternalUrl(value: string): boolean {
  if (/@import/i.test(value)) return true;
  for (const match of value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) if (!isSafeReference(match[2]!)) return true;
  return false;
}

function keepAttribute(attribute: SaxesAttributeNS): boolean {
  const local = attribute.local.toLowerCase();
  if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') return true;
  if (local.startsWith('on')) return false;
  if (REFERENCE_ATTRIBUTES.has(local) && !isSafeReference(attribute.value)) return false;
  return !hasExternalUrl(attribute.value);
}

function isDangerousAnimation(tag: SaxesTagNS): boolean {
  if (!ANIMATIONS.has(tag.local.toLowerCase())) return false;
  const target = (tag.attributes['attributeName']?.value ?? '').trim().toLowerCase();
  return target.endsWith('href') || target.startsWith('on') || target === 'src';
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * Re-serialises an SVG keeping only safe content: drops script/foreignObject/embedded documents,
 * `on*` attributes, href/src other than `#frag` and `data:image/…`, external `url(…)`/`@import`,
 * animations that target href or handlers, comments and processing instructions.
 * A DOCTYPE declaring entities is refused (ERR_SVG_DOCTYPE), a plain one is dropped; malformed XML or a non-svg root gives ERR_SVG_INVALID.
 */
export function sanitizeSvg(svgText: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let out = '';
  let depth = 0;
  let skipUntilDepth = 0;
  let styleText: string | undefined;

  parser.on('error', (error) => {
    throw new BadgeError('ERR_SVG_INVALID', `This SVG is not well-formed XML: ${error.message}`, { cause: error });
  });
  parser.on('doctype', refuseInternalSubset);
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1 && (tag.local !== 'svg' || (tag.uri !== SVG_XMLNS && tag.uri !== ''))) {
      throw new BadgeError('ERR_SVG_INVALID', `The root element is <${tag.name}>, not <svg>: this is not an SVG image.`);
    }
    if (skipUntilDepth !== 0) return;
    if (DROPPED_ELEMENTS.has(tag.local.toLowerCase()) || isDangerousAnimation(tag)) {
      skipUntilDepth = depth;
      return;
    }
    let attributes = '';
    for (const attribute of Object.values(tag.attributes)) {
      if (keepAttribute(attribute)) attributes += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
    }
    out += `<${tag.name}${attributes}${tag.isSelfClosing ? '/>' : '>'}`;
    if (tag.local.toLowerCase() === 'style') styleText = '';
  });
  const onText = (text: string): void => {
    if (skipUntilDepth !== 0 || depth === 0) return;
    if (styleText !== undefined) styleText += text;
    else out += escapeText(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    if (skipUntilDepth === 0) {
      if (styleText !== undefined) {
        if (!hasExternalUrl(styleText)) out += escapeText(styleText);
        styleText = undefined;
      }
      if (!tag.isSelfClosing) out += `</${tag.name}>`;
    } else if (skipUntilDepth === depth) {
      skipUntilDepth = 0;
    }
    depth--;
  });
  parser.write(svgText).close();
  if (out === '') throw new BadgeError('ERR_SVG_INVALID', 'This SVG has no root element.');
  return out;
}
