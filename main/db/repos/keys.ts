import { BadgeError } from '../../../shared/errors.js';
import { readJson, type Guard } from '../json-column.js';
import type { Db } from '../open.js';

export type KeyType = 'Ed25519' | 'RSA' | 'P-256';
export const KEY_TYPES: readonly KeyType[] = ['Ed25519', 'RSA', 'P-256'];

export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  [member: string]: unknown;
}

export interface KeyRecord {
  /** RFC 7638 thumbprint of the public JWK (base64url); also the `kid` file name on the site. */
  id: string;
  type: KeyType;
  purpose: string;
  status: 'active' | 'retired';
  created: string;
  /** When a newer key of the same type replaced this one. */
  rotated: string | null;
  retired: string | null;
  publicJwk: PublicJwk;
  /** Encrypted private key file name inside keys/. */
  file: string;
}

interface KeyRow {
  id: string;
  type: string;
  purpose: string;
  status: string;
  created: string;
  rotated: string | null;
  retired: string | null;
  public_jwk: string;
  file: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const isPublicJwk: Guard<PublicJwk> = (value): value is PublicJwk =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { kty?: unknown }).kty === 'string' &&
  PRIVATE_MEMBERS.every((member) => !(member in value));

function fromRow(row: KeyRow): KeyRecord {
  if (!(KEY_TYPES as readonly string[]).includes(row.type) || (row.status !== 'active' && row.status !== 'retired')) {
    throw new BadgeError('ERR_WORKSPACE_CORRUPT', `The workspace database is damaged: keys row "${row.id}" has an unknown type or status.`);
  }
  return {
    id: row.id,
    type: row.type as KeyType,
    purpose: row.purpose,
    status: row.status,
    created: row.created,
    rotated: row.rotated,
    retired: row.retired,
    publicJwk: readJson('keys', row.id, 'public_jwk', row.public_jwk, isPublicJwk),
    file: row.file,
  };
}

export function insertKey(db: Db, key: KeyRecord): void {
  if (!isPublicJwk(key.publicJwk)) throw new BadgeError('ERR_INTERNAL', 'Refusing to store a key record that is not a public JWK.');
  db.prepare(
    `INSERT INTO keys (id, type, purpose, status, created, rotated, retired, public_jwk, file)
     VALUES (@id, @type, @purpose, @status, @created, @rotated, @retired, @publicJwk, @file)`,
  ).run({ ...key, publicJwk: JSON.stringify(key.publicJwk) });
}

/** Every key ever used, oldest first (the DID document lists them all). */
export function listKeys(db: Db): KeyRecord[] {
  return (db.prepare('SELECT * FROM keys ORDER BY created, rowid').all() as KeyRow[]).map(fromRow);
}

export function getKey(db: Db, id: string): KeyRecord | undefined {
  const row = db.prepare('SELECT * FROM keys WHERE id = ?').get(id) as KeyRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function findActiveKey(db: Db, type: KeyType): KeyRecord | undefined {
  const row = db.prepare("SELECT * FROM keys WHERE type = ? AND status = 'active'").get(type) as KeyRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** Marks the active key of a type as retired (it stays in the DID document). */
export function retireActiveKey(db: Db, type: KeyType, when: string): void {
  db.prepare("UPDATE keys SET status = 'retired', rotated = @when, retired = @when WHERE type = @type AND status = 'active'").run({ type, when });
}
