/**
 * What a workspace backup holds: the database snapshot, every file of the workspace folder, and
 * the files `issue` wrote for each credential (the site publishes them, so a workspace restored
 * on another computer needs them to build the same site). Issued files go under `issued/<badge>/`.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join } from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE = 'badgesmith.db';
/** Where a restored workspace keeps the issued files (give it to `site build --issued`). */
export const ISSUED_FOLDER = 'issued';
export const SNAPSHOT_PREFIX = '.backup-';

const DATABASE_SIDE_FILES = new Set([
  DATABASE,
  `${DATABASE}-wal`,
  `${DATABASE}-shm`,
  `${DATABASE}-journal`,
]);
/** writeFileAtomic's temporary files: never part of the workspace. */
const ATOMIC_TEMP = /^\..+\.[0-9a-f]{12}\.tmp$/;
const ISSUED_KINDS = new Set(['json', 'jws', 'png', 'svg']);

/** One file of a backup, as its manifest lists it. */
export interface BackupEntry {
  /** Path inside the workspace folder, with `/` separators. */
  path: string;
  size: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

export function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Makes a rename in `dir` durable. */
export async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not every system can sync a folder; the rename itself is atomic
  }
}

export interface BackupSource {
  /** Path inside the backup (and the restored folder), with `/` separators. */
  path: string;
  /** Where the bytes are read from. */
  source: string;
  /** The SHA-256 `issue` recorded for an issued file. */
  recordedSha256?: string;
}

/** A relative path of plain names: it cannot leave the folder it is restored into. */
export function safeEntryPath(path: unknown): path is string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 1024) return false;
  return path
    .split('/')
    .every(
      (part) =>
        part.length > 0 &&
        part.length <= 255 &&
        part !== '.' &&
        part !== '..' &&
        !part.includes('\\') &&
        !part.includes('\0'),
    );
}

/** Every regular file of the workspace folder except the live database, temporary files and `skip`, sorted. */
export async function workspaceSources(
  root: string,
  skip: ReadonlySet<string>,
): Promise<BackupSource[]> {
  const found: BackupSource[] = [];
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      const source = join(dir, entry.name);
      if (skip.has(source) || ATOMIC_TEMP.test(entry.name)) continue;
      if (
        prefix === '' &&
        (DATABASE_SIDE_FILES.has(entry.name) || entry.name.startsWith(SNAPSHOT_PREFIX))
      ) {
        continue;
      }
      if (entry.isDirectory()) await walk(source, `${path}/`);
      else if (entry.isFile() && safeEntryPath(path)) found.push({ path, source });
    }
  };
  await walk(root, '');
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export interface IssuedSources {
  sources: BackupSource[];
  /** Recorded paths found neither where `issue` wrote them nor in the workspace's issued folder. */
  missing: string[];
}

/**
 * The files of every done credential in the snapshot, from where `issue` recorded them or, for a
 * workspace that was itself restored, from its `issued/` folder.
 */
export async function issuedSources(
  snapshot: string,
  workspaceDir: string,
): Promise<IssuedSources> {
  const db = new Database(snapshot, { readonly: true, fileMustExist: true });
  let rows: { id: string; badgeId: string; files: string }[];
  try {
    rows = db
      .prepare(
        "SELECT id, badge_id AS badgeId, files FROM issuances WHERE state = 'done' ORDER BY badge_id, id",
      )
      .all() as typeof rows;
  } finally {
    db.close();
  }
  const result: IssuedSources = { sources: [], missing: [] };
  for (const row of rows) {
    let files: { path?: unknown; sha256?: unknown }[];
    try {
      files = JSON.parse(row.files) as typeof files;
    } catch {
      continue;
    }
    for (const file of Array.isArray(files) ? files : []) {
      if (typeof file.path !== 'string') continue;
      const kind = extname(file.path).slice(1).toLowerCase();
      const name = `${row.id}.${kind}`;
      const path = `${ISSUED_FOLDER}/${row.badgeId}/${name}`;
      // A name `issue` would not write is never published by the site either.
      if (!ISSUED_KINDS.has(kind) || basename(file.path) !== name || !safeEntryPath(path)) continue;
      const candidates = [
        isAbsolute(file.path) ? file.path : join(workspaceDir, file.path),
        join(workspaceDir, ISSUED_FOLDER, row.badgeId, name),
      ];
      let source: string | undefined;
      for (const candidate of candidates) {
        if (await isFile(candidate)) {
          source = candidate;
          break;
        }
      }
      if (source === undefined) result.missing.push(file.path);
      else {
        result.sources.push({
          path,
          source,
          ...(typeof file.sha256 === 'string' ? { recordedSha256: file.sha256.toLowerCase() } : {}),
        });
      }
    }
  }
  return result;
}
