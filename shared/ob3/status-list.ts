import { base64urlDecode, base64urlEncode } from '../bytes.js';
import { BadgeError } from '../errors.js';
import { VC_V2_CONTEXT } from './schema.js';
import { isDateTimeWithZone } from './shape.js';

/** The Bitstring Status List minimum (16 KiB of bits): shorter lists leak who is revoked and fail validators. */
export const STATUS_LIST_MIN_ENTRIES = 131072;

/** Refuse to inflate beyond this (a 2^27-entry list): a few bytes of gzip must not exhaust memory. */
export const STATUS_LIST_MAX_BYTES = 16 * 1024 * 1024;

/** A zeroed list of at least STATUS_LIST_MIN_ENTRIES entries, rounded up to whole bytes. */
export function newStatusList(entries: number = STATUS_LIST_MIN_ENTRIES): Uint8Array {
  return new Uint8Array(Math.ceil(Math.max(entries, STATUS_LIST_MIN_ENTRIES) / 8));
}

function checkIndex(list: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.length * 8) {
    throw new BadgeError('ERR_STATUS_INDEX', `Status index ${index} is outside the list (0 to ${list.length * 8 - 1}).`);
  }
}

/** Entry `index` of a bitstring (index 0 = most significant bit of the first byte). */
export function getStatusBit(list: Uint8Array, index: number): boolean {
  checkIndex(list, index);
  return ((list[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

export function setStatusBit(list: Uint8Array, index: number, value: boolean): void {
  checkIndex(list, index);
  const mask = 1 << (7 - (index & 7));
  list[index >> 3] = value ? list[index >> 3]! | mask : list[index >> 3]! & ~mask;
}

/** GZIP-compressed, multibase base64url (`u…`, no padding), as `encodedList` requires. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  const compressed = await pipeThrough(bits, new CompressionStream('gzip'), Number.POSITIVE_INFINITY);
  return `u${base64urlEncode(compressed)}`;
}

/**
 * Decodes an `encodedList`: multibase base64url (`u…`), or the un-prefixed base64url of
 * StatusList2021. Throws ERR_STATUS_LIST_INVALID for bad encodings, bad gzip or oversized lists.
 */
export async function decodeStatusList(encoded: string): Promise<Uint8Array> {
  const text = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  const compressed = base64urlDecode(text.replace(/=+$/, ''));
  if (compressed === undefined || compressed.length === 0) {
    throw new BadgeError('ERR_STATUS_LIST_INVALID', 'The encoded status list is not base64url text.');
  }
  try {
    return await pipeThrough(compressed, new DecompressionStream('gzip'), STATUS_LIST_MAX_BYTES);
  } catch (error) {
    if (error instanceof BadgeError) throw error;
    throw new BadgeError('ERR_STATUS_LIST_INVALID', 'The encoded status list is not valid GZIP data.', { cause: error });
  }
}

async function pipeThrough(input: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  const written = writer.write(input as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new BadgeError('ERR_STATUS_LIST_INVALID', `The status list inflates to more than ${limit} bytes; it is refused.`);
    }
    chunks.push(value);
  }
  await written;
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}

export interface StatusListCredentialInput {
  /** The URL where the list is published (the entries' statusListCredential). */
  id: string;
  issuer: string | { id: string; [member: string]: unknown };
  validFrom: string;
  validUntil?: string;
  purpose: 'revocation' | 'suspension';
  bits: Uint8Array;
}

/** An unsigned BitstringStatusListCredential (VCDM 2.0). Lists are padded to the minimum size. */
export async function buildStatusListCredential(input: StatusListCredentialInput): Promise<Record<string, unknown>> {
  for (const [field, value] of [['validFrom', input.validFrom], ['validUntil', input.validUntil]] as const) {
    if (value !== undefined && !isDateTimeWithZone(value)) {
      throw new BadgeError('ERR_CREDENTIAL_INVALID', `${field} must be a date-time with a timezone, such as 2025-01-31T09:00:00Z.`);
    }
  }
  let bits = input.bits;
  if (bits.length * 8 < STATUS_LIST_MIN_ENTRIES) {
    bits = newStatusList();
    bits.set(input.bits);
  }
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom,
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: await encodeStatusList(bits),
    },
  };
}
