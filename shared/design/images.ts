/**
 * Pictures inside a design: PNG, JPEG or SVG as base64 data URLs. SVG goes through the artwork
 * sanitiser, so an image layer can hold no script, handler, foreignObject or outside reference.
 */
import { sanitizeSvg } from '../bake/sanitize.js';
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from '../bytes.js';
import { BadgeError } from '../errors.js';

export type ImageKind = 'png' | 'jpeg' | 'svg';

const DATA_URL = /^data:image\/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/]*={0,2})$/;

export function base64Encode(bytes: Uint8Array): string {
  const url = base64urlEncode(bytes).replace(/-/g, '+').replace(/_/g, '/');
  return url + '='.repeat((4 - (url.length % 4)) % 4);
}

export function imageDataUrl(kind: ImageKind, bytes: Uint8Array): string {
  return `data:image/${kind === 'svg' ? 'svg+xml' : kind};base64,${base64Encode(bytes)}`;
}

function isPng(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return signature.every((b, i) => bytes[i] === b);
}

const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;

/**
 * The kind and bytes of an image layer's `src`; ERR_DESIGN_IMAGE_INVALID when it is not a base64
 * PNG, JPEG or SVG data URL whose bytes are what it says (a `javascript:` or `https:` URL included).
 */
export function decodeImageSrc(src: string): { kind: ImageKind; bytes: Uint8Array } {
  const match = DATA_URL.exec(src);
  const bytes = match ? base64urlDecode(match[2]!) : undefined;
  if (!match || !bytes) {
    throw new BadgeError(
      'ERR_DESIGN_IMAGE_INVALID',
      'An image layer holds something other than an embedded PNG, JPEG or SVG picture; import the picture again.',
    );
  }
  const kind: ImageKind = match[1] === 'svg+xml' ? 'svg' : (match[1] as ImageKind);
  if ((kind === 'png' && !isPng(bytes)) || (kind === 'jpeg' && !isJpeg(bytes))) {
    throw new BadgeError(
      'ERR_DESIGN_IMAGE_INVALID',
      `An image layer says it holds a ${kind.toUpperCase()} picture but its bytes are not one; import the picture again.`,
    );
  }
  return { kind, bytes };
}

/** The kind of picture in a file's bytes, or undefined when it is not PNG, JPEG or SVG. */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(head)
    ? 'svg'
    : undefined;
}

/** The data URL of an SVG picture after sanitising (ERR_SVG_INVALID, ERR_SVG_TOO_DEEP… for a broken file). */
export function sanitizedSvgDataUrl(svgBytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8Decode(svgBytes).replace(/^\uFEFF/, '');
  } catch {
    throw new BadgeError(
      'ERR_SVG_INVALID',
      'This SVG picture is not UTF-8 text; save it again from your drawing tool.',
    );
  }
  return imageDataUrl('svg', utf8Encode(sanitizeSvg(text)));
}

/** An image layer's src made safe: PNG and JPEG checked, SVG sanitised (a fixed point: clean SVG is unchanged). */
export function cleanImageSrc(src: string): string {
  const { kind, bytes } = decodeImageSrc(src);
  return kind === 'svg' ? sanitizedSvgDataUrl(bytes) : src;
}
