import { hexEncode, sha256 } from '../bytes.js';
import { identityMatches, normalizeEmail } from '../ob3/identity.js';
import type { VerificationCheck } from './types.js';
import { asArray, fail, isObject, pass, say, type Sentence } from './util.js';

const MISMATCH = (email: string): Sentence => say('verify.recipient.mismatch', { email });
const MATCH = (email: string): Sentence => say('verify.recipient.match', { email });

/** OB 3.0: a hashed or plaintext IdentityObject in credentialSubject.identifier, or a mailto: subject id. */
export async function checkOb3Recipient(subject: unknown, email: string): Promise<VerificationCheck> {
  if (!isObject(subject)) return fail('recipient', 'ERR_RECIPIENT_MISMATCH', MISMATCH(email));
  for (const identifier of asArray(subject.identifier)) {
    if (await identityMatches(identifier, email)) return pass('recipient', MATCH(email));
  }
  if (typeof subject.id === 'string' && subject.id.toLowerCase() === `mailto:${normalizeEmail(email)}`) {
    return pass('recipient', MATCH(email));
  }
  return fail('recipient', 'ERR_RECIPIENT_MISMATCH', MISMATCH(email));
}

/**
 * OB 2.0 IdentityObject {type:'email', hashed, salt?, identity}. The hash is over the address as issuers
 * wrote it; we try the address as typed (trimmed) and its normalized (lower-case) form.
 */
export async function checkOb2Recipient(recipient: unknown, email: string): Promise<VerificationCheck> {
  if (!isObject(recipient) || typeof recipient.identity !== 'string') {
    return fail('recipient', 'ERR_RECIPIENT_MISMATCH', say('verify.recipient.none'));
  }
  if (recipient.type !== undefined && recipient.type !== 'email') {
    return fail('recipient', 'ERR_RECIPIENT_MISMATCH', say('verify.recipient.notEmail', { type: String(recipient.type) }));
  }
  const candidates = [...new Set([email.trim(), normalizeEmail(email)])];
  const identity = recipient.identity;
  if (recipient.hashed === true) {
    const [algorithm = '', expected = ''] = identity.split('$', 2);
    if (algorithm.toLowerCase() !== 'sha256') {
      return fail('recipient', 'ERR_RECIPIENT_HASH_UNSUPPORTED', `The recipient hash uses ${algorithm || 'an unknown algorithm'}; only sha256 can be checked.`);
    }
    const salt = typeof recipient.salt === 'string' ? recipient.salt : '';
    for (const candidate of candidates) {
      if (hexEncode(await sha256(candidate + salt)) === expected.toLowerCase()) return pass('recipient', MATCH(email));
    }
    return fail('recipient', 'ERR_RECIPIENT_MISMATCH', MISMATCH(email));
  }
  if (candidates.some((candidate) => candidate === identity.trim() || candidate === normalizeEmail(identity))) {
    return pass('recipient', MATCH(email));
  }
  return fail('recipient', 'ERR_RECIPIENT_MISMATCH', MISMATCH(email));
}
