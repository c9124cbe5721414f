/**
 * Baking: validate an image once (prepareImage), then bake any number of payloads into it (bakeImage).
 * Decodes PNGs with node:zlib (png-check.ts), so this module is for Node (main process, CLI, workers), not the browser.
 */
import { utf8Encode } from '../bytes.js';
import { BadgeError } from '../errors.js';
import { MAX_PAYLOAD_BYTES, PNG_KEYWORD, SVG_NAMESPACE } from './limits.js';
import { checkPngImage } from './png-check.js';
import { isBadgeChunk, itxtChunkSize, readPngChunks, writeItxtChunk } from './png.js';
import { assertBakeablePayload, badgeElementXml, decodeSvgText, scanSvg, type SvgScan } from './svg.js';
import { requireBakeableImage, type BadgeVersion } from './unbake.js';

export { sanitizeSvg } from './sanitize.js';

export interface PreparedPng {
  kind: 'png';
  width: number;
  height: number;
  /** Signature + IHDR: the badge chunk goes right after. */
  head: Uint8Array;
  /** Every other chunk, byte for byte, minus any earlier badge chunk. */
  tail: Uint8Array;
}

export interface PreparedSvg {
  kind: 'svg';
  width: number;
  height: number;
  /** Everything up to the root start tag's end, without its `>` or `/>` and without an old xmlns:openbadges. */
  head: Uint8Array;
  /** What follows the badge element: the rest of the document minus any earlier badge element. */
  tail: Uint8Array;
}

export type PreparedImage = PreparedPng | PreparedSvg;

export function prepareImage(bytes: Uint8Array): PreparedImage {
  return requireBakeableImage(bytes) === 'png' ? preparePng(bytes) : prepareSvg(bytes);
}

export function bakeImage(prepared: PreparedImage, payload: string, version: BadgeVersion): Uint8Array {
  assertBakeablePayload(payload);
  return prepared.kind === 'png' ? bakePng(prepared, payload, version) : bakeSvg(prepared, payload, version);
}

export function bake(bytes: Uint8Array, payload: string, version: BadgeVersion): Uint8Array {
  assertBakeablePayload(payload);
  return bakeImage(prepareImage(bytes), payload, version);
}

function preparePng(bytes: Uint8Array): PreparedPng {
  const chunks = readPngChunks(bytes);
  const { width, height } = checkPngImage(bytes, chunks);
  const ihdr = chunks[0]!;
  const kept = chunks.slice(1).filter((chunk) => !isBadgeChunk(bytes, chunk));
  const tail = new Uint8Array(kept.reduce((n, c) => n + c.end - c.start, 0));
  let offset = 0;
  for (const chunk of kept) {
    tail.set(bytes.subarray(chunk.start, chunk.end), offset);
    offset += chunk.end - chunk.start;
  }
  return { kind: 'png', width, height, head: bytes.slice(0, ihdr.end), tail };
}

const textEncoder = new TextEncoder();

/** The hot path of batch issuing: one unpooled, not zero-filled allocation, the text encoded in place, one CRC. */
function bakePng(prepared: PreparedPng, payload: string, version: BadgeVersion): Uint8Array {
  const textLength = Buffer.byteLength(payload, 'utf8');
  checkPayloadSize(textLength);
  const keyword = PNG_KEYWORD[version];
  const { head, tail } = prepared;
  const chunkSize = itxtChunkSize(keyword, textLength);
  const buffer = Buffer.allocUnsafeSlow(head.length + chunkSize + tail.length);
  const out = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  out.set(head, 0);
  const textStart = head.length + 8 + keyword.length + 5;
  textEncoder.encodeInto(payload, out.subarray(textStart, textStart + textLength));
  writeItxtChunk(out, head.length, keyword, out.subarray(textStart, textStart + textLength));
  out.set(tail, head.length + chunkSize);
  return out;
}

function checkPayloadSize(length: number): void {
  if (length > MAX_PAYLOAD_BYTES) {
    throw new BadgeError('ERR_PAYLOAD_TOO_LARGE', `The credential is ${length} bytes; at most ${MAX_PAYLOAD_BYTES} bytes can be baked.`);
  }
}

function prepareSvg(bytes: Uint8Array): PreparedSvg {
  const text = decodeSvgText(bytes);
  const scan = scanSvg(text);
  const openTag = text.slice(scan.rootStart, scan.rootOpenEnd - (scan.rootSelfClosing ? 2 : 1));
  const head = text.slice(0, scan.rootStart) + withoutAttribute(openTag, 'xmlns:openbadges');
  const rest = scan.rootSelfClosing ? `</${scan.rootName}>${text.slice(scan.rootOpenEnd)}` : withoutBadges(text, scan);
  return { kind: 'svg', ...svgSize(scan.rootAttributes), head: utf8Encode(head), tail: utf8Encode(rest) };
}

function withoutBadges(text: string, scan: SvgScan): string {
  let out = '';
  let from = scan.rootOpenEnd;
  for (const badge of scan.badges) {
    out += text.slice(from, badge.start);
    from = badge.end;
  }
  return out + text.slice(from);
}

/** Removes one attribute from a well-formed start tag (`<name attr="v" …`), leaving the rest as written. */
function withoutAttribute(openTag: string, name: string): string {
  const attribute = /\s+([^\s=]+)\s*=\s*("[^"]*"|'[^']*')/y;
  attribute.lastIndex = openTag.search(/[\s]|$/);
  let match: RegExpExecArray | null;
  while ((match = attribute.exec(openTag)) !== null) {
    if (match[1] === name) return openTag.slice(0, match.index) + openTag.slice(attribute.lastIndex);
  }
  return openTag;
}

function svgSize(attributes: Record<string, string>): { width: number; height: number } {
  const length = (value: string | undefined): number => {
    const match = value === undefined ? null : /^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$/.exec(value);
    return match ? Number(match[1]) : 0;
  };
  let width = length(attributes.width);
  let height = length(attributes.height);
  const viewBox = attributes.viewBox?.trim().split(/[\s,]+/).map(Number);
  if (viewBox?.length === 4 && viewBox.every(Number.isFinite)) {
    if (width === 0) width = viewBox[2]!;
    if (height === 0) height = viewBox[3]!;
  }
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const encodedNamespaceAttribute: Record<BadgeVersion, Uint8Array> = {
  ob3: utf8Encode(` xmlns:openbadges="${SVG_NAMESPACE.ob3}">`),
  ob2: utf8Encode(` xmlns:openbadges="${SVG_NAMESPACE.ob2}">`),
};

function bakeSvg(prepared: PreparedSvg, payload: string, version: BadgeVersion): Uint8Array {
  const element = utf8Encode(badgeElementXml(payload, version));
  checkPayloadSize(element.length);
  const namespace = encodedNamespaceAttribute[version];
  const { head, tail } = prepared;
  const out = new Uint8Array(head.length + namespace.length + element.length + tail.length);
  out.set(head, 0);
  out.set(namespace, head.length);
  out.set(element, head.length + namespace.length);
  out.set(tail, head.length + namespace.length + element.length);
  return out;
}
