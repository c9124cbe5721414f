import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { BadgeError } from '../../../shared/errors.js';
import { listKeys, type KeyRecord } from '../../db/repos/keys.js';
import { readInputFile, writeFileAtomic } from '../../services/files.js';
import { keyLocations } from '../../services/issuer-profile.js';
import { exportKeys, importKeys, openKeystore, parseKeyType } from '../../services/keystore.js';
import { generateStandaloneKey } from '../../services/standalone-key.js';
import { createWorkspace, openWorkspace, type Workspace } from '../../services/workspace.js';
import { workspacePaths } from '../../services/workspace-dir.js';
import {
  COMMON_OPTIONS,
  parseFlags,
  printJson,
  requireFlag,
  type CliIo,
  type Command,
} from '../command.js';
import { readBackupPassphrase, readPassphrase } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { cliClock, cliWorkspaceDir, withWorkspace } from '../workspace.js';

/** Public description of a key: ids a verifier sees, never private material. */
function describeKey(workspace: Workspace, key: KeyRecord) {
  const { id, type, status, created, retired, publicJwk } = key;
  const { verificationMethod, jwkUrl } = keyLocations(workspace, key);
  return { id, type, status, created, retired, verificationMethod, jwkUrl, publicJwk };
}

function printKeys(io: CliIo, keys: ReturnType<typeof describeKey>[]): void {
  for (const key of keys) {
    io.stdout(
      `${key.status === 'active' ? '*' : ' '} ${key.type.padEnd(8)} ${key.id}  ${key.status}  created ${key.created}${key.retired ? `  retired ${key.retired}` : ''}\n`,
    );
  }
}

const listUsage = 'badgesmith keys list [--workspace DIR] [--json]';

export const keysListCommand: Command = {
  name: 'keys list',
  summary: 'List every key ever used (active ones marked *): public parts only',
  usage: listUsage,
  async run(argv, io) {
    const { values } = parseFlags(argv, COMMON_OPTIONS, listUsage);
    await withWorkspace(io, values.workspace, async (workspace) => {
      const keys = listKeys(workspace.db).map((key) => describeKey(workspace, key));
      if (values.json) printJson(io, { keys });
      else printKeys(io, keys);
    });
    return 0;
  },
};

const rotateUsage = 'badgesmith keys rotate [--type ed25519|rsa|p256] [--workspace DIR] [--json]';

export const keysRotateCommand: Command = {
  name: 'keys rotate',
  summary: 'Add a new signing key; the old one is retired but stays in the DID document',
  usage: rotateUsage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, type: { type: 'string' } },
      rotateUsage,
    );
    const type = parseKeyType(values.type ?? 'ed25519');
    await withWorkspace(io, values.workspace, async (workspace) => {
      const keystore = await openKeystore(workspace, await readPassphrase(io));
      const previous = keystore.list().find((k) => k.type === type && k.status === 'active');
      const key = describeKey(workspace, await keystore.rotate(type));
      if (values.json) printJson(io, { key, retired: previous?.id ?? null });
      else {
        io.stdout(
          `New ${type} key ${key.id} is now active${previous ? `; ${previous.id} is retired and stays published` : ''}.\n`,
        );
        io.stdout(
          'Rebuild and publish the site so verifiers see the new key, and export a fresh key backup.\n',
        );
      }
    });
    return 0;
  },
};

const exportUsage = 'badgesmith keys export --out FILE [--force] [--workspace DIR] [--json]';

export const keysExportCommand: Command = {
  name: 'keys export',
  summary:
    'Write an encrypted copy of the issuer profile and keys only, for moving keys (a backup is `workspace backup`; BADGESMITH_BACKUP_PASSPHRASE or the workspace passphrase)',
  usage: exportUsage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, out: { type: 'string' }, force: { type: 'boolean' } },
      exportUsage,
    );
    const out = resolvePath(io, requireFlag(values.out, 'out', exportUsage));
    if (existsSync(out) && !values.force) {
      throw new BadgeError(
        'ERR_FILE_EXISTS',
        `${out} already exists (an older backup?). Choose another file name, or add --force to replace it.`,
      );
    }
    await withWorkspace(io, values.workspace, async (workspace) => {
      const keystore = await openKeystore(workspace, await readPassphrase(io));
      const backup = await exportKeys(workspace, keystore, await readBackupPassphrase(io));
      await writeFileAtomic(out, backup);
      await chmod(out, 0o600);
      const count = keystore.list().length;
      if (values.json) printJson(io, { file: out, keys: count });
      else
        {io.stdout(
          `Encrypted backup of ${count} keys written to ${out}. Keep it and its passphrase somewhere safe.\n`,
        );}
    });
    return 0;
  },
};

const importUsage = 'badgesmith keys import FILE [--workspace DIR] [--json]';

export const keysImportCommand: Command = {
  name: 'keys import',
  summary:
    'Restore keys (and, into an empty folder, the issuer) from a backup made by `keys export`',
  usage: importUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, COMMON_OPTIONS, importUsage, true);
    if (positionals.length !== 1)
      {throw new BadgeError('ERR_USAGE', `Give exactly one backup file. Usage: ${importUsage}`);}
    const backup = await readInputFile(resolvePath(io, positionals[0] as string), 'key backup');
    const dir = cliWorkspaceDir(io, values.workspace);
    const backupPassphrase = await readBackupPassphrase(io);
    const passphrase = await readPassphrase(io);
    const paths = workspacePaths(dir);
    const existed = [paths.dir, paths.keys, paths.artwork].filter((path) => existsSync(path));
    const isNew = !existsSync(paths.database);
    const workspace = isNew
      ? createWorkspace(dir, { clock: cliClock(io) })
      : openWorkspace(dir, { clock: cliClock(io) });
    try {
      let result: Awaited<ReturnType<typeof importKeys>>;
      try {
        result = await importKeys(workspace, backup, backupPassphrase, passphrase);
      } catch (error) {
        // A failed restore into a new folder leaves nothing behind (a later init or import works there).
        if (isNew) {
          workspace.close();
          discardNewWorkspace(paths, existed);
        }
        throw error;
      }
      const imported = result.imported.map((key) => describeKey(workspace, key));
      if (values.json)
        {printJson(io, {
          workspace: dir,
          issuerRestored: result.issuerRestored,
          imported,
          skipped: result.skipped,
        });}
      else {
        if (result.issuerRestored) io.stdout(`Issuer profile restored into ${dir}.\n`);
        io.stdout(`${imported.length} keys imported, ${result.skipped.length} already present.\n`);
        printKeys(io, imported);
      }
    } finally {
      if (workspace.db.open) workspace.close();
    }
    return 0;
  },
};

function discardNewWorkspace(paths: ReturnType<typeof workspacePaths>, existed: string[]): void {
  for (const suffix of ['', '-wal', '-shm', '-journal'])
    {rmSync(`${paths.database}${suffix}`, { force: true });}
  // Only folders this command created; the workspace folder itself only when it is empty again.
  for (const folder of [paths.keys, paths.artwork])
    {if (!existed.includes(folder)) rmSync(folder, { recursive: true, force: true });}
  if (!existed.includes(paths.dir)) {
    try {
      rmdirSync(paths.dir);
    } catch {
      // not empty: something else lives there
    }
  }
}

const generateUsage =
  'badgesmith keys generate --type ed25519|rsa|p256 --out KEY_FILE [--did did:web:…] [--did-document FILE] [--force] [--json]';

/** A standalone key file for `sign` on its own (the workspace keeps its own keys encrypted). */
export const keysGenerateCommand: Command = {
  name: 'keys generate',
  summary:
    'Write a standalone private key file (and its DID document) for signing outside a workspace',
  usage: generateUsage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        type: { type: 'string' },
        out: { type: 'string' },
        did: { type: 'string' },
        'did-document': { type: 'string' },
        force: { type: 'boolean' },
      },
      generateUsage,
    );
    const type = parseKeyType(values.type ?? 'ed25519');
    const out = resolvePath(io, requireFlag(values.out, 'out', generateUsage));
    const didOut =
      values['did-document'] === undefined ? undefined : resolvePath(io, values['did-document']);
    for (const path of [out, didOut]) {
      if (path !== undefined && existsSync(path) && !values.force) {
        throw new BadgeError(
          'ERR_FILE_EXISTS',
          `${path} already exists; choose another file or add --force to replace it.`,
        );
      }
    }
    const key = await generateStandaloneKey(type, values.did);
    await writeFileAtomic(out, `${JSON.stringify(key.privateJwk, null, 2)}\n`, { mode: 0o600 });
    await chmod(out, 0o600);
    if (didOut !== undefined)
      {await writeFileAtomic(didOut, `${JSON.stringify(key.didDocument, null, 2)}\n`);}
    io.stderr(
      `Warning: ${out} holds a private key in clear (readable only by you). Keep it secret and backed up; anyone with it can sign badges as ${key.did}.\n`,
    );
    if (values.json) {
      printJson(io, {
        out,
        type: key.type,
        id: key.id,
        did: key.did,
        verificationMethod: key.verificationMethod,
        didDocument: didOut ?? null,
      });
      return 0;
    }
    const format =
      type === 'Ed25519'
        ? `--format ob3-di --verification-method ${key.verificationMethod}`
        : `--format ob3-jwt --kid ${key.verificationMethod}`;
    io.stdout(
      [
        `Key written to ${out} (${key.type}, id ${key.id}).`,
        `Issuer DID:          ${key.did} (use it as the credential's issuer id)`,
        `Verification method: ${key.verificationMethod}`,
        didOut
          ? `DID document:        ${didOut}${key.did.startsWith('did:web:') ? ' (publish it as the did.json of that address)' : ''}`
          : '',
        `Sign with:           badgesmith sign --credential FILE --key ${out} ${format} --out FILE`,
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
    return 0;
  },
};
