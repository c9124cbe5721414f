import { describe, expect, it } from 'vitest';
import { checkRowValues, createCredentialBuilder, type CredentialRowInput } from '../../../main/services/credential-template.js';

const fixed = {
  issuer: { id: 'did:web:badges.example.org:a', name: 'Amicale', url: 'https://a.example.org/' },
  achievement: { id: 'https://badges.example.org/a/badges/b.json', name: 'Premiers secours', description: 'Formation.', criteria: { narrative: 'Deux journées.' } },
};
const identifier = [{ type: 'IdentityObject' as const, identityType: 'emailAddress' as const, hashed: true, identityHash: `sha256$${'1'.repeat(64)}`, salt: 's' }];
const row = (n: number, extra: Partial<CredentialRowInput> = {}): CredentialRowInput => ({
  id: `6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c0${n}`,
  recipient: { identifier },
  validFrom: '2026-05-01T12:00:00Z',
  evidence: [{ id: `https://example.org/preuve/${n}` }],
  narrative: 'Bien.',
  ...extra,
});

describe('per-row values of a batch credential', () => {
  it('refuses, on the first row and on rows built from the template, what JSON-LD safe mode would refuse', () => {
    for (const bad of ['https://example.org/a b', 'https://example.org/"x"', 'https://example.org/<x>', 'https://example.org/\u200bx', 'no-scheme']) {
      const build = createCredentialBuilder(fixed);
      expect(() => build(row(1, { evidence: [{ id: bad }] })), bad).toThrow(expect.objectContaining({ code: 'ERR_CREDENTIAL_INVALID', message: expect.stringContaining('/evidence/0/id') }));
      build(row(2));
      expect(() => build(row(3, { evidence: [{ id: bad }] })), bad).toThrow(expect.objectContaining({ code: 'ERR_CREDENTIAL_INVALID' }));
    }
  });

  it('refuses control characters in the recipient name and narrative, and a DID with a space', () => {
    expect(() => checkRowValues(row(1, { recipient: { identifier, name: 'Evil\u001b]0;x\u0007' } }))).toThrow(/credentialSubject\/name.*U\+001B/);
    expect(() => checkRowValues(row(1, { narrative: 'a\u202eb' }))).toThrow(/narrative.*text-direction/);
    expect(() => checkRowValues(row(1, { recipient: { id: 'did:example:a b', identifier } }))).toThrow(/credentialSubject\/id/);
  });

  it('accepts ordinary values: accents, emoji joiners, multi-line narratives, IRIs', () => {
    expect(() => checkRowValues(row(1, { recipient: { id: 'did:key:z6Mkabc', identifier, name: 'Élodie 👩‍🚒' }, narrative: 'Ligne 1\r\nLigne 2\tfin' }))).not.toThrow();
    expect(() => checkRowValues(row(1, { evidence: [{ id: 'urn:uuid:6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c01' }, { id: 'https://example.org/é?q=1%20x#y' }] }))).not.toThrow();
  });
});
