import { BadgeError } from '../errors.js';
import { hashIdentity, newSalt, normalizeEmail } from '../ob3/identity.js';
import { dateTimeZ as dateTime, withoutUndefined as compact } from '../ob3/credential.js';

/** Open Badges 2.0 objects as Badgesmith emits them (hosted or signed verification). */

export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

export type Ob2Object = Record<string, unknown> & { '@context': string; id: string; type: string };

export interface Ob2Recipient {
  type: 'email' | 'url' | 'telephone';
  hashed: boolean;
  identity: string;
  salt?: string;
}

export interface Ob2VerificationPolicy {
  /** Bare host names (with port if any), not URLs: `badges.example.org`. */
  allowedOrigins?: string[];
  startsWith?: string[];
}

export interface Ob2IssuerInput {
  id: string;
  name: string;
  url: string;
  email: string;
  description?: string;
  image?: string;
  telephone?: string;
  publicKey?: string | string[];
  revocationList?: string;
  verification?: Ob2VerificationPolicy;
}

export interface Ob2AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface Ob2BadgeClassInput {
  id: string;
  name: string;
  description: string;
  /** PNG or SVG URL (or data URI: allowed for a BadgeClass). */
  image: string;
  /** A criteria page URL, or a narrative (Markdown). */
  criteria: string | { id?: string; narrative?: string };
  issuer: string | Ob2Object;
  alignment?: Ob2AlignmentInput[];
  tags?: string[];
}

export type Ob2VerificationInput = { type: 'HostedBadge' } | { type: 'SignedBadge'; creator: string };

export interface Ob2AssertionInput {
  id: string;
  recipient: Ob2Recipient;
  badge: string | Ob2Object;
  issuedOn: string | Date;
  verification: Ob2VerificationInput;
  expires?: string | Date;
  image?: string;
  evidence?: string | string[];
  narrative?: string;
}

/** `sha256$…` e-mail recipient of OB 2.0, with the same normalisation as OB 3.0 (trim, lower-case). */
export async function ob2EmailRecipient(email: string, salt: string = newSalt()): Promise<Ob2Recipient> {
  return { type: 'email', hashed: true, salt, identity: await hashIdentity(normalizeEmail(email), salt) };
}

export function buildOb2Issuer(input: Ob2IssuerInput): Ob2Object {
  const verification =
    input.verification === undefined
      ? undefined
      : compact({ type: 'VerificationObject', allowedOrigins: checkOrigins(input.verification.allowedOrigins), startsWith: input.verification.startsWith });
  return compact({
    '@context': OB2_CONTEXT,
    type: 'Issuer',
    id: input.id,
    name: input.name,
    url: input.url,
    email: input.email,
    description: input.description,
    image: input.image,
    telephone: input.telephone,
    publicKey: input.publicKey,
    revocationList: input.revocationList,
    verification,
  }) as Ob2Object;
}

export function buildOb2BadgeClass(input: Ob2BadgeClassInput): Ob2Object {
  const criteria =
    typeof input.criteria === 'string'
      ? /^https?:\/\//.test(input.criteria)
        ? input.criteria
        : { narrative: input.criteria }
      : compact({ ...input.criteria });
  return compact({
    '@context': OB2_CONTEXT,
    type: 'BadgeClass',
    id: input.id,
    name: input.name,
    description: input.description,
    image: input.image,
    criteria,
    issuer: input.issuer,
    alignment: input.alignment?.map((alignment) => compact({ ...alignment })),
    tags: input.tags === undefined || input.tags.length === 0 ? undefined : [...input.tags],
  }) as Ob2Object;
}

export function buildOb2Assertion(input: Ob2AssertionInput): Ob2Object {
  const issuedOn = dateTime(input.issuedOn, 'issuedOn');
  const expires = input.expires === undefined ? undefined : dateTime(input.expires, 'expires');
  if (expires !== undefined && Date.parse(expires) <= Date.parse(issuedOn)) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `expires (${expires}) must be later than issuedOn (${issuedOn}).`);
  }
  if (input.image?.startsWith('data:')) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'An OB 2.0 Assertion image must be a URL, not a data URI (validators refuse it).');
  }
  return compact({
    '@context': OB2_CONTEXT,
    type: 'Assertion',
    id: input.id,
    recipient: compact({ ...input.recipient }),
    badge: input.badge,
    verification: { ...input.verification },
    issuedOn,
    expires,
    image: input.image,
    evidence: input.evidence,
    narrative: input.narrative,
  }) as Ob2Object;
}

/** The CryptographicKey document a signed badge's `verification.creator` points to. */
export function buildCryptographicKey(input: { id: string; owner: string; publicKeyPem: string }): Ob2Object {
  if (!input.publicKeyPem.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new BadgeError('ERR_KEY_INVALID', 'publicKeyPem must be a PEM "PUBLIC KEY" (SPKI) block.');
  }
  return { '@context': OB2_CONTEXT, type: 'CryptographicKey', id: input.id, owner: input.owner, publicKeyPem: input.publicKeyPem };
}

export type Ob2Revocation = string | { id: string; revocationReason?: string };

export function buildRevocationList(input: { id: string; issuer: string; revokedAssertions: Ob2Revocation[] }): Ob2Object {
  return {
    '@context': OB2_CONTEXT,
    type: 'RevocationList',
    id: input.id,
    issuer: input.issuer,
    revokedAssertions: input.revokedAssertions.map((entry) => (typeof entry === 'string' ? entry : compact({ ...entry }))),
  };
}

/** What to publish at a hosted assertion's URL once it is revoked (a static host cannot send 410). */
export function buildRevokedHostedAssertion(input: { id: string; revocationReason?: string }): Ob2Object {
  return compact({ '@context': OB2_CONTEXT, type: 'Assertion', id: input.id, revoked: true, revocationReason: input.revocationReason }) as Ob2Object;
}

/** PEM (SPKI) text of a public key, as CryptographicKey.publicKeyPem wants it. */
export function spkiPem(spki: Uint8Array): string {
  let binary = '';
  for (const byte of spki) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----`;
}

/** The PEM public key of an RSA JWK (private or public), through WebCrypto. */
export async function publicKeyPemFromRsaJwk(jwk: JsonWebKey): Promise<string> {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new BadgeError('ERR_KEY_TYPE_MISMATCH', 'OB 2.0 signed badges need an RSA key.');
  }
  const key = await globalThis.crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, ext: true },
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    true,
    ['verify'],
  );
  return spkiPem(new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', key)));
}

function checkOrigins(origins: string[] | undefined): string[] | undefined {
  for (const origin of origins ?? []) {
    if (!/^[a-z0-9.-]+(:\d+)?$/i.test(origin)) {
      throw new BadgeError('ERR_CREDENTIAL_INVALID', `allowedOrigins takes host names such as badges.example.org, not "${origin}".`);
    }
  }
  return origins;
}
