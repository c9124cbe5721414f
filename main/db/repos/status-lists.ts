import { BadgeError } from '../../../shared/errors.js';
import type { Db } from '../open.js';
import { statement } from '../statements.js';

/** Minimum bitstring length for privacy (Bitstring Status List: at least 131,072 entries). */
export const STATUS_LIST_SIZE = 131072;
/** A list is closed for new entries when this share of it is used, so random picks stay fast and private. */
const FILL_LIMIT = 0.5;

export interface StatusList {
  id: string;
  purpose: string;
  size: number;
  created: string;
}

export interface StatusEntry {
  listId: string;
  index: number;
}

/** Random integer in [0, bound) from a CSPRNG. */
export type RandomIndex = (bound: number) => number;

const randomPool = new Uint32Array(1024);
let randomNext = randomPool.length;

/** Unbiased (rejection sampling); CSPRNG values are drawn 1,024 at a time for bulk reservations. */
export const cryptoRandomIndex: RandomIndex = (bound) => {
  const limit = Math.floor(0x100000000 / bound) * bound;
  for (;;) {
    if (randomNext === randomPool.length) {
      globalThis.crypto.getRandomValues(randomPool);
      randomNext = 0;
    }
    const value = randomPool[randomNext++] as number;
    if (value < limit) return value % bound;
  }
};

export function listStatusLists(db: Db): StatusList[] {
  return statement(db, "SELECT * FROM status_lists ORDER BY CAST(id AS INTEGER), id").all() as StatusList[];
}

function usedCount(db: Db, listId: string): number {
  return (statement(db, 'SELECT count(*) AS n FROM status_entries WHERE list_id = ?').get(listId) as { n: number }).n;
}

function openList(db: Db, created: string): StatusList {
  const lists = listStatusLists(db);
  const last = lists[lists.length - 1];
  if (last && usedCount(db, last.id) < last.size * FILL_LIMIT) return last;
  const list: StatusList = { id: String(lists.length + 1), purpose: 'revocation', size: STATUS_LIST_SIZE, created };
  db.prepare('INSERT INTO status_lists (id, purpose, size, created) VALUES (@id, @purpose, @size, @created)').run(list);
  return list;
}

/**
 * Reserves a random free index in the current revocation list (persisted in status_entries, so
 * two reservations never collide). Call inside the transaction that records the issuance.
 */
export function reserveStatusIndex(db: Db, created: string, random: RandomIndex = cryptoRandomIndex): StatusEntry {
  const list = openList(db, created);
  const insert = statement(db, 'INSERT OR IGNORE INTO status_entries (list_id, idx) VALUES (?, ?)');
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const index = random(list.size);
    if (insert.run(list.id, index).changes === 1) return { listId: list.id, index };
  }
  throw new BadgeError('ERR_INTERNAL', 'Could not find a free status list index after 64 random tries.');
}

/**
 * Reserves `count` random free indexes at once (one fill check per list instead of one per
 * entry, which made large batches quadratic). Call inside the transaction that records them.
 */
export function reserveStatusIndexes(db: Db, count: number, created: string, random: RandomIndex = cryptoRandomIndex): StatusEntry[] {
  const entries: StatusEntry[] = [];
  const insert = statement(db, 'INSERT OR IGNORE INTO status_entries (list_id, idx) VALUES (?, ?)');
  while (entries.length < count) {
    const list = openList(db, created);
    const room = Math.max(1, Math.floor(list.size * FILL_LIMIT) - usedCount(db, list.id));
    const take = Math.min(room, count - entries.length);
    for (let taken = 0; taken < take; taken += 1) {
      let attempt = 0;
      for (; attempt < 64; attempt += 1) {
        const index = random(list.size);
        if (insert.run(list.id, index).changes === 1) {
          entries.push({ listId: list.id, index });
          break;
        }
      }
      if (attempt === 64) throw new BadgeError('ERR_INTERNAL', 'Could not find a free status list index after 64 random tries.');
    }
  }
  return entries;
}

/** Indexes of revoked credentials in a list (the bits to set when the list credential is built). */
export function revokedIndexes(db: Db, listId: string): number[] {
  return (
    db.prepare('SELECT status_index AS i FROM issuances WHERE status_list = ? AND revoked = 1 ORDER BY status_index').all(listId) as { i: number }[]
  ).map((row) => row.i);
}
