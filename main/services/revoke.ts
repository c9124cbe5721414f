/**
 * Revocation never deletes anything: the issuance is marked revoked (reason, date). The next
 * `site build` publishes it: OB 3.0 → the bit at the credential's index in the signed
 * Bitstring status list; OB 2.0 → the issuer's revocation list (and, for hosted assertions,
 * a `revoked: true` document at the assertion's URL).
 */
import { BadgeError } from '../../shared/errors.js';
import { findIssuance, markIssuanceRevoked, type Issuance } from '../db/repos/issuances.js';
import type { Workspace } from './workspace.js';

export interface RevokeResult {
  issuance: Issuance;
  /** False when the credential was already revoked (nothing changed). */
  changed: boolean;
  /** How the revocation gets published. */
  publishedBy: 'status-list' | 'revocation-list';
}

const MAX_REASON = 500;

export function revokeCredential(workspace: Workspace, idOrCredentialId: string, reason: string | null = null): RevokeResult {
  const trimmed = reason?.trim() || null;
  if (trimmed !== null && trimmed.length > MAX_REASON) {
    throw new BadgeError('ERR_USAGE', `The revocation reason is longer than ${MAX_REASON} characters; it is published, keep it short.`);
  }
  const found = findIssuance(workspace.db, idOrCredentialId.trim());
  if (!found) {
    throw new BadgeError('ERR_CREDENTIAL_NOT_FOUND', `No credential "${idOrCredentialId}" in this workspace. Run \`badgesmith credentials list\` to see the ids.`);
  }
  const publishedBy = found.format.startsWith('ob3') ? 'status-list' : 'revocation-list';
  if (found.format.startsWith('ob3') && (found.statusList === null || found.statusIndex === null)) {
    throw new BadgeError('ERR_NOT_REVOCABLE', `Credential ${found.id} has no status list entry, so it cannot be revoked.`);
  }
  if (found.revoked) return { issuance: found, changed: false, publishedBy };
  markIssuanceRevoked(workspace.db, found.id, trimmed, workspace.now());
  return { issuance: findIssuance(workspace.db, found.id) as Issuance, changed: true, publishedBy };
}
