import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../shared/bake/crc32.js';
import { readPngChunks, readTextChunk, writeItxtChunk, itxtChunkSize } from '../../../shared/bake/png.js';
import { isBadgeError } from '../../../shared/errors.js';
import { listChunks, makePng } from './fixtures.js';

function corruptCode(bytes: Uint8Array): string | undefined {
  try {
    readPngChunks(bytes);
    return undefined;
  } catch (error) {
    return isBadgeError(error) ? error.code : 'not a BadgeError';
  }
}

describe('crc32', () => {
  it('matches node:zlib on any bytes and any slice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(40), (bytes, cut) => {
        const start = Math.min(cut, bytes.length);
        expect(crc32(bytes, start)).toBe(zlibCrc32(bytes.subarray(start)));
      }),
    );
  });
  it('gives the check value of the CRC-32 catalogue', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('readPngChunks', () => {
  const png = makePng(16, 16);

  it('lists the chunks pngjs wrote, IHDR first, IEND last', () => {
    const chunks = readPngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(listChunks(png).map((c) => c.type));
    expect(chunks[0]!.type).toBe('IHDR');
    expect(chunks.at(-1)!.end).toBe(png.length);
  });

  it('rejects a bad signature, a truncated file, a CRC mismatch and a huge length field', () => {
    const badSignature = png.slice();
    badSignature[1] = 0;
    expect(corruptCode(badSignature)).toBe('ERR_PNG_CORRUPT');
    expect(corruptCode(png.subarray(0, 60))).toBe('ERR_PNG_CORRUPT');
    expect(corruptCode(png.subarray(0, png.length - 12))).toBe('ERR_PNG_CORRUPT'); // no IEND
    const badCrc = png.slice();
    badCrc[40] = badCrc[40]! ^ 1;
    expect(corruptCode(badCrc)).toBe('ERR_PNG_CORRUPT');
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(33, 0xffffffff);
    expect(corruptCode(huge)).toBe('ERR_PNG_CORRUPT');
  });
});

describe('writeItxtChunk', () => {
  it('writes the iTXt layout of the PNG spec with a CRC zlib agrees with', () => {
    const text = new TextEncoder().encode('héllo');
    const out = new Uint8Array(8 + itxtChunkSize('openbadges', text.length));
    const end = writeItxtChunk(out, 8, 'openbadges', text);
    expect(end).toBe(out.length);
    const view = new DataView(out.buffer);
    const length = view.getUint32(8);
    expect(Buffer.from(out.subarray(12, 16)).toString('latin1')).toBe('iTXt');
    expect(Buffer.from(out.subarray(16, 16 + length))).toEqual(
      Buffer.concat([Buffer.from('openbadges\0\0\0\0\0', 'latin1'), Buffer.from('héllo', 'utf8')]),
    );
    expect(view.getUint32(16 + length)).toBe(zlibCrc32(out.subarray(12, 16 + length)));
    expect(readTextChunk(out, { type: 'iTXt', start: 8, dataStart: 16, dataEnd: 16 + length, end })).toEqual({ keyword: 'openbadges', text: 'héllo' });
  });
});
