/**
 * The issuer profile as people edit it (name, web site, e-mail, description, language, image),
 * and its keys as anyone may see them: public parts, status and how many credentials each signed.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { emailProblem } from '../../shared/ob3/identity.js';
import type { SvgRemoval } from '../../shared/bake/sanitize.js';
import {
  requireIssuer,
  updateIssuer,
  type IssuerLanguage,
  type IssuerProfile,
  type IssuerUpdate,
} from '../db/repos/issuer.js';
import { listKeys, type KeyRecord } from '../db/repos/keys.js';
import { getIssuer } from '../db/repos/issuer.js';
import { verificationMethodId } from '../../shared/did/web.js';
import { siteLayout } from '../../shared/site/urls.js';
import { storeArtwork } from './badge-classes.js';
import { validateIssuerUrl, type Workspace } from './workspace.js';

export interface IssuerChanges {
  name?: string;
  url?: string;
  /** Empty or null removes it. */
  email?: string | null;
  description?: string | null;
  language?: IssuerLanguage;
  /** New artwork (PNG or SVG, sanitised), or null to remove the image. */
  image?: Uint8Array | null;
}

export interface UpdatedIssuer {
  issuer: IssuerProfile;
  /** What the SVG sanitiser removed from a new image. */
  removed: SvgRemoval[];
}

/** The base name of the issuer's artwork file (artwork/issuer.png or .svg). */
const ISSUER_ARTWORK = 'issuer';

/** Checks every change before anything is written (ERR_ISSUER_NAME_REQUIRED, ERR_ISSUER_URL_INVALID, ERR_ISSUER_EMAIL_INVALID, ERR_TEXT_INVALID, image codes). */
export async function updateIssuerProfile(
  workspace: Workspace,
  changes: IssuerChanges,
): Promise<UpdatedIssuer> {
  const update: IssuerUpdate = {};
  if (changes.name !== undefined) {
    if (!changes.name.trim()) {
      throw new BadgeError('ERR_ISSUER_NAME_REQUIRED', 'The issuer needs a name.');
    }
    update.name = changes.name.trim();
  }
  if (changes.url !== undefined) update.url = validateIssuerUrl(changes.url.trim());
  if (changes.email !== undefined) {
    const email = changes.email?.trim() ?? '';
    const problem = email ? emailProblem(email) : null;
    if (problem !== null) throw new BadgeError('ERR_ISSUER_EMAIL_INVALID', problem);
    update.email = email || null;
  }
  if (changes.description !== undefined) update.description = changes.description?.trim() || null;
  if (changes.language !== undefined) update.language = changes.language;
  const previous = requireIssuer(workspace.db).image;
  let removed: SvgRemoval[] = [];
  if (changes.image) {
    const stored = await storeArtwork(workspace, ISSUER_ARTWORK, changes.image);
    update.image = stored.image;
    removed = stored.removed;
  } else if (changes.image === null) {
    update.image = null;
  }
  const issuer = updateIssuer(workspace.db, update, workspace.now());
  // A PNG replaced by an SVG (or removed) leaves no stale file for a later backup or site build.
  if (previous && previous !== issuer.image && previous.startsWith(`${ISSUER_ARTWORK}.`)) {
    await unlink(join(workspace.paths.artwork, previous)).catch(() => undefined);
  }
  return { issuer, removed };
}

export interface KeySummary {
  id: string;
  type: KeyRecord['type'];
  status: KeyRecord['status'];
  created: string;
  retired: string | null;
  /** How many issued credentials this key signed. */
  signed: number;
  publicJwk: KeyRecord['publicJwk'];
}

/** Where verifiers find a key: its method in the issuer's DID document and its JWK on the site (null before `init`). */
export function keyLocations(
  workspace: Workspace,
  key: Pick<KeyRecord, 'id' | 'type' | 'publicJwk'>,
): { verificationMethod: string | null; jwkUrl: string | null } {
  const issuer = getIssuer(workspace.db);
  if (!issuer) return { verificationMethod: null, jwkUrl: null };
  const layout = siteLayout(issuer.siteUrl);
  return {
    verificationMethod: verificationMethodId(issuer.did, key),
    jwkUrl: layout.url(layout.keyJwk(key.id)),
  };
}

/** Every key with the number of credentials it signed (never private material). */
export function keySummaries(workspace: Workspace): KeySummary[] {
  const rows = workspace.db
    .prepare(
      "SELECT key_id AS keyId, count(*) AS signed FROM issuances WHERE state = 'done' AND key_id IS NOT NULL GROUP BY key_id",
    )
    .all() as { keyId: string; signed: number }[];
  const signed = new Map(rows.map((row) => [row.keyId, row.signed]));
  return listKeys(workspace.db).map((key) => ({
    id: key.id,
    type: key.type,
    status: key.status,
    created: key.created,
    retired: key.retired,
    signed: signed.get(key.id) ?? 0,
    publicJwk: key.publicJwk,
  }));
}
