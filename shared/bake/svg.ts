/** SVG parsing (saxes, no DTD) and badge element writing. Browser-safe. */
import { BadgeError } from '../errors.js';
import { SVG_ELEMENT, SVG_NAMESPACE } from './limits.js';
import { parseSvg, type SvgTag } from './svg-parser.js';
import type { BadgeVersion } from './unbake.js';

export { refuseInternalSubset, SVG_XMLNS } from './svg-parser.js';

const utf8WithBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes SVG bytes as UTF-8, keeping a byte-order mark in the string so re-encoding gives the same bytes. */
export function decodeSvgText(bytes: Uint8Array): string {
  try {
    return utf8WithBom.decode(bytes);
  } catch {
    throw new BadgeError('ERR_SVG_INVALID', 'This SVG is not UTF-8 text. Save it again as UTF-8 from your drawing tool.');
  }
}

/** A badge element found in the SVG: `[start, end)` is its whole source text. */
export interface SvgBadgeElement {
  version: BadgeVersion;
  start: number;
  end: number;
  verify: string | undefined;
  /** Text and CDATA content with indentation-only text at both ends dropped. */
  body: string;
}

export interface SvgScan {
  /** Qualified name of the root element as written (`svg` or `prefix:svg`). */
  rootName: string;
  rootStart: number;
  /** Index just after the root start tag's `>` (or `/>`). */
  rootOpenEnd: number;
  rootSelfClosing: boolean;
  /** Root attributes by qualified name, decoded. */
  rootAttributes: Record<string, string>;
  badges: SvgBadgeElement[];
}

export function badgeVersionOf(tag: SvgTag): BadgeVersion | undefined {
  for (const version of ['ob3', 'ob2'] as const) {
    if (tag.uri === SVG_NAMESPACE[version] && tag.local === SVG_ELEMENT[version]) return version;
  }
  return undefined;
}

interface Segment {
  kind: 'text' | 'cdata';
  value: string;
}

const FORMATTING = /^[ \t\n]*$/;

/** Joins the content of a badge element; literal whitespace-only text at the ends is indentation. */
function joinBody(segments: Segment[]): string {
  let from = 0;
  let to = segments.length;
  while (from < to && segments[from]!.kind === 'text' && FORMATTING.test(segments[from]!.value)) from++;
  while (to > from && segments[to - 1]!.kind === 'text' && FORMATTING.test(segments[to - 1]!.value)) to--;
  let out = '';
  for (let i = from; i < to; i++) out += segments[i]!.value;
  return out;
}

/**
 * Parses the whole SVG (well-formedness and namespaces checked by saxes, in linear time, nesting limited). A DOCTYPE
 * with an internal subset is refused, which rules out external entities and entity expansion bombs. Throws
 * ERR_SVG_DOCTYPE, ERR_SVG_TOO_DEEP or ERR_SVG_INVALID.
 */
export function scanSvg(text: string): SvgScan {
  let root: Omit<SvgScan, 'badges'> | undefined;
  const badges: SvgBadgeElement[] = [];
  let tagStart = 0;
  let current: { version: BadgeVersion; start: number; depth: number; verify: string | undefined; segments: Segment[] } | undefined;

  parseSvg(
    text,
    {
      opentagstart: (position) => {
        tagStart = text.lastIndexOf('<', position - 1);
      },
      opentag: (tag, depth, position) => {
        if (depth === 1) {
          const attributes: Record<string, string> = {};
          for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
          root = {
            rootName: tag.name,
            rootStart: tagStart,
            rootOpenEnd: position,
            rootSelfClosing: tag.isSelfClosing,
            rootAttributes: attributes,
          };
        }
        if (current === undefined) {
          const version = badgeVersionOf(tag);
          if (version !== undefined) {
            current = { version, start: tagStart, depth, verify: tag.attributes['verify']?.value, segments: [] };
          }
        }
      },
      text: (value) => {
        current?.segments.push({ kind: 'text', value });
      },
      cdata: (value) => {
        current?.segments.push({ kind: 'cdata', value });
      },
      closetag: (_tag, depth, position) => {
        if (current !== undefined && current.depth === depth) {
          badges.push({ version: current.version, start: current.start, end: position, verify: current.verify, body: joinBody(current.segments) });
          current = undefined;
        }
      },
    },
    { position: true },
  );
  if (root === undefined) throw new BadgeError('ERR_SVG_INVALID', 'This SVG has no root element.');
  return { ...root, badges };
}

/** Characters XML 1.0 cannot carry (controls other than tab/LF/CR, U+FFFE/U+FFFF), plus surrogates to look at. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const SUSPECT_CHAR = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]/;

/** Index of the first character that cannot be baked (lone surrogates included), or -1. */
function firstUnbakeableChar(text: string): number {
  if (!SUSPECT_CHAR.test(text)) return -1; // the common case: one fast scan
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return i;
  }
  return -1;
}

/** Throws ERR_PAYLOAD_INVALID for text that cannot be baked losslessly into both PNG and SVG. */
export function assertBakeablePayload(payload: string): void {
  if (!/\S/.test(payload)) throw new BadgeError('ERR_PAYLOAD_INVALID', 'There is nothing to bake: the credential is empty.');
  const bad = firstUnbakeableChar(payload);
  if (bad >= 0) {
    throw new BadgeError(
      'ERR_PAYLOAD_INVALID',
      `The credential contains a character that cannot be baked (U+${payload.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')} at index ${bad}).`,
    );
  }
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Element content that an XML parser gives back exactly: CDATA sections, split around `]]>`, and
 * CR as a character reference (a literal CR would be normalised to LF, even inside CDATA).
 */
export function exactCdata(text: string): string {
  let out = '';
  const lines = text.split('\r');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) out += '&#13;';
    const line = lines[i]!;
    if (line !== '') out += `<![CDATA[${line.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  }
  return out;
}

function hostedUrlOf(json: string): string | undefined {
  try {
    const document: unknown = JSON.parse(json);
    if (typeof document !== 'object' || document === null) return undefined;
    const id = (document as Record<string, unknown>).id;
    return typeof id === 'string' && /^https?:\/\//.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The badge element for `payload`: JSON goes in CDATA; anything else (a compact JWS, or for OB 2.0 a
 * hosted assertion URL) goes in `verify`. OB 2.0 JSON also gets `verify` = the hosted assertion id.
 */
export function badgeElementXml(payload: string, version: BadgeVersion): string {
  const name = `openbadges:${SVG_ELEMENT[version]}`;
  const isJson = payload.trimStart().startsWith('{');
  if (!isJson) return `<${name} verify="${escapeAttribute(payload)}"/>`;
  const url = version === 'ob2' ? hostedUrlOf(payload) : undefined;
  const verify = url === undefined ? '' : ` verify="${escapeAttribute(url)}"`;
  return `<${name}${verify}>${exactCdata(payload)}</${name}>`;
}
