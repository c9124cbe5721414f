/**
 * The one way SVG text is parsed (baking, unbaking, sanitising): saxes with namespaces, in time linear in the
 * input whatever its shape, with a nesting limit. Browser-safe.
 *
 * saxes resolves a namespace prefix by walking up every open element, so a document nested N deep costs N² (an
 * 80,000-deep file took ~100 s). Here prefixes resolve through one stack of bindings per prefix (O(1)), and
 * nesting deeper than MAX_SVG_DEPTH stops the parse with ERR_SVG_TOO_DEEP before any work is done on it.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { BadgeError } from '../errors.js';
import { MAX_SVG_DEPTH } from './limits.js';

export const SVG_XMLNS = 'http://www.w3.org/2000/svg';
export const XLINK_XMLNS = 'http://www.w3.org/1999/xlink';
export const XML_XMLNS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_XMLNS = 'http://www.w3.org/2000/xmlns/';

export type SvgTag = SaxesTagNS;
export type SvgAttribute = SaxesAttributeNS;

export interface SvgHandlers {
  /** Before the tag's attributes are read; `position` is just after its name. */
  opentagstart?: (position: number) => void;
  /** `depth` is 1 for the root; `position` is just after the tag's `>`. */
  opentag?: (tag: SvgTag, depth: number, position: number) => void;
  closetag?: (tag: SvgTag, depth: number, position: number) => void;
  text?: (text: string) => void;
  cdata?: (text: string) => void;
  /** The DOCTYPE's text (one without an internal subset: those are refused before this is called). */
  doctype?: (doctype: string) => void;
  processinginstruction?: (target: string) => void;
}

/**
 * A DOCTYPE that only names the SVG 1.1 DTD (as Illustrator and 1EdTech's own images have) is harmless:
 * DTDs are never loaded. One with an internal subset (`[…]`, where entities are declared) is refused.
 */
export function refuseInternalSubset(doctype: string): void {
  if (doctype.includes('[')) {
    throw new BadgeError(
      'ERR_SVG_DOCTYPE',
      'This SVG declares entities in its DOCTYPE, which is refused (it can hide external entities or entity bombs). Remove the <!DOCTYPE …> block.',
    );
  }
}

const PREDEFINED: Record<string, string> = { xml: XML_XMLNS, xmlns: XMLNS_XMLNS };

/**
 * Parses `text` as an SVG document, calling `handlers` in document order. Throws ERR_SVG_INVALID (not
 * well-formed, root not `<svg>`), ERR_SVG_DOCTYPE (entities declared) or ERR_SVG_TOO_DEEP.
 */
export function parseSvg(text: string, handlers: SvgHandlers, options: { position?: boolean } = {}): void {
  const parser = new SaxesParser({ xmlns: true, position: options.position ?? false });
  /** In-scope bindings of every prefix declared by an open ancestor, innermost last. */
  const bindings = new Map<string, string[]>();
  let ownDeclarations: Record<string, string> = Object.create(null) as Record<string, string>;
  let depth = 0;
  let sawRoot = false;
  /** Whether the tag being read declares a namespace; depths of the open elements that did. */
  let declares = false;
  const declaringDepths: number[] = [];

  parser.resolve = (prefix: string): string | undefined =>
    ownDeclarations[prefix] ?? bindings.get(prefix)?.at(-1) ?? PREDEFINED[prefix];

  parser.on('error', (error) => {
    throw new BadgeError('ERR_SVG_INVALID', `This SVG is not well-formed XML: ${error.message}`, { cause: error });
  });
  parser.on('doctype', (doctype) => {
    refuseInternalSubset(doctype);
    handlers.doctype?.(doctype);
  });
  parser.on('processinginstruction', (pi) => handlers.processinginstruction?.(pi.target));
  parser.on('opentagstart', (tag) => {
    if (depth >= MAX_SVG_DEPTH) {
      throw new BadgeError(
        'ERR_SVG_TOO_DEEP',
        `This SVG nests elements more than ${MAX_SVG_DEPTH} levels deep, which no drawing needs (it is how hostile files make programs hang). Flatten its groups in your drawing tool and save it again.`,
      );
    }
    ownDeclarations = tag.ns ?? (Object.create(null) as Record<string, string>);
    declares = false;
    handlers.opentagstart?.(parser.position);
  });
  parser.on('attribute', (attribute) => {
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') declares = true;
  });
  parser.on('opentag', (tag) => {
    depth++;
    sawRoot = true;
    if (depth === 1 && (tag.local !== 'svg' || (tag.uri !== SVG_XMLNS && tag.uri !== ''))) {
      throw new BadgeError('ERR_SVG_INVALID', `The root element is <${tag.name}>, not <svg>: this is not an SVG image.`);
    }
    if (declares) {
      declaringDepths.push(depth);
      for (const prefix in tag.ns) {
        const stack = bindings.get(prefix);
        if (stack === undefined) bindings.set(prefix, [tag.ns[prefix]!]);
        else stack.push(tag.ns[prefix]!);
      }
    }
    handlers.opentag?.(tag, depth, parser.position);
  });
  parser.on('closetag', (tag) => {
    if (declaringDepths.at(-1) === depth) {
      declaringDepths.pop();
      for (const prefix in tag.ns) bindings.get(prefix)!.pop();
    }
    handlers.closetag?.(tag, depth, parser.position);
    depth--;
  });
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.cdata) parser.on('cdata', handlers.cdata);
  parser.write(text).close();
  if (!sawRoot) throw new BadgeError('ERR_SVG_INVALID', 'This SVG has no root element.');
}
