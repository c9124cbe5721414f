import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
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
    throw corrupt(file, error instanceof Error ? error.message : String(error), error);
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
    })();
  }
}

export interface OpenDatabaseOptions {
  /** Create the file when it does not exist (otherwise ERR_WORKSPACE_MISSING). */
  create?: boolean;
}

/** Opens (and migrates) a workspace database; refuses foreign, corrupt or newer files without touching them. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (existsSync(file)) {
    inspectDatabase(file);
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
    throw error instanceof BadgeError ? error : corrupt(file, error instanceof Error ? error.message : String(error), error);
  }
}
