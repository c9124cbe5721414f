/**
 * Checks that a PNG's pixels decode before it is baked, with the memory bounded by its announced
 * size: the limits are checked from IHDR before anything is inflated, then the image data is
 * inflated once (into one buffer of exactly the announced size) and its scanlines walked (filter
 * types, palette indices). Node only (node:zlib).
 */
import { inflateSync } from 'node:zlib';
import { BadgeError } from '../errors.js';
import { MAX_PNG_DECODED_BYTES, MAX_PNG_PIXELS, MAX_PNG_SIDE } from './limits.js';
import { colourTypeName, readPngHeader, type PngChunk, type PngHeader } from './png.js';

const MB = 1024 * 1024;
const KNOWN_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
const ADAM7: [number, number, number, number][] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

function corrupt(message: string, cause?: unknown): BadgeError {
  return new BadgeError('ERR_PNG_CORRUPT', `This PNG is damaged: ${message}. Export the image again from your drawing tool.`, cause === undefined ? undefined : { cause });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** ERR_IMAGE_TOO_LARGE when the image is too large a side, in pixels, or once decoded. Reads IHDR only. */
export function checkPngLimits(header: PngHeader): void {
  const { width, height, bitDepth, colourType, decodedBytes } = header;
  const what = `This PNG is ${width}×${height} pixels (${colourTypeName(colourType)}, ${bitDepth} bits per sample)`;
  const fix = 'Export it smaller from your drawing tool: a badge needs no more than about 1024×1024 pixels at 8 bits per sample.';
  if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE || width * height > MAX_PNG_PIXELS) {
    throw new BadgeError(
      'ERR_IMAGE_TOO_LARGE',
      `${what}; badge images are limited to ${MAX_PNG_SIDE} pixels a side and ${MAX_PNG_PIXELS / MB} million pixels. ${fix}`,
    );
  }
  if (decodedBytes > MAX_PNG_DECODED_BYTES) {
    throw new BadgeError(
      'ERR_IMAGE_TOO_LARGE',
      `${what}: ${megabytes(decodedBytes)} once decoded; badge images are limited to ${megabytes(MAX_PNG_DECODED_BYTES)} decoded. ${fix}`,
    );
  }
}

/**
 * Everything a PNG decoder would refuse, checked with one decode: IHDR values and limits, critical
 * chunks, the palette, the exact amount of image data, each scanline's filter type and, for palette
 * images, each pixel's index. Throws ERR_IMAGE_TOO_LARGE or ERR_PNG_CORRUPT; returns the header.
 */
export function checkPngImage(bytes: Uint8Array, chunks: PngChunk[]): PngHeader {
  const header = readPngHeader(bytes, chunks);
  checkPngLimits(header);
  const paletteSize = checkChunks(chunks, header);
  checkImageData(bytes, chunks, header, paletteSize);
  return header;
}

/** Chunk rules of the spec that decoders enforce; returns the palette's entry count (0 without PLTE). */
function checkChunks(chunks: PngChunk[], header: PngHeader): number {
  let paletteSize = 0;
  let seenIdat = false;
  for (const chunk of chunks.slice(1)) {
    const { type } = chunk;
    const length = chunk.dataEnd - chunk.dataStart;
    if (type === 'IHDR') throw corrupt('it has a second IHDR chunk');
    if (type.charCodeAt(0) < 0x61 && !KNOWN_CRITICAL.has(type)) throw corrupt(`it has a critical chunk ${type} that no viewer understands`);
    if (type === 'IDAT') seenIdat = true;
    if (type === 'PLTE') {
      if (paletteSize > 0) throw corrupt('it has two palettes');
      if (seenIdat) throw corrupt('its palette comes after the image data');
      if (header.colourType === 0 || header.colourType === 4) throw corrupt('a greyscale image has a palette');
      if (length === 0 || length % 3 !== 0 || length / 3 > 256) throw corrupt(`its palette is ${length} bytes, not 1 to 256 colours`);
      paletteSize = length / 3;
    }
    if (type === 'tRNS' && header.colourType === 3) {
      if (paletteSize === 0) throw corrupt('its transparency chunk comes before the palette');
      if (length > paletteSize) throw corrupt('its transparency chunk has more entries than the palette');
    }
  }
  if (!seenIdat) throw corrupt('it has no image data (IDAT)');
  if (header.colourType === 3 && paletteSize === 0) throw corrupt('a palette image has no palette');
  return header.colourType === 3 ? paletteSize : 0;
}

/** Width and height of each sub-image: one for a plain image, up to seven Adam7 passes when interlaced. */
function passes({ width, height, interlaced }: PngHeader): [number, number][] {
  if (!interlaced) return [[width, height]];
  const out: [number, number][] = [];
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) out.push([w, h]);
  }
  return out;
}

function concatIdat(bytes: Uint8Array, chunks: PngChunk[]): Uint8Array {
  const idat = chunks.filter((c) => c.type === 'IDAT');
  if (idat.length === 1) return bytes.subarray(idat[0]!.dataStart, idat[0]!.dataEnd);
  const out = new Uint8Array(idat.reduce((n, c) => n + c.dataEnd - c.dataStart, 0));
  let offset = 0;
  for (const c of idat) {
    out.set(bytes.subarray(c.dataStart, c.dataEnd), offset);
    offset += c.dataEnd - c.dataStart;
  }
  return out;
}

function checkImageData(bytes: Uint8Array, chunks: PngChunk[], header: PngHeader, paletteSize: number): void {
  const bitsPerPixel = header.channels * header.bitDepth;
  const rowBytes = (w: number): number => Math.ceil((w * bitsPerPixel) / 8);
  const subImages = passes(header);
  const expected = subImages.reduce((n, [w, h]) => n + h * (1 + rowBytes(w)), 0);
  let data: Buffer;
  try {
    // One output buffer of the announced size (zlib returns it as is when it is never full), never more.
    data = inflateSync(concatIdat(bytes, chunks), { chunkSize: Math.max(1024, expected + 1), maxOutputLength: expected + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw corrupt(`its image data is longer than its ${header.width}×${header.height} pixels`, error);
    throw corrupt(`its image data cannot be decompressed (${(error as Error).message})`, error);
  }
  if (data.length !== expected) throw corrupt(`its image data is ${data.length} bytes where IHDR announces ${expected}`);
  // Indices can only be out of range when the palette has fewer colours than the bit depth can name.
  const checkIndices = paletteSize > 0 && paletteSize < 1 << header.bitDepth;
  let row = 0;
  for (const [w, h] of subImages) {
    const length = rowBytes(w);
    for (let y = 0; y < h; y++, row += 1 + length) {
      const filter = data[row]!;
      if (filter > 4) throw corrupt(`scanline ${y + 1} has the unknown filter type ${filter}`);
      if (checkIndices) {
        unfilterBytewise(data, row + 1, length, y === 0 ? -1 : row - length, filter);
        checkPaletteIndices(data, row + 1, w, header.bitDepth, paletteSize);
      }
    }
  }
}

/**
 * Reverses a scanline's filter in place, for images of at most one byte a pixel (palette images);
 * `previous` is where the previous (already unfiltered) scanline's pixels start, -1 for the first.
 */
function unfilterBytewise(data: Uint8Array, start: number, length: number, previous: number, filter: number): void {
  if (filter === 0) return;
  for (let i = 0; i < length; i++) {
    const a = i > 0 ? data[start + i - 1]! : 0;
    const b = previous >= 0 ? data[previous + i]! : 0;
    const c = i > 0 && previous >= 0 ? data[previous + i - 1]! : 0;
    let predictor: number;
    if (filter === 1) predictor = a;
    else if (filter === 2) predictor = b;
    else if (filter === 3) predictor = (a + b) >> 1;
    else {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    data[start + i] = (data[start + i]! + predictor) & 0xff;
  }
}

function checkPaletteIndices(data: Uint8Array, start: number, width: number, bitDepth: number, paletteSize: number): void {
  const perByte = 8 / bitDepth;
  const mask = (1 << bitDepth) - 1;
  for (let x = 0; x < width; x++) {
    const shift = 8 - bitDepth * ((x % perByte) + 1);
    const index = (data[start + Math.floor(x / perByte)]! >> shift) & mask;
    if (index >= paletteSize) throw corrupt(`pixel ${x + 1} of a scanline uses colour ${index} but the palette has ${paletteSize}`);
  }
}
