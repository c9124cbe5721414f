import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential } from '../../../shared/ob3/credential.js';
import { createCredentialBuilder, type CredentialRowInput } from '../../../main/services/credential-template.js';

const fixed = {
  issuer: { id: 'did:web:badges.example.org:a', name: 'Amicale', url: 'https://a.example.org/' },
  achievement: { id: 'https://badges.example.org/a/badges/b.json', name: 'Premiers secours', description: 'Formation.', criteria: { narrative: 'Deux journées.' } },
};
const identity = (n: number) => ({ type: 'IdentityObject' as const, identityType: 'emailAddress' as const, hashed: true, identityHash: `sha256$${String(n).repeat(64).slice(0, 64)}`, salt: `s${n}` });

const rows: CredentialRowInput[] = [
  { id: '6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c01', recipient: { identifier: [identity(1)] }, validFrom: '2026-05-01T12:00:00Z', validUntil: '2027-05-01T12:00:00Z', credentialStatus: { statusListCredential: 'https://badges.example.org/a/status/1.json', statusListIndex: 7 } },
  { id: '6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c02', recipient: { identifier: [identity(2)] }, validFrom: '2026-04-01T00:00:00Z', validUntil: '2027-04-01T00:00:00Z', credentialStatus: { statusListCredential: 'https://badges.example.org/a/status/2.json', statusListIndex: 99 } },
  { id: 'urn:uuid:6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c03', recipient: { id: 'did:key:z6Mkabc', identifier: [identity(3)], name: 'Élodie' }, validFrom: '2026-05-01T12:00:00Z', narrative: 'Très bien.', evidence: [{ id: 'https://example.org/preuve/1' }] },
  { id: 'urn:uuid:6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c04', recipient: { id: 'did:key:z6Mkdef', identifier: [identity(4)], name: 'Jean' }, validFrom: '2026-05-02T12:00:00Z', narrative: 'Bien.', evidence: [{ id: 'https://example.org/preuve/2' }] },
];

describe('createCredentialBuilder', () => {
  it('builds exactly what buildOpenBadgeCredential builds, key order included, for repeated shapes', () => {
    const build = createCredentialBuilder(fixed);
    for (const row of [...rows, ...rows]) {
      expect(JSON.stringify(build(row))).toBe(JSON.stringify(buildOpenBadgeCredential({ ...fixed, ...row })));
    }
  });

  it('still rejects per-row values the template cannot vouch for', () => {
    const build = createCredentialBuilder(fixed);
    build(rows[0]!);
    expect(() => build({ ...rows[1]!, validUntil: '2026-01-01T00:00:00Z' })).toThrow(/validUntil/);
    expect(() => build({ ...rows[1]!, validFrom: '2026-04-01' })).toThrow(/timezone/);
    expect(() => build({ ...rows[1]!, id: 'not an id' })).toThrow(/neither a UUID/);
    expect(() => build({ ...rows[1]!, credentialStatus: { statusListCredential: 'https://x.example/1', statusListIndex: -1 } })).toThrow(/non-negative/);
  });

  it('does not share mutable subject objects between credentials', () => {
    const build = createCredentialBuilder(fixed);
    const a = build(rows[0]!);
    const b = build(rows[1]!);
    expect(a.credentialSubject).not.toBe(b.credentialSubject);
    expect(a.credentialSubject.identifier).toEqual([identity(1)]);
  });
});
