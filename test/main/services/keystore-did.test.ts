import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDidDocument, verificationMethodId } from '../../../shared/did/web.js';
import { signDataIntegrity } from '../../../shared/sign/data-integrity.js';
import { createDocumentLoader } from '../../../shared/sign/document-loader.js';
import type { Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { peerVerify, sampleCredential } from '../../../bench/ob3-di-fixtures.js';
import { initKeystore } from '../../../main/services/keystore.js';
import { createIssuer, createWorkspace } from '../../../main/services/workspace.js';

describe('keystore keys in the did:web document (verified by @digitalbazaar/vc)', () => {
  it('credentials signed before a rotation still verify against the new DID document', async () => {
    const ws = createWorkspace(mkdtempSync(join(tmpdir(), 'bs-did-')), { clock: () => new Date('2026-04-01T09:00:00Z') });
    const issuer = createIssuer(ws, { name: 'Club', url: 'https://club.example/', siteUrl: 'https://badges.example.org/club/' });
    const keystore = await initKeystore(ws, 'pw', { cost: { N: 2 ** 10 } });

    async function signWithActiveKey(n: number) {
      const key = keystore.activeKey('Ed25519');
      const credential = { ...sampleCredential(n), issuer: { id: issuer.did, type: ['Profile'], name: issuer.name, url: issuer.url } };
      return signDataIntegrity(credential, {
        privateKey: (await keystore.privateJwk(key.id)) as unknown as Ed25519PrivateJwk,
        verificationMethod: verificationMethodId(issuer.did, key),
        created: '2026-04-01T09:00:00Z',
      });
    }

    const before = await signWithActiveKey(1);
    const oldKeys = keystore.list();
    await keystore.rotate('Ed25519');
    const after = await signWithActiveKey(2);

    const loaderFor = (keys: typeof oldKeys) =>
      createDocumentLoader({ documents: new Map([[issuer.did, buildDidDocument(issuer.did, keys)]]) }) as (url: string) => Promise<unknown>;
    const current = loaderFor(keystore.list());
    expect(await peerVerify(before, current)).toBe(true);
    expect(await peerVerify(after, current)).toBe(true);
    // A document that dropped the old key would break old credentials; one without the new key breaks new ones.
    expect(await peerVerify(before, loaderFor(keystore.list().filter((k) => k.status === 'active')))).toBe(false);
    expect(await peerVerify(after, loaderFor(oldKeys))).toBe(false);
    ws.close();
  });
});
