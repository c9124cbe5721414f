import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hexDecode } from '../../../shared/bytes.js';
import {
  canonicalize,
  canonicalizeFull,
  canonicalTemplateStats,
  clearCanonicalTemplates,
  exportCanonicalTemplates,
  importCanonicalTemplates,
} from '../../../shared/sign/canonical-template.js';
import { CONTEXT } from '../../../shared/sign/contexts.js';
import { signDataIntegrity, verifyDataIntegrity } from '../../../shared/sign/data-integrity.js';
import { createDocumentLoader } from '../../../shared/sign/document-loader.js';
import { ed25519PrivateJwkFromSeed, generateEd25519PrivateJwk, type Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { publicKeyMultibaseFromJwk } from '../../../shared/sign/multikey.js';
import {
  ISSUER_ID,
  peerDocumentLoader,
  peerSign,
  peerSigner,
  peerVerify,
  sampleCredential,
  verificationMethodFor,
} from '../../../bench/ob3-di-fixtures.js';
import { describeOfficial, vectorPath } from '../../fixtures/vectors.js';

type Json = Record<string, unknown>;
const golden = (file: string): string => vectorPath(`ob3/1edtech-impl-guide-testvector/${file}`);
const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const loader = createDocumentLoader();
const created = '2024-06-01T12:00:00Z';
const proofsOf = (doc: Json): Json[] => doc.proof as Json[];

const goldenExpected = (): Record<string, string> => readJson(golden('testvector-key-and-expected.json')) as Record<string, string>;

async function goldenKey(): Promise<Ed25519PrivateJwk> {
  return ed25519PrivateJwkFromSeed(hexDecode(goldenExpected().privateKeyHex!.slice(0, 64)));
}

describeOfficial('eddsa-rdfc-2022: the 1EdTech golden vector', () => {
  it('reproduces the 1EdTech golden vector byte for byte', async () => {
    const expected = goldenExpected();
    const unsigned = readJson(golden('unsigned-credential.json'));
    const signed = await signDataIntegrity(unsigned, {
      privateKey: await goldenKey(),
      verificationMethod: expected.verificationMethod!,
      created: '2010-01-01T19:23:24Z',
    });
    const { proof: goldenProof } = readJson(golden('signed-credential.json'));
    expect(proofsOf(signed)).toEqual([goldenProof]);
    expect(proofsOf(signed)[0]!.proofValue).toBe(expected.proofValue);
    expect(unsigned.proof).toBeUndefined();
  });

  it('canonicalizes the golden document and proof config as published (both paths)', async () => {
    const expected = goldenExpected();
    const unsigned = readJson(golden('unsigned-credential.json'));
    const documentNq = readFileSync(golden('document-canon.nq'), 'utf8');
    const proofNq = readFileSync(golden('proof-canon.nq'), 'utf8');
    const proofConfig = { '@context': unsigned['@context'], ...(expected as unknown as { proofOptionsBeforeSigning: Json }).proofOptionsBeforeSigning };
    for (const fn of [canonicalizeFull, canonicalize, canonicalize]) {
      expect(await fn(unsigned, loader)).toBe(documentNq);
      expect(await fn(proofConfig, loader)).toBe(proofNq);
    }
  });
});

describe('eddsa-rdfc-2022 signing', () => {
  it('is accepted by @digitalbazaar/vc, and gives the same proof as the peer', async () => {
    const key = await generateEd25519PrivateJwk();
    const peerLoader = peerDocumentLoader(key);
    const signer = await peerSigner(key);
    for (const n of [1, 2, 77]) {
      const ours = await signDataIntegrity(sampleCredential(n), { privateKey: key, verificationMethod: verificationMethodFor(key), created });
      expect(await peerVerify(ours, peerLoader)).toBe(true);
      const theirs = await peerSign(sampleCredential(n), signer, created, peerLoader);
      expect(proofsOf(ours)[0]).toEqual(theirs.proof);
      const tampered = structuredClone(ours);
      (tampered.issuer as Json).name = 'Someone else';
      expect(await peerVerify(tampered, peerLoader)).toBe(false);
    }
  });

  it('refuses bad options with a code', async () => {
    const key = await generateEd25519PrivateJwk();
    const other = await generateEd25519PrivateJwk();
    const base = { privateKey: key, verificationMethod: verificationMethodFor(key), created };
    await expect(signDataIntegrity(sampleCredential(1), { ...base, created: '2024-06-01' })).rejects.toMatchObject({ code: 'ERR_CREATED_INVALID' });
    await expect(signDataIntegrity(sampleCredential(1), { ...base, verificationMethod: verificationMethodFor(other) })).rejects.toMatchObject({
      code: 'ERR_KEY_MISMATCH',
    });
    await expect(signDataIntegrity({ name: 'x' }, base)).rejects.toMatchObject({ code: 'ERR_CREDENTIAL_INVALID' });
  });
});

describe('Data Integrity verification', () => {
  it('verifies credentials signed by @digitalbazaar/vc', async () => {
    const key = await generateEd25519PrivateJwk();
    const signed = await peerSign(sampleCredential(5), await peerSigner(key), created, peerDocumentLoader(key));
    const result = await verifyDataIntegrity(signed, { documentLoader: loader });
    expect(result).toMatchObject({ verified: true, cryptosuite: 'eddsa-rdfc-2022', controller: ISSUER_ID, verificationMethod: verificationMethodFor(key) });
  });

  it('gives the outcomes the vectors README lists (Ed25519Signature2020 and VCDM 1.1 included)', async () => {
    const dir = vectorPath('ob3/1edtech-validator');
    const outcomes: Record<string, string> = {
      'bit-string-list_credential-status-revoked.json': 'ok',
      'complete.json': 'ok',
      'credential-status-revoked.json': 'ERR_VERIFICATION_METHOD_UNKNOWN', // did:web, no offline document
      'endorsement-valid.json': 'ok',
      'simple-did-key-method.json': 'ok', // did:key without fragment: key taken from the DID
      'simple-did-web-method.json': 'ok',
      'simple-eddsa-2022.json': 'ERR_PROOF_UNSUPPORTED',
      'simple-multiple-proofs.json': 'ok',
      'simple-noproof.json': 'ERR_PROOF_MISSING',
      'simple.json': 'ok',
      'simple_v1.json': 'ok',
    };
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('bit-string-list_testlist'));
    for (const file of files) {
      const result = await verifyDataIntegrity(readJson(resolve(dir, file)), { documentLoader: loader });
      expect(result.verified ? 'ok' : result.code, file).toBe(outcomes[file]);
    }
    const v1 = await verifyDataIntegrity(readJson(resolve(dir, 'simple_v1.json')), { documentLoader: loader });
    expect(v1).toMatchObject({ proofType: 'Ed25519Signature2020', controller: 'https://example.com/issuers/876543' });
  });

  it('resolves did:web keys through the loader and checks assertionMethod', async () => {
    const key = await generateEd25519PrivateJwk();
    const did = 'did:web:badges.example.org:acme';
    const vm = `${did}#key-1`;
    const credential = { ...sampleCredential(3), issuer: { id: did, type: ['Profile'], name: 'Acme' } };
    const signed = await signDataIntegrity(credential, { privateKey: key, verificationMethod: vm, created });
    const method = { id: vm, type: 'Multikey', controller: did, publicKeyMultibase: publicKeyMultibaseFromJwk(key) };
    const didDocument = (assertionMethod: unknown[]) => ({
      '@context': [CONTEXT.did, CONTEXT.multikey],
      id: did,
      verificationMethod: [method],
      assertionMethod,
    });
    const withDoc = (doc: unknown) => createDocumentLoader({ documents: new Map([[did, doc]]) });
    expect(await verifyDataIntegrity(signed, { documentLoader: withDoc(didDocument(['#key-1'])) })).toMatchObject({ verified: true, controller: did });
    expect(await verifyDataIntegrity(signed, { documentLoader: withDoc(didDocument([])) })).toMatchObject({
      verified: false,
      code: 'ERR_VERIFICATION_METHOD_UNKNOWN',
    });
    expect(await verifyDataIntegrity(signed, { documentLoader: loader })).toMatchObject({ verified: false, code: 'ERR_VERIFICATION_METHOD_UNKNOWN' });
  });

  it('handles proof sets: every supported proof must verify', async () => {
    const [a, b] = [await generateEd25519PrivateJwk(), await generateEd25519PrivateJwk()];
    const once = await signDataIntegrity(sampleCredential(9), { privateKey: a, verificationMethod: `did:key:${publicKeyMultibaseFromJwk(a)}#${publicKeyMultibaseFromJwk(a)}`, created });
    const twice = await signDataIntegrity(once, { privateKey: b, verificationMethod: verificationMethodFor(b), created });
    expect(proofsOf(twice)).toHaveLength(2);
    expect((await verifyDataIntegrity(twice, { documentLoader: loader })).verified).toBe(true);
    const badSecond = structuredClone(twice);
    proofsOf(badSecond)[1]!.proofValue = proofsOf(once)[0]!.proofValue;
    expect(await verifyDataIntegrity(badSecond, { documentLoader: loader })).toMatchObject({ verified: false, code: 'ERR_PROOF_INVALID' });
    const unknownOnly = { ...once, proof: [{ type: 'SomeProofType', proofValue: 'z1' }] };
    expect(await verifyDataIntegrity(unknownOnly, { documentLoader: loader })).toMatchObject({ code: 'ERR_PROOF_UNSUPPORTED' });
    expect(await verifyDataIntegrity({ ...once, proof: [] }, { documentLoader: loader })).toMatchObject({ code: 'ERR_PROOF_MISSING' });
  });

  it('rejects any change to a single field of a signed credential (property)', async () => {
    const key = await generateEd25519PrivateJwk();
    const signed = await signDataIntegrity(sampleCredential(4), { privateKey: key, verificationMethod: verificationMethodFor(key), created });
    expect((await verifyDataIntegrity(signed, { documentLoader: loader })).verified).toBe(true);
    const paths: Array<Array<string | number>> = [];
    const walk = (node: unknown, path: Array<string | number>): void => {
      if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
      }
      if (path.length > 0 && path[0] !== '@context') paths.push(path);
    };
    walk(signed, []);
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), fc.constantFrom('append', 'replace', 'delete'), async (index, how) => {
        const copy = structuredClone(signed);
        const path = paths[index]!;
        const parent = path.slice(0, -1).reduce<Json>((node, k) => node[k as string] as Json, copy);
        const last = path[path.length - 1]!;
        const value = parent[last as string];
        if (how === 'delete') {
          if (Array.isArray(parent)) parent.splice(last as number, 1);
          else delete parent[last as string];
        } else if (typeof value === 'string') {
          parent[last as string] = how === 'append' ? `${value}x` : 'urn:changed';
        } else if (typeof value === 'boolean') {
          parent[last as string] = !value;
        } else if (how === 'replace') {
          parent[last as string] = 'changed';
        } else if (Array.isArray(value)) {
          value.push('urn:added');
        } else {
          (value as Json).description = 'added';
        }
        const result = await verifyDataIntegrity(copy, { documentLoader: loader });
        expect(result.verified, `${how} ${path.join('.')}`).toBe(false);
        expect(result.code).toMatch(/^ERR_/);
      }),
      { numRuns: 120 },
    );
  });
});

describe('canonical templates', () => {
  it('agrees with jsonld on documents with an own "__proto__" key', async () => {
    const withProto = (n: number) => JSON.parse(JSON.stringify(sampleCredential(n)).replace('"name":', '"__proto__":{"name":"x"},"name":')) as Json;
    expect(Object.keys(withProto(1).issuer as Json)).toContain('__proto__');
    for (const n of [1, 2, 3]) expect(await canonicalize(withProto(n), loader)).toBe(await canonicalizeFull(withProto(n), loader));
  });

  it('keeps one copy of a statement that two values make identical', async () => {
    const tagged = (n: number, tags: string[]): Json => {
      const credential = sampleCredential(n);
      ((credential.credentialSubject as Json).achievement as Json).tag = tags;
      return credential;
    };
    clearCanonicalTemplates();
    for (const [n, tags] of [[1, ['a', 'b']], [2, ['c', 'd']], [3, ['same', 'same']], [4, ['e', 'f']]] as const) {
      const full = await canonicalizeFull(tagged(n, [...tags]), loader);
      expect(await canonicalize(tagged(n, [...tags]), loader)).toBe(full);
    }
    expect((await canonicalize(tagged(5, ['same', 'same']), loader)).match(/"same"/g)).toHaveLength(1);
  });

  it('hands its templates to another thread, which then canonicalizes that shape without jsonld', async () => {
    clearCanonicalTemplates();
    for (const n of [1, 2]) await canonicalize(sampleCredential(n), loader);
    const exported = structuredClone(await exportCanonicalTemplates());
    expect(exported.shapes).toHaveLength(1);
    clearCanonicalTemplates();
    importCanonicalTemplates(exported);
    const before = canonicalTemplateStats();
    for (const n of [3, 4]) expect(await canonicalize(sampleCredential(n), loader)).toBe(await canonicalizeFull(sampleCredential(n), loader));
    const after = canonicalTemplateStats();
    expect(after.templated - before.templated).toBe(2);
    expect(after.full - before.full).toBe(0);
  });

  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const iriOrNot = fc.oneof(
    fc.constantFrom('https://example.org/a', 'https://example.org/b', 'urn:uuid:1', 'did:example:42', 'mailto:a@b.c', 'http:relative', 'xsd:string'),
    fc.constantFrom('_:b1', 'not an iri', 'relative/path', '', 'https://e.org/a b', '@id', 'Badge', 'Certificate', 'ext:Custom'),
    text.map((s) => `https://example.org/${encodeURIComponent(s)}`),
  );
  const credentialArb = fc.record(
    {
      id: iriOrNot,
      issuerId: fc.constantFrom('https://example.org/a', ISSUER_ID, 'did:web:example.org'),
      name: text,
      validFrom: fc.oneof(fc.constant('2024-01-01T00:00:00Z'), text),
      subjectId: fc.option(iriOrNot, { nil: undefined }),
      hash: text,
      achievementId: iriOrNot,
      achievementType: fc.option(iriOrNot, { nil: undefined }),
      narrative: text,
      tags: fc.option(fc.array(fc.oneof(text, fc.constant('same')), { maxLength: 3 }), { nil: undefined }),
      image: fc.option(iriOrNot, { nil: undefined }),
    },
    { requiredKeys: ['id', 'issuerId', 'name', 'validFrom', 'hash', 'achievementId', 'narrative'] },
  );

  it('gives exactly what full canonicalization gives, for many credentials of a few shapes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(credentialArb, async (c) => {
        const doc: Json = {
          '@context': [CONTEXT.credentialsV2, CONTEXT.ob3],
          id: c.id,
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          issuer: { id: c.issuerId, type: ['Profile'], name: c.name },
          validFrom: c.validFrom,
          name: c.name,
          credentialSubject: {
            ...(c.subjectId === undefined ? {} : { id: c.subjectId }),
            type: ['AchievementSubject'],
            identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: c.hash, salt: c.name }],
            achievement: {
              id: c.achievementId,
              type: ['Achievement'],
              name: c.name,
              criteria: { narrative: c.narrative },
              ...(c.achievementType === undefined ? {} : { achievementType: c.achievementType }),
              ...(c.tags === undefined ? {} : { tag: c.tags }),
              ...(c.image === undefined ? {} : { image: { id: c.image, type: 'Image' } }),
            },
          },
        };
        const full = await canonicalizeFull(doc, loader).then(
          (v) => ({ ok: true, v }),
          () => ({ ok: false, v: '' }),
        );
        const fast = await canonicalize(doc, loader).then(
          (v) => ({ ok: true, v }),
          () => ({ ok: false, v: '' }),
        );
        expect(fast).toEqual(full);
      }),
      { numRuns: 300 },
    );
    const stats = canonicalTemplateStats();
    expect(stats.templated).toBeGreaterThan(100);
    expect(stats.full).toBeGreaterThan(0);
  });
});
