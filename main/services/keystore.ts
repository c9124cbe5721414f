import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { BadgeError } from '../../shared/errors.js';
import { parseJsonLimited } from '../../shared/json-limits.js';
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from '../../shared/bytes.js';
import { findActiveKey, getKey, insertKey, listKeys, retireActiveKey, KEY_TYPES, type KeyRecord, type KeyType, type PublicJwk } from '../db/repos/keys.js';
import { getIssuer, insertIssuer, type IssuerProfile } from '../db/repos/issuer.js';
import { writeFileAtomic } from './files.js';
import { aesGcmOpen, aesGcmSeal, isScryptParams, newScryptParams, passphraseBox, type ScryptParams, type SecretBox } from './secret-box.js';
import type { Workspace } from './workspace.js';

/** A private JWK, held in memory only. */
export type PrivateJwk = JWK & { kty: string };

export interface Keystore {
  list(): KeyRecord[];
  /** The key of a type that signs new credentials. */
  activeKey(type: KeyType): KeyRecord;
  /** Decrypts a private key (never written anywhere). ERR_KEY_TAMPERED when its file was modified or swapped. */
  privateJwk(keyId: string): Promise<PrivateJwk>;
  /** Adds a new active key of the type; the previous one is retired and stays in the DID document. */
  rotate(type: KeyType): Promise<KeyRecord>;
}

const META_FILE = 'keystore.json';
const CHECK_AAD = utf8Encode('badgesmith-keystore/v1/check');
const BACKUP_AAD = utf8Encode('badgesmith-keys-backup/v1');

interface KeystoreMeta {
  format: 'badgesmith-keystore';
  version: 1;
  kdf: ScryptParams;
  /** A random value sealed with the passphrase key: opening it proves the passphrase. */
  check: string;
}

interface KeyFile {
  format: 'badgesmith-key';
  version: 1;
  /** Data key sealed by the keystore's SecretBox. */
  wrappedKey: string;
  /** Private JWK sealed by the data key. */
  sealed: string;
}

/** Key id and type are bound to the ciphertext: a file renamed to another key's name does not open. */
function keyAad(id: string, type: KeyType): Uint8Array {
  return utf8Encode(`badgesmith-key/v1|${id}|${type}`);
}

export const keyTypeLabel: Record<KeyType, string> = { Ed25519: 'ed25519', RSA: 'rsa', 'P-256': 'p256' };

export function parseKeyType(text: string): KeyType {
  const found = KEY_TYPES.find((type) => keyTypeLabel[type] === text.toLowerCase() || type.toLowerCase() === text.toLowerCase());
  if (!found) throw new BadgeError('ERR_USAGE', `Unknown key type "${text}"; use ed25519, rsa or p256.`);
  return found;
}

function generate(type: KeyType): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, _publicKey: KeyObject, privateKey: KeyObject) => (error ? reject(error) : resolve(privateKey));
    if (type === 'Ed25519') generateKeyPair('ed25519', {}, done);
    else if (type === 'RSA') generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, done);
    else generateKeyPair('ec', { namedCurve: 'P-256' }, done);
  });
}

export function publicPart(jwk: PrivateJwk): PublicJwk {
  if (jwk.kty === 'RSA') return { kty: 'RSA', n: String(jwk.n), e: String(jwk.e) };
  if (jwk.kty === 'EC') return { kty: 'EC', crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) };
  return { kty: 'OKP', crv: String(jwk.crv), x: String(jwk.x) };
}

function samePublicKey(a: PublicJwk, b: PublicJwk): boolean {
  return ['kty', 'crv', 'x', 'y', 'n', 'e'].every((member) => a[member] === b[member]);
}

function parseJsonFile(bytes: Uint8Array): unknown {
  try {
    return parseJsonLimited(utf8Decode(bytes)); // a backup or key file past the JSON limits is not one of ours
  } catch {
    return undefined;
  }
}

function decodeField(value: unknown): Uint8Array | undefined {
  return typeof value === 'string' ? base64urlDecode(value) : undefined;
}

async function readMeta(workspace: Workspace): Promise<KeystoreMeta | undefined> {
  const path = join(workspace.paths.keys, META_FILE);
  if (!existsSync(path)) return undefined;
  const meta = parseJsonFile(await readFile(path)) as Partial<KeystoreMeta> | undefined;
  if (!meta || meta.format !== 'badgesmith-keystore' || meta.version !== 1 || !isScryptParams(meta.kdf) || typeof meta.check !== 'string') {
    throw new BadgeError('ERR_KEYSTORE_CORRUPT', `${path} is damaged; restore the keys with \`badgesmith keys import BACKUP\`.`);
  }
  return meta as KeystoreMeta;
}

async function writeSecretFile(path: string, content: string): Promise<void> {
  await writeFileAtomic(path, content);
  await chmod(path, 0o600);
}

/** Opens the passphrase box of an existing keystore, or creates the keystore when it has none yet. */
async function unlock(workspace: Workspace, passphrase: string, cost?: Partial<Omit<ScryptParams, 'salt'>>): Promise<SecretBox> {
  const existing = await readMeta(workspace);
  if (!existing) {
    const kdf = newScryptParams(cost);
    const box = await passphraseBox(passphrase, kdf);
    const meta: KeystoreMeta = { format: 'badgesmith-keystore', version: 1, kdf, check: base64urlEncode(await box.seal(randomBytes(32), CHECK_AAD)) };
    await writeSecretFile(join(workspace.paths.keys, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
    return box;
  }
  const box = await passphraseBox(passphrase, existing.kdf);
  try {
    await box.open(decodeField(existing.check) ?? new Uint8Array(), CHECK_AAD);
  } catch {
    throw new BadgeError('ERR_PASSPHRASE_WRONG', 'The passphrase does not open this workspace\'s keys. Check BADGESMITH_PASSPHRASE and try again.');
  }
  return box;
}

async function storeKey(workspace: Workspace, box: SecretBox, type: KeyType, jwk: PrivateJwk, record: Partial<KeyRecord> = {}): Promise<KeyRecord> {
  const publicJwk = publicPart(jwk);
  const id = await calculateJwkThumbprint(publicJwk as JWK, 'sha256');
  const aad = keyAad(id, type);
  const dataKey = randomBytes(32);
  const file: KeyFile = {
    format: 'badgesmith-key',
    version: 1,
    wrappedKey: base64urlEncode(await box.seal(dataKey, aad)),
    sealed: base64urlEncode(aesGcmSeal(dataKey, utf8Encode(JSON.stringify(jwk)), aad)),
  };
  dataKey.fill(0);
  const fileName = `${id}.key.json`;
  await writeSecretFile(join(workspace.paths.keys, fileName), `${JSON.stringify(file, null, 2)}\n`);
  return {
    id,
    type,
    purpose: 'assertionMethod',
    status: 'active',
    created: workspace.now(),
    rotated: null,
    retired: null,
    ...record,
    publicJwk,
    file: fileName,
  };
}

async function newKey(workspace: Workspace, box: SecretBox, type: KeyType): Promise<KeyRecord> {
  const jwk = (await generate(type)).export({ format: 'jwk' }) as PrivateJwk;
  const record = await storeKey(workspace, box, type, jwk);
  workspace.db.transaction(() => {
    retireActiveKey(workspace.db, type, record.created);
    insertKey(workspace.db, record);
  })();
  return record;
}

async function decryptKey(workspace: Workspace, box: SecretBox, record: KeyRecord): Promise<PrivateJwk> {
  const path = join(workspace.paths.keys, record.file);
  const tampered = () =>
    new BadgeError('ERR_KEY_TAMPERED', `The key file ${path} was modified or swapped and was not used. Restore the keys with \`badgesmith keys import BACKUP\`.`);
  if (!existsSync(path)) throw new BadgeError('ERR_KEY_MISSING', `The key file ${path} is missing. Restore the keys with \`badgesmith keys import BACKUP\`.`);
  const file = parseJsonFile(await readFile(path)) as Partial<KeyFile> | undefined;
  const wrapped = decodeField(file?.wrappedKey);
  const sealed = decodeField(file?.sealed);
  if (!file || file.format !== 'badgesmith-key' || !wrapped || !sealed) throw tampered();
  const aad = keyAad(record.id, record.type);
  let jwk: PrivateJwk;
  try {
    const dataKey = await box.open(wrapped, aad);
    const plain = aesGcmOpen(dataKey, sealed, aad);
    dataKey.fill(0);
    jwk = JSON.parse(utf8Decode(plain)) as PrivateJwk;
    plain.fill(0);
  } catch {
    throw tampered();
  }
  if (!samePublicKey(publicPart(jwk), record.publicJwk)) throw tampered();
  return jwk;
}

function makeKeystore(workspace: Workspace, box: SecretBox): Keystore {
  return {
    list: () => listKeys(workspace.db),
    activeKey(type) {
      const key = findActiveKey(workspace.db, type);
      if (!key) throw new BadgeError('ERR_KEY_MISSING', `This workspace has no active ${type} key. Run \`badgesmith keys rotate --type ${keyTypeLabel[type]}\`.`);
      return key;
    },
    async privateJwk(keyId) {
      const record = getKey(workspace.db, keyId);
      if (!record) throw new BadgeError('ERR_KEY_NOT_FOUND', `No key with id "${keyId}". Run \`badgesmith keys list\`.`);
      return decryptKey(workspace, box, record);
    },
    rotate: (type) => newKey(workspace, box, type),
  };
}

export interface KeystoreOptions {
  /** scrypt cost override (tests use a lower N). */
  cost?: Partial<Omit<ScryptParams, 'salt'>>;
}

/** Unlocks the workspace's keystore (ERR_PASSPHRASE_WRONG on a wrong passphrase). */
export async function openKeystore(workspace: Workspace, passphrase: string, options: KeystoreOptions = {}): Promise<Keystore> {
  if (!(await readMeta(workspace)) && listKeys(workspace.db).length > 0) {
    throw new BadgeError('ERR_KEYSTORE_CORRUPT', `${join(workspace.paths.keys, META_FILE)} is missing; restore the keys with \`badgesmith keys import BACKUP\`.`);
  }
  return makeKeystore(workspace, await unlock(workspace, passphrase, options.cost));
}

/** Creates the keystore with one key of each type (at `init`). */
export async function initKeystore(workspace: Workspace, passphrase: string, options: KeystoreOptions = {}): Promise<Keystore> {
  if (!passphrase) throw new BadgeError('ERR_PASSPHRASE_REQUIRED', 'An empty passphrase cannot protect the keys; set BADGESMITH_PASSPHRASE.');
  const keystore = await openKeystore(workspace, passphrase, options);
  for (const type of KEY_TYPES) if (!findActiveKey(workspace.db, type)) await keystore.rotate(type);
  return keystore;
}

interface BackupFile {
  format: 'badgesmith-keys-backup';
  version: 1;
  kdf: ScryptParams;
  sealed: string;
}

interface BackupPayload {
  issuer: IssuerProfile | null;
  keys: { record: Omit<KeyRecord, 'file'>; privateJwk: PrivateJwk }[];
}

/** Encrypted backup of the issuer profile and every key, sealed with its own passphrase. */
export async function exportKeys(workspace: Workspace, keystore: Keystore, backupPassphrase: string, options: KeystoreOptions = {}): Promise<Uint8Array> {
  if (!backupPassphrase) throw new BadgeError('ERR_PASSPHRASE_REQUIRED', 'The backup needs a passphrase (BADGESMITH_BACKUP_PASSPHRASE).');
  const keys: BackupPayload['keys'] = [];
  for (const record of keystore.list()) {
    const { file: _file, ...rest } = record;
    keys.push({ record: rest, privateJwk: await keystore.privateJwk(record.id) });
  }
  const payload: BackupPayload = { issuer: getIssuer(workspace.db) ?? null, keys };
  const kdf = newScryptParams(options.cost);
  const box = await passphraseBox(backupPassphrase, kdf);
  const plain = utf8Encode(JSON.stringify(payload));
  const file: BackupFile = { format: 'badgesmith-keys-backup', version: 1, kdf, sealed: base64urlEncode(await box.seal(plain, BACKUP_AAD)) };
  plain.fill(0);
  return utf8Encode(`${JSON.stringify(file, null, 2)}\n`);
}

function isBackupPayload(value: unknown): value is BackupPayload {
  if (typeof value !== 'object' || value === null) return false;
  const keys = (value as BackupPayload).keys;
  return (
    Array.isArray(keys) &&
    keys.every(
      (k) =>
        typeof k === 'object' && k !== null && typeof k.record?.id === 'string' && KEY_TYPES.includes(k.record.type) && typeof k.privateJwk?.kty === 'string',
    )
  );
}

export interface ImportResult {
  imported: KeyRecord[];
  skipped: string[];
  issuerRestored: boolean;
}

/**
 * Restores keys (and, into an empty workspace, the issuer profile) from a backup. Keys already
 * present are skipped; the backup's active keys become the active ones, others are kept retired.
 */
export async function importKeys(
  workspace: Workspace,
  backup: Uint8Array,
  backupPassphrase: string,
  workspacePassphrase: string,
  options: KeystoreOptions = {},
): Promise<ImportResult> {
  const file = parseJsonFile(backup) as Partial<BackupFile> | undefined;
  const sealed = decodeField(file?.sealed);
  if (!file || file.format !== 'badgesmith-keys-backup' || file.version !== 1 || !isScryptParams(file.kdf) || !sealed) {
    throw new BadgeError('ERR_BACKUP_INVALID', 'This file is not a Badgesmith key backup (made with `badgesmith keys export`).');
  }
  let payload: unknown;
  try {
    const plain = await (await passphraseBox(backupPassphrase, file.kdf)).open(sealed, BACKUP_AAD);
    payload = JSON.parse(utf8Decode(plain));
    plain.fill(0);
  } catch {
    throw new BadgeError('ERR_PASSPHRASE_WRONG', 'The passphrase does not open this backup. Set BADGESMITH_BACKUP_PASSPHRASE to the passphrase used for `keys export`.');
  }
  if (!isBackupPayload(payload)) throw new BadgeError('ERR_BACKUP_INVALID', 'The backup opened but its content is not valid.');
  const current = getIssuer(workspace.db);
  if (current && payload.issuer && current.did !== payload.issuer.did) {
    throw new BadgeError(
      'ERR_BACKUP_OTHER_ISSUER',
      `The backup holds the keys of ${payload.issuer.did}, but this workspace is ${current.did}. Import it into an empty workspace folder instead.`,
    );
  }
  const box = await unlock(workspace, workspacePassphrase, options.cost);
  const result: ImportResult = { imported: [], skipped: [], issuerRestored: false };
  const records: KeyRecord[] = [];
  for (const { record, privateJwk } of payload.keys) {
    if (getKey(workspace.db, record.id)) {
      result.skipped.push(record.id);
      continue;
    }
    const stored = await storeKey(workspace, box, record.type, privateJwk, record);
    if (stored.id !== record.id) throw new BadgeError('ERR_BACKUP_INVALID', `Backup key ${record.id} does not match its public key.`);
    records.push(stored);
  }
  workspace.db.transaction(() => {
    if (!current && payload.issuer) {
      insertIssuer(workspace.db, payload.issuer);
      result.issuerRestored = true;
    }
    for (const record of records) {
      if (record.status === 'active') retireActiveKey(workspace.db, record.type, workspace.now());
      insertKey(workspace.db, record);
    }
  })();
  result.imported = records;
  return result;
}
