/**
 * Fonts for drawing an SVG that holds text as a PNG (resvg). System fonts are never used, so the
 * same picture comes out on every computer; without any font, resvg leaves text out. resvg reads
 * font files (TrueType, not WOFF), so the designer's Fontsource fonts are written once per
 * process, as TrueType, into a private temporary folder that is removed when the process exits.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { fontCatalogue, fontFaceFiles } from './design-assets.js';
import { isWoff, woffToSfnt } from './woff.js';

/** The weights written for each family: regular and bold cover what badge artwork uses. */
const WEIGHTS = [400, 700];

let written: string[] | undefined;

function writeFontFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'badgesmith-fonts-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  const seen = new Set<string>();
  for (const { family, weights, italic } of fontCatalogue()) {
    for (const weight of WEIGHTS.filter((w) => weights.includes(w))) {
      for (const slanted of italic ? [false, true] : [false]) {
        const face = fontFaceFiles({ family, weight, italic: slanted });
        if (seen.has(face.key)) continue;
        seen.add(face.key);
        face.files.forEach((bytes, index) => {
          const file = join(dir, `${face.key.replace(/[^A-Za-z0-9]+/g, '-')}-${index}.ttf`);
          writeFileSync(file, isWoff(bytes) ? woffToSfnt(bytes) : bytes);
          files.push(file);
        });
      }
    }
  }
  return files;
}

/**
 * resvg's font options for an SVG: with text, the bundled fonts (any family that is not one of
 * them is drawn in Montserrat, a serif one in Roboto Slab); without text, none (faster).
 */
export function rasterFontOptions(svgText: string): NonNullable<ResvgRenderOptions['font']> {
  if (!/<(?:[A-Za-z_][\w.-]*:)?text[\s>/]/.test(svgText)) return { loadSystemFonts: false };
  // A temporary-files cleaner may have removed the folder since: written again.
  if (!written || !existsSync(written[0]!)) written = writeFontFiles();
  return {
    loadSystemFonts: false,
    fontFiles: written,
    defaultFontFamily: 'Montserrat',
    sansSerifFamily: 'Montserrat',
    serifFamily: 'Roboto Slab',
    monospaceFamily: 'Montserrat',
    cursiveFamily: 'Playfair Display',
    fantasyFamily: 'Oswald',
  };
}
