/**
 * Pictures placed in a design: PNG and JPEG checked (kind, bytes, pixel size), SVG sanitised by
 * the artwork sanitiser (no script, handler, foreignObject or outside reference survives), each
 * turned into the data URL an image layer holds, with its size so the layer keeps its proportions.
 */
import { BadgeError } from '../../shared/errors.js';
import { utf8Decode } from '../../shared/bytes.js';
import {
  imageDataUrl,
  sanitizedSvgDataUrl,
  sniffImage,
  type ImageKind,
} from '../../shared/design/images.js';
import { DESIGN_LIMITS } from '../../shared/design/model.js';

/** Largest picture file: its data URL must fit an image layer (base64 grows it by a third). */
export const MAX_DESIGN_IMAGE_BYTES = Math.floor((DESIGN_LIMITS.maxImageUrlLength - 64) * 0.75);
/** Largest side of a PNG or JPEG picture, in pixels. */
export const MAX_DESIGN_IMAGE_SIDE = 8192;

export interface DesignImage {
  src: string;
  kind: ImageKind;
  width: number;
  height: number;
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The frame size from a JPEG's first SOFn marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return {
        height: (bytes[i + 5]! << 8) | bytes[i + 6]!,
        width: (bytes[i + 7]! << 8) | bytes[i + 8]!,
      };
    }
    i += 2 + length;
  }
  return undefined;
}

/** An SVG's size from its root's width and height, else its viewBox, else 100 × 100. */
function svgSize(svgText: string): { width: number; height: number } {
  const head = /<svg\b[^>]*>/i.exec(svgText)?.[0] ?? '';
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(head)?.[1];
  const width = parseFloat(attribute('width') ?? '');
  const height = parseFloat(attribute('height') ?? '');
  if (width > 0 && height > 0) return { width, height };
  const box = (attribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box.length === 4 && box[2]! > 0 && box[3]! > 0) return { width: box[2]!, height: box[3]! };
  return { width: 100, height: 100 };
}

/** Checks a picture file and makes it an image layer's source (see the module comment). */
export function designImageFromBytes(bytes: Uint8Array, name: string): DesignImage {
  if (bytes.length > MAX_DESIGN_IMAGE_BYTES) {
    throw new BadgeError(
      'ERR_IMAGE_TOO_LARGE',
      `${name} is ${(bytes.length / 1048576).toFixed(1)} MB; a picture in a design may be at most ${(MAX_DESIGN_IMAGE_BYTES / 1048576).toFixed(1)} MB. Export it smaller.`,
    );
  }
  const kind = sniffImage(bytes);
  if (kind === undefined) {
    throw new BadgeError(
      'ERR_DESIGN_IMAGE_UNSUPPORTED',
      `${name} is not a PNG, JPEG or SVG picture; save it in one of these formats.`,
    );
  }
  if (kind === 'svg') {
    const src = sanitizedSvgDataUrl(bytes);
    const clean = utf8Decode(
      Uint8Array.from(atob(src.slice(src.indexOf(',') + 1)), (c) => c.charCodeAt(0)),
    );
    return { src, kind, ...svgSize(clean) };
  }
  const size = kind === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width === 0 || size.height === 0) {
    throw new BadgeError(
      'ERR_DESIGN_IMAGE_INVALID',
      `${name} is damaged: its size cannot be read. Export the picture again.`,
    );
  }
  if (size.width > MAX_DESIGN_IMAGE_SIDE || size.height > MAX_DESIGN_IMAGE_SIDE) {
    throw new BadgeError(
      'ERR_IMAGE_TOO_LARGE',
      `${name} is ${size.width} × ${size.height} pixels; a picture in a design may be at most ${MAX_DESIGN_IMAGE_SIDE} pixels a side.`,
    );
  }
  return { src: imageDataUrl(kind, bytes), kind, ...size };
}
