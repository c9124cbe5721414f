import { isStringArray, readJson } from '../json-column.js';
import type { Db } from '../open.js';
import type { CredentialFormat } from './badges.js';

export interface Batch {
  /** Deterministic batch key (e.g. sha256 of badge id + input identity). */
  id: string;
  badgeId: string;
  source: string | null;
  formats: CredentialFormat[];
  created: string;
  finished: string | null;
}

interface BatchRow {
  id: string;
  badge_id: string;
  source: string | null;
  formats: string;
  created: string;
  finished: string | null;
}

function fromRow(row: BatchRow): Batch {
  return {
    id: row.id,
    badgeId: row.badge_id,
    source: row.source,
    formats: readJson('batches', row.id, 'formats', row.formats, isStringArray) as CredentialFormat[],
    created: row.created,
    finished: row.finished,
  };
}

/** Inserts the batch unless it exists; returns the stored one either way. */
export function ensureBatch(db: Db, batch: Omit<Batch, 'finished'>): Batch {
  db.prepare(
    'INSERT INTO batches (id, badge_id, source, formats, created) VALUES (@id, @badgeId, @source, @formats, @created) ON CONFLICT (id) DO NOTHING',
  ).run({ ...batch, formats: JSON.stringify(batch.formats) });
  return getBatch(db, batch.id) as Batch;
}

export function getBatch(db: Db, id: string): Batch | undefined {
  const row = db.prepare('SELECT * FROM batches WHERE id = ?').get(id) as BatchRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function finishBatch(db: Db, id: string, finished: string): void {
  db.prepare('UPDATE batches SET finished = ? WHERE id = ?').run(finished, id);
}
