/**
 * The fonts and icons designs are drawn with, read at run time from npm packages: Fontsource's
 * WOFF files (SIL OFL / Apache 2.0) parsed by opentype.js, and Lucide's icon nodes (ISC). Nothing
 * is copied into the repository. Fonts are parsed once per process, glyph outlines cached.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype, { type Font } from 'opentype.js';
import { BadgeError } from '../../shared/errors.js';
import type { GlyphOutliner, GlyphRun, IconLibrary, IconNode } from '../../shared/design/assets.js';
import { layoutLine, nearestFace } from '../../shared/design/glyph-layout.js';
import { FONT_FAMILIES, type FontFamily, type FontSpec } from '../../shared/design/model.js';

const require = createRequire(import.meta.url);

const PACKAGES: Record<FontFamily, string> = {
  Montserrat: 'montserrat',
  Oswald: 'oswald',
  'Playfair Display': 'playfair-display',
  'Roboto Slab': 'roboto-slab',
};

/** Unicode subsets tried in order for each character. */
const SUBSETS = ['latin', 'latin-ext'] as const;

function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`@fontsource/${name}/LICENSE`));
  } catch (cause) {
    throw new BadgeError(
      'ERR_DESIGN_ASSETS_MISSING',
      `The font package @fontsource/${name} is not installed; run \`npm ci\` in Badgesmith's folder.`,
      { cause },
    );
  }
}

interface FaceFiles {
  weight: number;
  italic: boolean;
  files: Partial<Record<(typeof SUBSETS)[number], string>>;
}

const facesByFamily = new Map<FontFamily, FaceFiles[]>();

/** The WOFF files a family has, by weight and style. */
function faces(family: FontFamily): FaceFiles[] {
  const known = facesByFamily.get(family);
  if (known) return known;
  const name = PACKAGES[family];
  const dir = join(packageDir(name), 'files');
  const found = new Map<string, FaceFiles>();
  const pattern = new RegExp(`^${name}-(latin|latin-ext)-(\\d+)-(normal|italic)\\.woff$`);
  for (const file of readdirSync(dir)) {
    const match = pattern.exec(file);
    if (!match) continue;
    const key = `${match[2]}-${match[3]}`;
    const face = found.get(key) ?? {
      weight: Number(match[2]),
      italic: match[3] === 'italic',
      files: {},
    };
    face.files[match[1] as (typeof SUBSETS)[number]] = join(dir, file);
    found.set(key, face);
  }
  const list = [...found.values()].filter((face) => face.files.latin !== undefined);
  facesByFamily.set(family, list);
  return list;
}

/** Weights (100…900) and whether italics exist, per family: for the designer's font pickers. */
export function fontCatalogue(): Array<{ family: FontFamily; weights: number[]; italic: boolean }> {
  return FONT_FAMILIES.map((family) => {
    const list = faces(family);
    return {
      family,
      weights: [...new Set(list.map((f) => f.weight))].sort((a, b) => a - b),
      italic: list.some((f) => f.italic),
    };
  });
}

function faceFor(font: Pick<FontSpec, 'family' | 'weight' | 'italic'>): FaceFiles {
  return nearestFace(faces(font.family), font);
}

const parsed = new Map<string, Font>();

function loadFont(file: string): Font {
  let font = parsed.get(file);
  if (!font) {
    const bytes = readFileSync(file);
    font = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    parsed.set(file, font);
  }
  return font;
}

function faceFiles(face: FaceFiles): string[] {
  return SUBSETS.map((subset) => face.files[subset]).filter(
    (file): file is string => file !== undefined,
  );
}

/**
 * The font files of the face that draws `font` (latin first, then latin-ext): what the designer's
 * page parses with opentype.js to draw the same outlines as `toSvg` in Node.
 */
export function fontFaceFiles(font: Pick<FontSpec, 'family' | 'weight' | 'italic'>): {
  key: string;
  weight: number;
  italic: boolean;
  files: Uint8Array[];
} {
  const face = faceFor(font);
  return {
    key: `${font.family}|${face.weight}|${face.italic ? 'italic' : 'normal'}`,
    weight: face.weight,
    italic: face.italic,
    files: faceFiles(face).map((file) => new Uint8Array(readFileSync(file))),
  };
}

/** Glyph outlines from the Fontsource fonts: latin first, latin-ext for the other European letters. */
export function createGlyphOutliner(): GlyphOutliner {
  return {
    layout: (text: string, spec: FontSpec): GlyphRun =>
      layoutLine(text, spec, faceFiles(faceFor(spec)).map(loadFont)),
  };
}

let iconNodes: Record<string, IconNode[]> | undefined;
let iconTags: Record<string, string[]> | undefined;

function lucideFile(name: string): string {
  try {
    return require.resolve(`lucide-static/${name}`);
  } catch (cause) {
    throw new BadgeError(
      'ERR_DESIGN_ASSETS_MISSING',
      "The icon package lucide-static is not installed; run `npm ci` in Badgesmith's folder.",
      { cause },
    );
  }
}

function lucide(): Record<string, IconNode[]> {
  iconNodes ??= JSON.parse(readFileSync(lucideFile('icon-nodes.json'), 'utf8')) as Record<
    string,
    IconNode[]
  >;
  return iconNodes;
}

/** Lucide's icons (`lucide:<name>`), read from lucide-static's icon-nodes.json. */
export function createIconLibrary(): IconLibrary {
  return {
    icon(id: string) {
      if (!id.startsWith('lucide:')) return undefined;
      const nodes = lucide();
      const name = id.slice('lucide:'.length);
      return Object.hasOwn(nodes, name) ? nodes[name] : undefined;
    },
  };
}

/** Icon ids whose name or tags contain every word of the query (English tags), best matches first. */
export function searchIcons(query: string, limit = 60): string[] {
  iconTags ??= JSON.parse(readFileSync(lucideFile('tags.json'), 'utf8')) as Record<
    string,
    string[]
  >;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: Array<[string, number]> = [];
  for (const name of Object.keys(lucide())) {
    const tags = iconTags[name] ?? [];
    let score = 0;
    for (const word of words) {
      if (name === word) score += 4;
      else if (name.includes(word)) score += 2;
      else if (tags.some((tag) => tag.includes(word))) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score >= 0) scored.push([name, score]);
  }
  scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, limit).map(([name]) => `lucide:${name}`);
}

let shared: { glyphs: GlyphOutliner; icons: IconLibrary } | undefined;

/** The process's outliner and icon library (fonts parsed once). */
export function designAssets(): { glyphs: GlyphOutliner; icons: IconLibrary } {
  shared ??= { glyphs: createGlyphOutliner(), icons: createIconLibrary() };
  return shared;
}
