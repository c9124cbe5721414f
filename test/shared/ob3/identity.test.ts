import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailIdentityObject, hashIdentity, identityMatches, isValidEmail, newSalt, normalizeEmail } from '../../../shared/ob3/identity.js';

const nodeHash = (text: string) => `sha256$${createHash('sha256').update(text, 'utf8').digest('hex')}`;

describe('e-mail identity', () => {
  it('reproduces the spec examples', async () => {
    expect(await hashIdentity('a@example.com', 'Kosher')).toBe(nodeHash('a@example.comKosher'));
    expect(await hashIdentity('mayze', '')).toBe('sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6');
  });

  it('normalises before hashing', async () => {
    expect(normalizeEmail('  Ada@Example.ORG ')).toBe('ada@example.org');
    const identity = await emailIdentityObject('  Ada@Example.ORG ', 'salt1');
    expect(identity).toEqual({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      identityHash: nodeHash('ada@example.orgsalt1'),
      salt: 'salt1',
    });
  });

  it('gives each credential a fresh salt', async () => {
    expect(newSalt()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newSalt()).not.toBe(newSalt());
    expect((await emailIdentityObject('a@b.org')).identityHash).not.toBe((await emailIdentityObject('a@b.org')).identityHash);
  });

  it('matches hashed and plaintext identities', async () => {
    const identity = await emailIdentityObject('ada@example.org', 'x');
    expect(await identityMatches(identity, ' ADA@example.org')).toBe(true);
    expect(await identityMatches(identity, 'bob@example.org')).toBe(false);
    expect(await identityMatches({ ...identity, identityHash: identity.identityHash.toUpperCase().replace('SHA256', 'sha256') }, 'ada@example.org')).toBe(true);
    // an issuer that hashed the address exactly as typed
    expect(await identityMatches({ ...identity, identityHash: nodeHash('Ada@Example.org' + 'x') }, 'Ada@Example.org')).toBe(true);
    expect(await identityMatches({ type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'Ada@example.org' }, 'ada@example.org')).toBe(true);
    expect(await identityMatches({ ...identity, identityType: 'name' }, 'ada@example.org')).toBe(false);
    expect(await identityMatches({ ...identity, identityHash: identity.identityHash.replace('sha256', 'md5') }, 'ada@example.org')).toBe(false);
    expect(await identityMatches(null, 'ada@example.org')).toBe(false);
  });

  it('validates addresses pragmatically', () => {
    expect(isValidEmail(' Ada@Example.org ')).toBe(true);
    for (const bad of ['ada', 'ada@', '@example.org', 'ada@example', 'a b@example.org', 'a@@example.org']) expect(isValidEmail(bad)).toBe(false);
  });
});
