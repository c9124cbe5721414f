import { describe, expect, it } from 'vitest';
import { CONTEXT, KNOWN_CONTEXTS } from '../../../shared/sign/contexts.js';
import { createDocumentLoader } from '../../../shared/sign/document-loader.js';

describe('offline document loader', () => {
  it('knows every context the app signs and verifies with', () => {
    for (const url of [
      CONTEXT.credentialsV2,
      CONTEXT.credentialsV1,
      CONTEXT.ob3,
      CONTEXT.ob3Extensions,
      CONTEXT.did,
      CONTEXT.multikey,
      CONTEXT.dataIntegrityV2,
      CONTEXT.ed25519Signature2020,
      'https://www.w3.org/ns/credentials/status/v1',
    ]) {
      expect(KNOWN_CONTEXTS.has(url), url).toBe(true);
    }
  });

  it('fails unknown URLs with a code instead of fetching', async () => {
    const load = createDocumentLoader();
    await expect(load('https://example.org/unknown-context')).rejects.toMatchObject({ code: 'ERR_LD_DOCUMENT_UNKNOWN' });
    await expect(load('did:web:example.org')).rejects.toMatchObject({ code: 'ERR_DID_UNRESOLVED' });
  });

  it('returns the verification method for a fragment URL', async () => {
    const did = 'did:web:badges.example.org';
    const vm = `${did}#z6MkTest`;
    const load = createDocumentLoader({
      documents: new Map([[did, { '@context': [CONTEXT.did], id: did, verificationMethod: [{ id: vm, type: 'Multikey' }] }]]),
    });
    const { document } = await load(vm);
    expect(document).toMatchObject({ id: vm, type: 'Multikey', '@context': [CONTEXT.did] });
    await expect(load(`${did}#other`)).rejects.toMatchObject({ code: 'ERR_VERIFICATION_METHOD_UNKNOWN' });
  });
});
