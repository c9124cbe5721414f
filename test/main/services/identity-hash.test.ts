import { describe, expect, it } from 'vitest';
import { ob2EmailRecipient } from '../../../shared/ob2/build.js';
import { emailIdentityObject, hashIdentity, identityMatches } from '../../../shared/ob3/identity.js';
import { emailIdentityObjectSync, hashIdentitySync, identitySalt, ob2EmailRecipientSync } from '../../../main/services/identity-hash.js';

describe('synchronous identity hashing', () => {
  it('gives the same hash as the WebCrypto path, including non-ASCII addresses', async () => {
    for (const [email, salt] of [['a@example.org', 'abc'], ['élodie.lefèvre@exemple.fr', 'sel-Ü'], ['x@y.z', '']] as const) {
      expect(hashIdentitySync(email, salt)).toBe(await hashIdentity(email, salt));
    }
  });

  it('builds the same OB 3.0 IdentityObject and OB 2.0 recipient for a given salt', async () => {
    const email = '  Francois.Muller@Example.FR ';
    expect(emailIdentityObjectSync(email, 'salt1')).toEqual(await emailIdentityObject(email, 'salt1'));
    expect(ob2EmailRecipientSync(email, 'salt2')).toEqual(await ob2EmailRecipient(email, 'salt2'));
    expect(await identityMatches(emailIdentityObjectSync(email, identitySalt('id-1')), 'francois.muller@example.fr')).toBe(true);
  });

  it('derives a distinct 128-bit base64url salt per issuance, the same each time', () => {
    const ids = Array.from({ length: 1000 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const salts = ids.map(identitySalt);
    expect(new Set(salts).size).toBe(1000);
    for (const salt of salts) {
      expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    }
    expect(ids.map(identitySalt)).toEqual(salts);
  });
});
