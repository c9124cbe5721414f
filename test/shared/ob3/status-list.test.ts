import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64urlEncode } from '../../../shared/bytes.js';
import {
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  newStatusList,
  setStatusBit,
  STATUS_LIST_MIN_ENTRIES,
} from '../../../shared/ob3/status-list.js';
import { readVector } from './ajv.js';

describe('status lists', () => {
  it('decodes the official 1EdTech test list: bit 23 set, 131072 entries', async () => {
    const list = readVector('ob3/1edtech-validator/bit-string-list_testlist') as { credentialSubject: { encodedList: string } };
    const bits = await decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length * 8).toBe(STATUS_LIST_MIN_ENTRIES);
    const set = [];
    for (let index = 0; index < bits.length * 8; index++) if (getStatusBit(bits, index)) set.push(index);
    expect(set).toEqual([23]);
  });

  it('round-trips through gzip, and node:zlib reads what we write', async () => {
    const bits = newStatusList();
    for (const index of [0, 7, 8, 23, 94567, STATUS_LIST_MIN_ENTRIES - 1]) setStatusBit(bits, index, true);
    const encoded = await encodeStatusList(bits);
    expect(encoded).toMatch(/^uH4sI[A-Za-z0-9_-]+$/);
    expect(new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')))).toEqual(bits);
    const decoded = await decodeStatusList(encoded);
    expect(decoded).toEqual(bits);
    expect(bits[0]).toBe(0b1000_0001);
    expect(getStatusBit(decoded, 94567)).toBe(true);
    expect(getStatusBit(decoded, 94566)).toBe(false);
    setStatusBit(decoded, 94567, false);
    expect(getStatusBit(decoded, 94567)).toBe(false);
  });

  it('accepts un-prefixed base64url (StatusList2021) written by node:zlib', async () => {
    const bits = newStatusList();
    setStatusBit(bits, 5, true);
    expect(getStatusBit(await decodeStatusList(base64urlEncode(gzipSync(bits))), 5)).toBe(true);
  });

  it.each([
    ['not base64url', 'u!!!'],
    ['not gzip', `u${base64urlEncode(new Uint8Array([1, 2, 3, 4]))}`],
    ['a gzip bomb', `u${base64urlEncode(gzipSync(Buffer.alloc(17 * 1024 * 1024)))}`],
  ])('refuses %s with ERR_STATUS_LIST_INVALID', async (_name, encoded) => {
    await expect(decodeStatusList(encoded)).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' });
  });

  it('refuses indexes outside the list', () => {
    const bits = newStatusList(8);
    expect(() => getStatusBit(bits, STATUS_LIST_MIN_ENTRIES)).toThrow(/outside the list/);
    expect(() => setStatusBit(bits, -1, true)).toThrow(/outside the list/);
  });

  it('builds an unsigned BitstringStatusListCredential padded to the minimum size', async () => {
    const small = new Uint8Array(4);
    setStatusBit(small, 3, true);
    const credential = await buildStatusListCredential({
      id: 'https://badges.example.org/status/1',
      issuer: 'did:web:badges.example.org',
      validFrom: '2025-01-01T00:00:00Z',
      purpose: 'revocation',
      bits: small,
    });
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://badges.example.org/status/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:badges.example.org',
      credentialSubject: { id: 'https://badges.example.org/status/1#list', type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    const decoded = await decodeStatusList((credential.credentialSubject as { encodedList: string }).encodedList);
    expect(decoded.length * 8).toBe(STATUS_LIST_MIN_ENTRIES);
    expect(getStatusBit(decoded, 3)).toBe(true);
  });
});
