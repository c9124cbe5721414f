import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailProblem, identityMatches, isValidEmail, legacyNormalizeEmail, normalizeEmail } from '../../../shared/ob3/identity.js';
import { emailIdentityObjectSync, hashIdentitySync, ob2EmailRecipientSync } from '../../../main/services/identity-hash.js';

const sha = (text: string) => `sha256$${createHash('sha256').update(text, 'utf8').digest('hex')}`;

describe('e-mail normalisation before hashing and de-duplicating', () => {
  it('makes look-alikes one identity: case, NFC/NFD, IDN/punycode, full-width dots', () => {
    const same = (forms: string[]) => expect(new Set(forms.map(normalizeEmail)).size, forms.join(' | ')).toBe(1);
    same(['look@example.org', ' LOOK@Example.ORG ']);
    same(['caf\u00e9@example.org', 'cafe\u0301@example.org', 'CAFE\u0301@EXAMPLE.ORG']);
    same(['user@b\u00fccher.example', 'user@xn--bcher-kva.example', 'user@B\u00dcCHER.example', 'user@XN--BCHER-KVA.example']);
    same(['user@example.org', 'user@example\uff0eorg']);
    expect(normalizeEmail('user@b\u00fccher.example')).toBe(`user@${domainToASCII('bücher.example')}`);
  });

  it('leaves plain ASCII addresses exactly as the first normalisation did (existing hashes stay valid)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcXYZ019.-_+@ \t'.split('')), maxLength: 40 }), (email) => {
        expect(normalizeEmail(email)).toBe(email.trim().toLowerCase());
        expect(hashIdentitySync(normalizeEmail(email), 's')).toBe(sha(`${email.trim().toLowerCase()}s`));
      }),
    );
    // The hash recorded for an address before this change, recomputed now.
    expect(emailIdentityObjectSync('  Francois.Muller@Example.FR ', 'salt1').identityHash).toBe(sha('francois.muller@example.frsalt1'));
    expect(ob2EmailRecipientSync('A@B.org', 'x').identity).toBe(sha('a@b.orgx'));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('example.org', 'bücher.example', 'ÉCOLE.fr', 'xn--bcher-kva.example'), (local, domain) => {
        const once = normalizeEmail(`${local}@${domain}`);
        expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });

  it('refuses addresses that hide characters: NUL, zero-width, bidi, soft hyphen, no-break space', () => {
    for (const email of ['lo\u0000ok@example.org', 'look\u200b@example.org', 'rtl\u202e@example.org', 'soft\u00adhyphen@example.org', 'a\u00a0b@example.org', 'a@exa\u200dmple.org', 'a@exa\ufeffmple.org']) {
      expect(isValidEmail(email), JSON.stringify(email)).toBe(false);
      expect(emailProblem(email)).toMatch(/is not a valid e-mail address\. The e-mail address contains (a control|an invisible|a text-direction)/);
    }
    for (const email of ['a@b', 'a b@example.org', 'a@exa mple.org', 'a@@example.org', 'a@example..org']) expect(isValidEmail(email), email).toBe(false);
    for (const email of ['élodie.lefèvre@exemple.fr', 'user@bücher.example', 'x+tag@sub.example.org']) expect(isValidEmail(email), email).toBe(true);
  });

  it('still matches credentials hashed before IDN/NFC normalisation, and new ones from any look-alike form', async () => {
    const legacy = { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 's1', identityHash: sha(`${legacyNormalizeEmail('User@Bücher.example')}s1`) };
    expect(await identityMatches(legacy, 'user@bücher.example')).toBe(true);
    expect(await identityMatches(legacy, 'USER@BÜCHER.EXAMPLE')).toBe(true);
    const fresh = emailIdentityObjectSync('user@bücher.example', 's2');
    for (const form of ['user@xn--bcher-kva.example', 'User@BÜCHER.example', 'user@bu\u0308cher.example']) expect(await identityMatches(fresh, form), form).toBe(true);
    expect(await identityMatches(fresh, 'user@bucher.example')).toBe(false);
  });
});
