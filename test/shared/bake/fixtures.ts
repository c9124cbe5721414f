import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { isBadgeError } from '../../../shared/errors.js';

/** The baked images, copied with their licences into test/fixtures/vectors/baked (see test/fixtures/README.md). */
export const bakedVectorsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/vectors/baked');

export function vector(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(join(bakedVectorsDir, relative)));
}

/** A real PNG written by pngjs (code we did not write), with pixels from `seed`. */
export function makePng(width: number, height: number, seed = 1, colorType: 2 | 6 = 6): Uint8Array {
  const png = new PNG({ width, height, colorType, inputHasAlpha: true });
  let x = seed >>> 0 || 1;
  for (let i = 0; i < png.data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    png.data[i] = i % 4 === 3 ? 255 : (x >>> 0) & 0xff;
  }
  return new Uint8Array(PNG.sync.write(png, { colorType }));
}

/** Chunk types and raw chunk bytes of a PNG, read independently of shared/bake/png.ts. */
export function listChunks(bytes: Uint8Array): { type: string; raw: Buffer; data: Buffer }[] {
  const buffer = Buffer.from(bytes);
  const chunks = [];
  for (let offset = 8; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    chunks.push({ type, raw: buffer.subarray(offset, offset + 12 + length), data: buffer.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

export const CREDENTIAL = JSON.stringify({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0b4c6f4e-3d2b-4f0e-9f53-6c7c1a2b3c4d',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Travail d’équipe ]]> <script>',
});
export const JWS = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJkaWQ6d2ViOmV4YW1wbGUub3JnIn0.c2lnbmF0dXJl';

/** The ERR_ code a call throws; undefined when it does not throw, a telling string for a foreign error. */
export function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isBadgeError(error) ? error.code : `not a BadgeError: ${String(error)}`;
  }
}
