import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type JsonWebKey as NodeJsonWebKey, type KeyObject } from 'node:crypto';
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
import { siteLayout } from '../../shared/site/urls.js';
import { requireWritable, type Workspace } from './workspace.js';
import { BACKUP_MAGIC } from './backup-container.js';

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

/** A fresh private JWK of the type (for a standalone key file: the keystore stores its own keys encrypted). */
export async function generatePrivateJwk(type: KeyType): Promise<PrivateJwk> {
  return (await generate(type)).export({ format: 'jwk' }) as PrivateJwk;
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
  if (!meta || meta.format !== 'badgesmith-keystore' || meta.version !== 1 || !isBoundedScryptParams(meta.kdf) || typeof meta.check !== 'string') {
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
  requireWritable(workspace);
  const jwk = (await generate(type)).export({ format: 'jwk' }) as PrivateJwk;
  const record = await storeKey(workspace, box, type, jwk);
  workspace.db.transaction(() => {
    retireActiveKey(workspace.db, type, record.created);
    insertKey(workspace.db, record);
  }).immediate();
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

/** At most 2^17 × 8 × 128 bytes (128 MB) and a few tenths of a second per derivation: our own files use 2^15. */
const MAX_SCRYPT_WORK = 2 ** 17;
const MAX_BACKUP_KEYS = 1000;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PRIVATE_MEMBERS: Record<string, string[]> = { OKP: ['d'], EC: ['d'], RSA: ['d', 'p', 'q', 'dp', 'dq', 'qi'] };
const KEY_SHAPE: Record<KeyType, { kty: string; crv?: string }> = { Ed25519: { kty: 'OKP', crv: 'Ed25519' }, RSA: { kty: 'RSA' }, 'P-256': { kty: 'EC', crv: 'P-256' } };

/** Key-derivation settings from a file: a hostile cost (gigabytes, minutes) is refused before deriving anything. */
export function isBoundedScryptParams(value: unknown): value is ScryptParams {
  return isScryptParams(value) && value.N * value.p <= MAX_SCRYPT_WORK && (base64urlDecode(value.salt)?.length ?? 0) >= 16;
}

function invalidBackup(why: string): BadgeError {
  return new BadgeError('ERR_BACKUP_INVALID', `The backup opened, but ${why}; nothing was imported. Use another backup made with \`badgesmith keys export\`.`);
}

function isOptionalString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** The issuer profile of a backup, checked like one entered with `init`. */
function checkBackupIssuer(value: unknown): IssuerProfile | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidBackup('its issuer profile is not an object');
  const issuer = value as Record<string, unknown>;
  // eslint-disable-next-line no-control-regex -- a name with control characters is refused
  if (typeof issuer.name !== 'string' || issuer.name.trim() === '' || /[\u0000-\u001f\u007f-\u009f]/.test(issuer.name)) throw invalidBackup('its issuer has no valid name');
  if (typeof issuer.url !== 'string' || !/^https?:$/.test(safeProtocol(issuer.url))) throw invalidBackup('its issuer URL is not a web address');
  if (typeof issuer.siteUrl !== 'string') throw invalidBackup('its issuer has no site URL');
  let did: string;
  try {
    const layout = siteLayout(issuer.siteUrl);
    did = layout.did;
    if (layout.siteUrl !== issuer.siteUrl) throw new Error('not normalised');
  } catch {
    throw invalidBackup('its issuer site URL is not valid');
  }
  if (issuer.did !== did) throw invalidBackup(`its issuer DID does not match its site URL (${did})`);
  if (!isOptionalString(issuer.email) || !isOptionalString(issuer.description)) throw invalidBackup('its issuer e-mail or description is not text');
  if (!isOptionalString(issuer.image) || (typeof issuer.image === 'string' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(issuer.image))) {
    throw invalidBackup('its issuer image is not a plain file name');
  }
  if (issuer.language !== 'en' && issuer.language !== 'fr') throw invalidBackup('its issuer language is not en or fr');
  if (!isDateTime(issuer.created) || !isDateTime(issuer.updated)) throw invalidBackup('its issuer dates are not valid');
  return {
    name: issuer.name,
    url: issuer.url,
    email: issuer.email ?? null,
    description: issuer.description ?? null,
    image: issuer.image ?? null,
    language: issuer.language,
    siteUrl: issuer.siteUrl,
    did,
    created: issuer.created,
    updated: issuer.updated,
  };
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** One key of a backup: a complete private key of its type whose public part and thumbprint are the record's. */
async function checkBackupKey(value: unknown, index: number): Promise<BackupPayload['keys'][number]> {
  const where = `key ${index + 1}`;
  if (typeof value !== 'object' || value === null) throw invalidBackup(`${where} is not an object`);
  const { record, privateJwk } = value as { record?: Record<string, unknown>; privateJwk?: Record<string, unknown> };
  if (typeof record !== 'object' || record === null || typeof privateJwk !== 'object' || privateJwk === null) throw invalidBackup(`${where} is incomplete`);
  const type = record.type as KeyType;
  if (!KEY_TYPES.includes(type)) throw invalidBackup(`${where} has an unknown type`);
  if (record.status !== 'active' && record.status !== 'retired') throw invalidBackup(`${where} has an unknown status`);
  if (typeof record.purpose !== 'string' || !isDateTime(record.created) || !(record.rotated === null || isDateTime(record.rotated)) || !(record.retired === null || isDateTime(record.retired))) {
    throw invalidBackup(`${where} has invalid fields`);
  }
  const shape = KEY_SHAPE[type];
  if (privateJwk.kty !== shape.kty || (shape.crv !== undefined && privateJwk.crv !== shape.crv)) throw invalidBackup(`${where} is not an ${type} key`);
  const missing = (PRIVATE_MEMBERS[shape.kty] ?? []).filter((member) => typeof privateJwk[member] !== 'string');
  if (missing.length > 0) throw invalidBackup(`${where} has no private part (${missing.join(', ')} missing)`);
  const jwk = privateJwk as PrivateJwk;
  try {
    const derived = createPublicKey(createPrivateKey({ key: jwk as NodeJsonWebKey, format: 'jwk' })).export({ format: 'jwk' }) as PublicJwk;
    if (!samePublicKey(publicPart(jwk), derived)) throw new Error('public part does not match');
  } catch {
    throw invalidBackup(`${where} is not a usable private key`);
  }
  const publicJwk = publicPart(jwk);
  const id = await calculateJwkThumbprint(publicJwk as JWK, 'sha256');
  if (record.id !== id) throw invalidBackup(`${where} does not match its id`);
  if (record.publicJwk !== undefined && !(typeof record.publicJwk === 'object' && record.publicJwk !== null && samePublicKey(record.publicJwk as PublicJwk, publicJwk))) {
    throw invalidBackup(`${where} does not match its public key`);
  }
  return {
    record: { id, type, purpose: record.purpose, status: record.status, created: record.created, rotated: record.rotated as string | null, retired: record.retired as string | null, publicJwk },
    privateJwk: jwk,
  };
}

/** The whole decrypted payload, checked before anything is written. */
async function checkBackupPayload(value: unknown): Promise<BackupPayload> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidBackup('its content is not an object');
  const { issuer, keys } = value as { issuer?: unknown; keys?: unknown };
  if (!Array.isArray(keys) || keys.length === 0) throw invalidBackup('it holds no keys');
  if (keys.length > MAX_BACKUP_KEYS) throw invalidBackup(`it holds more than ${MAX_BACKUP_KEYS} keys`);
  const checked: BackupPayload['keys'] = [];
  for (const [index, key] of keys.entries()) checked.push(await checkBackupKey(key, index));
  if (new Set(checked.map((k) => k.record.id)).size !== checked.length) throw invalidBackup('it holds the same key twice');
  for (const type of KEY_TYPES) {
    if (checked.filter((k) => k.record.type === type && k.record.status === 'active').length > 1) throw invalidBackup(`it holds two active ${type} keys`);
  }
  return { issuer: checkBackupIssuer(issuer), keys: checked };
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
function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

export async function importKeys(
  workspace: Workspace,
  backup: Uint8Array,
  backupPassphrase: string,
  workspacePassphrase: string,
  options: KeystoreOptions = {},
): Promise<ImportResult> {
  if (startsWith(backup, BACKUP_MAGIC)) {
    throw new BadgeError(
      'ERR_BACKUP_IS_WORKSPACE',
      'This file is a whole-workspace backup, not a key backup. Restore it into a new folder with `badgesmith workspace restore FILE --workspace DIR`.',
    );
  }
  const file = parseJsonFile(backup) as Partial<BackupFile> | undefined;
  const sealed = decodeField(file?.sealed);
  if (!file || file.format !== 'badgesmith-keys-backup' || file.version !== 1 || !isScryptParams(file.kdf) || !sealed) {
    throw new BadgeError('ERR_BACKUP_INVALID', 'This file is not a Badgesmith key backup (made with `badgesmith keys export`).');
  }
  if (!isBoundedScryptParams(file.kdf)) {
    throw new BadgeError('ERR_BACKUP_INVALID', 'This backup asks for a key-derivation cost far above what `badgesmith keys export` uses; it was refused before deriving anything. Use a backup made with `badgesmith keys export`.');
  }
  let payload: unknown;
  try {
    const plain = await (await passphraseBox(backupPassphrase, file.kdf)).open(sealed, BACKUP_AAD);
    payload = JSON.parse(utf8Decode(plain));
    plain.fill(0);
  } catch {
    throw new BadgeError('ERR_PASSPHRASE_WRONG', 'The passphrase does not open this backup. Set BADGESMITH_BACKUP_PASSPHRASE to the passphrase used for `keys export`.');
  }
  const backupContent = await checkBackupPayload(payload);
  requireWritable(workspace);
  const current = getIssuer(workspace.db);
  if (current && backupContent.issuer && current.did !== backupContent.issuer.did) {
    throw new BadgeError(
      'ERR_BACKUP_OTHER_ISSUER',
      `The backup holds the keys of ${backupContent.issuer.did}, but this workspace is ${current.did}. Import it into an empty workspace folder instead.`,
    );
  }
  const box = await unlock(workspace, workspacePassphrase, options.cost);
  const result: ImportResult = { imported: [], skipped: [], issuerRestored: false };
  const records: KeyRecord[] = [];
  for (const { record, privateJwk } of backupContent.keys) {
    if (getKey(workspace.db, record.id)) {
      result.skipped.push(record.id);
      continue;
    }
    records.push(await storeKey(workspace, box, record.type, privateJwk, record));
  }
  workspace.db.transaction(() => {
    if (!current && backupContent.issuer) {
      insertIssuer(workspace.db, backupContent.issuer);
      result.issuerRestored = true;
    }
    for (const record of records) {
      if (record.status === 'active') retireActiveKey(workspace.db, record.type, workspace.now());
      insertKey(workspace.db, record);
    }
  }).immediate();
  result.imported = records;
  return result;
}
