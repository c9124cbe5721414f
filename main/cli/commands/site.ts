import { countLabel } from '../../../shared/messages/index.js';
import { exportSite, type SiteExportProgress } from '../../services/site-export.js';
import { openKeystore } from '../../services/keystore.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type CliIo, type Command } from '../command.js';
import { readPassphrase } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';

const USAGE = 'badgesmith site build --out DIR [--issued DIR]… [--workspace DIR] [--json]';

const PHASE_TEXT: Record<SiteExportProgress['phase'], string> = {
  load: 'Reading the workspace',
  build: 'Building the pages',
  check: 'Checking the previous site',
  write: 'Writing files',
};

/**
 * Progress on a terminal's stderr: one line rewritten in place, cleared at the end. Scripts (no
 * terminal) get none, so their stderr holds only errors.
 */
function progressPrinter(io: CliIo): { onProgress(progress: SiteExportProgress): void; end(): void } | undefined {
  if (!io.isTty) return undefined;
  const terminal = io.terminal ?? io;
  let last = 0;
  let lastPhase = '';
  return {
    onProgress(progress) {
      const now = performance.now();
      const finished = progress.total !== null && progress.done === progress.total;
      if (progress.phase === lastPhase && !finished && now - last < 200) return;
      last = now;
      lastPhase = progress.phase;
      const count = progress.total === null ? '' : ` ${progress.done}/${progress.total}`;
      terminal.stderr(`\r${PHASE_TEXT[progress.phase]}…${count}\u001b[K`);
    },
    end() {
      if (lastPhase !== '') terminal.stderr('\r\u001b[K');
    },
  };
}

export const siteBuildCommand: Command = {
  name: 'site build',
  summary: 'Write the static verification site (DID document, keys, status lists, badge pages, browser verifier)',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...COMMON_OPTIONS, out: { type: 'string' }, issued: { type: 'string', multiple: true } }, USAGE);
    const out = resolvePath(io, requireFlag(values.out, 'out', USAGE));
    const issuedDirs = (values.issued ?? []).map((dir) => resolvePath(io, dir));
    await withWorkspace(io, values.workspace, async (workspace) => {
      const keystore = await openKeystore(workspace, await readPassphrase(io));
      const progress = values.json ? undefined : progressPrinter(io);
      const result = await exportSite(workspace, keystore, out, { issuedDirs, ...(progress ? { onBuildProgress: progress.onProgress } : {}) }).finally(() => progress?.end());
      if (values.json) {
        printJson(io, {
          dir: result.dir,
          siteUrl: result.siteUrl,
          did: result.did,
          badges: result.badges,
          credentials: result.credentials,
          files: result.total,
          written: result.written,
          unchanged: result.unchanged,
          removed: result.removed,
        });
        return;
      }
      io.stdout(`Site for ${result.siteUrl} (${result.did}) written to ${result.dir}\n`);
      io.stdout(`${countLabel(result.badges, 'badge', 'en')}, ${countLabel(result.credentials, 'credential', 'en')}, ${countLabel(result.total, 'file', 'en')}: ${result.written.length} written, ${result.unchanged} unchanged, ${result.removed.length} removed.\n`);
      for (const path of result.written.slice(0, 20)) io.stdout(`  + ${path}\n`);
      if (result.written.length > 20) io.stdout(`  … and ${result.written.length - 20} more\n`);
      for (const path of result.removed) io.stdout(`  - ${path}\n`);
      io.stdout(`Upload the folder so it is served at ${result.siteUrl} (see README.txt inside).\n`);
    });
    return 0;
  },
};
