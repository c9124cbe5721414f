import { BadgeError } from '../errors.js';

/**
 * THE url layout of every document Badgesmith publishes, derived from the issuer's site URL.
 * Every builder and the site exporter take paths and URLs from here; nothing else spells them.
 * Paths are relative to the site root (no leading slash); URLs are `siteUrl + path`.
 */

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

function segment(value: string, what: string): string {
  if (!SEGMENT.test(value) || value.includes('..')) {
    throw new BadgeError('ERR_URL_SEGMENT_INVALID', `"${value}" cannot be used as a ${what} in a site URL (letters, digits, dot, dash, underscore).`);
  }
  return value;
}

/** Validates an issuer site URL and returns it in canonical form (https, no query/fragment, trailing slash). */
export function normalizeSiteUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BadgeError('ERR_SITE_URL_INVALID', `"${input}" is not a URL. Give the address where the verification site will live, e.g. https://badges.example.org/acme/.`);
  }
  if (url.protocol !== 'https:') {
    throw new BadgeError('ERR_SITE_URL_INVALID', `The site URL must start with https:// (did:web requires it): "${input}".`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new BadgeError('ERR_SITE_URL_INVALID', `The site URL must not contain a query, fragment or credentials: "${input}".`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  for (const part of path.split('/').filter(Boolean)) {
    if (part.includes(':') || part === '.' || part === '..') {
      throw new BadgeError('ERR_SITE_URL_INVALID', `The site URL path part "${part}" cannot be used in a did:web identifier.`);
    }
  }
  return `${url.protocol}//${url.host}${path}/`;
}

/** did:web identifier for a site URL: `https://host:8443/a/b/` → `did:web:host%3A8443:a:b`. */
export function didWebFromSiteUrl(siteUrl: string): string {
  const url = new URL(normalizeSiteUrl(siteUrl));
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const parts = url.pathname.split('/').filter(Boolean);
  return ['did:web', host, ...parts].join(':');
}

/** Where the DID document lives: `.well-known/did.json` for a host-only URL, `did.json` otherwise. */
export function didDocumentPath(siteUrl: string): string {
  return new URL(normalizeSiteUrl(siteUrl)).pathname === '/' ? '.well-known/did.json' : 'did.json';
}

export type CredentialFileExtension = 'json' | 'jws' | 'png' | 'svg' | 'html';

export interface SiteLayout {
  /** Canonical site URL with a trailing slash. */
  readonly siteUrl: string;
  /** did:web identifier of the issuer. */
  readonly did: string;
  /** Absolute URL for a site path. */
  url(path: string): string;
  readonly didDocument: string;
  /** OB 3.0 issuer Profile JSON (the human page is index.html). */
  readonly profile: string;
  readonly index: string;
  /** Single public JWK for a VC-JWT `kid`. */
  keyJwk(kid: string): string;
  /** Signed BitstringStatusListCredential. */
  statusList(listId: string): string;
  readonly ob2Issuer: string;
  /** OB 2.0 CryptographicKey document. */
  ob2Key(keyId: string): string;
  readonly ob2RevocationList: string;
  /** Human page of a badge class. */
  badgePage(badgeId: string): string;
  /** OB 3.0 Achievement JSON. */
  achievement(badgeId: string): string;
  /** OB 2.0 BadgeClass JSON. */
  ob2BadgeClass(badgeId: string): string;
  /** Badge artwork as published (`badges/<id>/image.png|svg`). */
  badgeImage(badgeId: string, extension: 'png' | 'svg'): string;
  /** A credential file (`credentials/<id>.json|jws|png|svg`) or its human page (`.html`). */
  credential(issuanceId: string, extension: CredentialFileExtension): string;
  readonly verifier: string;
}

export function siteLayout(siteUrlInput: string): SiteLayout {
  const siteUrl = normalizeSiteUrl(siteUrlInput);
  return {
    siteUrl,
    did: didWebFromSiteUrl(siteUrl),
    url: (path) => `${siteUrl}${path.replace(/^\/+/, '')}`,
    didDocument: didDocumentPath(siteUrl),
    profile: 'issuer.json',
    index: 'index.html',
    keyJwk: (kid) => `keys/${segment(kid, 'key id')}.json`,
    statusList: (listId) => `status/${segment(listId, 'status list id')}.json`,
    ob2Issuer: 'ob2/issuer.json',
    ob2Key: (keyId) => `ob2/keys/${segment(keyId, 'key id')}.json`,
    ob2RevocationList: 'ob2/revocations.json',
    badgePage: (badgeId) => `badges/${segment(badgeId, 'badge id')}/index.html`,
    achievement: (badgeId) => `badges/${segment(badgeId, 'badge id')}/achievement.json`,
    ob2BadgeClass: (badgeId) => `badges/${segment(badgeId, 'badge id')}/ob2.json`,
    badgeImage: (badgeId, extension) => `badges/${segment(badgeId, 'badge id')}/image.${extension}`,
    credential: (issuanceId, extension) => `credentials/${segment(issuanceId, 'credential id')}.${extension}`,
    verifier: 'verify/index.html',
  };
}
