import type { BadgeVersion } from './unbake.js';

/** Keywords and namespaces of baked badges (DESIGN §1, OPEN-BADGES §2). */
export const PNG_KEYWORD: Record<BadgeVersion, string> = { ob3: 'openbadgecredential', ob2: 'openbadges' };
export const SVG_NAMESPACE: Record<BadgeVersion, string> = {
  ob3: 'https://purl.imsglobal.org/ob/v3p0',
  ob2: 'http://openbadges.org',
};
export const SVG_ELEMENT: Record<BadgeVersion, string> = { ob3: 'credential', ob2: 'assertion' };

/** Largest image file accepted for baking or unbaking. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Largest PNG side and pixel count (a decoded 32 Mpx image is 128 MB of RGBA). */
export const MAX_PNG_SIDE = 16384;
export const MAX_PNG_PIXELS = 32 * 1024 * 1024;
/**
 * Largest PNG once decoded (width × height × channels × bit depth / 8), checked from IHDR before any
 * decoding: a few hundred KB of compressed zeros can announce gigabytes. 64 MB is a 4096×4096 RGBA
 * image at 8 bits per channel, far beyond what a badge needs; baking decodes it once to check it.
 */
export const MAX_PNG_DECODED_BYTES = 64 * 1024 * 1024;
/** Largest payload baked into an image. */
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
/**
 * Deepest element nesting accepted in an SVG. Drawing tools stay far below (Inkscape/Illustrator files nest a
 * few dozen levels); beyond it a file is refused with ERR_SVG_TOO_DEEP.
 */
export const MAX_SVG_DEPTH = 256;
