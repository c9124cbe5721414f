import { describe, expect, it } from 'vitest';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hexDecode, hexEncode } from '../../../shared/bytes.js';
import {
  ed25519PrivateJwkFromSeed,
  ed25519PublicJwk,
  ed25519Sign,
  ed25519Verify,
  generateEd25519PrivateJwk,
} from '../../../shared/sign/ed25519.js';
import { describeOfficial, vectorPath } from '../../fixtures/vectors.js';

describeOfficial('Ed25519: the 1EdTech test vector', () => {
  it('reproduces the published test vector signature', async () => {
    const vector = JSON.parse(readFileSync(vectorPath('ob3/1edtech-impl-guide-testvector/testvector-key-and-expected.json'), 'utf8')) as Record<string, string>;
    const key = await ed25519PrivateJwkFromSeed(hexDecode(vector.privateKeyHex!.slice(0, 64)));
    const data = hexDecode(vector['dataToSignHex (proofHash || documentHash)']!);
    const signature = await ed25519Sign(key, data);
    expect(hexEncode(signature)).toBe(vector.signatureHex);
    expect(await ed25519Verify(ed25519PublicJwk(key), data, signature)).toBe(true);
  });
});

describe('Ed25519', () => {
  it('produces signatures node:crypto verifies, and rejects changed data', async () => {
    const key = await generateEd25519PrivateJwk();
    const data = new TextEncoder().encode('badge');
    const signature = await ed25519Sign(key, data);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
    expect(nodeVerify(null, data, publicKey, signature)).toBe(true);
    expect(await ed25519Verify(ed25519PublicJwk(key), new TextEncoder().encode('badgE'), signature)).toBe(false);
    expect(await ed25519Verify(ed25519PublicJwk(key), data, signature.subarray(1))).toBe(false);
  });

  it('refuses malformed keys with ERR_KEY_INVALID', async () => {
    const key = await generateEd25519PrivateJwk();
    await expect(ed25519Sign({ ...key, crv: 'X25519' } as never, new Uint8Array(1))).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
    await expect(ed25519Sign({ ...key, d: 'AAAA' }, new Uint8Array(1))).rejects.toMatchObject({ code: 'ERR_KEY_INVALID' });
    await expect(ed25519Verify({ kty: 'OKP', crv: 'Ed25519', x: '' }, new Uint8Array(1), new Uint8Array(64))).rejects.toMatchObject({
      code: 'ERR_KEY_INVALID',
    });
  });
});
