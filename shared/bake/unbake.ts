/** Reads the badge baked into a PNG or SVG. Browser-safe: no pngjs, no Buffer, no node: imports. */
import { base64urlDecode } from '../bytes.js';
import { BadgeError } from '../errors.js';
import { parseJsonLimited } from '../json-limits.js';
import { MAX_IMAGE_BYTES, PNG_KEYWORD } from './limits.js';
import { hasPngSignature, readPngChunks, readTextChunk, textChunkKeyword, type PngChunk } from './png.js';
import { decodeSvgText, scanSvg, type SvgBadgeElement } from './svg.js';

export type BadgeVersion = 'ob3' | 'ob2';

export interface Unbaked {
  image: 'png' | 'svg';
  version: BadgeVersion | 'ob1';
  /** Exactly what was baked: JSON text or a compact JWS (or, for old OB 1.x/2.0 images, a hosted URL). */
  payload: string;
  /** The PNG chunk keyword the payload came from. */
  keyword?: string;
}

export type ImageType = 'png' | 'svg' | 'jpeg' | 'gif' | 'unknown';

const SVG_SNIFF_BYTES = 64 * 1024;

export function detectImageType(bytes: Uint8Array): ImageType {
  if (hasPngSignature(bytes)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) return 'gif';
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] !== 0x3c) return 'unknown';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(i, Math.min(bytes.length, i + SVG_SNIFF_BYTES)));
  return /<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]/.test(head) ? 'svg' : 'unknown';
}

/** Throws ERR_IMAGE_UNSUPPORTED unless the bytes look like a PNG or an SVG; ERR_IMAGE_TOO_LARGE past the size limit. */
export function requireBakeableImage(bytes: Uint8Array): 'png' | 'svg' {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new BadgeError('ERR_IMAGE_TOO_LARGE', `This image is ${bytes.length} bytes; badge images are limited to ${MAX_IMAGE_BYTES} bytes.`);
  }
  const type = detectImageType(bytes);
  if (type === 'png' || type === 'svg') return type;
  const what = type === 'unknown' ? 'not a PNG or SVG image' : `a ${type.toUpperCase()} image`;
  throw new BadgeError('ERR_IMAGE_UNSUPPORTED', `This file is ${what}; Open Badges can only be baked into PNG or SVG. Convert it to PNG first.`);
}

export function unbake(bytes: Uint8Array): Unbaked {
  return requireBakeableImage(bytes) === 'png' ? unbakePng(bytes) : unbakeSvg(bytes);
}

function notBaked(kind: string): BadgeError {
  return new BadgeError('ERR_NOT_BAKED', `This ${kind} image contains no Open Badges credential: choose the baked image the issuer sent (not the badge artwork), or bake one with \`badgesmith bake\`.`);
}

function unbakePng(bytes: Uint8Array): Unbaked {
  const chunks = readPngChunks(bytes);
  // OB 3.0 first (a dual-baked image carries both), then OB 2.0/1.x iTXt, then the legacy tEXt/zTXt form.
  const find = (keyword: string, types: string[]): PngChunk | undefined =>
    chunks.find((c) => types.includes(c.type) && textChunkKeyword(bytes, c) === keyword);
  const chunk =
    find(PNG_KEYWORD.ob3, ['iTXt']) ?? find(PNG_KEYWORD.ob2, ['iTXt']) ?? find(PNG_KEYWORD.ob2, ['tEXt', 'zTXt']) ?? find(PNG_KEYWORD.ob3, ['tEXt', 'zTXt']);
  if (chunk === undefined) throw notBaked('PNG');
  const { keyword, text } = readTextChunk(bytes, chunk);
  if (text === undefined) {
    throw new BadgeError(
      'ERR_IMAGE_UNSUPPORTED',
      `The badge in this PNG is stored compressed (${chunk.type} "${keyword}"), which Open Badges forbids; ask the issuer for an uncompressed baked image.`,
    );
  }
  if (text.length === 0) throw notBaked('PNG');
  const version = keyword === PNG_KEYWORD.ob3 ? 'ob3' : olderVersionOf(text, chunk.type === 'iTXt' ? 'ob2' : 'ob1');
  return { image: 'png', version, payload: text, keyword };
}

function unbakeSvg(bytes: Uint8Array): Unbaked {
  const scan = scanSvg(decodeSvgText(bytes));
  const element: SvgBadgeElement | undefined = scan.badges.find((b) => b.version === 'ob3') ?? scan.badges[0];
  if (element === undefined) throw notBaked('SVG');
  // OB 3.0: `verify` holds a JWS and wins; OB 2.0: a body (JSON assertion) wins over `verify` (URL or JWS).
  const payload =
    element.version === 'ob3' ? (element.verify ?? element.body) : element.body.trim() !== '' ? element.body : (element.verify ?? '');
  if (payload.trim() === '') throw notBaked('SVG');
  return { image: 'svg', version: element.version === 'ob3' ? 'ob3' : olderVersionOf(payload, 'ob2'), payload };
}

/** OB 2.0 vs OB 1.x for a payload under the shared `openbadges` keyword/namespace. */
function olderVersionOf(payload: string, whenUnknown: 'ob2' | 'ob1'): 'ob2' | 'ob1' {
  const document = documentOf(payload.trim());
  if (document === undefined) return whenUnknown;
  const contexts = Array.isArray(document['@context']) ? document['@context'] : [document['@context']];
  if (contexts.some((c) => typeof c === 'string' && c.includes('w3id.org/openbadges/v2'))) return 'ob2';
  const type = document.type;
  if (type === 'Assertion' || (Array.isArray(type) && type.includes('Assertion'))) return 'ob2';
  return 'ob1';
}

function documentOf(payload: string): Record<string, unknown> | undefined {
  let json: string | undefined;
  if (payload.startsWith('{')) json = payload;
  else if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(payload)) {
    const body = base64urlDecode(payload.split('.')[1]!);
    json = body === undefined ? undefined : new TextDecoder().decode(body);
  }
  if (json === undefined) return undefined;
  try {
    // Only its top level is read; a document past the limits is no OB 2.0 assertion (verify says why).
    const value = parseJsonLimited(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
