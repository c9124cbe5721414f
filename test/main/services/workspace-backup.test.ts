// Issue 10 §4: a backup is the whole workspace, and a damaged one never restores anything.
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, runDemo } from '../../../main/services/demo.js';
import { exportKeys, openKeystore } from '../../../main/services/keystore.js';
import { openWorkspace } from '../../../main/services/workspace.js';
import {
  backupWorkspace,
  restoreWorkspace,
  type BackupProgress,
  type BackupWorkspaceResult,
  type RestoreProgress,
} from '../../../main/services/workspace-backup.js';
import { BACKUP_MAGIC } from '../../../main/services/backup-container.js';

const clock = () => new Date('2026-05-01T12:00:00Z');
const cost = { N: 2 ** 10 };
const tmp = () => mkdtempSync(join(tmpdir(), 'bs-ws-backup-'));

function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      files.set(
        relative(dir, join(entry.parentPath, entry.name)),
        readFileSync(join(entry.parentPath, entry.name)),
      );
    }
  }
  return files;
}

/** Every table's rows, in a stable order: what the workspace knows. */
function tables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const names = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    return Object.fromEntries(
      names.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]),
    );
  } finally {
    db.close();
  }
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = (await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as (Error & { code?: string }) | undefined;
  expect(error, `expected ${code}`).toBeInstanceOf(Error);
  expect(error?.code, error?.message).toBe(code);
  return error as Error;
}

/** A failed restore leaves no target and no hidden sibling. */
function expectNothingWritten(target: string): void {
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(dirname(target)).filter((name) => name.includes('.restore-'))).toEqual([]);
}

describe('workspace backup and restore (service)', () => {
  const root = tmp();
  const workspaceDir = join(root, 'demo', 'workspace');
  const backup = join(root, 'backups', 'demo.bsw');
  const bigFile = randomBytes(3 * 1024 * 1024 + 123);
  const backupProgress: BackupProgress[] = [];
  let firstIssued: BackupWorkspaceResult['issuedFiles'];
  let firstEntries: BackupWorkspaceResult['entries'];

  beforeAll(async () => {
    await runDemo(join(root, 'demo'), { clock, keystore: { cost } });
    // Any other file the workspace holds goes along, in bounded records.
    mkdirSync(join(workspaceDir, 'notes'));
    writeFileSync(join(workspaceDir, 'notes', 'minutes.bin'), bigFile);
    const first = await backupWorkspace({
      workspaceDir,
      outFile: backup,
      passphrase: DEMO_PASSPHRASE,
      clock,
      cost,
      chunkBytes: 64 * 1024,
      onProgress: (p) => backupProgress.push(p),
    });
    firstIssued = first.issuedFiles;
    firstEntries = first.entries;
  }, 60_000);

  it('backs up the issued files of a restored workspace from its issued/ folder, and names those it cannot find', async () => {
    const target = join(tmp(), 'restored');
    await restoreWorkspace({ backupFile: backup, targetDir: target, passphrase: DEMO_PASSPHRASE });
    const credentials = join(root, 'demo', 'credentials');
    renameSync(credentials, `${credentials}-away`);
    try {
      const again = await backupWorkspace({
        workspaceDir: target,
        outFile: join(tmp(), 'again.bsw'),
        passphrase: DEMO_PASSPHRASE,
        cost,
      });
      expect(again.issuedFiles).toEqual({
        included: firstIssued.included,
        missing: [],
        changed: [],
      });
      expect(again.entries.map((entry) => entry.path).sort()).toEqual(
        firstEntries.map((entry) => entry.path).sort(),
      );
      rmSync(join(target, 'issued', 'guide-benevole'), { recursive: true });
      const partial = await backupWorkspace({
        workspaceDir: target,
        outFile: join(tmp(), 'partial.bsw'),
        passphrase: DEMO_PASSPHRASE,
        cost,
      });
      expect(partial.issuedFiles.missing.length).toBeGreaterThan(0);
      expect(partial.issuedFiles.missing.every((path) => path.includes('guide-benevole'))).toBe(
        true,
      );
    } finally {
      renameSync(`${credentials}-away`, credentials);
    }
  });

  it('writes one private file holding every workspace file, with a SHA-256 each, and nothing readable in clear', () => {
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(backup);
    expect(bytes.subarray(0, BACKUP_MAGIC.length).equals(Buffer.from(BACKUP_MAGIC))).toBe(true);
    for (const secret of [
      'randonneurs.example.org',
      'SQLite format 3',
      '@example',
      'badgesmith-key',
    ]) {
      expect(bytes.includes(secret)).toBe(false);
    }
    expect(readdirSync(dirname(backup))).toEqual(['demo.bsw']);
    expect(readdirSync(workspaceDir).sort()).toEqual(['artwork', 'badgesmith.db', 'keys', 'notes']); // the snapshot folder is gone
    const copy = backupProgress.filter((p) => p.phase === 'copy');
    expect(copy.at(-1)?.doneBytes).toBe(copy.at(-1)?.totalBytes);
    expect(copy.length).toBeGreaterThan(3 * 16);
  });

  it('restores the same files and the same database into a new folder', async () => {
    const target = join(tmp(), 'restored');
    const progress: RestoreProgress[] = [];
    const result = await restoreWorkspace({
      backupFile: backup,
      targetDir: target,
      passphrase: DEMO_PASSPHRASE,
      clock,
      onProgress: (p) => progress.push(p),
    });
    expect(result.workspaceDir).toBe(target);
    expect(result.created).toBe('2026-05-01T12:00:00Z');
    expect(result.issuer.did).toBe('did:web:badges.example.org:randonneurs');
    expect(result.counts).toMatchObject({ badges: 2, keys: 3, revoked: 1 });
    expect(result.counts.credentials).toBeGreaterThan(10);
    expect(result.entries.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        'badgesmith.db',
        'keys/keystore.json',
        'artwork/guide-benevole.png',
        'notes/minutes.bin',
      ]),
    );
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['verify', 'write', 'check']));

    const before = filesOf(workspaceDir);
    const after = filesOf(target);
    before.delete('badgesmith.db');
    after.delete('badgesmith.db');
    // The files `issue` wrote outside the workspace come along under issued/<badge>/.
    const issued = [...filesOf(join(root, 'demo', 'credentials'))].filter(([path]) =>
      /^[a-z0-9-]+\/[0-9a-f-]{36}\.(json|jws|png|svg)$/.test(path),
    );
    for (const [path, bytes] of issued) before.set(join('issued', path), bytes);
    expect(issued.length).toBeGreaterThan(30);
    expect(result.issuedDir).toBe(join(target, 'issued'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true);
    expect(tables(join(target, 'badgesmith.db'))).toEqual(
      tables(join(workspaceDir, 'badgesmith.db')),
    );
    expect(statSync(join(target, 'keys', 'keystore.json')).mode & 0o777).toBe(0o600);

    // The restored keys open with the same passphrase and sign as the same issuer.
    const workspace = openWorkspace(target, { clock });
    const keystore = await openKeystore(workspace, DEMO_PASSPHRASE);
    for (const key of keystore.list()) {
      expect((await keystore.privateJwk(key.id)).d).toBeTypeOf('string');
    }
    workspace.close();
  });

  it('restores into an empty folder, but never over anything', async () => {
    const empty = join(tmp(), 'empty');
    mkdirSync(empty);
    await restoreWorkspace({ backupFile: backup, targetDir: empty, passphrase: DEMO_PASSPHRASE });
    expect(existsSync(join(empty, 'badgesmith.db'))).toBe(true);

    const error = await expectCode(
      restoreWorkspace({ backupFile: backup, targetDir: empty, passphrase: DEMO_PASSPHRASE }),
      'ERR_WORKSPACE_EXISTS',
    );
    expect(error.message).toContain('never overwrites');
    await expectCode(
      restoreWorkspace({
        backupFile: backup,
        targetDir: workspaceDir,
        passphrase: DEMO_PASSPHRASE,
      }),
      'ERR_WORKSPACE_EXISTS',
    );
    const busy = join(tmp(), 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'holiday.jpg'), 'not a workspace');
    await expectCode(
      restoreWorkspace({ backupFile: backup, targetDir: busy, passphrase: DEMO_PASSPHRASE }),
      'ERR_WORKSPACE_EXISTS',
    );
    expect(readdirSync(busy)).toEqual(['holiday.jpg']);
    const file = join(busy, 'holiday.jpg');
    await expectCode(
      restoreWorkspace({ backupFile: backup, targetDir: file, passphrase: DEMO_PASSPHRASE }),
      'ERR_WORKSPACE_EXISTS',
    );
    expect(readFileSync(file, 'utf8')).toBe('not a workspace');
  });

  it('refuses a backup with one byte changed anywhere (header, middle, last record), writing nothing', async () => {
    const good = readFileSync(backup);
    for (const offset of [20, Math.floor(good.length / 2), good.length - 5]) {
      const damaged = Buffer.from(good);
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x40;
      const file = join(tmp(), 'damaged.bsw');
      writeFileSync(file, damaged);
      const target = join(dirname(file), 'restored');
      const error = await expectCode(
        restoreWorkspace({ backupFile: file, targetDir: target, passphrase: DEMO_PASSPHRASE }),
        'ERR_BACKUP_CORRUPT',
      );
      expect(error.message).toMatch(/damaged .*nothing was written\. Restore from another copy/);
      expectNothingWritten(target);
    }
  });

  it('refuses a backup cut short (inside the header, inside a record, before its list of files), writing nothing', async () => {
    const good = readFileSync(backup);
    // The last record is the manifest: cutting exactly before it leaves whole records only.
    const lastRecordStart = (() => {
      let position = BACKUP_MAGIC.length + 6 + good.readUInt32BE(BACKUP_MAGIC.length + 2) + 32;
      let previous = position;
      while (position < good.length) {
        previous = position;
        position += 4 + good.readUInt32BE(position);
      }
      return previous;
    })();
    for (const length of [5, 30, Math.floor(good.length / 2), lastRecordStart, good.length - 1]) {
      const file = join(tmp(), 'cut.bsw');
      writeFileSync(file, good);
      truncateSync(file, length);
      const target = join(dirname(file), 'restored');
      const error = await expectCode(
        restoreWorkspace({ backupFile: file, targetDir: target, passphrase: DEMO_PASSPHRASE }),
        'ERR_BACKUP_TRUNCATED',
      );
      expect(error.message).toMatch(/incomplete .*Nothing was written/);
      expectNothingWritten(target);
    }
  });

  it('says when the passphrase is wrong, both ways, writing nothing', async () => {
    const target = join(tmp(), 'restored');
    const error = await expectCode(
      restoreWorkspace({ backupFile: backup, targetDir: target, passphrase: 'not demo' }),
      'ERR_PASSPHRASE_WRONG',
    );
    expect(error.message).toContain('BADGESMITH_PASSPHRASE');
    expectNothingWritten(target);
    const out = join(tmp(), 'never.bsw');
    await expectCode(
      backupWorkspace({ workspaceDir, outFile: out, passphrase: 'not demo', cost }),
      'ERR_PASSPHRASE_WRONG',
    );
    expect(readdirSync(dirname(out))).toEqual([]);
  });

  it('tells a key backup or any other file apart from a workspace backup', async () => {
    const workspace = openWorkspace(workspaceDir, { clock });
    const keysBackup = await exportKeys(
      workspace,
      await openKeystore(workspace, DEMO_PASSPHRASE),
      DEMO_PASSPHRASE,
      { cost },
    );
    workspace.close();
    const file = join(tmp(), 'keys.bsk');
    writeFileSync(file, keysBackup);
    const error = await expectCode(
      restoreWorkspace({
        backupFile: file,
        targetDir: join(dirname(file), 'r'),
        passphrase: DEMO_PASSPHRASE,
      }),
      'ERR_BACKUP_INVALID',
    );
    expect(error.message).toContain('badgesmith keys import');
    expectNothingWritten(join(dirname(file), 'r'));
  });

  it('says a later backup format needs a newer Badgesmith', async () => {
    const future = Buffer.from(readFileSync(backup));
    future.writeUInt16BE(2, BACKUP_MAGIC.length);
    // A newer writer's header checksum covers its own version number.
    const headerEnd = BACKUP_MAGIC.length + 6 + future.readUInt32BE(BACKUP_MAGIC.length + 2);
    const { createHash } = await import('node:crypto');
    createHash('sha256').update(future.subarray(0, headerEnd)).digest().copy(future, headerEnd);
    const file = join(tmp(), 'future.bsw');
    writeFileSync(file, future);
    await expectCode(
      restoreWorkspace({
        backupFile: file,
        targetDir: join(dirname(file), 'r'),
        passphrase: DEMO_PASSPHRASE,
      }),
      'ERR_BACKUP_TOO_NEW',
    );
  });

  it('leaves out and clears away the snapshot folders of a killed backup, keeping a running one', async () => {
    const stale = join(workspaceDir, '.backup-killed');
    const running = join(workspaceDir, '.backup-running');
    for (const folder of [stale, running]) {
      mkdirSync(folder);
      writeFileSync(join(folder, 'badgesmith.db'), 'snapshot');
    }
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    const result = await backupWorkspace({
      workspaceDir,
      outFile: join(tmp(), 'b.bsw'),
      passphrase: DEMO_PASSPHRASE,
      cost,
    });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(result.entries.filter((entry) => entry.path.startsWith('.backup-'))).toEqual([]);
    rmSync(running, { recursive: true });
  });

  it('never replaces an existing file unless asked', async () => {
    const out = join(tmp(), 'existing.bsw');
    writeFileSync(out, 'older backup');
    await expectCode(
      backupWorkspace({ workspaceDir, outFile: out, passphrase: DEMO_PASSPHRASE, cost }),
      'ERR_FILE_EXISTS',
    );
    expect(readFileSync(out, 'utf8')).toBe('older backup');
    await backupWorkspace({
      workspaceDir,
      outFile: out,
      passphrase: DEMO_PASSPHRASE,
      cost,
      overwrite: true,
    });
    expect(
      readFileSync(out).subarray(0, BACKUP_MAGIC.length).equals(Buffer.from(BACKUP_MAGIC)),
    ).toBe(true);
    expect(readdirSync(dirname(out))).toEqual(['existing.bsw']);
  });
});
