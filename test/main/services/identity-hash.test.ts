import { describe, expect, it } from 'vitest';
import { ob2EmailRecipient } from '../../../shared/ob2/build.js';
import { emailIdentityObject, hashIdentity, identityMatches } from '../../../shared/ob3/identity.js';
import { emailIdentityObjectSync, hashIdentitySync, newSaltSync, ob2EmailRecipientSync } from '../../../main/services/identity-hash.js';

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
    expect(await identityMatches(emailIdentityObjectSync(email), 'francois.muller@example.fr')).toBe(true);
  });

  it('draws a fresh 128-bit base64url salt each time', () => {
    const a = newSaltSync();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newSaltSync()).not.toBe(a);
    const many = Array.from({ length: 1000 }, () => newSaltSync());
    expect(new Set(many).size).toBe(1000);
    for (const salt of many) expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
  });
});
