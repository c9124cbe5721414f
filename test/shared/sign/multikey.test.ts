import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { hexDecode, base64urlEncode } from '../../../shared/bytes.js';
import {
  base58btcDecode,
  base58btcEncode,
  isEd25519Multibase,
  jwkFromPublicKeyMultibase,
  publicKeyMultibaseFromJwk,
} from '../../../shared/sign/multikey.js';
import { describeOfficial, vectorPath } from '../../fixtures/vectors.js';

describe('base58btc', () => {
  it('matches known encodings (leading zeros included)', () => {
    expect(base58btcEncode(new Uint8Array())).toBe('');
    expect(base58btcEncode(Uint8Array.of(0, 0, 1))).toBe('112');
    expect(base58btcEncode(new TextEncoder().encode('hello world'))).toBe('StV1DL6CwTryKyV');
    expect(base58btcDecode('0OIl')).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
      }),
    );
  });
});

describeOfficial('Ed25519 Multikey: the 1EdTech test vector', () => {
  it('encodes the 1EdTech test vector key as z6Mk…', () => {
    const vector = JSON.parse(readFileSync(vectorPath('ob3/1edtech-impl-guide-testvector/testvector-key-and-expected.json'), 'utf8')) as {
      publicKeyHex: string;
      publicKeyMultibase: string;
    };
    const x = base64urlEncode(hexDecode(vector.publicKeyHex));
    expect(publicKeyMultibaseFromJwk({ x })).toBe(vector.publicKeyMultibase);
    expect(jwkFromPublicKeyMultibase(vector.publicKeyMultibase)).toEqual({ kty: 'OKP', crv: 'Ed25519', x });
    expect(isEd25519Multibase(vector.publicKeyMultibase)).toBe(true);
  });
});

describe('Ed25519 Multikey', () => {
  it('rejects what is not an Ed25519 Multikey with ERR_KEY_INVALID', () => {
    for (const bad of ['', 'z', 'x6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi', 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', 'z6MkjZRZv3aez3r18pB1RBFJR1kw']) {
      expect(() => jwkFromPublicKeyMultibase(bad)).toThrowError(expect.objectContaining({ code: 'ERR_KEY_INVALID' }));
      expect(isEd25519Multibase(bad)).toBe(false);
    }
    expect(() => publicKeyMultibaseFromJwk({ x: 'abc' })).toThrowError(expect.objectContaining({ code: 'ERR_KEY_INVALID' }));
  });
});
