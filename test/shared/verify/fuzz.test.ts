/**
 * Mutation fuzzing: a changed signed credential, JWS or baked image gives a report that is not
 * verified (or verified only when the credential itself is unchanged); never an exception, never a hang.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { unbake } from '../../../shared/bake/unbake.js';
import { verifyBytes, verifyText } from '../../../shared/verify/index.js';
import type { Resolver, VerificationReport } from '../../../shared/verify/index.js';
import {
  DID,
  NOW,
  didDocument,
  issuer,
  jwkDidDocument,
  resolver,
  rsaKey,
  unsignedCredential,
  vcJwt,
} from './fixtures.js';
import { vector } from './helpers.js';

/** A run slower than this is a hang, not slowness (each run verifies at most one credential). */
const HANG_MS = 20_000;

function wellFormed(report: VerificationReport) {
  expect(typeof report.verified).toBe('boolean');
  expect(report.checks.length).toBeGreaterThan(0);
  expect(report.verified).toBe(report.checks.every((c) => c.ok));
  for (const c of report.checks) if (!c.ok) expect(c.code).toMatch(/^ERR_[A-Z0-9_]+$/);
}

/** Replaces the character at `index` with `replacement` (when different). */
function mutateText(text: string, index: number, replacement: string): string {
  const i = index % text.length;
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

describe('mutations of signed credentials', () => {
  let signedJson: string;
  let resolve: Resolver;
  let jwt: string;
  let jwtResolve: Resolver;

  beforeAll(async () => {
    const acme = issuer();
    resolve = resolver({ [DID]: didDocument(DID, [acme.key.multibase]) });
    signedJson = JSON.stringify(await acme.sign(await unsignedCredential()));
    const rsa = rsaKey();
    jwt = await vcJwt(await unsignedCredential(), rsa.privateJwk, {
      alg: 'RS256',
      jwk: rsa.publicJwk,
    });
    jwtResolve = resolver({ [DID]: jwkDidDocument(DID, [rsa.publicJwk]) });
    expect((await verifyText(signedJson, { now: NOW, resolve })).verified).toBe(true);
    expect((await verifyText(jwt, { now: NOW, resolve: jwtResolve })).verified).toBe(true);
  });

  it('any single-character change to a Data Integrity credential is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
        async (index, char) => {
          const mutated = mutateText(signedJson, index, char);
          const report = await verifyText(mutated, { now: NOW, resolve });
          wellFormed(report);
          if (mutated !== signedJson) expect(report.verified).toBe(false);
        },
      ),
      { numRuns: 60, timeout: HANG_MS },
    );
  });

  it('any single-field change (a value replaced by random JSON) is rejected', async () => {
    const paths = ['name', 'validFrom', 'id', 'issuer', 'credentialSubject', 'type', 'proof'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const original = JSON.parse(signedJson) as Record<string, unknown>;
        const changed = { ...original, [path]: value };
        const report = await verifyText(JSON.stringify(changed), { now: NOW, resolve });
        wellFormed(report);
        if (JSON.stringify(changed[path]) !== JSON.stringify(original[path])) {
          expect(report.verified).toBe(false);
        }
      }),
      { numRuns: 40, timeout: HANG_MS },
    );
  });

  it('any single-character change to a VC-JWT is rejected', async () => {
    const alphabet = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.='.split(''),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), alphabet, async (index, char) => {
        const mutated = mutateText(jwt, index, char);
        const report = await verifyText(mutated, { now: NOW, resolve: jwtResolve });
        wellFormed(report);
        if (mutated !== jwt) expect(report.verified).toBe(false);
      }),
      { numRuns: 150, timeout: HANG_MS },
    );
  });
  it('every other last character of the signature is rejected (non-canonical base64url decodes to the same bytes)', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const char of alphabet) {
      const mutated = jwt.slice(0, -1) + char;
      if (mutated === jwt) continue;
      expect((await verifyText(mutated, { now: NOW })).verified, char).toBe(false);
    }
  });
});

describe('mutations of baked images', () => {
  it.each([
    'baked/ob3/1edtech-validator_simple-json.png',
    'baked/ob3/1edtech-validator_simple-jwt.svg',
  ])(
    '%s: a changed byte never throws; a verified report carries the original credential',
    async (path) => {
      const original = vector(path);
      const before = await verifyBytes(original, { now: NOW, trustEmbeddedKeys: true });
      expect(before.verified).toBe(true);
      const payload = unbake(original).payload;
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (index, delta) => {
          const bytes = original.slice();
          const i = index % bytes.length;
          bytes[i] = (bytes[i]! + delta) & 0xff;
          const report = await verifyBytes(bytes, { now: NOW, trustEmbeddedKeys: true });
          wellFormed(report);
          if (report.verified) {
            expect(unbake(bytes).payload).toBe(payload);
            expect(report.credential).toEqual(before.credential);
          }
        }),
        { numRuns: 60, timeout: HANG_MS },
      );
    },
  );

  it('truncated images give a report, not an exception', async () => {
    const original = vector('baked/ob3/1edtech-validator_simple-json.png');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: original.length - 1 }), async (length) => {
        const report = await verifyBytes(original.slice(0, length), { now: NOW });
        wellFormed(report);
      }),
      { numRuns: 40, timeout: HANG_MS },
    );
  });
});

describe('arbitrary input', () => {
  it('random bytes and random JSON are reports with verified false', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const report = await verifyBytes(bytes, { now: NOW });
        wellFormed(report);
        expect(report.verified).toBe(false);
      }),
      { numRuns: 200, timeout: HANG_MS },
    );
    await fc.assert(
      fc.asyncProperty(fc.json(), async (text) => {
        const report = await verifyText(text, { now: NOW });
        wellFormed(report);
        expect(report.verified).toBe(false);
      }),
      { numRuns: 200, timeout: HANG_MS },
    );
  });

  it('deeply nested JSON is a report, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    wellFormed(await verifyText(deep, { now: NOW }));
    const deepObject = `{"a":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_001)}`;
    wellFormed(await verifyText(deepObject, { now: NOW }));
  });
});
