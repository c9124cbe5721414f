/**
 * A whole workspace in one encrypted file (restored by ./workspace-restore.ts). The backup is a
 * consistent snapshot taken while the workspace may be in use: SQLite's online backup of the
 * database first (in one step, inside one read transaction, so a running `issue` is neither blocked
 * nor half-copied), then the files: key files and artwork are only ever added, and before the rows
 * that name them; a credential's files are written before its row is marked done.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { RecordKind, startBackupStream } from './backup-container.js';
import {
  DATABASE,
  SNAPSHOT_PREFIX,
  errnoCode,
  issuedSources,
  syncFolder,
  workspaceSources,
  type BackupEntry,
  type BackupSource,
} from './backup-sources.js';
import { openKeystore } from './keystore.js';
import type { ScryptParams } from './secret-box.js';
import { openWorkspace } from './workspace.js';

export interface BackupProgress {
  phase: 'snapshot' | 'copy';
  doneBytes: number;
  totalBytes: number;
}

export interface BackupWorkspaceOptions {
  workspaceDir: string;
  outFile: string;
  /** The workspace passphrase: it must open the workspace's keys, and it encrypts the backup. */
  passphrase: string;
  /** Replace an existing file at outFile (otherwise ERR_FILE_EXISTS). */
  overwrite?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  clock?: Clock;
  /** scrypt cost override (tests use a lower N). */
  cost?: Partial<Omit<ScryptParams, 'salt'>>;
  /** Bytes of file content per record (default 1 MiB). */
  chunkBytes?: number;
}

export interface BackupWorkspaceResult {
  file: string;
  /** Size of the backup file. */
  bytes: number;
  created: string;
  entries: BackupEntry[];
  /**
   * The files `issue` wrote, kept under issued/ in the backup: `missing` were found neither where
   * they were written nor in the workspace's issued/ folder; `changed` no longer match the SHA-256
   * recorded when they were issued. A site built from the restored workspace lacks both.
   */
  issuedFiles: { included: number; missing: string[]; changed: string[] };
}

const DEFAULT_CHUNK = 1024 * 1024;
/** better-sqlite3 copies at most this many pages per step: all of them, in one read transaction. */
const ALL_PAGES = 0x7fffffff;

const systemClock: Clock = () => new Date();

/** A snapshot folder this old was left by a backup that was killed (a running one takes minutes at most). */
const STALE_SNAPSHOT_MS = 24 * 60 * 60 * 1000;

async function removeStaleSnapshots(workspaceDir: string): Promise<void> {
  for (const name of await readdir(workspaceDir).catch(() => [] as string[])) {
    if (!name.startsWith(SNAPSHOT_PREFIX)) continue;
    const folder = join(workspaceDir, name);
    const info = await stat(folder).catch(() => undefined);
    if (info?.isDirectory() && Date.now() - info.mtimeMs > STALE_SNAPSHOT_MS) {
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/** A private folder for the database snapshot: in the workspace (no copy of its data elsewhere), or the system's temp folder for a read-only workspace. */
async function snapshotFolder(workspaceDir: string): Promise<string> {
  await removeStaleSnapshots(workspaceDir);
  try {
    return await mkdtemp(join(workspaceDir, SNAPSHOT_PREFIX));
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
    return mkdtemp(join(tmpdir(), 'badgesmith-backup-'));
  }
}

async function appendFile(
  writer: Awaited<ReturnType<typeof startBackupStream>>,
  source: string,
  path: string,
  buffer: Buffer,
  onBytes: (count: number) => void,
): Promise<BackupEntry | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(source, 'r');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined; // removed since it was listed
    throw error;
  }
  try {
    await writer.writeJson(RecordKind.start, { path });
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      await writer.write(RecordKind.data, chunk);
      size += bytesRead;
      onBytes(bytesRead);
    }
    const entry = { path, size, sha256: hash.digest('hex') };
    await writer.writeJson(RecordKind.end, { size: entry.size, sha256: entry.sha256 });
    return entry;
  } finally {
    await handle.close();
  }
}

/**
 * Writes an encrypted backup of the whole workspace (database, keys, artwork, any other file) to
 * `outFile`, atomically and readable only by its owner. ERR_PASSPHRASE_WRONG when the passphrase
 * does not open the workspace's keys.
 */
export async function backupWorkspace(
  options: BackupWorkspaceOptions,
): Promise<BackupWorkspaceResult> {
  const workspaceDir = resolve(options.workspaceDir);
  const outFile = resolve(options.outFile);
  const report = options.onProgress ?? (() => undefined);
  if (!options.overwrite && existsSync(outFile)) {
    throw new BadgeError(
      'ERR_FILE_EXISTS',
      `${outFile} already exists (an older backup?). Choose another file name, or replace it with --force.`,
    );
  }
  const chunkBytes = Math.max(
    4096,
    Math.min(options.chunkBytes ?? DEFAULT_CHUNK, DEFAULT_CHUNK * 8),
  );
  const workspace = openWorkspace(workspaceDir, { clock: options.clock ?? systemClock });
  let snapshotDir: string | undefined;
  let temp: string | undefined;
  try {
    await openKeystore(workspace, options.passphrase, options.cost ? { cost: options.cost } : {});
    const created = workspace.now();
    snapshotDir = await snapshotFolder(workspaceDir);
    const snapshot = join(snapshotDir, DATABASE);
    report({ phase: 'snapshot', doneBytes: 0, totalBytes: 0 });
    await workspace.db.backup(snapshot, { progress: () => ALL_PAGES });
    const schemaVersion = workspace.db.pragma('user_version', { simple: true }) as number;
    workspace.close();

    const issued = await issuedSources(snapshot, workspaceDir);
    const issuedPaths = new Set(issued.sources.map((source) => source.path));
    const skip = new Set([snapshotDir, outFile, ...issued.sources.map((source) => source.source)]);
    const sources: BackupSource[] = [
      { path: DATABASE, source: snapshot },
      ...(await workspaceSources(workspaceDir, skip)).filter(
        (source) => !issuedPaths.has(source.path),
      ),
      ...issued.sources,
    ];
    let totalBytes = 0;
    for (const { source } of sources) {
      totalBytes += await stat(source).then(
        (info) => info.size,
        () => 0,
      );
    }

    await mkdir(dirname(outFile), { recursive: true });
    temp = join(dirname(outFile), `.${basename(outFile)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    const entries: BackupEntry[] = [];
    const changed: string[] = [];
    let bytes: number;
    try {
      const writer = await startBackupStream(
        handle,
        options.passphrase,
        { created, schemaVersion },
        options.cost,
      );
      const buffer = Buffer.alloc(chunkBytes);
      let doneBytes = 0;
      const onBytes = (count: number) => {
        doneBytes += count;
        report({ phase: 'copy', doneBytes, totalBytes: Math.max(totalBytes, doneBytes) });
      };
      for (const { path, source, recordedSha256 } of sources) {
        const entry = await appendFile(writer, source, path, buffer, onBytes);
        if (!entry && path === DATABASE) {
          throw new BadgeError(
            'ERR_INTERNAL',
            'The database snapshot disappeared while it was being backed up.',
          );
        }
        if (!entry) continue;
        entries.push(entry);
        if (recordedSha256 !== undefined && entry.sha256 !== recordedSha256) changed.push(source);
      }
      await writer.writeJson(RecordKind.manifest, { entries });
      await handle.sync();
      bytes = writer.bytes;
    } finally {
      await handle.close();
    }
    await rename(temp, outFile);
    temp = undefined;
    await syncFolder(dirname(outFile));
    return {
      file: outFile,
      bytes,
      created,
      entries,
      issuedFiles: { included: issued.sources.length, missing: issued.missing, changed },
    };
  } finally {
    if (workspace.db.open) workspace.close();
    if (snapshotDir) await rm(snapshotDir, { recursive: true, force: true });
    if (temp) await rm(temp, { force: true });
  }
}

export {
  restoreWorkspace,
  type RestoreProgress,
  type RestoreWorkspaceOptions,
  type RestoreWorkspaceResult,
} from './workspace-restore.js';
export type { BackupEntry } from './backup-sources.js';
