/**
 * One printable certificate (A4 or Letter, landscape) as PDF bytes, with pdf-lib: the badge
 * artwork, the earner's name, the badge, the dates, the issuer, and a QR code (vector, drawn from
 * the QR matrix) that opens the credential page to verify it. Fonts (Playfair Display and
 * Montserrat, SIL Open Font License, from their @fontsource packages) are embedded as subsets. The same input gives the same bytes: every date and name in the file comes from the
 * input, none from the clock.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import type Fontkit from '@pdf-lib/fontkit';
import type * as PdfLib from 'pdf-lib';
import type { PDFDocument, PDFFont, PDFName, PDFPage, PDFRef, RGB } from 'pdf-lib';
import { PNG } from 'pngjs';
import { BadgeError } from '../../shared/errors.js';
import { formatDate } from '../../shared/site/html.js';
import { darkRuns, QR_QUIET_ZONE, type QrMatrix } from '../../shared/site/qr.js';
import type { IssuerLanguage } from '../db/repos/issuer.js';
import { isWoff, woffToSfnt } from './woff.js';

const requireHere = createRequire(import.meta.url);
let loaded: { pdf: typeof PdfLib; fontkit: typeof Fontkit } | undefined;

/** pdf-lib and fontkit (~25 MB) are loaded by the first certificate, not by every command that imports this module. */
function libraries(): { pdf: typeof PdfLib; fontkit: typeof Fontkit } {
  return (loaded ??= { pdf: requireHere('pdf-lib') as typeof PdfLib, fontkit: requireHere('@pdf-lib/fontkit') as typeof Fontkit });
}

export type Paper = 'a4' | 'letter';

/** Landscape page sizes in PDF points (1/72 inch). */
export const PAPER_SIZES: Record<Paper, readonly [number, number]> = { a4: [841.89, 595.28], letter: [792, 612] };

export interface CertificateInput {
  language: IssuerLanguage;
  paper: Paper;
  earnerName: string;
  badgeName: string;
  badgeDescription: string;
  issuerName: string;
  issuerUrl: string;
  issuedOn: string;
  validUntil: string | null;
  /** The credential page the QR code opens. */
  pageUrl: string;
  qr: QrMatrix;
  /** The badge artwork (PNG), prepared once per badge with prepareArtwork. */
  artwork: PreparedArtwork;
  /** Shown small at the bottom, to quote when asking about this certificate. */
  awardId: string;
}

/** A typeface as font files that each cover part of Unicode (Latin, Latin Extended, Cyrillic…), in the order to try. */
export type FontFiles = readonly Uint8Array[];

export interface CertificateFonts {
  regular: FontFiles;
  bold: FontFiles;
  /** Title and the earner's name. */
  display: FontFiles;
}

const TEXT: Record<IssuerLanguage, { title: string; certifies: string; earned: string; issuedOn: string; validUntil: string; issuedBy: string; verify: string; reference: string }> = {
  en: {
    title: 'Certificate',
    certifies: 'This is to certify that',
    earned: 'has earned the badge',
    issuedOn: 'Issued on',
    validUntil: 'Valid until',
    issuedBy: 'Issued by',
    verify: 'Scan to verify this badge online:',
    reference: 'Reference',
  },
  fr: {
    title: 'Certificat',
    certifies: 'Nous certifions que',
    earned: 'a obtenu le badge',
    issuedOn: 'Délivré le',
    validUntil: 'Valable jusqu’au',
    issuedBy: 'Délivré par',
    verify: 'Scannez pour vérifier ce badge en ligne :',
    reference: 'Référence',
  },
};

type FontkitFont = ReturnType<typeof Fontkit.create>;

const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();

/**
 * fontkit for pdf-lib, faster: each font file is parsed once per process, and text is mapped to
 * glyphs through the font's character map without OpenType shaping (large OpenType tables make
 * shaping cost about 20 ms a line; pdf-lib uses only the glyphs and their advance widths, never
 * the shaper's positions, so only ligatures are lost).
 */
const fastFontkit: typeof Fontkit = {
  create(data, postscriptName) {
    const bytes = data as Uint8Array;
    let font = parsedFonts.get(bytes);
    if (!font) {
      const parsed = libraries().fontkit.create(isWoff(bytes) ? woffToSfnt(bytes) : bytes, postscriptName);
      const glyphs = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
      const glyphOf = (codePoint: number) => {
        let glyph = glyphs.get(codePoint);
        if (!glyph) glyphs.set(codePoint, (glyph = parsed.glyphForCodePoint(codePoint)));
        return glyph;
      };
      parsed.layout = ((text: string) => ({ glyphs: Array.from(text, (char) => glyphOf(char.codePointAt(0)!)), positions: [] })) as unknown as FontkitFont['layout'];
      parsedFonts.set(bytes, (font = parsed));
    }
    return font;
  },
};

/** What Face reaches inside pdf-lib's subset embedder (pdf-lib 1.17: CustomFontSubsetEmbedder). */
type FontkitGlyph = ReturnType<FontkitFont['glyphForCodePoint']>;

interface SubsetEmbedder {
  font: FontkitFont;
  subset: { glyphs: unknown[]; includeGlyph(glyph: FontkitGlyph): number };
  glyphs: (FontkitGlyph | undefined)[];
  glyphCache: { access(): unknown[]; invalidate(): void };
  serializeFont(): Promise<Uint8Array>;
}

/** Every glyph a font file maps a character to, in code point order (the order they enter the shared subset). */
const mappedGlyphs = new WeakMap<FontkitFont, FontkitGlyph[]>();

function glyphsOf(font: FontkitFont): FontkitGlyph[] {
  let glyphs = mappedGlyphs.get(font);
  if (!glyphs) {
    const text = String.fromCodePoint(...[...font.characterSet].sort((a, b) => a - b));
    mappedGlyphs.set(font, (glyphs = font.layout(text).glyphs));
  }
  return glyphs;
}

/** Each font file's subset holding every character it maps, encoded and deflated once per thread. */
const wholeSubsets = new WeakMap<Uint8Array, Promise<Uint8Array>>();
const sharedFontBytes = new WeakSet<Uint8Array>();
const deflatedFonts = new WeakMap<Uint8Array, Buffer>();

/**
 * Makes the embedder's subset the same for every certificate, so that it is encoded (and
 * compressed) once per thread instead of once per file: every character of the file is put in it
 * first, in code point order, so each glyph has the same number in every PDF; the widths and the
 * text map still list only the glyphs the page uses.
 */
function shareSubset(embedder: SubsetEmbedder, file: Uint8Array): void {
  for (const glyph of glyphsOf(embedder.font)) embedder.subset.includeGlyph(glyph);
  embedder.glyphCache = { access: () => embedder.glyphs.filter(Boolean), invalidate() {} };
  const glyphCount = embedder.subset.glyphs.length;
  const encode = embedder.serializeFont.bind(embedder);
  embedder.serializeFont = () => {
    // A glyph added since (none can be: every character is in already) would need this file's own subset.
    if (embedder.subset.glyphs.length !== glyphCount) return encode();
    let bytes = wholeSubsets.get(file);
    if (!bytes) {
      bytes = encode().then((encoded) => {
        sharedFontBytes.add(encoded);
        return encoded;
      });
      wholeSubsets.set(file, bytes);
    }
    return bytes;
  };
}

/** Badge artwork decoded and compressed once, then copied as is into every certificate of the badge. */
export interface PreparedArtwork {
  width: number;
  height: number;
  /** Deflated RGB samples. */
  rgb: Uint8Array;
  /** Deflated alpha samples, when the image has any transparency. */
  alpha: Uint8Array | null;
}

export function prepareArtwork(png: Uint8Array): PreparedArtwork {
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png));
  } catch (error) {
    throw new BadgeError('ERR_CERTIFICATE_ARTWORK_INVALID', `The badge artwork cannot be read as a PNG image (${(error as Error).message}); set the badge image again.`, { cause: error });
  }
  const pixels = image.width * image.height;
  const rgbSamples = Buffer.alloc(pixels * 3);
  const alphaSamples = Buffer.alloc(pixels);
  let opaque = true;
  for (let i = 0; i < pixels; i += 1) {
    rgbSamples[i * 3] = image.data[i * 4]!;
    rgbSamples[i * 3 + 1] = image.data[i * 4 + 1]!;
    rgbSamples[i * 3 + 2] = image.data[i * 4 + 2]!;
    const alpha = image.data[i * 4 + 3]!;
    alphaSamples[i] = alpha;
    if (alpha !== 255) opaque = false;
  }
  return { width: image.width, height: image.height, rgb: deflateSync(rgbSamples), alpha: opaque ? null : deflateSync(alphaSamples) };
}

function imageStream(doc: PDFDocument, width: number, height: number, colorSpace: 'DeviceRGB' | 'DeviceGray', data: Uint8Array, smask?: PDFRef): PDFRef {
  const dict = doc.context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: 8,
    ColorSpace: colorSpace,
    Filter: 'FlateDecode',
    Length: data.length,
    ...(smask ? { SMask: smask } : {}),
  });
  return doc.context.register(libraries().pdf.PDFRawStream.of(dict, data));
}

let cachedFonts: CertificateFonts | undefined;

const SCRIPTS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'] as const;

/** The fonts, read once from their npm packages. */
export function certificateFonts(): CertificateFonts {
  if (!cachedFonts) {
    const require = createRequire(import.meta.url);
    const family = (pkg: string, weight: number): Uint8Array[] =>
      SCRIPTS.flatMap((script) => {
        try {
          return [new Uint8Array(readFileSync(require.resolve(`@fontsource/${pkg}/files/${pkg}-${script}-${weight}-normal.woff`)))];
        } catch {
          return [];
        }
      });
    cachedFonts = { regular: family('montserrat', 400), bold: family('montserrat', 700), display: family('playfair-display', 700) };
    for (const [name, files] of Object.entries(cachedFonts)) {
      if (files.length === 0) throw new BadgeError('ERR_CERTIFICATE_FONT_MISSING', `The ${name} font of the certificates is not installed; run \`npm ci\` in Badgesmith's folder.`);
    }
  }
  return cachedFonts;
}

/**
 * Text in a typeface made of several font files: each character is drawn with the first file
 * that has it (a character none has is drawn with the first one, as a box). Each file is embedded
 * in the PDF only if used, as a subset.
 */
class Face {
  private readonly embedded: (PDFFont | undefined)[] = [];

  constructor(
    private readonly doc: PDFDocument,
    private readonly files: FontFiles,
    private readonly name: string,
  ) {}

  private readonly fileOf = new Map<number, number>();

  private readonly runsOf = new Map<string, { index: number; text: string }[]>();

  /** The text cut into runs drawn with the same file (kept: each text is measured and drawn several times). */
  private runs(text: string): { index: number; text: string }[] {
    let runs = this.runsOf.get(text);
    if (!runs) this.runsOf.set(text, (runs = this.split(text)));
    return runs;
  }

  private split(text: string): { index: number; text: string }[] {
    const runs: { index: number; text: string }[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      let index = this.fileOf.get(codePoint);
      if (index === undefined) {
        index = Math.max(0, this.files.findIndex((file) => fastFontkit.create(file).hasGlyphForCodePoint(codePoint)));
        this.fileOf.set(codePoint, index);
      }
      const last = runs[runs.length - 1];
      if (last && last.index === index) last.text += char;
      else runs.push({ index, text: char });
    }
    return runs;
  }

  /** Embeds the files these texts need (call before measuring or drawing them). */
  async load(texts: readonly string[]): Promise<void> {
    const needed = new Set(texts.flatMap((text) => this.runs(text).map((run) => run.index)));
    for (const index of [...needed].sort((a, b) => a - b)) {
      if (this.embedded[index]) continue;
      // A fixed subset tag (six capitals, as PDF asks): pdf-lib would otherwise pick one of its own.
      const tag = `BSMH${String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26))}`;
      const font = await this.doc.embedFont(this.files[index]!, { subset: true, customName: `${tag}+${this.name}-${index}` });
      shareSubset((font as unknown as { embedder: SubsetEmbedder }).embedder, this.files[index]!);
      this.embedded[index] = font;
    }
  }

  private font(index: number): PDFFont {
    const font = this.embedded[index];
    if (!font) throw new BadgeError('ERR_INTERNAL', `Font ${this.name}-${index} used before it was loaded.`);
    return font;
  }

  width(text: string, size: number): number {
    return this.runs(text).reduce((sum, run) => sum + this.font(run.index).widthOfTextAtSize(run.text, size), 0);
  }

  draw(page: PDFPage, text: string, options: { x: number; y: number; size: number; color: RGB }): void {
    let x = options.x;
    for (const run of this.runs(text)) {
      const font = this.font(run.index);
      page.drawText(run.text, { ...options, x, font });
      x += font.widthOfTextAtSize(run.text, options.size);
    }
  }
}

let palette: { ink: RGB; muted: RGB; accent: RGB } | undefined;
function colours(): { ink: RGB; muted: RGB; accent: RGB } {
  const { rgb } = libraries().pdf;
  return (palette ??= { ink: rgb(0.11, 0.12, 0.14), muted: rgb(0.33, 0.36, 0.4), accent: rgb(0.04, 0.36, 0.68) });
}

/** The largest size up to `max` at which the text fits the width (never below `min`). */
function fittedSize(face: Face, text: string, max: number, min: number, width: number): number {
  const atOne = face.width(text, 1);
  return Math.max(min, Math.min(max, atOne > 0 ? width / atOne : max));
}

/** Lines of at most `width`, broken at spaces; at most `maxLines`, the last one ending with an ellipsis when cut. */
function wrap(face: Face, text: string, size: number, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (face.width(candidate, size) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && face.width(`${last}…`, size) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** A long address cut into lines of at most `width` (URLs have no spaces to break at). */
function breakAnywhere(face: Face, text: string, size: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const char of text) {
    const charWidth = face.width(char, size);
    if (line && lineWidth + charWidth > width) {
      lines.push(line);
      if (lines.length === maxLines) return lines;
      line = '';
      lineWidth = 0;
    }
    line += char;
    lineWidth += charWidth;
  }
  if (line) lines.push(line);
  return lines;
}

function centred(page: PDFPage, face: Face, text: string, size: number, y: number, color = colours().ink): void {
  face.draw(page, text, { x: (page.getWidth() - face.width(text, size)) / 2, y, size, color });
}

/** A PDF date (the fixed issuance date, never the clock). */
function pdfDate(iso: string): Date {
  const time = Date.parse(iso);
  return new Date(Number.isNaN(time) ? 0 : time);
}

export async function renderCertificate(input: CertificateInput, fonts: CertificateFonts = certificateFonts()): Promise<Uint8Array> {
  const t = TEXT[input.language];
  const { PDFDocument, PDFRawStream, PDFString, PDFName, rgb, degrees, drawImage } = libraries().pdf;
  const { ink, muted, accent } = colours();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fastFontkit);
  // Font files and maps compressed by Node's zlib rather than pdf-lib's JavaScript deflate (same format, a fraction of the time).
  const context = doc.context;
  context.flateStream = (contents, dict = {}) => {
    let deflated = typeof contents === 'string' ? undefined : deflatedFonts.get(contents);
    if (!deflated) {
      deflated = deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents);
      if (typeof contents !== 'string' && sharedFontBytes.has(contents)) deflatedFonts.set(contents, deflated);
    }
    return PDFRawStream.of(context.obj({ ...dict, Filter: 'FlateDecode' }), deflated);
  };
  const regular = new Face(doc, fonts.regular, 'Montserrat-Regular');
  const bold = new Face(doc, fonts.bold, 'Montserrat-Bold');
  const display = new Face(doc, fonts.display, 'PlayfairDisplay-Bold');
  const facts = [
    `${t.issuedOn} ${formatDate(input.issuedOn, input.language)}`,
    ...(input.validUntil ? [`${t.validUntil} ${formatDate(input.validUntil, input.language)}`] : []),
    `${t.issuedBy} ${input.issuerName}`,
    input.issuerUrl,
  ];
  const reference = `${t.reference}: ${input.awardId}`;
  await regular.load([input.issuerName, t.certifies, t.earned, input.badgeDescription, ...facts.slice(1), reference, t.verify, input.pageUrl, '…']);
  await bold.load([input.badgeName, facts[0]!]);
  await display.load([t.title.toUpperCase(), input.earnerName]);

  const [width, height] = PAPER_SIZES[input.paper];
  const page = doc.addPage([width, height]);
  const margin = 36;
  page.drawRectangle({ x: margin / 2, y: margin / 2, width: width - margin, height: height - margin, borderColor: accent, borderWidth: 3 });
  page.drawRectangle({ x: margin / 2 + 7, y: margin / 2 + 7, width: width - margin - 14, height: height - margin - 14, borderColor: accent, borderWidth: 0.75 });

  const inner = width - 4 * margin;
  let y = height - margin - 34;
  centred(page, regular, input.issuerName, fittedSize(regular, input.issuerName, 13, 8, inner), y, muted);

  const art = input.artwork;
  const smask = art.alpha ? imageStream(doc, art.width, art.height, 'DeviceGray', art.alpha) : undefined;
  const artName = page.node.newXObject('Image', imageStream(doc, art.width, art.height, 'DeviceRGB', art.rgb, smask));
  const artSide = 112;
  const scale = Math.min(artSide / art.width, artSide / art.height);
  y -= 14 + art.height * scale;
  page.pushOperators(
    ...drawImage(artName, { x: (width - art.width * scale) / 2, y, width: art.width * scale, height: art.height * scale, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }),
  );

  y -= 42;
  centred(page, display, t.title.toUpperCase(), 28, y, accent);
  y -= 28;
  centred(page, regular, t.certifies, 12, y, muted);
  const nameSize = fittedSize(display, input.earnerName, 34, 14, inner);
  y -= 14 + nameSize;
  centred(page, display, input.earnerName, nameSize, y);
  y -= 26;
  centred(page, regular, t.earned, 12, y, muted);
  const badgeSize = fittedSize(bold, input.badgeName, 20, 11, inner);
  y -= 10 + badgeSize;
  centred(page, bold, input.badgeName, badgeSize, y);
  y -= 20;
  for (const line of wrap(regular, input.badgeDescription, 9, inner - 120, 2)) {
    centred(page, regular, line, 9, y, muted);
    y -= 13;
  }

  // Bottom left: dates and issuer. Bottom right: the QR code to verify online.
  const bottom = margin + 22;
  let factY = bottom + 14 * (facts.length - 1) + 12;
  for (const [index, fact] of facts.entries()) {
    const face = index === 0 ? bold : regular;
    face.draw(page, wrap(face, fact, 9, width / 2 - 2 * margin, 1)[0] ?? '', { x: margin + 18, y: factY, size: 9, color: index === 0 ? ink : muted });
    factY -= 14;
  }
  regular.draw(page, reference, { x: margin + 18, y: bottom - 14, size: 6.5, color: muted });

  const qrSide = 96;
  const qrX = width - margin - 18 - qrSide;
  const qrY = bottom - 14;
  page.drawRectangle({ x: qrX, y: qrY, width: qrSide, height: qrSide, color: rgb(1, 1, 1) });
  page.pushOperators(...drawObject(page.node.newXObject('QR', qrForm(doc, input.qr)), qrX, qrY, qrSide));
  const captionWidth = 210;
  let captionY = qrY + qrSide - 10;
  for (const line of wrap(regular, t.verify, 8, captionWidth, 2)) {
    regular.draw(page, line, { x: qrX - 10 - regular.width(line, 8), y: captionY, size: 8, color: muted });
    captionY -= 11;
  }
  for (const line of breakAnywhere(regular, input.pageUrl, 6.5, captionWidth, 3)) {
    regular.draw(page, line, { x: qrX - 10 - regular.width(line, 6.5), y: captionY, size: 6.5, color: accent });
    captionY -= 9;
  }
  // The code is also a link, for a certificate read on screen.
  const link = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [qrX, qrY, qrX + qrSide, qrY + qrSide],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(input.pageUrl) },
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));

  const date = pdfDate(input.issuedOn);
  doc.setTitle(`${t.title} – ${input.badgeName} – ${input.earnerName}`);
  doc.setAuthor(input.issuerName);
  doc.setSubject(input.badgeName);
  doc.setCreator('Badgesmith');
  doc.setProducer('Badgesmith (pdf-lib)');
  doc.setLanguage(input.language);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  compressContentStreams(doc);
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/** The page's drawing operators compressed by Node's zlib (pdf-lib would use its JavaScript deflate, several times slower). */
function compressContentStreams(doc: PDFDocument): void {
  const { PDFContentStream, PDFName, PDFRawStream } = libraries().pdf;
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    const dict = object.dict.clone(doc.context);
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    doc.context.assign(ref, PDFRawStream.of(dict, deflateSync(object.getUnencodedContents())));
  }
}

/**
 * The QR code as a form XObject one unit square: one rectangle per run of dark modules, filled
 * black (written directly: pdf-lib's path parser would cost more than the rest of the page).
 */
function qrForm(doc: PDFDocument, matrix: QrMatrix): PDFRef {
  const side = matrix.size + 2 * QR_QUIET_ZONE;
  const rects = darkRuns(matrix).map(([x, y, length]) => `${x + QR_QUIET_ZONE} ${side - QR_QUIET_ZONE - y - 1} ${length} 1 re`);
  const content = deflateSync(Buffer.from(`0 g\n${rects.join('\n')}\nf\n`, 'latin1'));
  const dict = doc.context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, side, side],
    Matrix: [1 / side, 0, 0, 1 / side, 0, 0],
    Filter: 'FlateDecode',
    Length: content.length,
  });
  return doc.context.register(libraries().pdf.PDFRawStream.of(dict, content));
}

/** Draws a form XObject scaled to a square of `side` points at (x, y). */
function drawObject(name: PDFName, x: number, y: number, side: number) {
  const { pushGraphicsState, concatTransformationMatrix, drawObject: drawObjectOperator, popGraphicsState } = libraries().pdf;
  return [pushGraphicsState(), concatTransformationMatrix(side, 0, 0, side, x, y), drawObjectOperator(name), popGraphicsState()];
}
