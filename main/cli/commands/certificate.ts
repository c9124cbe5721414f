import { BadgeError } from '../../../shared/errors.js';
import type { Paper } from '../../services/certificate-pdf.js';
import { exportCertificates } from '../../services/certificates.js';
import { COMMON_OPTIONS, parseFlags, printJson, requireFlag, type Command, type ExitCode } from '../command.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';

const USAGE = 'badgesmith certificate --award ID|--batch ID|--badge SLUG --out DIR [--paper a4|letter] [--issued DIR]… [--workspace DIR] [--json]';

export const certificateCommand: Command = {
  name: 'certificate',
  summary: "Printable PDF certificates (A4 or Letter), one per award, with a QR code to verify the badge online, in the issuer's language",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, award: { type: 'string' }, batch: { type: 'string' }, badge: { type: 'string' }, out: { type: 'string' }, paper: { type: 'string' }, issued: { type: 'string', multiple: true } },
      USAGE,
    );
    const outDir = resolvePath(io, requireFlag(values.out, 'out', USAGE));
    const paper = (values.paper ?? 'a4').toLowerCase();
    if (paper !== 'a4' && paper !== 'letter') throw new BadgeError('ERR_USAGE', `--paper must be a4 or letter, not "${values.paper}". Usage: ${USAGE}`);
    return withWorkspace(io, values.workspace, async (workspace): Promise<ExitCode> => {
      const report = await exportCertificates(workspace, {
        selection: {
          ...(values.award !== undefined ? { award: values.award } : {}),
          ...(values.batch !== undefined ? { batch: values.batch } : {}),
          ...(values.badge !== undefined ? { badge: values.badge } : {}),
        },
        outDir,
        paper: paper as Paper,
        issuedDirs: (values.issued ?? []).map((dir) => resolvePath(io, dir)),
        ...(values.json ? {} : { onProgress: ({ done, total, outcome }) => io.stderr(`[${done}/${total}] ${outcome.status === 'written' ? 'certificate' : `skipped (${outcome.code})`} ${outcome.name ?? outcome.award}\n`) }),
      });
      if (values.json) printJson(io, report);
      else {
        for (const outcome of report.outcomes) if (outcome.code && outcome.message) io.stderr(`${outcome.code}: ${outcome.message}\n`);
        io.stdout(`Wrote ${report.written === 1 ? '1 certificate' : `${report.written} certificates`} (${report.paper === 'a4' ? 'A4' : 'Letter'}, PDF) to ${outDir}.${report.skipped > 0 ? ` ${report.skipped} skipped (see the reasons above).` : ''}\n`);
      }
      return report.skipped > 0 ? 1 : 0;
    });
  },
};
