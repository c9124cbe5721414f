import { accessSync, closeSync, constants, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BadgeError } from '../../shared/errors.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\u0000';

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Below this much free space, a disk I/O error while opening the database is taken for a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/**
 * SQLite's I/O errors (a full disk cannot hold the -shm/-wal files; a failing disk) are not a damaged
 * database: they get their own codes, and the file is not called corrupt.
 */
function ioTrouble(file: string, error: unknown): BadgeError | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^SQLITE_(IOERR|FULL|CANTOPEN)/.test(code)) return undefined;
  let free = Number.POSITIVE_INFINITY;
  try {
    const info = statfsSync(dirname(file));
    free = info.bavail * info.bsize;
  } catch {
    // unknown: not taken for a full disk
  }
  if (code === 'SQLITE_FULL' || free < NEARLY_FULL_BYTES) {
    return new BadgeError('ERR_DISK_FULL', `The disk holding ${dirname(file)} is full, so the workspace cannot be opened. Free some space, then run the command again; nothing was changed.`, { cause: error });
  }
  return new BadgeError('ERR_DISK_IO', `The workspace database ${file} could not be read or written (${code}): check the disk and its permissions, then run the command again. The file was left untouched.`, { cause: error });
}

function corrupt(file: string, why: string, cause?: unknown): BadgeError {
  return new BadgeError(
    'ERR_WORKSPACE_CORRUPT',
    `${file} is not a usable Badgesmith workspace database (${why}); it was left untouched. Restore it from a backup or choose another workspace folder.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Checks an existing file without writing to it: header, application_id and user_version,
 * through a read-only connection. Throws ERR_WORKSPACE_CORRUPT or ERR_WORKSPACE_TOO_NEW.
 */
export function inspectDatabase(file: string): { version: number } {
  const header = readHeader(file);
  if (header.length === 0) return { version: 0 };
  if (header.toString('latin1') !== SQLITE_HEADER) throw corrupt(file, 'not a SQLite file');
  let probe: Db | undefined;
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const version = probe.pragma('user_version', { simple: true }) as number;
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const tables = (probe.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && !(applicationId === 0 && version === 0 && tables === 0)) {
      throw corrupt(file, 'a SQLite database that belongs to another program');
    }
    if (version > SCHEMA_VERSION) {
      throw new BadgeError(
        'ERR_WORKSPACE_TOO_NEW',
        `${file} was written by a newer Badgesmith (schema ${version}, this version knows ${SCHEMA_VERSION}); update Badgesmith to open it. The file was left untouched.`,
      );
    }
    const check = probe.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw corrupt(file, `integrity check: ${check}`);
    return { version };
  } catch (error) {
    if (error instanceof BadgeError) throw error;
    throw ioTrouble(file, error) ?? corrupt(file, error instanceof Error ? error.message : String(error), error);
  } finally {
    probe?.close();
    removeEmptySideFiles(sideFiles);
  }
}

/** A read-only connection to a WAL database may create empty -wal/-shm files; a refused file gets none left beside it. */
function removeEmptySideFiles(paths: string[]): void {
  for (const path of paths) {
    try {
      if (path.endsWith('-shm') || statSync(path).size === 0) rmSync(path, { force: true });
    } catch {
      // absent: nothing to remove
    }
  }
}

/** Applies the migrations newer than the database's user_version, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let index = current; index < SCHEMA_VERSION; index += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[index] ?? '');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${index + 1}`);
    }).immediate();
  }
}

export interface OpenDatabaseOptions {
  /** Create the file when it does not exist (otherwise ERR_WORKSPACE_MISSING). */
  create?: boolean;
}

/** True when this process may write the file and create files beside it (the -wal and -shm). */
function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses an existing database path that is a folder (ERR_WORKSPACE_DB_NOT_FILE) or an empty file
 * (ERR_WORKSPACE_CORRUPT: a lost database is never taken for a new workspace).
 */
export function checkDatabaseFile(file: string, create: boolean): void {
  const info = statSync(file);
  if (info.isDirectory()) {
    throw new BadgeError(
      'ERR_WORKSPACE_DB_NOT_FILE',
      `${file} is a folder, but it should be the workspace's database file. Move that folder away (or choose another workspace folder with --workspace), then run the command again.`,
    );
  }
  if (!info.isFile()) throw corrupt(file, 'not a regular file');
  if (info.size === 0) {
    throw new BadgeError(
      'ERR_WORKSPACE_CORRUPT',
      `${file} is empty (0 bytes): the workspace database was lost, and it is not treated as a new workspace. Restore it from a backup${create ? '; or, if this folder never held any badges, delete the file and run init again' : ''}.`,
    );
  }
}

/**
 * A workspace on a read-only disk or folder: SQLite cannot open a WAL database where it cannot
 * create the -shm file, so a private copy (with its -wal) is opened read-only instead. Reading
 * commands work; a write fails with SQLITE_READONLY (ERR_WORKSPACE_READONLY). The copy is removed
 * when the connection closes.
 */
function openReadOnlyCopy(file: string): Db {
  const dir = mkdtempSync(join(tmpdir(), 'badgesmith-readonly-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const copy = join(dir, 'badgesmith.db');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    inspectDatabase(copy);
    const db = new Database(copy, { readonly: true, fileMustExist: true });
    const close = db.close.bind(db);
    db.close = () => {
      close();
      remove();
      process.off('exit', remove);
      return db;
    };
    process.once('exit', remove);
    return db;
  } catch (error) {
    remove();
    throw error;
  }
}

/** True for a connection that cannot write (a read-only workspace). */
export function isReadOnly(db: Db): boolean {
  return db.readonly;
}

/**
 * Opens (and migrates) a workspace database; refuses foreign, corrupt, empty or newer files
 * without touching them. A database this process cannot write is opened read-only.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (existsSync(file)) {
    checkDatabaseFile(file, options.create === true);
    if (!writable(file)) {
      if (options.create) {
        throw new BadgeError('ERR_WORKSPACE_READONLY', `${dirname(file)} is read-only, so no workspace can be created there. Choose a folder you can write to.`);
      }
      return openReadOnlyCopy(file);
    }
    const { version } = inspectDatabase(file);
    if (version === 0 && !options.create) throw corrupt(file, 'it holds no Badgesmith data');
  } else if (!options.create) {
    throw new BadgeError(
      'ERR_WORKSPACE_MISSING',
      `No workspace database at ${file}. Run \`badgesmith init\` first, or pass --workspace DIR for an existing workspace.`,
    );
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof BadgeError) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|READONLY)/.test(code)) throw error;
    throw ioTrouble(file, error) ?? corrupt(file, error instanceof Error ? error.message : String(error), error);
  }
}
