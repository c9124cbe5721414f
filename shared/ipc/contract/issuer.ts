/** The issuer profile, its keys (public parts only), and backups: the whole workspace, or the keys alone. */
import * as v from 'valibot';
import {
  count,
  droppedFile,
  empty,
  isoDateTime,
  language,
  longText,
  nonEmpty,
  text,
  type ChannelSpec,
} from '../schemas.js';

/** What the SVG sanitiser removed from an image (kind, name as written, why, how many). */
export const svgRemoval = v.object({
  kind: v.string(),
  name: v.string(),
  reason: v.string(),
  count,
});

/** An image from the workspace, for display. */
export const imageData = v.object({ kind: v.picklist(['png', 'svg']), base64: v.string() });

export const issuerProfile = v.object({
  name: v.string(),
  url: v.string(),
  email: v.nullable(v.string()),
  description: v.nullable(v.string()),
  language,
  siteUrl: v.string(),
  did: v.string(),
  didDocumentUrl: v.string(),
  image: v.nullable(imageData),
  created: isoDateTime,
  updated: isoDateTime,
});

export const keyType = v.picklist(['Ed25519', 'RSA', 'P-256']);

/** A public JWK: only public members pass (the schema strips anything else). */
export const publicJwk = v.object({
  kty: v.string(),
  crv: v.optional(v.string()),
  x: v.optional(v.string()),
  y: v.optional(v.string()),
  n: v.optional(v.string()),
  e: v.optional(v.string()),
});

export const keyInfo = v.object({
  /** RFC 7638 thumbprint of the public key: its fingerprint and its id on the site. */
  id: v.string(),
  type: keyType,
  status: v.picklist(['active', 'retired']),
  created: isoDateTime,
  retired: v.nullable(isoDateTime),
  /** Credentials this key signed. */
  signed: count,
  verificationMethod: v.string(),
  jwkUrl: v.string(),
  publicJwk,
});

const passphrase = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
const newPassphrase = v.pipe(
  v.string(),
  v.minLength(8, 'ERR_PASSPHRASE_TOO_SHORT'),
  v.maxLength(1024),
);
const path = nonEmpty(4096);

export const issuerUpdateRequest = v.strictObject({
  name: text(200),
  url: text(2000),
  email: text(320),
  description: longText,
  language,
  /** A new image (PNG or SVG), null to remove it, absent to keep it. */
  image: v.optional(v.nullable(droppedFile)),
});

export const issuerContract = {
  'issuer.get': {
    req: empty,
    res: v.object({
      profile: issuerProfile,
      /** Where a workspace backup goes unless the user says otherwise (beside the workspace folder). */
      suggestedBackupFile: v.string(),
    }),
  },
  'issuer.update': {
    req: issuerUpdateRequest,
    res: v.object({ profile: issuerProfile, removed: v.array(svgRemoval) }),
  },
  'keys.list': { req: empty, res: v.object({ keys: v.array(keyInfo) }) },
  'keys.rotate': {
    req: v.strictObject({ type: keyType }),
    res: v.object({ key: keyInfo, retired: v.nullable(v.string()) }),
  },
  'keys.export': {
    req: v.strictObject({ passphrase: newPassphrase, confirm: passphrase }),
    res: v.object({ name: v.string(), base64: v.string(), keys: count }),
  },
  'keys.import': {
    req: v.strictObject({ file: droppedFile, passphrase }),
    res: v.object({ imported: count, skipped: count, issuerRestored: v.boolean() }),
  },
  'backup.create': {
    req: v.strictObject({
      path,
      overwrite: v.optional(v.boolean()),
      /** Also send the file back, for the browser to download. */
      download: v.optional(v.boolean()),
    }),
    res: v.object({
      file: v.string(),
      bytes: count,
      created: isoDateTime,
      files: count,
      issuedIncluded: count,
      /** Issued files that were moved, deleted or changed since, so not in the backup. */
      notBackedUp: v.array(v.string()),
      /** The backup's bytes when a download was asked for and it is small enough to send. */
      base64: v.nullable(v.string()),
    }),
  },
  'backup.restore': {
    req: v.strictObject({
      /** The backup file dropped in the window… */
      file: v.optional(droppedFile),
      /** …or its path on this computer. */
      path: v.optional(path),
      targetDir: path,
      passphrase,
    }),
    res: v.object({
      workspaceDir: v.string(),
      created: isoDateTime,
      issuer: v.object({ name: v.string(), did: v.string(), siteUrl: v.string() }),
      counts: v.object({
        badges: count,
        people: count,
        credentials: count,
        revoked: count,
        keys: count,
      }),
    }),
  },
} satisfies Record<string, ChannelSpec>;
