import type { Db } from '../open.js';

/** A design as stored: the document stays JSON text here; services restore it through restoreDesign. */
export interface DesignRecord {
  id: string;
  name: string;
  /** The design document as JSON text. */
  document: string;
  /** The badge class whose image this design is, or null. */
  badgeId: string | null;
  created: string;
  updated: string;
}

interface DesignRow {
  id: string;
  name: string;
  document: string;
  badge_id: string | null;
  created: string;
  updated: string;
}

const fromRow = (row: DesignRow): DesignRecord => ({
  id: row.id,
  name: row.name,
  document: row.document,
  badgeId: row.badge_id,
  created: row.created,
  updated: row.updated,
});

/** Inserts the design, or replaces its name and document (keeping its creation date and badge link). */
export function upsertDesign(db: Db, design: { id: string; name: string; document: string }, now: string): void {
  db.prepare(
    `INSERT INTO designs (id, name, document, badge_id, created, updated) VALUES (@id, @name, @document, NULL, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, document = excluded.document, updated = excluded.updated`,
  ).run({ ...design, now });
}

export function getDesignRecord(db: Db, id: string): DesignRecord | undefined {
  const row = db.prepare('SELECT * FROM designs WHERE id = ?').get(id) as DesignRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function designForBadge(db: Db, badgeId: string): DesignRecord | undefined {
  const row = db.prepare('SELECT * FROM designs WHERE badge_id = ?').get(badgeId) as DesignRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** Every design without its document, most recently changed first. */
export function listDesignRecords(db: Db): Omit<DesignRecord, 'document'>[] {
  const rows = db.prepare('SELECT id, name, badge_id, created, updated FROM designs ORDER BY updated DESC, id').all() as Omit<DesignRow, 'document'>[];
  return rows.map((row) => ({ id: row.id, name: row.name, badgeId: row.badge_id, created: row.created, updated: row.updated }));
}

/** Links the design to a badge class, taking the link away from any other design of that badge. */
export function setDesignBadge(db: Db, id: string, badgeId: string | null, now: string): void {
  db.transaction(() => {
    if (badgeId !== null) db.prepare('UPDATE designs SET badge_id = NULL WHERE badge_id = ? AND id <> ?').run(badgeId, id);
    db.prepare('UPDATE designs SET badge_id = ?, updated = ? WHERE id = ?').run(badgeId, now, id);
  })();
}

export function deleteDesignRecord(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM designs WHERE id = ?').run(id).changes > 0;
}
