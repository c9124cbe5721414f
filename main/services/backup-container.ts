/**
 * The encrypted container of a workspace backup, written and read as a stream of bounded records:
 *
 *   "BSMHWSB\n" ‖ version (u16) ‖ header length (u32) ‖ header JSON ‖ SHA-256 of everything before
 *   then records: length (u32) ‖ AES-256-GCM(data key, kind ‖ body, AAD = header digest ‖ sequence)
 *
 * The header (plain text, no personal data) holds the scrypt parameters and the data key sealed
 * by the passphrase box (the keystore's own KDF and AEAD). Each record is bound to the header and
 * to its place in the stream, so a changed, removed or reordered record fails to open; the last
 * record is the manifest, so a file cut short is told apart from a damaged one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { BadgeError } from '../../shared/errors.js';
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from '../../shared/bytes.js';
import { isBoundedScryptParams } from './keystore.js';
import {
  aesGcmOpen,
  aesGcmSeal,
  newScryptParams,
  passphraseBox,
  type ScryptParams,
} from './secret-box.js';

export const BACKUP_MAGIC = utf8Encode('BSMHWSB\n');
export const BACKUP_VERSION = 1;
const KEY_AAD = utf8Encode('badgesmith-workspace-backup/v1/data-key');
const MAX_HEADER_BYTES = 64 * 1024;
/** A record's plain text: a file chunk, or JSON (an entry's start or end, the manifest). */
export const MAX_RECORD_PLAIN = 16 * 1024 * 1024;
const SEAL_OVERHEAD = 12 + 16;

export const RecordKind = { start: 1, data: 2, end: 3, manifest: 4 } as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

export interface BackupHeader {
  format: 'badgesmith-workspace-backup';
  version: 1;
  /** When the snapshot was taken (ISO date-time). */
  created: string;
  /** The workspace database's schema version at backup time. */
  schemaVersion: number;
  kdf: ScryptParams;
  /** The data key, sealed by the passphrase box. */
  wrappedKey: string;
}

export interface BackupRecord {
  kind: RecordKind;
  body: Uint8Array;
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function recordAad(headerDigest: Uint8Array, sequence: number): Uint8Array {
  const aad = Buffer.alloc(headerDigest.length + 8);
  aad.set(headerDigest);
  aad.writeBigUInt64BE(BigInt(sequence), headerDigest.length);
  return aad;
}

export interface BackupWriter {
  write(kind: RecordKind, body: Uint8Array): Promise<void>;
  writeJson(kind: RecordKind, value: unknown): Promise<void>;
  /** Bytes written so far. */
  readonly bytes: number;
}

/** Writes the header to `handle` and returns a writer for the records that follow. */
export async function startBackupStream(
  handle: FileHandle,
  passphrase: string,
  header: Pick<BackupHeader, 'created' | 'schemaVersion'>,
  cost?: Partial<Omit<ScryptParams, 'salt'>>,
): Promise<BackupWriter> {
  const kdf = newScryptParams(cost);
  const dataKey = randomBytes(32);
  const box = await passphraseBox(passphrase, kdf);
  const full: BackupHeader = {
    format: 'badgesmith-workspace-backup',
    version: BACKUP_VERSION,
    created: header.created,
    schemaVersion: header.schemaVersion,
    kdf,
    wrappedKey: base64urlEncode(await box.seal(dataKey, KEY_AAD)),
  };
  const json = utf8Encode(JSON.stringify(full));
  const version = Buffer.alloc(2);
  version.writeUInt16BE(BACKUP_VERSION);
  const prefix = Buffer.concat([BACKUP_MAGIC, version, u32(json.length), json]);
  const digest = createHash('sha256').update(prefix).digest();
  await handle.write(Buffer.concat([prefix, digest]));
  let bytes = prefix.length + digest.length;
  let sequence = 0;
  const write = async (kind: RecordKind, body: Uint8Array) => {
    const plain = Buffer.alloc(1 + body.length);
    plain[0] = kind;
    plain.set(body, 1);
    const sealed = aesGcmSeal(dataKey, plain, recordAad(digest, sequence));
    sequence += 1;
    await handle.writev([u32(sealed.length), sealed]);
    bytes += 4 + sealed.length;
  };
  return {
    write,
    writeJson: (kind, value) => write(kind, utf8Encode(JSON.stringify(value))),
    get bytes() {
      return bytes;
    },
  };
}

export type BackupFault = 'corrupt' | 'truncated';

/** Raised while reading: the CLI and the app word it for the file at hand. */
export class BackupReadError extends Error {
  constructor(
    readonly fault: BackupFault,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const corrupt = (detail: string) => new BackupReadError('corrupt', detail);
const truncated = (detail: string) => new BackupReadError('truncated', detail);

/** Reads exactly `length` bytes at `position`; fewer means the file ends there. */
async function readExactly(
  handle: FileHandle,
  position: number,
  length: number,
  what: string,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw truncated(`it ends inside ${what}`);
    filled += bytesRead;
  }
  return buffer;
}

export interface BackupReader {
  readonly header: BackupHeader;
  /** The next record, or undefined at the very end of the file. */
  next(): Promise<BackupRecord | undefined>;
  /** Bytes read so far. */
  readonly position: number;
}

function parseHeader(json: Buffer): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(utf8Decode(json)) as Partial<BackupHeader>;
  } catch {
    throw corrupt('its header is not readable');
  }
  if (
    header?.format !== 'badgesmith-workspace-backup' ||
    header.version !== BACKUP_VERSION ||
    typeof header.created !== 'string' ||
    typeof header.schemaVersion !== 'number' ||
    !isBoundedScryptParams(header.kdf) ||
    typeof header.wrappedKey !== 'string'
  ) {
    throw corrupt('its header is incomplete');
  }
  return header as BackupHeader;
}

/**
 * Opens a backup for reading. Throws ERR_BACKUP_INVALID for a file that is not a workspace
 * backup, ERR_BACKUP_TOO_NEW for a later format, ERR_PASSPHRASE_WRONG when the passphrase does
 * not open it, and BackupReadError for a damaged or cut-short file.
 */
export async function openBackupStream(
  handle: FileHandle,
  passphrase: string,
  name: string,
): Promise<BackupReader> {
  const magic = Buffer.alloc(BACKUP_MAGIC.length);
  const { bytesRead } = await handle.read(magic, 0, magic.length, 0);
  const seen = magic.subarray(0, bytesRead);
  if (!seen.equals(Buffer.from(BACKUP_MAGIC).subarray(0, bytesRead))) {
    throw new BadgeError(
      'ERR_BACKUP_INVALID',
      `${name} is not a Badgesmith workspace backup (those are made with \`badgesmith workspace backup\`). A key backup made with \`keys export\` is restored with \`badgesmith keys import\`.`,
    );
  }
  if (bytesRead < magic.length) throw truncated('it ends inside its header');
  const sizes = await readExactly(handle, magic.length, 6, 'its header');
  const version = sizes.readUInt16BE(0);
  const headerLength = sizes.readUInt32BE(2);
  if (headerLength > MAX_HEADER_BYTES) throw corrupt('its header is damaged');
  const json = await readExactly(handle, magic.length + 6, headerLength, 'its header');
  const digest = await readExactly(handle, magic.length + 6 + headerLength, 32, 'its header');
  const expected = createHash('sha256').update(magic).update(sizes).update(json).digest();
  if (!expected.equals(digest)) throw corrupt('its header does not match its checksum');
  if (version > BACKUP_VERSION) {
    throw new BadgeError(
      'ERR_BACKUP_TOO_NEW',
      `${name} was made by a newer Badgesmith (backup format ${version}); update Badgesmith, then restore it again. Nothing was written.`,
    );
  }
  if (version !== BACKUP_VERSION) throw corrupt('its header is damaged');
  const header = parseHeader(json);
  const wrapped = base64urlDecode(header.wrappedKey);
  if (!wrapped) throw corrupt('its header is damaged');
  let dataKey: Uint8Array;
  try {
    dataKey = await (await passphraseBox(passphrase, header.kdf)).open(wrapped, KEY_AAD);
  } catch {
    throw new BadgeError(
      'ERR_PASSPHRASE_WRONG',
      `The passphrase does not open ${name}. Set BADGESMITH_PASSPHRASE to the workspace passphrase in use when the backup was made, then try again. Nothing was written.`,
    );
  }
  let position = magic.length + 6 + headerLength + 32;
  let sequence = 0;
  return {
    header,
    get position() {
      return position;
    },
    async next() {
      const lengthBytes = Buffer.alloc(4);
      const { bytesRead: got } = await handle.read(lengthBytes, 0, 4, position);
      if (got === 0) return undefined;
      if (got < 4) throw truncated('it ends inside a record');
      const length = lengthBytes.readUInt32BE(0);
      if (length < SEAL_OVERHEAD + 1 || length > MAX_RECORD_PLAIN + 1 + SEAL_OVERHEAD) {
        throw corrupt(`a record length is damaged (at byte ${position})`);
      }
      const sealed = await readExactly(handle, position + 4, length, 'a record');
      let plain: Uint8Array;
      try {
        plain = aesGcmOpen(dataKey, sealed, recordAad(digest, sequence));
      } catch {
        throw corrupt(`its content does not match its checksum (at byte ${position})`);
      }
      position += 4 + length;
      sequence += 1;
      const kind = plain[0] as RecordKind;
      if (!Object.values(RecordKind).includes(kind)) throw corrupt('a record has an unknown kind');
      return { kind, body: plain.subarray(1) };
    },
  };
}

/** A JSON record body; a well-sealed record that does not parse is a writer bug or tampering. */
export function recordJson(record: BackupRecord): unknown {
  try {
    return JSON.parse(utf8Decode(record.body));
  } catch {
    throw corrupt('a record is not readable');
  }
}
