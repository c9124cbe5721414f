import { describe, expect, it } from 'vitest';
import { base64urlEncode, utf8Encode } from '../../shared/bytes.js';
import { badgeVersionOfPayload } from '../../main/cli/payload.js';

const jws = (payload: unknown) => `eyJhbGciOiJSUzI1NiJ9.${base64urlEncode(utf8Encode(JSON.stringify(payload)))}.c2ln`;

describe('badgeVersionOfPayload', () => {
  it('tells OB 3.0 from OB 2.0, in JSON and in a JWS', () => {
    expect(badgeVersionOfPayload(JSON.stringify({ type: ['VerifiableCredential', 'OpenBadgeCredential'] }), 'a.json')).toBe('ob3');
    expect(badgeVersionOfPayload(JSON.stringify({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion' }), 'a.json')).toBe('ob2');
    expect(badgeVersionOfPayload(jws({ type: 'Assertion' }), 'a.jws')).toBe('ob2');
    expect(badgeVersionOfPayload(jws({ vc: { type: ['VerifiableCredential'] } }), 'a.jws')).toBe('ob3');
    expect(badgeVersionOfPayload(jws({ type: ['VerifiableCredential', 'OpenBadgeCredential'], iss: 'did:web:x' }), 'a.jws')).toBe('ob3');
  });

  it('refuses a JSON document or JWS that is not a credential, instead of baking it as OB 3.0', () => {
    expect(() => badgeVersionOfPayload('{"hello":1}', 'notcred.json')).toThrow(/ERR_CREDENTIAL_INVALID|not an Open Badges credential/);
    expect(() => badgeVersionOfPayload(jws({ sub: 'x' }), 'a.jws')).toThrow(/not an Open Badges credential/);
  });
});
