import type { Db } from '../open.js';
import { statement } from '../statements.js';

export interface Recipient {
  id: number;
  /** Normalised (trimmed, lower-case) e-mail, or null for a DID-only recipient. */
  email: string | null;
  name: string | null;
  did: string | null;
  created: string;
}

export interface RecipientInput {
  email: string | null;
  name?: string | null;
  did?: string | null;
}

/** Finds a recipient by e-mail (or DID when there is no e-mail), creating or updating it. */
export function upsertRecipient(db: Db, input: RecipientInput, created: string): Recipient {
  const name = input.name ?? null;
  const did = input.did ?? null;
  const existing = input.email !== null
    ? (statement(db, 'SELECT * FROM recipients WHERE email = ?').get(input.email) as Recipient | undefined)
    : (statement(db, 'SELECT * FROM recipients WHERE email IS NULL AND did = ?').get(did) as Recipient | undefined);
  if (existing) {
    const next = { ...existing, name: name ?? existing.name, did: did ?? existing.did };
    if (next.name !== existing.name || next.did !== existing.did) {
      statement(db, 'UPDATE recipients SET name = @name, did = @did WHERE id = @id').run(next);
    }
    return next;
  }
  const info = statement(db, 'INSERT INTO recipients (email, name, did, created) VALUES (?, ?, ?, ?)').run(input.email, name, did, created);
  return { id: Number(info.lastInsertRowid), email: input.email, name, did, created };
}

export function getRecipient(db: Db, id: number): Recipient | undefined {
  return db.prepare('SELECT * FROM recipients WHERE id = ?').get(id) as Recipient | undefined;
}

export function listRecipients(db: Db): Recipient[] {
  return db.prepare('SELECT * FROM recipients ORDER BY id').all() as Recipient[];
}
