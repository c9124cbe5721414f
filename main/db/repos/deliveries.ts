/**
 * Deliveries: what became of each award's e-mail. One row per award, written before a message
 * is handed to an SMTP server ('sending') and after ('sent' or 'failed'), so a run killed at any
 * moment never sends an award twice.
 */
import type { Db } from '../open.js';
import { statement } from '../statements.js';

export type DeliveryState = 'none' | 'sending' | 'sent' | 'failed';

export interface Delivery {
  awardId: string;
  /** The address the message was written for. */
  email: string;
  messageId: string;
  draftedAt: string | null;
  draftFile: string | null;
  state: DeliveryState;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  updated: string;
}

interface DeliveryRow {
  award_id: string;
  email: string;
  message_id: string;
  drafted_at: string | null;
  draft_file: string | null;
  state: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  updated: string;
}

const STATES: readonly DeliveryState[] = ['none', 'sending', 'sent', 'failed'];

function fromRow(row: DeliveryRow): Delivery {
  return {
    awardId: row.award_id,
    email: row.email,
    messageId: row.message_id,
    draftedAt: row.drafted_at,
    draftFile: row.draft_file,
    state: STATES.includes(row.state as DeliveryState) ? (row.state as DeliveryState) : 'none',
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
    updated: row.updated,
  };
}

export function getDelivery(db: Db, awardId: string): Delivery | undefined {
  const row = statement(db, 'SELECT * FROM deliveries WHERE award_id = ?').get(awardId) as
    DeliveryRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** The deliveries of many awards in one query, keyed by award id. */
export function getDeliveries(db: Db, awardIds: readonly string[]): Map<string, Delivery> {
  const found = new Map<string, Delivery>();
  if (awardIds.length === 0) return found;
  const rows = statement(
    db,
    'SELECT * FROM deliveries WHERE award_id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(awardIds)) as DeliveryRow[];
  for (const row of rows) found.set(row.award_id, fromRow(row));
  return found;
}

/** Records that a draft (.eml) was written for the award; its sending state is left as it was. */
export function recordDraft(
  db: Db,
  input: { awardId: string; email: string; messageId: string; file: string; at: string },
): void {
  statement(
    db,
    `INSERT INTO deliveries (award_id, email, message_id, drafted_at, draft_file, updated) VALUES (@awardId, @email, @messageId, @at, @file, @at)
     ON CONFLICT (award_id) DO UPDATE SET drafted_at = @at, draft_file = @file, updated = @at,
       email = CASE WHEN state = 'none' THEN @email ELSE email END,
       message_id = CASE WHEN state = 'none' THEN @messageId ELSE message_id END`,
  ).run(input);
}

/**
 * Claims the award for sending (state 'sending', committed before the first byte goes to the
 * server). Returns false when it is already sent, or being sent by another run (or left
 * unconfirmed by a run that was killed), unless `unconfirmed` allows taking those over.
 */
export function claimSending(
  db: Db,
  input: { awardId: string; email: string; messageId: string; at: string },
  unconfirmed = false,
): boolean {
  const info = statement(
    db,
    `INSERT INTO deliveries (award_id, email, message_id, state, attempts, updated) VALUES (@awardId, @email, @messageId, 'sending', 1, @at)
     ON CONFLICT (award_id) DO UPDATE SET state = 'sending', email = @email, message_id = @messageId, attempts = attempts + 1, updated = @at
       WHERE state <> 'sent' AND (state <> 'sending' OR @unconfirmed = 1)`,
  ).run({ ...input, unconfirmed: unconfirmed ? 1 : 0 });
  return info.changes === 1;
}

/** Award ids issued in a batch, oldest first. */
export function batchAwardIds(db: Db, batchId: string): string[] {
  const rows = statement(
    db,
    'SELECT award_id FROM issuances WHERE batch_id = ? AND award_id IS NOT NULL GROUP BY award_id ORDER BY min(rowid)',
  ).all(batchId) as {
    award_id: string;
  }[];
  return rows.map((row) => row.award_id);
}

/** Batch ids starting with the given text, at most `limit`. */
export function findBatchIds(db: Db, prefix: string, limit = 2): string[] {
  const rows = statement(
    db,
    'SELECT id FROM batches WHERE substr(id, 1, length(@prefix)) = @prefix ORDER BY id LIMIT @limit',
  ).all({ prefix, limit }) as { id: string }[];
  return rows.map((row) => row.id);
}

export function recordSent(db: Db, awardId: string, at: string): void {
  statement(
    db,
    "UPDATE deliveries SET state = 'sent', sent_at = ?, last_error = NULL, updated = ? WHERE award_id = ?",
  ).run(at, at, awardId);
}

/** The server refused this message: retried by the next run. */
export function recordFailed(db: Db, awardId: string, error: string, at: string): void {
  statement(
    db,
    "UPDATE deliveries SET state = 'failed', last_error = ?, updated = ? WHERE award_id = ?",
  ).run(error, at, awardId);
}

/**
 * Nothing left this computer (the connection or login failed before the message): the award goes
 * back to the state it had before this attempt.
 */
export function restoreState(
  db: Db,
  awardId: string,
  previous: Pick<Delivery, 'state' | 'lastError'> | undefined,
  at: string,
): void {
  statement(
    db,
    'UPDATE deliveries SET state = ?, last_error = ?, attempts = max(attempts - 1, 0), updated = ? WHERE award_id = ?',
  ).run(previous?.state ?? 'none', previous?.lastError ?? null, at, awardId);
}
