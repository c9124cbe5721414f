/**
 * What `toSvg` needs from outside the pure core: glyph outlines for text and the drawings of
 * icons. Main implements both from npm packages (opentype.js on Fontsource fonts, Lucide's icon
 * nodes); a browser can implement them the same way.
 */
import type { FontSpec } from './model.js';

export interface PositionedGlyph {
  /** The glyph's outline as absolute path data, origin on the baseline at its left edge, y down. */
  readonly d: string;
  /** Where the glyph's origin sits along the line (kerning included, letter spacing not). */
  readonly x: number;
  readonly advance: number;
}

export interface GlyphRun {
  readonly glyphs: readonly PositionedGlyph[];
  /** Advance width of the whole line. */
  readonly width: number;
  /** Above the baseline (positive) and below it (positive), for the font's size. */
  readonly ascent: number;
  readonly descent: number;
  /** Height of capital letters above the baseline. */
  readonly capHeight: number;
}

export interface GlyphOutliner {
  /** Lays out one line of text at `font.size`; characters no font has are drawn as the font's missing-glyph box. */
  layout(text: string, font: FontSpec): GlyphRun;
}

/** One element of an icon drawing: `['path', { d: '…' }]`, `['circle', { cx, cy, r }]`… on a 24-unit grid. */
export type IconNode = readonly [string, Readonly<Record<string, string>>];

export interface IconLibrary {
  /** The drawing of `lucide:<name>`, or undefined when there is no such icon. */
  icon(id: string): readonly IconNode[] | undefined;
}
