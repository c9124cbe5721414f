import { BadgeError } from '../../../shared/errors.js';
import { countLabel, formatNumber } from '../../../shared/messages/index.js';
import {
  backupWorkspace,
  restoreWorkspace,
  type BackupProgress,
  type RestoreProgress,
} from '../../services/workspace-backup.js';
import {
  COMMON_OPTIONS,
  parseFlags,
  printJson,
  requireFlag,
  type CliIo,
  type Command,
} from '../command.js';
import { readPassphrase } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { cliClock, cliWorkspaceDir } from '../workspace.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

const PHASES: Record<BackupProgress['phase'] | RestoreProgress['phase'], string> = {
  snapshot: 'Taking a snapshot of the database',
  copy: 'Writing the backup',
  verify: 'Checking the backup',
  write: 'Restoring the files',
  check: 'Checking the restored workspace',
};

/** A progress line on a terminal only: scripts get the result and nothing else. */
function progressLine(io: CliIo): (progress: BackupProgress | RestoreProgress) => void {
  if (!io.isTty) return () => undefined;
  let last = 0;
  return ({ phase, doneBytes, totalBytes }) => {
    const now = Date.now();
    if (now - last < 200 && doneBytes < totalBytes) return;
    last = now;
    const amount = totalBytes > 0 ? ` ${megabytes(doneBytes)} of ${megabytes(totalBytes)}` : '';
    (io.terminal ?? io).stderr(`\r${PHASES[phase]}…${amount}\u001b[K`);
  };
}

function endProgress(io: CliIo): void {
  if (io.isTty) (io.terminal ?? io).stderr('\r\u001b[K');
}

const backupUsage = 'badgesmith workspace backup --out FILE [--force] [--workspace DIR] [--json]';

export const workspaceBackupCommand: Command = {
  name: 'workspace backup',
  summary:
    'Write the whole workspace (database, keys, artwork, issued files) to one encrypted file, even while it is in use',
  usage: backupUsage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, out: { type: 'string' }, force: { type: 'boolean' } },
      backupUsage,
    );
    const outFile = resolvePath(io, requireFlag(values.out, 'out', backupUsage));
    const workspaceDir = cliWorkspaceDir(io, values.workspace);
    const passphrase = await readPassphrase(io);
    const result = await backupWorkspace({
      workspaceDir,
      outFile,
      passphrase,
      overwrite: values.force === true,
      clock: cliClock(io),
      onProgress: progressLine(io),
    }).finally(() => endProgress(io));
    const notBackedUp = [...result.issuedFiles.missing, ...result.issuedFiles.changed];
    if (notBackedUp.length > 0) {
      io.stderr(
        `Warning: ${countLabel(notBackedUp.length, 'file', 'en')} written by \`issue\` could not be backed up as issued (moved, deleted or changed since), for example ${notBackedUp[0]}. ` +
          'Put them back where `issue` wrote them (running the same `issue` again rewrites them byte for byte), then back up again.\n',
      );
    }
    if (values.json) {
      printJson(io, {
        file: result.file,
        bytes: result.bytes,
        created: result.created,
        workspace: workspaceDir,
        entries: result.entries,
        issuedFiles: result.issuedFiles,
      });
      return 0;
    }
    io.stdout(
      [
        `Backup of ${workspaceDir} written to ${result.file}: ${countLabel(result.entries.length, 'file', 'en')} (${formatNumber(result.issuedFiles.included, 'en')} of them written by \`issue\`), ${megabytes(result.bytes)}, encrypted with the workspace passphrase.`,
        'Copy it off this computer (a USB key, another disk, cloud storage): it is useless without the passphrase, so keep that too.',
        `Restore it with: badgesmith workspace restore ${result.file} --workspace NEW_FOLDER`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};

const restoreUsage = 'badgesmith workspace restore FILE --workspace DIR [--json]';

export const workspaceRestoreCommand: Command = {
  name: 'workspace restore',
  summary:
    'Restore a workspace backup into a new folder (never overwrites; checks the backup before writing anything)',
  usage: restoreUsage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, COMMON_OPTIONS, restoreUsage, true);
    if (positionals.length !== 1) {
      throw new BadgeError('ERR_USAGE', `Give exactly one backup file. Usage: ${restoreUsage}`);
    }
    // An explicit folder: a restore never falls back to the default workspace, which may be in use.
    const targetDir = resolvePath(io, requireFlag(values.workspace, 'workspace', restoreUsage));
    const passphrase = await readPassphrase(io);
    const result = await restoreWorkspace({
      backupFile: resolvePath(io, positionals[0] as string),
      targetDir,
      passphrase,
      clock: cliClock(io),
      onProgress: progressLine(io),
    }).finally(() => endProgress(io));
    if (values.json) {
      printJson(io, result);
      return 0;
    }
    const { counts } = result;
    io.stdout(
      [
        `Workspace restored into ${result.workspaceDir} from the backup of ${result.created}.`,
        `Issuer ${result.issuer.name} (${result.issuer.did}): ${countLabel(counts.badges, 'badge', 'en')}, ${countLabel(counts.people, 'award', 'en')}, ${countLabel(counts.credentials, 'credential', 'en')} (${counts.revoked} revoked), ${counts.keys} keys.`,
        `Use it with --workspace ${result.workspaceDir}; rebuild the site with: badgesmith site build --workspace ${result.workspaceDir}${result.issuedDir ? ` --issued ${result.issuedDir}` : ''} --out SITE_FOLDER`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
