import { readFile, stat } from 'node:fs/promises';
import { BadgeError } from '../../../shared/errors.js';
import { countLabel, countNoun } from '../../../shared/messages/index.js';
import { CREDENTIAL_FORMATS, requireBadge, type CredentialFormat } from '../../db/repos/badges.js';
import { issueBatch, type BakeKind, type IssueProgress } from '../../services/issue-batch.js';
import { openKeystore } from '../../services/keystore.js';
import {
  COMMON_OPTIONS,
  parseFlags,
  printJson,
  requireFlag,
  type CliIo,
  type Command,
} from '../command.js';
import { COLUMN_FLAG_HELP, parseColumnFlags } from '../column-flags.js';
import { readPassphrase } from '../passphrase.js';
import { resolvePath } from '../paths.js';
import { withWorkspace } from '../workspace.js';

const usage = `badgesmith issue --badge ID --csv FILE [--format ob3-di,ob3-jwt,ob2-hosted,ob2-signed] [--bake png,svg|none] [${COLUMN_FLAG_HELP}] --out DIR [--workspace DIR] [--json]`;

/**
 * Ctrl+C cancels the run the way the app's Cancel button does: no new row is taken and the rows
 * being signed are finished, so the same command run again issues the rest. A second Ctrl+C ends
 * the process at once (that is safe too: the next run completes whatever was left pending).
 */
function cancelOnCtrlC(io: CliIo): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    controller.abort();
    io.stderr('\nCancelling: finishing the rows already being signed (Ctrl+C again to stop at once)…\n');
  };
  process.once('SIGINT', onInterrupt);
  return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) };
}

/** The command line that completes a cancelled run. */
function resumeCommand(argv: string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return ['badgesmith', 'issue', ...argv].map(quote).join(' ');
}

function parseList<T extends string>(text: string, known: readonly T[], flag: string): T[] {
  const items = [
    ...new Set(
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = items.find((item) => !(known as readonly string[]).includes(item));
  if (unknown !== undefined || items.length === 0) {
    throw new BadgeError(
      'ERR_USAGE',
      `Unknown --${flag} value "${unknown ?? text}"; use ${known.join(', ')}.`,
    );
  }
  return items as T[];
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

function progressPrinter(io: CliIo): (progress: IssueProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last < 250 && progress.rows < progress.total) return;
    last = now;
    const eta = progress.eta === null ? '' : `, about ${formatSeconds(progress.eta)} left`;
    const text = `${progress.rows}/${progress.total} ${countNoun(progress.total, 'row', 'en')} (${progress.issued} issued, ${progress.rejected} rejected), ${Math.round(progress.rate)} rows/s${eta}`;
    if (io.isTty) (io.terminal ?? io).stderr(`\r${text}\u001b[K`);
    else io.stderr(`${text}\n`);
  };
}

const REJECTED_ROWS_SHOWN = 20;

function people(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

function credentials(count: number): string {
  return count === 1 ? '1 credential' : `${count} credentials`;
}

/** The first rejected rows of the report, one line each, so the volunteer can fix the CSV without opening report.json. */
async function describeRejectedRows(reportPath: string): Promise<string> {
  let rows: unknown;
  try {
    if ((await stat(reportPath)).size > 64 * 1024 * 1024) return '';
    rows = (JSON.parse(await readFile(reportPath, 'utf8')) as { rows?: unknown }).rows;
  } catch {
    return '';
  }
  if (!Array.isArray(rows)) return '';
  const rejected = rows.filter((row): row is RejectedRow => isRejectedRow(row));
  const lines = rejected
    .slice(0, REJECTED_ROWS_SHOWN)
    .map(
      (row) =>
        `line ${row.line}: ${row.problems.map((problem) => `${problem.code}: ${problem.message}`).join(' ')}\n`,
    );
  if (rejected.length > REJECTED_ROWS_SHOWN)
    {lines.push(
      `… and ${rejected.length - REJECTED_ROWS_SHOWN} more rejected rows in the report.\n`,
    );}
  return lines.join('');
}

interface RejectedRow {
  line: number;
  problems: { code: string; message: string }[];
}

function isRejectedRow(row: unknown): row is RejectedRow {
  if (typeof row !== 'object' || row === null) return false;
  const { status, line, problems } = row as Record<string, unknown>;
  return status === 'rejected' && typeof line === 'number' && Array.isArray(problems);
}

export const issueCommand: Command = {
  name: 'issue',
  summary: 'Issue a badge to every recipient of a CSV (signed files, baked images, a report and a people list per run)',
  usage,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        badge: { type: 'string' },
        csv: { type: 'string' },
        format: { type: 'string' },
        bake: { type: 'string' },
        out: { type: 'string' },
        column: { type: 'string', multiple: true },
      },
      usage,
    );
    const columns = parseColumnFlags(values.column);
    const badgeId = requireFlag(values.badge, 'badge', usage);
    const csvPath = resolvePath(io, requireFlag(values.csv, 'csv', usage));
    const outDir = resolvePath(io, requireFlag(values.out, 'out', usage));
    const bake: BakeKind[] =
      values.bake === 'none'
        ? []
        : parseList(values.bake ?? 'png', ['png', 'svg'] as const, 'bake');
    return withWorkspace(io, values.workspace, async (workspace) => {
      const badge = requireBadge(workspace.db, badgeId);
      const formats: CredentialFormat[] = values.format
        ? parseList(values.format, CREDENTIAL_FORMATS, 'format')
        : badge.formats;
      const keystore = await openKeystore(workspace, await readPassphrase(io));
      const interrupt = cancelOnCtrlC(io);
      const summary = await issueBatch(workspace, keystore, {
        badgeId,
        csvPath,
        formats,
        bake,
        outDir,
        signal: interrupt.signal,
        ...(columns.length > 0 ? { columns } : {}),
        ...(values.json ? {} : { onProgress: progressPrinter(io) }),
      }).finally(() => interrupt.release());
      if (values.json) {
        printJson(io, summary);
      } else if (summary.cancelled) {
        if (io.isTty) io.stderr('\n');
        io.stdout(
          [
            `Cancelled after ${countLabel(summary.rowsRead, 'row', 'en')}: badge ${badgeId} issued to ${people(summary.issued)} (${credentials(summary.credentials)}), ${countLabel(summary.rejected, 'row', 'en')} rejected.`,
            'The rest of the file was not issued. To issue it, run the same command again (nothing is issued twice):',
            `  ${resumeCommand(argv)}`,
            `Report of this run: ${summary.report}`,
          ].join('\n') + '\n',
        );
      } else {
        if (io.isTty) io.stderr('\n');
        for (const warning of summary.warnings) io.stderr(`line ${warning.line}: ${warning.code}: ${warning.message}\n`);
        if (summary.rejected > 0) io.stderr(await describeRejectedRows(summary.report));
        // Counts are people (one award each); credential files come second, in brackets.
        const lines = [
          summary.rowsRead === 0
            ? `Nothing to issue: ${csvPath} has a header row but no recipients under it.`
            : summary.issued === 0 && summary.alreadyIssued > 0
              ? `Nothing new to issue: ${summary.alreadyIssued === 1 ? 'the person in this file already has' : `the ${people(summary.alreadyIssued)} in this file already have`} badge ${badgeId}.`
              : `Issued badge ${badgeId} to ${people(summary.issued)} (${credentials(summary.credentials)}: ${formats.join(', ')}) in ${summary.seconds} s.`,
          ...(summary.issued > 0 && summary.alreadyIssued > 0
            ? [`${people(summary.alreadyIssued)} already had it and got nothing new.`]
            : []),
          ...(summary.restoredPeople > 0
            ? [`${people(summary.restoredPeople)} had missing or damaged files (${credentials(summary.restored)}); they were written again, identical to the originals.`]
            : []),
          ...(summary.notRestoredPeople > 0
            ? [
                `${people(summary.notRestoredPeople)} have missing or damaged files that cannot be written again identically (${credentials(summary.notRestored)}; the badge class, the issuer profile or --bake changed since); see ERR_RESTORE_NOT_IDENTICAL in the report.`,
              ]
            : []),
          ...(summary.rejected > 0
            ? [
                `${countLabel(summary.rejected, 'row', 'en')} ${summary.rejected === 1 ? 'was' : 'were'} rejected; see the problems and line numbers in the report.`,
              ]
            : []),
          `Files: ${summary.out}/${badgeId}/`,
          `Report: ${summary.report}`,
          `People (for a mail merge): ${summary.people}`,
        ];
        io.stdout(`${lines.join('\n')}\n`);
      }
      return summary.cancelled || summary.rejected > 0 || summary.notRestored > 0 || summary.rowsRead === 0 ? 1 : 0;
    });
  },
};
