import { BadgeError } from '../../../shared/errors.js';
import { isObjectArray, readJson, type Guard } from '../json-column.js';
import type { Db } from '../open.js';
import { statement } from '../statements.js';
import { awardKey, ensureAward } from './awards.js';
import type { CredentialFormat } from './badges.js';

export interface IssuedFile {
  /** Absolute path where `issue` wrote the file (older rows may hold a path relative to the output folder). */
  path: string;
  sha256: string;
  bytes: number;
}

export interface Issuance {
  /** Short id used in file names and site URLs (`credentials/<id>.json`). */
  id: string;
  /** The credential's own `id` (URL or urn:uuid). */
  credentialId: string;
  badgeId: string;
  recipientId: number | null;
  format: CredentialFormat;
  keyId: string | null;
  state: 'pending' | 'done';
  issuedOn: string;
  validUntil: string | null;
  statusList: string | null;
  statusIndex: number | null;
  revoked: boolean;
  revocationReason: string | null;
  revokedAt: string | null;
  files: IssuedFile[];
  batchId: string | null;
  rowKey: string | null;
  created: string;
  /** The award this credential is a rendition of (one badge × one earner, every format). */
  awardId: string | null;
}

/** Without `awardId`, the award of (badge, row key or recipient) is found or created. */
export type NewIssuance = Omit<Issuance, 'revoked' | 'revocationReason' | 'revokedAt' | 'files' | 'state' | 'awardId'> &
  Partial<Pick<Issuance, 'files' | 'state' | 'awardId'>>;

interface IssuanceRow {
  id: string;
  credential_id: string;
  badge_id: string;
  recipient_id: number | null;
  format: string;
  key_id: string | null;
  state: string;
  issued_on: string;
  valid_until: string | null;
  status_list: string | null;
  status_index: number | null;
  revoked: number;
  revocation_reason: string | null;
  revoked_at: string | null;
  files: string;
  batch_id: string | null;
  row_key: string | null;
  created: string;
  award_id: string | null;
}

/** A recorded file: a path, its SHA-256 (64 hex digits) and its size; anything else is a damaged or altered row. */
const isFiles: Guard<IssuedFile[]> = (value): value is IssuedFile[] =>
  isObjectArray(value) &&
  value.every(
    (f) =>
      typeof f.path === 'string' &&
      f.path !== '' &&
      !f.path.includes('\0') &&
      typeof f.sha256 === 'string' &&
      /^[0-9a-f]{64}$/i.test(f.sha256) &&
      Number.isSafeInteger(f.bytes) &&
      (f.bytes as number) >= 0,
  );

function fromRow(row: IssuanceRow): Issuance {
  return {
    id: row.id,
    credentialId: row.credential_id,
    badgeId: row.badge_id,
    recipientId: row.recipient_id,
    format: row.format as CredentialFormat,
    keyId: row.key_id,
    state: row.state === 'done' ? 'done' : 'pending',
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    statusList: row.status_list,
    statusIndex: row.status_index,
    revoked: row.revoked === 1,
    revocationReason: row.revocation_reason,
    revokedAt: row.revoked_at,
    files: readJson('issuances', row.id, 'files', row.files, isFiles),
    batchId: row.batch_id,
    rowKey: row.row_key,
    created: row.created,
    awardId: row.award_id,
  };
}

/**
 * Inserts an issuance; when (batch, row key, format) already exists nothing changes and the
 * stored row is returned with `inserted: false` (idempotent re-runs).
 */
export function insertIssuance(db: Db, issuance: NewIssuance): { issuance: Issuance; inserted: boolean } {
  const awardId =
    issuance.awardId ??
    ensureAward(db, { badgeId: issuance.badgeId, recipientId: issuance.recipientId, recipientKey: awardKey(issuance), created: issuance.created });
  const state = issuance.state ?? 'pending';
  const files = issuance.files ?? [];
  // Positional values and a literal result: spreading this wide object cost ~5 KB of garbage per
  // credential, most of a large batch's main-thread allocations.
  const info = statement(db, 
      `INSERT INTO issuances (id, credential_id, badge_id, recipient_id, format, key_id, state, issued_on, valid_until,
         status_list, status_index, files, batch_id, row_key, created, award_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (batch_id, row_key, format) DO NOTHING`,
    )
    .run(
      issuance.id,
      issuance.credentialId,
      issuance.badgeId,
      issuance.recipientId,
      issuance.format,
      issuance.keyId,
      state,
      issuance.issuedOn,
      issuance.validUntil,
      issuance.statusList,
      issuance.statusIndex,
      JSON.stringify(files),
      issuance.batchId,
      issuance.rowKey,
      issuance.created,
      awardId,
    );
  if (info.changes === 1) {
    const inserted: Issuance = {
      id: issuance.id,
      credentialId: issuance.credentialId,
      badgeId: issuance.badgeId,
      recipientId: issuance.recipientId,
      format: issuance.format,
      keyId: issuance.keyId,
      state,
      issuedOn: issuance.issuedOn,
      validUntil: issuance.validUntil,
      statusList: issuance.statusList,
      statusIndex: issuance.statusIndex,
      revoked: false,
      revocationReason: null,
      revokedAt: null,
      files,
      batchId: issuance.batchId,
      rowKey: issuance.rowKey,
      created: issuance.created,
      awardId,
    };
    return { issuance: inserted, inserted: true };
  }
  const existing = issuance.batchId !== null && issuance.rowKey !== null ? findBatchRow(db, issuance.batchId, issuance.rowKey, issuance.format) : undefined;
  if (!existing) throw new BadgeError('ERR_INTERNAL', `Issuance ${issuance.id} was neither inserted nor found.`);
  return { issuance: existing, inserted: false };
}

export function getIssuance(db: Db, id: string): Issuance | undefined {
  const row = statement(db, 'SELECT * FROM issuances WHERE id = ?').get(id) as IssuanceRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** Finds by short id or by the credential's full id. */
export function findIssuance(db: Db, idOrCredentialId: string): Issuance | undefined {
  const row = statement(db, 'SELECT * FROM issuances WHERE id = ? OR credential_id = ?').get(idOrCredentialId, idOrCredentialId) as
    | IssuanceRow
    | undefined;
  return row ? fromRow(row) : undefined;
}

export function findBatchRow(db: Db, batchId: string, rowKey: string, format: CredentialFormat): Issuance | undefined {
  const row = statement(db, 'SELECT * FROM issuances WHERE batch_id = ? AND row_key = ? AND format = ?').get(batchId, rowKey, format) as
    | IssuanceRow
    | undefined;
  return row ? fromRow(row) : undefined;
}

/**
 * The batch rows of many row keys in one query (a chunk of a batch), keyed by `${rowKey}\n${format}`.
 */
export function findBatchRows(db: Db, batchId: string, rowKeys: readonly string[]): Map<string, Issuance> {
  const found = new Map<string, Issuance>();
  if (rowKeys.length === 0) return found;
  const rows = statement(db, 'SELECT * FROM issuances WHERE batch_id = ? AND row_key IN (SELECT value FROM json_each(?))').all(
    batchId,
    JSON.stringify(rowKeys),
  ) as IssuanceRow[];
  for (const row of rows) found.set(`${row.row_key}\n${row.format}`, fromRow(row));
  return found;
}

/**
 * `WHERE column = @key AND …` for the filters given, and their values. Only those: an
 * "@key IS NULL OR column = @key" test makes SQLite read every row instead of using the index.
 */
function whereGiven<K extends string>(filter: Partial<Record<K, string>>, columns: Record<K, string>): { where: string; params: Partial<Record<K, string>> } {
  const keys = (Object.keys(columns) as K[]).filter((key) => filter[key] !== undefined);
  return {
    where: keys.length > 0 ? `WHERE ${keys.map((key) => `${columns[key]} = @${key}`).join(' AND ')}` : '',
    params: Object.fromEntries(keys.map((key) => [key, filter[key]])) as Partial<Record<K, string>>,
  };
}

export function listIssuances(db: Db, filter: { badgeId?: string; batchId?: string; awardId?: string } = {}): Issuance[] {
  const { where, params } = whereGiven(filter, { badgeId: 'badge_id', batchId: 'batch_id', awardId: 'award_id' });
  const rows = db.prepare(`SELECT * FROM issuances ${where} ORDER BY created, rowid`).all(params) as IssuanceRow[];
  return rows.map(fromRow);
}

/** Records the files written for an issuance and marks it done. */
export function markIssuanceDone(db: Db, id: string, files: IssuedFile[]): void {
  statement(db, "UPDATE issuances SET state = 'done', files = ? WHERE id = ?").run(JSON.stringify(files), id);
}

export function markIssuanceRevoked(db: Db, id: string, reason: string | null, revokedAt: string): void {
  db.prepare('UPDATE issuances SET revoked = 1, revocation_reason = ?, revoked_at = ? WHERE id = ?').run(reason, revokedAt, id);
}

/** True when any credential was signed with the key (such keys are never deleted). */
export function keyInUse(db: Db, keyId: string): boolean {
  return db.prepare('SELECT 1 FROM issuances WHERE key_id = ? LIMIT 1').get(keyId) !== undefined;
}

export interface IssuanceWithRecipient extends Issuance {
  recipientEmail: string | null;
  recipientName: string | null;
  recipientDid: string | null;
}

/** What the award lists need of each credential (People, `credentials list`, an award's dialog). */
export type AwardRow = Pick<
  IssuanceWithRecipient,
  'id' | 'credentialId' | 'badgeId' | 'format' | 'state' | 'issuedOn' | 'validUntil' | 'revoked' | 'revocationReason' | 'revokedAt' | 'files' | 'awardId' | 'recipientEmail' | 'recipientName' | 'recipientDid'
>;

/**
 * The award rows, oldest first, of one badge or award when given: only these columns, read as
 * arrays (a workspace of 10,000 people reads in a fifth of the time of whole rows as objects).
 */
export function listAwardRows(db: Db, filter: { badgeId?: string; awardId?: string } = {}): AwardRow[] {
  const { where, params } = whereGiven(filter, { badgeId: 'i.badge_id', awardId: 'i.award_id' });
  const rows = db
    .prepare(
      `SELECT i.id, i.credential_id, i.badge_id, i.format, i.state, i.issued_on, i.valid_until, i.revoked, i.revocation_reason, i.revoked_at, i.files, i.award_id,
              r.email, r.name, r.did
       FROM issuances i LEFT JOIN recipients r ON r.id = i.recipient_id
       ${where}
       ORDER BY i.created, i.rowid`,
    )
    .raw(true)
    .all(params) as [string, string, string, string, string, string, string | null, number, string | null, string | null, string, string | null, string | null, string | null, string | null][];
  return rows.map(([id, credentialId, badgeId, format, state, issuedOn, validUntil, revoked, revocationReason, revokedAt, files, awardId, email, name, did]) => ({
    id,
    credentialId,
    badgeId,
    format: format as CredentialFormat,
    state: state === 'done' ? 'done' : 'pending',
    issuedOn,
    validUntil,
    revoked: revoked === 1,
    revocationReason,
    revokedAt,
    files: readJson('issuances', id, 'files', files, isFiles),
    awardId,
    recipientEmail: email,
    recipientName: name,
    recipientDid: did,
  }));
}

/** Issuances with their recipient, oldest first (for `credentials list`), of one badge or award when given. */
export function listIssuancesWithRecipients(db: Db, filter: { badgeId?: string; awardId?: string } = {}): IssuanceWithRecipient[] {
  const { where, params } = whereGiven(filter, { badgeId: 'i.badge_id', awardId: 'i.award_id' });
  const rows = db
    .prepare(
      `SELECT i.*, r.email AS recipient_email, r.name AS recipient_name, r.did AS recipient_did
       FROM issuances i LEFT JOIN recipients r ON r.id = i.recipient_id
       ${where}
       ORDER BY i.created, i.rowid`,
    )
    .all(params) as (IssuanceRow & { recipient_email: string | null; recipient_name: string | null; recipient_did: string | null })[];
  return rows.map((row) => ({ ...fromRow(row), recipientEmail: row.recipient_email, recipientName: row.recipient_name, recipientDid: row.recipient_did }));
}
