/**
 * Generators for the hostile inputs of issue 15 §3, written into a temporary folder at bench time
 * (never committed): each is small on disk, or simple, and expensive for a careless reader.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from '../shared/bake/crc32.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

/** Colour types and their channel counts (PNG spec §11.2.2). */
export const PNG_COLOUR = { grey: 0, rgb: 2, greyAlpha: 4, rgba: 6 } as const;
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * A valid, all-black, non-interlaced PNG of any size and depth, compressed as far as zlib goes
 * (about 1000:1): a 16-bit RGBA 16384×2048 image is 268 MB decoded and ~260 KB on disk.
 * Rows are deflated in one stream without ever holding the decoded image.
 */
export function blackPng(width: number, height: number, bitDepth: 8 | 16, colourType: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colourType;
  const rowBytes = 1 + Math.ceil((width * CHANNELS[colourType]! * bitDepth) / 8);
  // The same row repeated: deflate one block of rows and let the stream repeat it (zlib keeps a
  // 32 KB window, so deflating the rows one after the other gives the same ratio as the whole image).
  const rowsPerBlock = Math.max(1, Math.floor((8 * 1024 * 1024) / rowBytes));
  const block = Buffer.alloc(rowBytes * Math.min(rowsPerBlock, height));
  const parts: Buffer[] = [];
  const deflate = new DeflateRows();
  for (let done = 0; done < height; ) {
    const rows = Math.min(rowsPerBlock, height - done);
    done += rows;
    parts.push(deflate.push(block.subarray(0, rows * rowBytes), done === height));
  }
  const idat = Buffer.concat(parts);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/**
 * One zlib stream fed block by block: each block is raw deflate ending in a full flush (so the
 * pieces concatenate), the zlib header goes first and the Adler-32 of everything last.
 */
class DeflateRows {
  private first = true;
  private adler = 1;

  push(data: Buffer, last: boolean): Buffer {
    const raw = deflateRawSync(data, { level: 9, finishFlush: last ? constants.Z_FINISH : constants.Z_FULL_FLUSH });
    const parts = this.first ? [Buffer.from([0x78, 0xda]), raw] : [raw];
    this.first = false;
    this.adler = adler32(this.adler, data);
    if (last) {
      const trailer = Buffer.alloc(4);
      trailer.writeUInt32BE(this.adler, 0);
      parts.push(trailer);
    }
    return Buffer.concat(parts);
  }
}

function adler32(start: number, data: Uint8Array): number {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(data.length, i + 3800);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** An OB 3.0-looking credential whose `evidence` is an array nested `depth` deep. */
export function deepJsonCredential(depth: number): string {
  const head = JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:5f3c1e0a-0000-4000-8000-000000000001',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:web:badges.example.org:acme', type: ['Profile'], name: 'Acme' },
    validFrom: '2026-01-15T10:00:00Z',
    name: 'Deep',
    credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:1', type: ['Achievement'], name: 'Deep' } },
  });
  return `${head.slice(0, -1)},"evidence":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** An SVG with `depth` nested `<g>` elements (7 bytes a level: 80,000 deep is 560 KB). */
export function deepSvg(depth: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${'<g>'.repeat(depth)}${'</g>'.repeat(depth)}</svg>`;
}

/** A CSV whose second row's `narrative` field is `fieldBytes` long, written by streaming. */
export async function csvWithHugeField(path: string, fieldBytes: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,name,narrative\nada@example.org,Ada,"');
  const piece = 'x'.repeat(1024 * 1024);
  for (let left = fieldBytes; left > 0; left -= piece.length) {
    if (!out.write(left >= piece.length ? piece : piece.slice(0, left))) await once(out, 'drain');
  }
  out.end('"\nbob@example.org,Bob,ok\n');
  await once(out, 'finish');
}

export function writeText(path: string, text: string): void {
  writeFileSync(path, text);
}
