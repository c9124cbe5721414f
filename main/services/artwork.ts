/**
 * Badge artwork for issuing: the badge class's own image from the workspace in the kind asked
 * for (its other kind converted when it has only one), or generated artwork (a medal in SVG,
 * and the same medal as a PNG drawn with pngjs) when it has none.
 */
import { Resvg } from '@resvg/resvg-js';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { PNG } from 'pngjs';
import { BadgeError } from '../../shared/errors.js';
import { utf8Decode, utf8Encode } from '../../shared/bytes.js';
import { prepareImage } from '../../shared/bake/prepare.js';
import { sanitizeSvgWithReport, type SvgRemoval } from '../../shared/bake/sanitize.js';
import type { BadgeClass } from '../db/repos/badges.js';
import { designForBadge } from '../db/repos/designs.js';
import { designArtworkNames } from './designs.js';
import { rasterFontOptions } from './raster-fonts.js';
import type { Workspace } from './workspace.js';

export type ArtworkKind = 'png' | 'svg';

/** The kind of an artwork file by its name; undefined for none or for a file that is neither PNG nor SVG. */
export function artworkKind(file: string | null | undefined): ArtworkKind | undefined {
  const extension = file ? extname(file).slice(1).toLowerCase() : '';
  return extension === 'png' || extension === 'svg' ? extension : undefined;
}

export interface ImportedArtwork {
  kind: ArtworkKind;
  /** The bytes to store: a PNG as given, an SVG sanitised. */
  bytes: Uint8Array;
  /** What the SVG sanitiser removed (scripts, external references, foreign elements…); empty for a PNG or a clean SVG. */
  removed: SvgRemoval[];
}

/**
 * Checks artwork a user brings (PNG or SVG, bakeable) and makes an SVG safe to publish, saying what was removed.
 * Throws the image's ERR_… code (ERR_SVG_INVALID, ERR_SVG_TOO_DEEP, ERR_PNG_CORRUPT, …).
 */
export function importArtwork(bytes: Uint8Array): ImportedArtwork {
  const kind = prepareImage(bytes).kind;
  if (kind === 'png') return { kind, bytes, removed: [] };
  const { svg, removed } = sanitizeSvgWithReport(utf8Decode(bytes));
  const clean = utf8Encode(svg);
  prepareImage(clean);
  return { kind, bytes: clean, removed };
}

type Rgb = readonly [number, number, number];

/** A colour per badge id, so different badges look different. */
function badgeColour(seed: string): Rgb {
  let hash = 2166136261;
  for (const char of seed) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const hue = hash % 360;
  const c = 0.55;
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = 0.25;
  const [r, g, b] = hue < 60 ? [c, x, 0] : hue < 120 ? [x, c, 0] : hue < 180 ? [0, c, x] : hue < 240 ? [0, x, c] : hue < 300 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

const hex = (rgb: Rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function initials(name: string): string {
  const words = name.normalize('NFC').split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  return words.slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '★';
}

/** A round medal with a ribbon ring and the badge's initials. */
export function medalSvg(name: string, seed = name, size = 256): string {
  const colour = hex(badgeColour(seed));
  const half = size / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<title>${escapeXml(name)}</title>` +
    `<circle cx="${half}" cy="${half}" r="${half - 4}" fill="#f5f1e6" stroke="${colour}" stroke-width="8"/>` +
    `<circle cx="${half}" cy="${half}" r="${half * 0.72}" fill="${colour}"/>` +
    `<text x="${half}" y="${half}" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-size="${Math.round(size * 0.3)}" font-weight="bold" fill="#ffffff">${escapeXml(initials(name))}</text>` +
    '</svg>\n'
  );
}

/** The same medal as a PNG (no text: pngjs has no font rendering), anti-aliased edges. */
export function medalPng(seed: string, size = 256): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const colour = badgeColour(seed);
  const cream: Rgb = [0xf5, 0xf1, 0xe6];
  const white: Rgb = [255, 255, 255];
  const half = size / 2;
  const outer = half - 0.5;
  const ring = half - 8;
  const inner = half * 0.72;
  const star = half * 0.3;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - half;
      const dy = y + 0.5 - half;
      const d = Math.hypot(dx, dy);
      const angle = Math.atan2(dy, dx);
      const starRadius = star * (0.55 + 0.45 * Math.abs(Math.cos((5 * angle) / 2)));
      let rgb: Rgb = d < starRadius ? white : d < inner ? colour : d < ring ? cream : colour;
      const alpha = Math.max(0, Math.min(1, outer - d + 0.5));
      if (alpha <= 0) rgb = [0, 0, 0];
      const offset = (y * size + x) * 4;
      png.data[offset] = rgb[0];
      png.data[offset + 1] = rgb[1];
      png.data[offset + 2] = rgb[2];
      png.data[offset + 3] = Math.round(alpha * 255);
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** Width of a PNG drawn from a badge's SVG (a design's PNG has the same). */
export const ARTWORK_PNG_WIDTH = 512;

/** An SVG showing the PNG as it is (for an SVG badge from PNG artwork). */
export function svgOfPng(png: Uint8Array): Uint8Array {
  const { width, height } = PNG.sync.read(Buffer.from(png), { checkCRC: false });
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  return utf8Encode(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" href="${href}"/></svg>`,
  );
}

/** The SVG drawn as a PNG, its text in the bundled fonts, never the system's: the same picture on every computer. */
export function pngOfSvg(svg: Uint8Array): Uint8Array {
  const resvg = new Resvg(Buffer.from(svg), { fitTo: { mode: 'width', value: ARTWORK_PNG_WIDTH }, font: rasterFontOptions(Buffer.from(svg).toString('latin1')) });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * The image to bake for each requested kind: the badge's own artwork when it has that kind, the
 * file of that kind beside it (a design's SVG master and PNG), its own artwork converted (an SVG
 * drawn as a PNG, a PNG shown by an SVG), or generated artwork when it has none (noted in `generated`).
 */
export async function badgeArtwork(
  workspace: Workspace,
  badge: BadgeClass,
  kinds: readonly ArtworkKind[],
): Promise<{ images: Partial<Record<ArtworkKind, Uint8Array>>; generated: ArtworkKind[] }> {
  const images: Partial<Record<ArtworkKind, Uint8Array>> = {};
  const generated: ArtworkKind[] = [];
  const ownKind = artworkKind(badge.image);
  const fromDesign = badge.image === designArtworkNames(badge.id).svg && designForBadge(workspace.db, badge.id) !== undefined;
  let own: Uint8Array | undefined;
  const readOwn = async (): Promise<Uint8Array> => {
    try {
      own ??= new Uint8Array(await readFile(join(workspace.paths.artwork, badge.image!)));
      return own;
    } catch {
      throw new BadgeError('ERR_ARTWORK_MISSING', `The image ${badge.image} of badge ${badge.id} is missing from the workspace's artwork folder; set it again with \`badge update ${badge.id} --image FILE\`.`);
    }
  };
  for (const kind of kinds) {
    if (ownKind === undefined) {
      images[kind] = kind === 'svg' ? utf8Encode(medalSvg(badge.name, badge.id)) : medalPng(badge.id);
      generated.push(kind);
      continue;
    }
    if (ownKind === kind) {
      images[kind] = await readOwn();
      continue;
    }
    // A design linked to the badge writes both images side by side (services/designs.ts); a file
    // left beside an image that replaced its design is not this badge's picture any more.
    if (fromDesign) {
      const sibling = badge.image!.replace(/\.(png|svg)$/i, `.${kind}`);
      const bytes = await readFile(join(workspace.paths.artwork, sibling)).catch(() => undefined);
      if (bytes) {
        images[kind] = new Uint8Array(bytes);
        continue;
      }
    }
    const source = await readOwn();
    try {
      images[kind] = kind === 'png' ? pngOfSvg(source) : svgOfPng(source);
    } catch (cause) {
      throw new BadgeError('ERR_ARTWORK_UNREADABLE', `The image ${badge.image} of badge ${badge.id} could not be turned into ${kind.toUpperCase()}; set a ${kind.toUpperCase()} image with \`badge update ${badge.id} --image FILE\`.`, { cause });
    }
  }
  return { images, generated };
}
