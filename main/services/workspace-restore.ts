/**
 * Restores a workspace backup (written by ./workspace-backup.ts). The whole file is read once and
 * checked (every record, every file's size and SHA-256, the manifest) before anything is written;
 * then it is written into a hidden sibling of the target, where the database and the keys are
 * checked, and only then renamed into place. A restore never overwrites anything.
 */
import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  open,
  readdir,
  rename,
  rm,
  rmdir,
  type FileHandle,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BadgeError, isBadgeError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { APPLICATION_ID, SCHEMA_VERSION } from '../db/migrations.js';
import { inspectDatabase } from '../db/open.js';
import { getIssuer } from '../db/repos/issuer.js';
import {
  BackupReadError,
  openBackupStream,
  recordJson,
  RecordKind,
  type BackupHeader,
} from './backup-container.js';
import {
  DATABASE,
  ISSUED_FOLDER,
  errnoCode,
  safeEntryPath,
  syncFolder,
  type BackupEntry,
} from './backup-sources.js';
import { requireInputFile } from './files.js';
import { openKeystore } from './keystore.js';
import { openWorkspace } from './workspace.js';

export interface RestoreProgress {
  /** `verify`: the whole file is read and checked before anything is written; `write`: files are written; `check`: database and keys are checked. */
  phase: 'verify' | 'write' | 'check';
  doneBytes: number;
  totalBytes: number;
}

export interface RestoreWorkspaceOptions {
  backupFile: string;
  /** A folder that does not exist yet (or is empty). */
  targetDir: string;
  passphrase: string;
  onProgress?: (progress: RestoreProgress) => void;
  clock?: Clock;
}

export interface RestoreWorkspaceResult {
  workspaceDir: string;
  /** When the backup was taken. */
  created: string;
  entries: BackupEntry[];
  /** The folder of the issued files (pass it to `site build --issued`), or null when the backup holds none. */
  issuedDir: string | null;
  issuer: { name: string; did: string; siteUrl: string };
  counts: { badges: number; people: number; credentials: number; revoked: number; keys: number };
}

const systemClock: Clock = () => new Date();

function backupCorrupt(file: string, detail: string): BadgeError {
  return new BadgeError(
    'ERR_BACKUP_CORRUPT',
    `The backup ${file} is damaged (${detail}), so it cannot be trusted; nothing was written. Restore from another copy of the backup.`,
  );
}

function readFault(file: string, error: unknown): unknown {
  if (!(error instanceof BackupReadError)) return error;
  if (error.fault === 'truncated') {
    return new BadgeError(
      'ERR_BACKUP_TRUNCATED',
      `The backup ${file} is incomplete (${error.detail}): it was probably copied before it was finished, or the disk filled up. Nothing was written. Copy it again from where you keep it, or use another copy.`,
    );
  }
  return backupCorrupt(file, error.detail);
}

/** Receives the files of a backup as they are read (pass 2 of a restore). */
interface EntrySink {
  start(path: string): Promise<void>;
  data(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Reads the whole backup, checking every record, every file's size and SHA-256, and the manifest;
 * hands the files to `sink` when one is given.
 */
async function readBackup(
  file: string,
  passphrase: string,
  sink: EntrySink | undefined,
  onPosition: (position: number) => void,
): Promise<{ header: BackupHeader; entries: BackupEntry[] }> {
  const handle = await open(file, 'r');
  try {
    const reader = await openBackupStream(handle, passphrase, file);
    const entries: BackupEntry[] = [];
    const seen = new Set<string>();
    let current: { path: string; size: number; hash: ReturnType<typeof createHash> } | undefined;
    for (;;) {
      const record = await reader.next();
      onPosition(reader.position);
      if (!record) throw new BackupReadError('truncated', 'it ends before its list of files');
      if (record.kind === RecordKind.start) {
        const { path } = (recordJson(record) ?? {}) as { path?: unknown };
        if (current || !safeEntryPath(path) || seen.has(path)) {
          throw new BackupReadError('corrupt', 'a file name in it is not valid');
        }
        seen.add(path);
        current = { path, size: 0, hash: createHash('sha256') };
        await sink?.start(path);
      } else if (record.kind === RecordKind.data) {
        if (!current) throw new BackupReadError('corrupt', 'it holds data outside any file');
        current.hash.update(record.body);
        current.size += record.body.length;
        await sink?.data(record.body);
      } else if (record.kind === RecordKind.end) {
        const end = recordJson(record) as { size?: unknown; sha256?: unknown } | null;
        if (!current) throw new BackupReadError('corrupt', 'it holds a file end outside any file');
        const entry: BackupEntry = {
          path: current.path,
          size: current.size,
          sha256: current.hash.digest('hex'),
        };
        if (end?.size !== entry.size || end.sha256 !== entry.sha256) {
          throw new BackupReadError('corrupt', `${entry.path} does not match its SHA-256`);
        }
        await sink?.end();
        entries.push(entry);
        current = undefined;
      } else {
        const manifest = recordJson(record) as { entries?: unknown } | null;
        if (current || !isDeepStrictEqual(manifest?.entries, entries)) {
          throw new BackupReadError('corrupt', 'its list of files does not match its content');
        }
        if (await reader.next()) {
          throw new BackupReadError('corrupt', 'it holds data after its end');
        }
        if (!entries.some((entry) => entry.path === DATABASE)) {
          throw new BackupReadError('corrupt', 'it holds no workspace database');
        }
        return { header: reader.header, entries };
      }
    }
  } catch (error) {
    await sink?.abort();
    throw readFault(file, error);
  } finally {
    await handle.close();
  }
}

/** Writes files under `root` (folders 0700, files 0600, each synced). */
function folderSink(root: string): EntrySink {
  let handle: FileHandle | undefined;
  return {
    async start(path) {
      const target = join(root, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      handle = await open(target, 'wx', 0o600);
    },
    async data(bytes) {
      await handle!.write(bytes);
    },
    async end() {
      await handle!.sync();
      await handle!.close();
      handle = undefined;
    },
    async abort() {
      await handle?.close();
      handle = undefined;
    },
  };
}

function workspaceExists(target: string, why: string): BadgeError {
  return new BadgeError(
    'ERR_WORKSPACE_EXISTS',
    `${target} ${why}; a restore never overwrites anything. Give a new folder with --workspace (for example ${target}-restored), or move that one away first.`,
  );
}

/** The target must not exist, or be an empty folder. Returns true when it is an empty folder. */
async function requireFreeTarget(target: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(target);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') throw workspaceExists(target, 'is a file');
    throw error;
  }
  if (names.includes(DATABASE)) {
    throw workspaceExists(target, 'already holds a Badgesmith workspace');
  }
  if (names.length > 0) throw workspaceExists(target, 'already exists and is not empty');
  return true;
}

function count(db: ReturnType<typeof openWorkspace>['db'], sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

/** Opens the restored workspace where it was written: a sound database at the current schema, an issuer, and every key opening with the passphrase. */
async function checkRestored(
  file: string,
  dir: string,
  passphrase: string,
  clock: Clock,
): Promise<Pick<RestoreWorkspaceResult, 'issuer' | 'counts'>> {
  try {
    inspectDatabase(join(dir, DATABASE));
  } catch (error) {
    if (isBadgeError(error) && error.code === 'ERR_WORKSPACE_TOO_NEW') {
      throw new BadgeError(
        'ERR_BACKUP_TOO_NEW',
        `The backup ${file} holds a workspace from a newer Badgesmith; update Badgesmith, then restore it again. Nothing was written.`,
      );
    }
    if (isBadgeError(error) && error.code === 'ERR_WORKSPACE_CORRUPT') {
      throw backupCorrupt(file, 'its database is not a sound Badgesmith database');
    }
    throw error;
  }
  const workspace = openWorkspace(dir, { clock }); // runs the migrations up to the current schema
  try {
    const db = workspace.db;
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      throw backupCorrupt(file, 'its database fails the SQLite integrity check');
    }
    if (
      db.pragma('application_id', { simple: true }) !== APPLICATION_ID ||
      db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION
    ) {
      throw backupCorrupt(file, 'its database is not at the current Badgesmith schema');
    }
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) {
      throw backupCorrupt(file, 'its database has rows that point to nothing');
    }
    const issuer = getIssuer(db);
    if (!issuer) throw backupCorrupt(file, 'its workspace has no issuer');
    const keystore = await openKeystore(workspace, passphrase);
    for (const key of keystore.list()) {
      try {
        await keystore.privateJwk(key.id);
      } catch (error) {
        if (isBadgeError(error) && error.code.startsWith('ERR_KEY')) {
          throw backupCorrupt(file, `its key ${key.id} does not open`);
        }
        throw error;
      }
    }
    return {
      issuer: { name: issuer.name, did: issuer.did, siteUrl: issuer.siteUrl },
      counts: {
        badges: count(db, 'SELECT count(*) AS n FROM badge_classes'),
        people: count(
          db,
          "SELECT count(DISTINCT award_id) AS n FROM issuances WHERE state = 'done'",
        ),
        credentials: count(db, "SELECT count(*) AS n FROM issuances WHERE state = 'done'"),
        revoked: count(db, 'SELECT count(*) AS n FROM issuances WHERE revoked = 1'),
        keys: keystore.list().length,
      },
    };
  } finally {
    workspace.close();
  }
}

/**
 * Restores a backup into `targetDir`, which must not exist yet (or be empty): ERR_WORKSPACE_EXISTS
 * otherwise. ERR_BACKUP_CORRUPT, ERR_BACKUP_TRUNCATED, ERR_BACKUP_INVALID, ERR_BACKUP_TOO_NEW or
 * ERR_PASSPHRASE_WRONG leave nothing behind.
 */
export async function restoreWorkspace(
  options: RestoreWorkspaceOptions,
): Promise<RestoreWorkspaceResult> {
  const file = resolve(options.backupFile);
  const target = resolve(options.targetDir);
  const report = options.onProgress ?? (() => undefined);
  const totalBytes = await requireInputFile(file, 'workspace backup', Number.MAX_SAFE_INTEGER);
  await requireFreeTarget(target);
  await readBackup(file, options.passphrase, undefined, (doneBytes) =>
    report({ phase: 'verify', doneBytes, totalBytes }),
  );

  await mkdir(dirname(target), { recursive: true });
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.restore-`));
  try {
    const { header, entries } = await readBackup(
      file,
      options.passphrase,
      folderSink(temp),
      (doneBytes) => report({ phase: 'write', doneBytes, totalBytes }),
    );
    report({ phase: 'check', doneBytes: totalBytes, totalBytes });
    const checked = await checkRestored(
      file,
      temp,
      options.passphrase,
      options.clock ?? systemClock,
    );
    const wasEmptyFolder = await requireFreeTarget(target);
    if (wasEmptyFolder) await rmdir(target);
    try {
      await rename(temp, target);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST' || code === 'ENOTEMPTY') {
        throw workspaceExists(target, 'appeared while the backup was being restored');
      }
      throw error;
    }
    await syncFolder(dirname(target));
    return {
      workspaceDir: target,
      created: header.created,
      entries,
      issuedDir: entries.some((entry) => entry.path.startsWith(`${ISSUED_FOLDER}/`))
        ? join(target, ISSUED_FOLDER)
        : null,
      ...checked,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
