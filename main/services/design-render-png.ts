/**
 * PNG encoding of premultiplied RGBA pixels (what resvg renders) in bands of rows compressed
 * independently: a band whose pixels did not change keeps its compressed bytes, so a personalised
 * badge only compresses the rows its name touches. Each band's first row is unfiltered and the
 * others use the Up filter, so no band depends on the one above it.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from '../../shared/bake/crc32.js';
import { PNG_SIGNATURE, writeUint32 } from '../../shared/bake/png.js';

/** Rows per band. */
export const PNG_BAND_ROWS = 16;

export interface PngBand {
  /** Raw deflate data ending on a byte boundary (sync flush), not final. */
  readonly deflated: Uint8Array;
  /** Adler-32 and length of the filtered rows, to combine into the zlib trailer. */
  readonly adler: number;
  readonly length: number;
}

/** Straight (not premultiplied) RGBA of one pixel, rounded as tiny-skia does for its own PNGs. */
function demultiplyRow(
  source: Uint8Array,
  from: number,
  out: Uint8Array,
  at: number,
  width: number,
): void {
  for (let x = 0; x < width; x++) {
    const s = from + x * 4;
    const o = at + x * 4;
    const a = source[s + 3]!;
    if (a === 255) {
      out[o] = source[s]!;
      out[o + 1] = source[s + 1]!;
      out[o + 2] = source[s + 2]!;
    } else if (a === 0) {
      out[o] = 0;
      out[o + 1] = 0;
      out[o + 2] = 0;
    } else {
      const k = 255 / a;
      out[o] = Math.min(255, Math.floor(source[s]! * k + 0.5));
      out[o + 1] = Math.min(255, Math.floor(source[s + 1]! * k + 0.5));
      out[o + 2] = Math.min(255, Math.floor(source[s + 2]! * k + 0.5));
    }
    out[o + 3] = a;
  }
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  let i = 0;
  while (i < bytes.length) {
    const end = Math.min(bytes.length, i + 3800);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The Adler-32 of two pieces joined, from each piece's checksum (zlib's adler32_combine). */
function adler32Combine(first: number, second: number, secondLength: number): number {
  const BASE = 65521;
  const rem = secondLength % BASE;
  let sum1 = first & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (second & 0xffff) + BASE - 1;
  sum2 += ((first >>> 16) & 0xffff) + ((second >>> 16) & 0xffff) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= BASE * 2) sum2 -= BASE * 2;
  if (sum2 >= BASE) sum2 -= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/** Filters and compresses rows `[y0, y1)` of a premultiplied RGBA image `width` pixels wide. */
export function encodeBand(
  pixels: Uint8Array,
  width: number,
  y0: number,
  y1: number,
  level: number,
): PngBand {
  const stride = width * 4;
  const rows = y1 - y0;
  const straight = new Uint8Array(stride * 2);
  const filtered = new Uint8Array((stride + 1) * rows);
  let previous = straight.subarray(stride);
  let current = straight.subarray(0, stride);
  for (let r = 0; r < rows; r++) {
    demultiplyRow(pixels, (y0 + r) * stride, current, 0, width);
    const o = r * (stride + 1);
    if (r === 0) {
      filtered[o] = 0;
      filtered.set(current, o + 1);
    } else {
      filtered[o] = 2;
      for (let x = 0; x < stride; x++) filtered[o + 1 + x] = (current[x]! - previous[x]!) & 0xff;
    }
    [previous, current] = [current, previous];
  }
  const deflated = deflateRawSync(filtered, { level, finishFlush: constants.Z_SYNC_FLUSH });
  return { deflated, adler: adler32(filtered), length: filtered.length };
}

function chunk(
  out: Uint8Array,
  at: number,
  type: string,
  data: Uint8Array | readonly Uint8Array[],
): number {
  const parts = data instanceof Uint8Array ? [data] : data;
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  writeUint32(out, at, length);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
  let p = at + 8;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  writeUint32(out, p, crc32(out, at + 4, p));
  return p + 4;
}

/** A PNG (8-bit RGBA, not interlaced) made of the bands of every row, top to bottom. */
export function assemblePng(width: number, height: number, bands: readonly PngBand[]): Uint8Array {
  let adler = 1;
  for (const band of bands) adler = adler32Combine(adler, band.adler, band.length);
  const trailer = new Uint8Array(4);
  writeUint32(trailer, 0, adler);
  // zlib header, the bands, a final empty fixed-Huffman block, the Adler-32 of everything.
  const idat = [
    Uint8Array.of(0x78, 0x9c),
    ...bands.map((band) => band.deflated),
    Uint8Array.of(0x03, 0x00),
    trailer,
  ];
  const idatLength = idat.reduce((sum, part) => sum + part.length, 0);
  const ihdr = new Uint8Array(13);
  writeUint32(ihdr, 0, width);
  writeUint32(ihdr, 4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const out = new Uint8Array(PNG_SIGNATURE.length + (12 + 13) + (12 + idatLength) + 12);
  out.set(PNG_SIGNATURE, 0);
  let at = chunk(out, PNG_SIGNATURE.length, 'IHDR', ihdr);
  at = chunk(out, at, 'IDAT', idat);
  chunk(out, at, 'IEND', new Uint8Array(0));
  return out;
}

/** The whole image as a PNG, band by band. */
export function encodePng(
  pixels: Uint8Array,
  width: number,
  height: number,
  level = 6,
): Uint8Array {
  const bands: PngBand[] = [];
  for (let y = 0; y < height; y += PNG_BAND_ROWS) {
    bands.push(encodeBand(pixels, width, y, Math.min(height, y + PNG_BAND_ROWS), level));
  }
  return assemblePng(width, height, bands);
}
