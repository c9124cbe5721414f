/**
 * Revocation never deletes anything: the issuance is marked revoked (reason, date). The next
 * `site build` publishes it: OB 3.0 → the bit at the credential's index in the signed
 * Bitstring status list; OB 2.0 → the issuer's revocation list (and, for hosted assertions,
 * a `revoked: true` document at the assertion's URL).
 */
import { BadgeError } from '../../shared/errors.js';
import type { Award } from '../db/repos/awards.js';
import { findIssuance, listIssuances, markIssuanceRevoked, type Issuance } from '../db/repos/issuances.js';
import { getAwardView, requireAward, requireAwardsOf, type AwardView } from './awards.js';
import { requireWritable, type Workspace } from './workspace.js';

export interface RevokeResult {
  issuance: Issuance;
  /** False when the credential was already revoked (nothing changed). */
  changed: boolean;
  /** How the revocation gets published. */
  publishedBy: 'status-list' | 'revocation-list';
  /** Formats of the same award that are still not revoked (`revokeAward` revokes them all). */
  otherFormatsValid: number;
}

const MAX_REASON = 500;

/** The reason as published: trimmed, null when empty, at most MAX_REASON characters. */
export function revocationReason(reason: string | null): string | null {
  const trimmed = reason?.trim() || null;
  if (trimmed !== null && trimmed.length > MAX_REASON) {
    throw new BadgeError('ERR_USAGE', `The revocation reason is longer than ${MAX_REASON} characters; it is published, keep it short.`);
  }
  return trimmed;
}

function assertRevocable(issuance: Issuance): void {
  if (issuance.format.startsWith('ob3') && (issuance.statusList === null || issuance.statusIndex === null)) {
    throw new BadgeError('ERR_NOT_REVOCABLE', `Credential ${issuance.id} has no status list entry, so it cannot be revoked.`);
  }
}

export function revokeCredential(workspace: Workspace, idOrCredentialId: string, reason: string | null = null): RevokeResult {
  const trimmed = revocationReason(reason);
  const found = findIssuance(workspace.db, idOrCredentialId.trim());
  if (!found) {
    throw new BadgeError('ERR_CREDENTIAL_NOT_FOUND', `No credential "${idOrCredentialId}" in this workspace. Run \`badgesmith credentials list\` to see the ids.`);
  }
  const publishedBy = found.format.startsWith('ob3') ? 'status-list' : 'revocation-list';
  assertRevocable(found);
  const others = () => (found.awardId === null ? [] : listIssuances(workspace.db, { awardId: found.awardId })).filter((i) => i.id !== found.id && !i.revoked).length;
  if (found.revoked) return { issuance: found, changed: false, publishedBy, otherFormatsValid: others() };
  markIssuanceRevoked(workspace.db, found.id, trimmed, workspace.now());
  return { issuance: findIssuance(workspace.db, found.id) as Issuance, changed: true, publishedBy, otherFormatsValid: others() };
}

/** Which award(s) to revoke: by award id (or an unambiguous prefix), or by badge and the earner's e-mail. */
export type AwardTarget = { awardId: string } | { badgeId: string; email: string };

export interface AwardRevokeResult {
  /** The awards as they are now (all formats revoked). */
  awards: AwardView[];
  /** Credentials revoked by this call. */
  revoked: number;
  /** Credentials that were already revoked (left as they were: first reason and date kept). */
  alreadyRevoked: number;
  /** False when every credential was already revoked (nothing changed). */
  changed: boolean;
}

/**
 * Revokes every format of an award at once, with one reason and one date, in one transaction:
 * either all its credentials are revoked or (on an error) none. Re-revoking changes nothing.
 */
export function revokeAward(workspace: Workspace, target: AwardTarget, reason: string | null = null): AwardRevokeResult {
  const trimmed = revocationReason(reason);
  requireWritable(workspace);
  const awards: Award[] = 'awardId' in target ? [requireAward(workspace, target.awardId)] : requireAwardsOf(workspace, target.badgeId, target.email);
  const db = workspace.db;
  const counts = db
    .transaction(() => {
      const credentials = awards.flatMap((award) => listIssuances(db, { awardId: award.id }));
      credentials.forEach(assertRevocable);
      const now = workspace.now();
      let revoked = 0;
      for (const credential of credentials) {
        if (credential.revoked) continue;
        markIssuanceRevoked(db, credential.id, trimmed, now);
        revoked += 1;
      }
      return { revoked, alreadyRevoked: credentials.length - revoked };
    })
    .immediate();
  return { awards: awards.map((award) => getAwardView(workspace, award.id)), ...counts, changed: counts.revoked > 0 };
}
