import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/open.js';
import { SCHEMA_VERSION } from '../../../main/db/migrations.js';
import { getBadge, insertBadge, type BadgeClass } from '../../../main/db/repos/badges.js';
import { insertIssuance, listIssuances, type NewIssuance } from '../../../main/db/repos/issuances.js';
import { reserveStatusIndex, STATUS_LIST_SIZE } from '../../../main/db/repos/status-lists.js';
import { ensureBatch } from '../../../main/db/repos/batches.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'bs-db-'));
const now = '2026-03-01T10:00:00Z';

const badge: BadgeClass = {
  id: 'secourisme',
  name: 'Secourisme',
  description: 'Premiers secours',
  criteriaNarrative: 'Suivre la formation',
  criteriaUrl: null,
  image: null,
  tags: ['santé'],
  alignments: [],
  achievementType: 'Badge',
  expiresAfter: 'P1Y',
  formats: ['ob3-di'],
  showRecipientName: false,
  endorsements: [],
  created: now,
  updated: now,
};

function expectRefusedUnchanged(file: string, code: string) {
  const before = readFileSync(file);
  expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code }));
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(existsSync(`${file}-wal`)).toBe(false);
  expect(existsSync(`${file}-shm`)).toBe(false);
}

describe('workspace database', () => {
  it('migrates an empty file to the current schema with WAL and foreign keys', () => {
    const file = join(tmp(), 'badgesmith.db');
    const db = openDatabase(file, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['issuer', 'keys', 'badge_classes', 'recipients', 'issuances', 'endorsements', 'batches', 'status_lists']));
    db.close();
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    expect(() => openDatabase(join(tmp(), 'none.db'))).toThrow(expect.objectContaining({ code: 'ERR_WORKSPACE_MISSING' }));
  });

  it('refuses a newer workspace, a foreign database and a non-SQLite file without changing them', () => {
    const dir = tmp();
    const newer = join(dir, 'newer.db');
    const db = openDatabase(newer, { create: true });
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefusedUnchanged(newer, 'ERR_WORKSPACE_TOO_NEW');

    const newerWal = join(dir, 'newer-wal.db');
    const walDb = openDatabase(newerWal, { create: true });
    walDb.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    walDb.close();
    expect(existsSync(`${newerWal}-wal`)).toBe(false);
    expectRefusedUnchanged(newerWal, 'ERR_WORKSPACE_TOO_NEW');

    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (\'hello\');');
    other.close();
    expectRefusedUnchanged(foreign, 'ERR_WORKSPACE_CORRUPT');

    const text = join(dir, 'text.db');
    writeFileSync(text, 'this is not a database at all, just some words that are long enough');
    expectRefusedUnchanged(text, 'ERR_WORKSPACE_CORRUPT');

    const truncated = join(dir, 'truncated.db');
    const full = openDatabase(truncated, { create: true });
    full.pragma('journal_mode = DELETE');
    full.close();
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 1500));
    expectRefusedUnchanged(truncated, 'ERR_WORKSPACE_CORRUPT');
  });

  it('validates JSON columns on read and names the table and row', () => {
    const db = openDatabase(join(tmp(), 'badgesmith.db'), { create: true });
    insertBadge(db, badge);
    expect(getBadge(db, 'secourisme')).toEqual({ ...badge, personalisedArtwork: false });
    db.prepare("UPDATE badge_classes SET tags = '{\"not\":\"a list\"}' WHERE id = 'secourisme'").run();
    expect(() => getBadge(db, 'secourisme')).toThrow(expect.objectContaining({ code: 'ERR_WORKSPACE_CORRUPT', message: expect.stringContaining('badge_classes row "secourisme"') }));
    db.prepare("UPDATE badge_classes SET tags = '[]', formats = '[\"ob4\"]' WHERE id = 'secourisme'").run();
    expect(() => getBadge(db, 'secourisme')).toThrow(expect.objectContaining({ code: 'ERR_WORKSPACE_CORRUPT' }));
    db.close();
  });

  it('reserves distinct random status indexes in a list of at least 131,072 entries', () => {
    const db = openDatabase(join(tmp(), 'badgesmith.db'), { create: true });
    const seen = new Set<number>();
    // A generator that repeats itself: reservations must still never collide.
    let calls = 0;
    const repeating = (bound: number) => [5, 5, 7, 5, 7, 9][calls++ % 6]! % bound;
    for (let i = 0; i < 3; i += 1) seen.add(reserveStatusIndex(db, now, repeating).index);
    expect([...seen].sort()).toEqual([5, 7, 9]);
    for (let i = 0; i < 200; i += 1) seen.add(reserveStatusIndex(db, now).index);
    expect(seen.size).toBe(203);
    const list = db.prepare('SELECT size FROM status_lists').get() as { size: number };
    expect(list.size).toBeGreaterThanOrEqual(STATUS_LIST_SIZE);
    db.close();
  });

  it('inserts issuances idempotently by (batch, row key, format)', () => {
    const db = openDatabase(join(tmp(), 'badgesmith.db'), { create: true });
    insertBadge(db, badge);
    ensureBatch(db, { id: 'batch-1', badgeId: badge.id, source: 'participants.csv', formats: ['ob3-di'], created: now });
    const entry = reserveStatusIndex(db, now);
    const row: NewIssuance = {
      id: 'c1',
      credentialId: 'https://badges.example.org/credentials/c1.json',
      badgeId: badge.id,
      recipientId: null,
      format: 'ob3-di',
      keyId: null,
      issuedOn: now,
      validUntil: null,
      statusList: entry.listId,
      statusIndex: entry.index,
      batchId: 'batch-1',
      rowKey: 'ada@example.org',
      created: now,
    };
    expect(insertIssuance(db, row).inserted).toBe(true);
    const again = insertIssuance(db, { ...row, id: 'c2', credentialId: 'other', statusIndex: null, statusList: null });
    expect(again).toMatchObject({ inserted: false, issuance: { id: 'c1', state: 'pending' } });
    expect(listIssuances(db, { badgeId: badge.id })).toHaveLength(1);
    expect(() => insertIssuance(db, { ...row, id: 'c3', credentialId: 'x', rowKey: 'other', badgeId: 'nope', statusList: null, statusIndex: null })).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
