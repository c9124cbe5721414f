/**
 * Files that belong to one running process: a lock file holding its pid, and temporary files
 * whose names carry its pid. A process killed with -9 leaves them behind; the next run tells
 * a live owner from a dead one by its pid and removes what the dead one left.
 */
import { randomUUID } from 'node:crypto';
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `.<stem>.<pid>.<random>.tmp`: a temporary file name that says which process owns it. */
export function ownedTempName(stem: string): string {
  return `.${stem}.${process.pid}.${randomUUID()}.tmp`;
}

/** Removes `.<stem>.<pid>.….tmp` files of `dir` whose process is gone (not those of live processes). */
export async function removeOrphanTemps(dir: string, stem: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const prefix = `.${stem}.`;
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (processAlive(pid)) continue;
    await rm(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

export interface ProcessLock {
  release(): Promise<void>;
}

/**
 * Takes `path` as a lock for this process (created exclusively, holding the pid). A lock left by
 * a process that no longer exists is taken over; a live owner gives ERR_WORKSPACE_BUSY with `busy`
 * as the sentence.
 */
export async function acquireProcessLock(path: string, busy: (pid: number) => string): Promise<ProcessLock> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = Number.NaN;
    let age = Infinity;
    try {
      age = Date.now() - (await stat(path)).mtimeMs;
      owner = Number((await readFile(path, 'utf8')).trim());
    } catch {
      // removed meanwhile: try again
    }
    const known = Number.isSafeInteger(owner) && owner > 0;
    // A lock without a pid yet is being written by a process that just took it.
    if ((known && processAlive(owner)) || (!known && age < 5000)) throw new BadgeError('ERR_WORKSPACE_BUSY', busy(known ? owner : 0));
    // A dead owner: remove its lock and try again.
    await rm(path, { force: true });
  }
  throw new BadgeError('ERR_WORKSPACE_BUSY', busy(0));
}
