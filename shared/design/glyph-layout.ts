/**
 * Lays out one line of text with opentype.js fonts already parsed: the same code in Node (fonts
 * read from the Fontsource packages) and in the designer's page (the same files sent by main), so
 * the SVG master and the canvas draw identical outlines. Pure: fonts come in as parsed objects.
 */
import type { Font, Glyph, PathCommand } from 'opentype.js';
import type { GlyphRun, PositionedGlyph } from './assets.js';
import type { FontSpec } from './model.js';

/** One weight and style of a family: where its font files are, or anything naming them. */
export interface FaceEntry {
  readonly weight: number;
  readonly italic: boolean;
}

/** The face closest to the wanted weight, in the wanted style when the family has it. */
export function nearestFace<T extends FaceEntry>(
  list: readonly T[],
  font: Pick<FontSpec, 'weight' | 'italic'>,
): T {
  const styled = list.filter((face) => face.italic === font.italic);
  const pool = styled.length > 0 ? styled : list;
  if (pool.length === 0) throw new Error('A font family without faces');
  return pool.reduce((best, face) =>
    Math.abs(face.weight - font.weight) < Math.abs(best.weight - font.weight) ? face : best,
  );
}

const outlines = new WeakMap<Font, Map<number, PathCommand[]>>();

/** The glyph's outline in font units (y down), cached. */
function glyphCommands(font: Font, glyph: Glyph): PathCommand[] {
  let cache = outlines.get(font);
  if (!cache) outlines.set(font, (cache = new Map()));
  let commands = cache.get(glyph.index);
  if (!commands) {
    commands = glyph.getPath(0, 0, font.unitsPerEm).commands;
    cache.set(glyph.index, commands);
  }
  return commands;
}

const r2 = (value: number) => Math.round(value * 100) / 100;

function pathData(commands: readonly PathCommand[], scale: number): string {
  let d = '';
  const p = (x = 0, y = 0) => `${r2(x * scale)} ${r2(y * scale)}`;
  for (const c of commands) {
    if (c.type === 'Z') d += 'Z';
    else if (c.type === 'M' || c.type === 'L') d += `${c.type}${p(c.x, c.y)}`;
    else if (c.type === 'Q') d += `Q${p(c.x1, c.y1)} ${p(c.x, c.y)}`;
    else d += `C${p(c.x1, c.y1)} ${p(c.x2, c.y2)} ${p(c.x, c.y)}`;
  }
  return d;
}

const paths = new WeakMap<Font, Map<string, string>>();
const PATHS_KEPT = 4096;

/** The glyph's path data at `scale`, remembered per font (the same string each time). */
function glyphPath(font: Font, glyph: Glyph, scale: number): string {
  let cache = paths.get(font);
  if (!cache) paths.set(font, (cache = new Map()));
  const key = `${glyph.index}:${scale}`;
  let d = cache.get(key);
  if (d === undefined) {
    d = pathData(glyphCommands(font, glyph), scale);
    if (cache.size >= PATHS_KEPT) cache.clear();
    cache.set(key, d);
  }
  return d;
}

/** Per face (keyed by its first font): which font of the face draws each character. */
const glyphCache = new WeakMap<Font, Map<string, { font: Font; glyph: Glyph }>>();

/** The first font of the face that has the character (the missing-glyph box of the first when none has it). */
function glyphFor(char: string, fonts: readonly Font[]): { font: Font; glyph: Glyph } {
  const primary = fonts[0]!;
  let cache = glyphCache.get(primary);
  if (!cache) glyphCache.set(primary, (cache = new Map()));
  let found = cache.get(char);
  if (!found) {
    const font = fonts.find((f) => f.charToGlyphIndex(char) > 0) ?? primary;
    found = { font, glyph: font.charToGlyph(char) };
    cache.set(char, found);
  }
  return found;
}

const kerningCache = new WeakMap<Font, Map<number, number>>();

/** opentype.js searches GPOS for every pair: remembered per font. */
function kerning(font: Font, left: Glyph, right: Glyph): number {
  let cache = kerningCache.get(font);
  if (!cache) kerningCache.set(font, (cache = new Map()));
  const key = left.index * 65536 + right.index;
  let value = cache.get(key);
  if (value === undefined) {
    value = font.getKerningValue(left, right);
    cache.set(key, value);
  }
  return value;
}

/**
 * One line of text in a face made of several fonts (a Unicode subset each, the first one
 * primary): each character from the first font that has it, kerned within a font.
 */
export function layoutLine(text: string, spec: FontSpec, fonts: readonly Font[]): GlyphRun {
  const primary = fonts[0];
  if (!primary) throw new Error('layoutLine needs at least one font');
  const scale = spec.size / primary.unitsPerEm;
  const glyphs: PositionedGlyph[] = [];
  let x = 0;
  let previous: { font: Font; glyph: Glyph } | undefined;
  for (const char of text.normalize('NFC')) {
    const { font, glyph } = glyphFor(char, fonts);
    const unit = spec.size / font.unitsPerEm;
    if (previous && previous.font === font) x += kerning(font, previous.glyph, glyph) * unit;
    const advance = (glyph.advanceWidth ?? 0) * unit;
    glyphs.push({ d: glyphPath(font, glyph, unit), x, advance });
    x += advance;
    previous = { font, glyph };
  }
  const capHeight = (primary.tables.os2?.sCapHeight ?? primary.unitsPerEm * 0.7) * scale;
  return {
    glyphs,
    width: x,
    ascent: primary.ascender * scale,
    descent: -primary.descender * scale,
    capHeight,
  };
}
