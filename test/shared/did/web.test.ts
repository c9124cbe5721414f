import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base64urlEncode, hexDecode } from '../../../shared/bytes.js';
import { buildDidDocument } from '../../../shared/did/web.js';
import { didWebFromSiteUrl, normalizeSiteUrl, siteLayout } from '../../../shared/site/urls.js';
import { describeOfficial, vectorPath } from '../../fixtures/vectors.js';

describe('site URL layout and did:web', () => {
  it('derives did:web identifiers and DID document locations per the did:web spec', () => {
    expect(didWebFromSiteUrl('https://badges.example.org/issuers/acme')).toBe('did:web:badges.example.org:issuers:acme');
    expect(didWebFromSiteUrl('https://badges.example.org')).toBe('did:web:badges.example.org');
    expect(didWebFromSiteUrl('https://localhost:8443/a/')).toBe('did:web:localhost%3A8443:a');
    expect(siteLayout('https://badges.example.org').didDocument).toBe('.well-known/did.json');
    expect(siteLayout('https://badges.example.org/acme').didDocument).toBe('did.json');
    expect(normalizeSiteUrl(' https://Badges.Example.org/acme// ')).toBe('https://badges.example.org/acme/');
  });

  it('refuses site URLs did:web cannot express and unsafe path segments', () => {
    for (const bad of ['http://badges.example.org/', 'https://x.org/?a=1', 'https://x.org/#f', 'not a url', 'https://x.org/a:b/']) {
      expect(() => normalizeSiteUrl(bad), bad).toThrow(expect.objectContaining({ code: 'ERR_SITE_URL_INVALID' }));
    }
    const layout = siteLayout('https://badges.example.org/acme/');
    expect(() => layout.credential('../../etc/passwd', 'json')).toThrow(expect.objectContaining({ code: 'ERR_URL_SEGMENT_INVALID' }));
    expect(layout.url(layout.credential('abc', 'json'))).toBe('https://badges.example.org/acme/credentials/abc.json');
    expect(layout.url(layout.statusList('1'))).toBe('https://badges.example.org/acme/status/1.json');
    // JWK thumbprints are base64url and may start with - or _.
    expect(layout.keyJwk('_SbfOB4Zs-x')).toBe('keys/_SbfOB4Zs-x.json');
    expect(layout.keyJwk('-abc')).toBe('keys/-abc.json');
    expect(() => layout.keyJwk('.hidden')).toThrow(expect.objectContaining({ code: 'ERR_URL_SEGMENT_INVALID' }));
  });

  it('lists RSA and P-256 keys as JsonWebKey methods with public members only', () => {
    const doc = buildDidDocument('did:web:x.org', [
      { id: 'rsa1', type: 'RSA', publicJwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'secret' } as never },
      { id: 'ec1', type: 'P-256', publicJwk: { kty: 'EC', crv: 'P-256', x: 'xx', y: 'yy' } },
    ]);
    expect(doc.verificationMethod.map((vm) => vm.id)).toEqual(['did:web:x.org#rsa1', 'did:web:x.org#ec1']);
    expect(JSON.stringify(doc)).not.toContain('secret');
    expect(doc['@context']).toHaveLength(3);
  });
});

describeOfficial('did:web: the 1EdTech test vector key', () => {
  it('names the Ed25519 method by the multibase key of the 1EdTech test vector', () => {
    const vector = JSON.parse(readFileSync(vectorPath('ob3/1edtech-impl-guide-testvector/testvector-key-and-expected.json'), 'utf8')) as {
      publicKeyHex: string;
      publicKeyMultibase: string;
    };
    const x = base64urlEncode(hexDecode(vector.publicKeyHex));
    const did = 'did:web:badges.example.org:acme';
    const doc = buildDidDocument(did, [{ id: 'k1', type: 'Ed25519', publicJwk: { kty: 'OKP', crv: 'Ed25519', x } }]);
    const id = `${did}#${vector.publicKeyMultibase}`;
    expect(doc.verificationMethod).toEqual([{ id, type: 'Multikey', controller: did, publicKeyMultibase: vector.publicKeyMultibase }]);
    expect(doc.assertionMethod).toEqual([id]);
    expect(doc['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
  });
});
