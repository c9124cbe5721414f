/** PNG chunk reader/writer: just enough of the format to find and write badge text chunks. Browser-safe. */
import { BadgeError } from '../errors.js';
import { crc32 } from './crc32.js';
import { PNG_KEYWORD } from './limits.js';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** A chunk's place in the file: `[start, end)` is length + type + data + CRC. */
export interface PngChunk {
  type: string;
  start: number;
  dataStart: number;
  dataEnd: number;
  end: number;
}

const MAX_CHUNK_LENGTH = 0x7fffffff;
const BADGE_KEYWORDS = new Set(Object.values(PNG_KEYWORD));
const TEXT_CHUNK_TYPES = new Set(['iTXt', 'tEXt', 'zTXt']);

function corrupt(message: string): BadgeError {
  return new BadgeError('ERR_PNG_CORRUPT', `This PNG is damaged: ${message}. Export the image again from your drawing tool.`);
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

export function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  for (let i = 0; i < PNG_SIGNATURE.length; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}

function isChunkTypeByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

/**
 * Lists the chunks from the signature to IEND, checking every length against the bytes that are
 * really there (a length field is never used to allocate) and every CRC. Bytes after IEND are ignored.
 */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!hasPngSignature(bytes)) throw corrupt('the PNG signature is missing');
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  for (;;) {
    if (bytes.length - offset < 12) throw corrupt(`the file ends inside a chunk header at byte ${offset}`);
    const length = readUint32(bytes, offset);
    if (length > MAX_CHUNK_LENGTH || length > bytes.length - offset - 12) {
      throw corrupt(`the chunk at byte ${offset} claims ${length} bytes but the file is shorter`);
    }
    for (let i = 4; i < 8; i++) {
      if (!isChunkTypeByte(bytes[offset + i]!)) throw corrupt(`the chunk at byte ${offset} has an invalid type`);
    }
    const type = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!, bytes[offset + 6]!, bytes[offset + 7]!);
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (crc32(bytes, offset + 4, dataEnd) !== readUint32(bytes, dataEnd)) {
      throw corrupt(`the ${type} chunk at byte ${offset} fails its CRC check`);
    }
    if (chunks.length === 0 && (type !== 'IHDR' || length !== 13)) throw corrupt('the first chunk is not a valid IHDR');
    chunks.push({ type, start: offset, dataStart, dataEnd, end: dataEnd + 4 });
    offset = dataEnd + 4;
    if (type === 'IEND') return chunks;
  }
}

/** What IHDR says about the image (PNG spec §11.2.2), checked against the combinations the spec allows. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Samples per pixel: 1 (grey, palette), 2 (grey + alpha), 3 (RGB), 4 (RGBA). */
  channels: number;
  interlaced: boolean;
  /** Size of the pixels once decoded, width × height × channels × bit depth / 8, as the spec counts them. */
  decodedBytes: number;
}

const COLOUR_TYPES: Record<number, { name: string; channels: number; depths: number[] }> = {
  0: { name: 'greyscale', channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { name: 'RGB', channels: 3, depths: [8, 16] },
  3: { name: 'palette', channels: 1, depths: [1, 2, 4, 8] },
  4: { name: 'greyscale with alpha', channels: 2, depths: [8, 16] },
  6: { name: 'RGBA', channels: 4, depths: [8, 16] },
};

export function colourTypeName(colourType: number): string {
  return COLOUR_TYPES[colourType]?.name ?? `colour type ${colourType}`;
}

/** Reads IHDR (the first chunk, see readPngChunks) without decoding anything. */
export function readPngHeader(bytes: Uint8Array, chunks: PngChunk[]): PngHeader {
  const at = chunks[0]!.dataStart;
  const width = readUint32(bytes, at);
  const height = readUint32(bytes, at + 4);
  const bitDepth = bytes[at + 8]!;
  const colourType = bytes[at + 9]!;
  if (width === 0 || height === 0) throw corrupt('its width or height is zero');
  if (width > MAX_CHUNK_LENGTH || height > MAX_CHUNK_LENGTH) throw corrupt('its width or height is out of range');
  const colour = COLOUR_TYPES[colourType];
  if (colour === undefined) throw corrupt(`its colour type ${colourType} does not exist`);
  if (!colour.depths.includes(bitDepth)) throw corrupt(`a ${colour.name} image cannot have ${bitDepth} bits per sample`);
  if (bytes[at + 10] !== 0 || bytes[at + 11] !== 0) throw corrupt('it uses an unknown compression or filter method');
  const interlace = bytes[at + 12];
  if (interlace !== 0 && interlace !== 1) throw corrupt(`it uses an unknown interlace method ${interlace}`);
  return {
    width,
    height,
    bitDepth,
    colourType,
    channels: colour.channels,
    interlaced: interlace === 1,
    decodedBytes: Math.ceil((width * height * colour.channels * bitDepth) / 8),
  };
}

/** Keyword of a tEXt/zTXt/iTXt chunk (Latin-1, 1–79 bytes before a NUL), or undefined for other chunks. */
export function textChunkKeyword(bytes: Uint8Array, chunk: PngChunk): string | undefined {
  if (!TEXT_CHUNK_TYPES.has(chunk.type)) return undefined;
  const limit = Math.min(chunk.dataEnd, chunk.dataStart + 80);
  for (let i = chunk.dataStart; i < limit; i++) {
    if (bytes[i] === 0) return latin1(bytes, chunk.dataStart, i);
  }
  return undefined;
}

export function isBadgeChunk(bytes: Uint8Array, chunk: PngChunk): boolean {
  const keyword = textChunkKeyword(bytes, chunk);
  return keyword !== undefined && BADGE_KEYWORDS.has(keyword);
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

export interface PngText {
  keyword: string;
  /** The text, or undefined when it is zlib-compressed (zTXt, or iTXt with the compression flag set). */
  text: string | undefined;
}

/** Reads a tEXt or iTXt (or zTXt, text left undefined) chunk. */
export function readTextChunk(bytes: Uint8Array, chunk: PngChunk): PngText {
  const keyword = textChunkKeyword(bytes, chunk);
  if (keyword === undefined) throw corrupt(`the ${chunk.type} chunk at byte ${chunk.start} has no keyword`);
  let p = chunk.dataStart + keyword.length + 1;
  if (chunk.type === 'tEXt') return { keyword, text: latin1(bytes, p, chunk.dataEnd) };
  if (chunk.type === 'zTXt') return { keyword, text: undefined };
  if (chunk.dataEnd - p < 2) throw corrupt(`the iTXt chunk "${keyword}" is truncated`);
  const compressed = bytes[p] !== 0;
  p += 2;
  for (let field = 0; field < 2; field++) {
    const nul = bytes.subarray(p, chunk.dataEnd).indexOf(0);
    if (nul < 0) throw corrupt(`the iTXt chunk "${keyword}" is truncated`);
    p += nul + 1;
  }
  if (compressed) return { keyword, text: undefined };
  try {
    return { keyword, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(p, chunk.dataEnd)) };
  } catch {
    throw corrupt(`the text of the iTXt chunk "${keyword}" is not UTF-8`);
  }
}

/** Size of an uncompressed iTXt chunk (with empty language tag and translated keyword) for `textLength` bytes of text. */
export function itxtChunkSize(keyword: string, textLength: number): number {
  return 12 + keyword.length + 5 + textLength;
}

/**
 * Writes an uncompressed iTXt chunk at `offset` in `out` (which must have room, see itxtChunkSize).
 * The keyword is ASCII. Returns the offset after the chunk.
 */
export function writeItxtChunk(out: Uint8Array, offset: number, keyword: string, text: Uint8Array): number {
  const dataLength = keyword.length + 5 + text.length;
  writeUint32(out, offset, dataLength);
  out[offset + 4] = 0x69; // i
  out[offset + 5] = 0x54; // T
  out[offset + 6] = 0x58; // X
  out[offset + 7] = 0x74; // t
  let p = offset + 8;
  for (let i = 0; i < keyword.length; i++) out[p++] = keyword.charCodeAt(i);
  // NUL after keyword, compression flag 0, compression method 0, empty language tag + NUL, empty translated keyword + NUL
  out.fill(0, p, p + 5);
  p += 5;
  out.set(text, p);
  p += text.length;
  writeUint32(out, p, crc32(out, offset + 4, p));
  return p + 4;
}
