/**
 * Awards: one badge class earned by one person. Each format the badge was issued in is an
 * issuance (a credential) pointing at its award, so the People screen and `credentials list`
 * show one line per person and badge, and `revoke --award` revokes every format at once.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../open.js';
import { statement } from '../statements.js';

export interface Award {
  id: string;
  badgeId: string;
  recipientId: number | null;
  /** What identifies the earner for this badge: the batch row key (sha256 of badge + e-mail or DID). */
  recipientKey: string;
  created: string;
}

interface AwardRow {
  id: string;
  badge_id: string;
  recipient_id: number | null;
  recipient_key: string;
  created: string;
}

function fromRow(row: AwardRow): Award {
  return { id: row.id, badgeId: row.badge_id, recipientId: row.recipient_id, recipientKey: row.recipient_key, created: row.created };
}

/** The award key of an issuance, exactly as migration 2 computed it for existing rows. */
export function awardKey(issuance: { id: string; rowKey: string | null; recipientId: number | null }): string {
  if (issuance.rowKey !== null) return issuance.rowKey;
  return issuance.recipientId !== null ? `recipient:${issuance.recipientId}` : `issuance:${issuance.id}`;
}

/** Finds the award of (badge, recipient key) or creates it; returns its id. */
export function ensureAward(db: Db, input: { badgeId: string; recipientId: number | null; recipientKey: string; created: string }): string {
  const found = statement(db, 'SELECT id FROM awards WHERE badge_id = ? AND recipient_key = ?').get(input.badgeId, input.recipientKey) as
    | { id: string }
    | undefined;
  if (found) return found.id;
  const id = randomUUID();
  statement(db, 'INSERT INTO awards (id, badge_id, recipient_id, recipient_key, created) VALUES (?, ?, ?, ?, ?)').run(
    id,
    input.badgeId,
    input.recipientId,
    input.recipientKey,
    input.created,
  );
  return id;
}

export function getAward(db: Db, id: string): Award | undefined {
  const row = statement(db, 'SELECT * FROM awards WHERE id = ?').get(id) as AwardRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** Awards whose id starts with the given text (ids are lower-case UUIDs), at most `limit`. */
export function findAwardsByPrefix(db: Db, prefix: string, limit = 2): Award[] {
  const rows = statement(db, "SELECT * FROM awards WHERE substr(id, 1, length(@prefix)) = @prefix ORDER BY id LIMIT @limit").all({
    prefix,
    limit,
  }) as AwardRow[];
  return rows.map(fromRow);
}

/** The awards of a badge earned by the recipient with this (normalised) e-mail, oldest first. */
export function findAwardsByEmail(db: Db, badgeId: string, email: string): Award[] {
  const rows = statement(
    db,
    `SELECT a.* FROM awards a JOIN recipients r ON r.id = a.recipient_id
     WHERE a.badge_id = ? AND r.email = ? ORDER BY a.created, a.rowid`,
  ).all(badgeId, email) as AwardRow[];
  return rows.map(fromRow);
}
