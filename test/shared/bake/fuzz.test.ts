import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bake, prepareImage } from '../../../shared/bake/prepare.js';
import { unbake } from '../../../shared/bake/unbake.js';
import { isBadgeError } from '../../../shared/errors.js';
import { bytesOf, CREDENTIAL, JWS, listChunks, makePng, vector } from './fixtures.js';

/** Either a result or a BadgeError with an ERR_ code; anything else fails the property. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isBadgeError(error) && /^ERR_[A-Z_]+$/.test(error.code)) return error.code;
    throw error;
  }
}

type Mutation = { kind: 'set'; at: number; value: number } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array } | { kind: 'delete'; at: number; count: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
);

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = source.slice();
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'set') bytes[at] = m.value;
    else if (m.kind === 'cut') bytes = bytes.slice(0, at);
    else if (m.kind === 'insert') bytes = Uint8Array.of(...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at));
    else bytes = Uint8Array.of(...bytes.subarray(0, at), ...bytes.subarray(at + m.count));
  }
  return bytes;
}

const bakedPng = bake(makePng(12, 9), CREDENTIAL, 'ob3');
const bakedSvg = bake(vector('legacy/mozilla_baked.svg'), CREDENTIAL, 'ob3');
const bakedJwsSvg = bake(bytesOf('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'), JWS, 'ob2');

describe('fuzz: mutated and truncated baked images', () => {
  it.each([
    ['PNG', bakedPng],
    ['SVG (CDATA)', bakedSvg],
    ['SVG (verify)', bakedJwsSvg],
  ])('unbake and prepareImage of a mutated %s return or throw an ERR_ code', (_name, source) => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const bytes = mutate(source, mutations);
        outcome(() => unbake(bytes));
        outcome(() => prepareImage(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('every truncation of a baked PNG is refused as ERR_PNG_CORRUPT', () => {
    for (let length = 0; length < bakedPng.length; length++) {
      const code = outcome(() => unbake(bakedPng.subarray(0, length)));
      expect(code).toBe(length < 8 ? 'ERR_IMAGE_UNSUPPORTED' : 'ERR_PNG_CORRUPT');
    }
  });

  it('mutations inside the badge chunk with a recomputed CRC reach the text parser and still give ERR_ codes', () => {
    const itxt = listChunks(bakedPng)[1]!;
    const start = Buffer.from(bakedPng).indexOf(itxt.raw);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(itxt.data.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const bytes = bakedPng.slice();
        for (const [at, value] of edits) bytes[start + 8 + at] = value;
        new DataView(bytes.buffer).setUint32(start + 8 + itxt.data.length, zlibCrc32(bytes.subarray(start + 4, start + 8 + itxt.data.length)));
        const code = outcome(() => unbake(bytes));
        expect(['ok', 'ERR_NOT_BAKED', 'ERR_PNG_CORRUPT', 'ERR_IMAGE_UNSUPPORTED']).toContain(code);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes behind a PNG signature or an <svg prefix are refused with a code', () => {
    fc.assert(
      fc.property(fc.constantFrom(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), bytesOf('<svg ')), fc.uint8Array({ maxLength: 200 }), (head, tail) => {
        const bytes = Uint8Array.of(...head, ...tail);
        expect(outcome(() => unbake(bytes))).not.toBe('ok');
      }),
      { numRuns: 300 },
    );
  });
});
