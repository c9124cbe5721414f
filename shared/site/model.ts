import type { DidKey } from '../did/web.js';
import type { SiteLanguage } from './i18n.js';

/** Published credential formats (same ids as the workspace). */
export type SiteFormat = 'ob3-di' | 'ob3-jwt' | 'ob2-hosted' | 'ob2-signed';

/**
 * A file that already exists on disk (an issued credential or baked image) and is known by its
 * SHA-256: the writer copies it only when the published copy differs, without re-reading it otherwise.
 */
export interface FileRef {
  kind: 'ref';
  /** Absolute path of the source file (opaque to shared/). */
  source: string;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
}

/**
 * A page rendered only when needed: `inputs` is a digest of everything the page is made from
 * (its data and the template's output for sample data), so a rebuild can keep the published
 * copy when the previous build recorded the same digest for the same path.
 */
export interface LazyContent {
  kind: 'lazy';
  inputs: string;
  render: () => string;
}

export type SiteContent = string | Uint8Array | FileRef | LazyContent;

export interface SiteEntry {
  /** Path relative to the site root, `/` separators, no leading slash. */
  path: string;
  content: SiteContent;
}

/** A synchronous digest of a text (hex), injected by the caller (shared/ has only async WebCrypto). */
export type TextDigest = (text: string) => string;

export interface SiteImage {
  extension: 'png' | 'svg';
  content: Uint8Array | FileRef;
}

export interface SiteIssuer {
  name: string;
  url: string;
  email: string | null;
  description: string | null;
  language: SiteLanguage;
  siteUrl: string;
  did: string;
  image?: SiteImage;
}

export interface SiteKey extends DidKey {
  status: 'active' | 'retired';
  created: string;
}

export interface SiteAlignment {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface SiteEndorsement {
  endorserName: string;
  comment: string | null;
}

export interface SiteBadge {
  id: string;
  name: string;
  description: string;
  criteriaNarrative: string | null;
  criteriaUrl: string | null;
  tags: string[];
  alignments: SiteAlignment[];
  achievementType: string;
  image?: SiteImage;
  endorsements: SiteEndorsement[];
}

/**
 * A text read only if a page is rendered (e.g. the name inside a signed credential file): `key`
 * identifies its value (the SHA-256 of the file it is read from), so a rebuild keeps unchanged pages
 * without reading anything.
 */
export interface DeferredText {
  kind: 'deferred';
  key: string;
  get: () => string | null;
}

export type CredentialFileKind = 'json' | 'jws' | 'png' | 'svg';

export interface SiteCredential {
  /** Short issuance id (file names, page URL). */
  id: string;
  /** The credential's own id. */
  credentialId: string;
  badgeId: string;
  /** The person's award of this badge: every format of one award counts once. */
  awardId?: string | null;
  format: SiteFormat;
  issuedOn: string;
  validUntil: string | null;
  revoked: boolean;
  revocationReason: string | null;
  revokedAt: string | null;
  /**
   * The earner's name as the signed credential states it (never the workspace's current name for
   * that person), only when the badge class allows showing it. Never an e-mail.
   */
  recipientName: string | null | DeferredText;
  files: Partial<Record<CredentialFileKind, Uint8Array | string | FileRef>>;
  /** The earner's own baked image (personalised artwork) the page shows instead of the badge's image. */
  artwork?: 'png' | 'svg';
}

export interface SignedStatusList {
  id: string;
  /** The signed BitstringStatusListCredential. */
  credential: Record<string, unknown>;
}

export interface SiteModel {
  issuer: SiteIssuer;
  /** Every key ever used, oldest first. */
  keys: SiteKey[];
  badges: SiteBadge[];
  credentials: SiteCredential[];
  statusLists: SignedStatusList[];
  /** Bundled browser verifier (out/site-verifier.js); the verify page says it is missing when absent. */
  verifierScript?: string | Uint8Array;
}

/** The manifest file at the root of every built tree (base URL, DID, file hashes). */
export const SITE_MANIFEST = 'badgesmith-site.json';
