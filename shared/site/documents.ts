import { buildDidDocument, type DidKey } from '../did/web.js';
import { buildCryptographicKey, buildOb2BadgeClass, buildOb2Issuer, buildRevocationList, buildRevokedHostedAssertion, publicKeyPemFromRsaJwk, type Ob2Object } from '../ob2/build.js';
import { buildAchievement, buildProfile, OB3_CONTEXTS, type ProfileInput } from '../ob3/credential.js';
import type { Achievement, Profile } from '../ob3/types.js';
import type { SiteLayout } from './urls.js';
import type { SiteBadge, SiteImage, SiteIssuer } from './model.js';

/**
 * The machine-readable documents of the site. Issuing links to the same URLs, so these builders
 * are the single place that says what lives there.
 */

/** JWS algorithm for a key type, as published with the single JWK at a `kid` URL. */
const ALG: Record<DidKey['type'], string> = { Ed25519: 'EdDSA', RSA: 'RS256', 'P-256': 'ES256' };

export function imageUrl(layout: SiteLayout, badge: Pick<SiteBadge, 'id' | 'image'>): string | undefined {
  return badge.image ? layout.url(layout.badgeImage(badge.id, badge.image.extension)) : undefined;
}

export function issuerImagePath(issuer: { image?: Pick<SiteImage, 'extension'> | undefined }): string | undefined {
  return issuer.image ? `issuer.${issuer.image.extension}` : undefined;
}

/** What the issuer's Profile says, the same in issuer.json and in every credential issued. */
export interface IssuerProfileSource {
  name: string;
  url: string;
  email: string | null;
  description: string | null;
  image?: Pick<SiteImage, 'extension'> | undefined;
}

export function issuerProfileInput(layout: SiteLayout, issuer: IssuerProfileSource): ProfileInput {
  const image = issuerImagePath(issuer);
  return {
    id: layout.did,
    name: issuer.name,
    url: issuer.url,
    ...(issuer.email ? { email: issuer.email } : {}),
    ...(issuer.description ? { description: issuer.description } : {}),
    ...(image ? { image: layout.url(image) } : {}),
  };
}

/** OB 3.0 issuer Profile (id = the did:web), published as issuer.json. */
export function issuerProfileDocument(layout: SiteLayout, issuer: SiteIssuer): Profile & { '@context': readonly string[] } {
  return { '@context': OB3_CONTEXTS, ...buildProfile(issuerProfileInput(layout, issuer)) };
}

/** OB 3.0 Achievement of a badge class, published as badges/<id>/achievement.json. */
export function achievementDocument(layout: SiteLayout, badge: SiteBadge): Achievement & { '@context': readonly string[] } {
  const image = imageUrl(layout, badge);
  const criteria = {
    ...(badge.criteriaUrl ? { id: badge.criteriaUrl } : {}),
    ...(badge.criteriaNarrative ? { narrative: badge.criteriaNarrative } : {}),
  };
  return {
    '@context': OB3_CONTEXTS,
    ...buildAchievement({
      id: layout.url(layout.achievement(badge.id)),
      name: badge.name,
      description: badge.description,
      achievementType: badge.achievementType as Achievement['achievementType'],
      criteria: criteria.id || criteria.narrative ? criteria : { id: layout.url(layout.badgePage(badge.id)) },
      ...(image ? { image } : {}),
      ...(badge.alignments.length ? { alignment: badge.alignments.map((a) => ({ ...a })) } : {}),
      ...(badge.tags.length ? { tags: [...badge.tags] } : {}),
    }),
  };
}

/** The public JWK a VC-JWT `kid` URL resolves to (a single key, not a set). */
export function jwkDocument(layout: SiteLayout, key: DidKey): Record<string, string> {
  const { kty, crv, x, y, n, e } = key.publicJwk;
  const members = Object.entries({ kty, crv, x, y, n, e }).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { ...Object.fromEntries(members), kid: layout.url(layout.keyJwk(key.id)), alg: ALG[key.type], use: 'sig' };
}

export function didDocument(layout: SiteLayout, keys: readonly DidKey[]): Record<string, unknown> {
  return buildDidDocument(layout.did, keys) as unknown as Record<string, unknown>;
}

/** OB 2.0 Issuer: keys (RSA, every one ever used), revocation list, hosted scope = the site URL. */
export function ob2IssuerDocument(layout: SiteLayout, issuer: SiteIssuer, keys: readonly DidKey[]): Ob2Object {
  const rsaKeys = keys.filter((key) => key.type === 'RSA').map((key) => layout.url(layout.ob2Key(key.id)));
  const image = issuerImagePath(issuer);
  return buildOb2Issuer({
    id: layout.url(layout.ob2Issuer),
    name: issuer.name,
    url: issuer.url,
    email: issuer.email ?? '',
    ...(issuer.description ? { description: issuer.description } : {}),
    ...(image ? { image: layout.url(image) } : {}),
    ...(rsaKeys.length ? { publicKey: rsaKeys.length === 1 ? rsaKeys[0]! : rsaKeys } : {}),
    revocationList: layout.url(layout.ob2RevocationList),
    verification: { allowedOrigins: [new URL(layout.siteUrl).host], startsWith: [layout.siteUrl] },
  });
}

export function ob2BadgeClassDocument(layout: SiteLayout, badge: SiteBadge): Ob2Object {
  const image = imageUrl(layout, badge) ?? layout.url(layout.badgePage(badge.id));
  return buildOb2BadgeClass({
    id: layout.url(layout.ob2BadgeClass(badge.id)),
    name: badge.name,
    description: badge.description,
    image,
    criteria: badge.criteriaUrl
      ? { id: badge.criteriaUrl, ...(badge.criteriaNarrative ? { narrative: badge.criteriaNarrative } : {}) }
      : { id: layout.url(layout.badgePage(badge.id)), ...(badge.criteriaNarrative ? { narrative: badge.criteriaNarrative } : {}) },
    issuer: layout.url(layout.ob2Issuer),
    ...(badge.alignments.length ? { alignment: badge.alignments.map((a) => ({ ...a })) } : {}),
    ...(badge.tags.length ? { tags: badge.tags } : {}),
  });
}

export async function ob2KeyDocument(layout: SiteLayout, key: DidKey): Promise<Ob2Object> {
  return buildCryptographicKey({
    id: layout.url(layout.ob2Key(key.id)),
    owner: layout.url(layout.ob2Issuer),
    publicKeyPem: await publicKeyPemFromRsaJwk(key.publicJwk as JsonWebKey),
  });
}

export function ob2RevocationListDocument(layout: SiteLayout, revoked: readonly { credentialId: string; reason: string | null }[]): Ob2Object {
  return buildRevocationList({
    id: layout.url(layout.ob2RevocationList),
    issuer: layout.url(layout.ob2Issuer),
    revokedAssertions: revoked.map((entry) => (entry.reason ? { id: entry.credentialId, revocationReason: entry.reason } : entry.credentialId)),
  });
}

export function ob2RevokedAssertionDocument(credentialId: string, reason: string | null): Ob2Object {
  return buildRevokedHostedAssertion({ id: credentialId, ...(reason ? { revocationReason: reason } : {}) });
}
