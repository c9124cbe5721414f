import { BadgeError } from '../../../shared/errors.js';
import { relative } from 'node:path';
import { countLabel } from '../../../shared/messages/index.js';
import { outcomeOf, type VerificationOutcome, type VerificationReport } from '../../../shared/verify/index.js';
import { findBadgeFiles, verifyFiles, verifyOneFile, type FoundFile, type VerifyFilesOptions } from '../../services/verify-files.js';
import { resolverFromSources } from '../../services/verify-sources.js';
import { COMMON_OPTIONS, parseFlags, printJson, type CliIo, type Command, type ExitCode } from '../command.js';
import { resolvePath } from '../paths.js';
import { RESOLVER_OPTIONS, sourcesFromFlags } from '../resolver-flags.js';

const USAGE =
  'badgesmith verify FILE|DIR… [--json] [--strict] [--now ISO] [--recipient EMAIL] [--site DIR] [--did-document FILE]… [--resolve URL_PREFIX=DIR]… [--trust-embedded-keys]';

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new BadgeError('ERR_USAGE', `--now must be an ISO 8601 date, like 2026-01-31T12:00:00Z (got "${value}").`);
  }
  return date;
}

const FORMAT_NAMES: Record<string, string> = {
  'ob3-di': 'Open Badges 3.0, Data Integrity proof',
  'ob3-jwt': 'Open Badges 3.0, VC-JWT',
  'ob2-hosted': 'Open Badges 2.0, hosted',
  'ob2-signed': 'Open Badges 2.0, signed',
  ob1: 'Open Badges 1.x (legacy)',
  unknown: 'not a recognised badge',
};

/** The format as a person reads it; a credential with no proof is not called "Data Integrity". */
function formatName(report: VerificationReport): string {
  const unsigned = report.format === 'ob3-di' && report.checks.some((check) => check.code === 'ERR_PROOF_MISSING');
  return unsigned ? 'Open Badges 3.0, no proof (unsigned)' : (FORMAT_NAMES[report.format] ?? report.format);
}

const HEADLINES = { verified: '✔ Verified', 'verified-with-warnings': '⚠ Verified with warnings', 'not-verified': '✘ Not verified' } as const;

function issuerLine(report: VerificationReport): string | undefined {
  const issuer = report.issuer;
  if (!issuer) return undefined;
  if (!issuer.confirmed) return `  Issuer: ${issuer.id} (not confirmed by the issuer's own documents)`;
  const name = issuer.name ? `${issuer.name} — ` : '';
  return `  Issuer: ${name}${issuer.id}${issuer.url ? ` (${issuer.url})` : ''}`;
}

export function formatReport(report: VerificationReport, file: string): string {
  const lines = [
    `${HEADLINES[outcomeOf(report)]}: ${file} (${formatName(report)}${report.image ? `, baked ${report.image.toUpperCase()}` : ''})`,
  ];
  const issuer = issuerLine(report);
  if (issuer) lines.push(issuer);
  for (const check of report.checks) {
    const mark = !check.ok ? '✘' : check.warning ? '⚠' : '✔';
    const code = !check.ok || check.warning ? `${check.code ?? 'ERR_CHECK_FAILED'}: ` : '';
    lines.push(`  ${mark} ${check.id}: ${code}${check.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify badges offline (.json, .jws, baked .png/.svg; files or folders): proof, issuer, dates, revocation, recipient',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        ...COMMON_OPTIONS,
        now: { type: 'string' },
        recipient: { type: 'string' },
        ...RESOLVER_OPTIONS,
        strict: { type: 'boolean' },
        'trust-embedded-keys': { type: 'boolean' },
      },
      USAGE,
      true,
    );
    if (positionals.length === 0) throw new BadgeError('ERR_USAGE', `Name a badge file or a folder of badges. Usage: ${USAGE}`);
    const now = parseNow(values.now);
    const sources = await sourcesFromFlags(io, values);
    const options: VerifyFilesOptions = {
      sources,
      now: now.toISOString(),
      ...(values.recipient === undefined ? {} : { recipient: values.recipient }),
      ...(values['trust-embedded-keys'] ? { trustEmbeddedKeys: true } : {}),
    };
    const passes = (outcome: VerificationOutcome): boolean => outcome === 'verified' || (outcome === 'verified-with-warnings' && !values.strict);
    const found = await findBadgeFiles(positionals.map((path) => resolvePath(io, path)));
    if (positionals.length === 1 && found.length === 1 && found[0]!.explicit) {
      const report = await verifyOneFile(found[0]!.path, options, await resolverFromSources(sources));
      const outcome = outcomeOf(report);
      if (values.json) printJson(io, { ...report, outcome });
      else io.stdout(formatReport(report, positionals[0]!));
      return passes(outcome) ? 0 : 1;
    }
    return verifyMany(io, found, options, { json: values.json === true, passes });
  },
};

/** Many files: one line each (JSON lines with --json), then a summary; progress on stderr. */
async function verifyMany(
  io: CliIo,
  found: FoundFile[],
  options: VerifyFilesOptions,
  mode: { json: boolean; passes: (outcome: VerificationOutcome) => boolean },
): Promise<ExitCode> {
  const counts: Record<VerificationOutcome | 'skipped', number> = { verified: 0, 'verified-with-warnings': 0, 'not-verified': 0, skipped: 0 };
  let failures = 0;
  const display = (path: string): string => {
    const inside = relative(io.cwd, path);
    return inside === '' || inside.startsWith('..') ? path : inside;
  };
  await verifyFiles(
    found.map((file) => file.path),
    options,
    (path, report, index) => {
      const notABadge = report.format === 'unknown' && report.checks.some((check) => check.code === 'ERR_FORMAT_UNKNOWN' || check.code === 'ERR_NOT_BAKED');
      if (notABadge && !found[index]!.explicit) {
        counts.skipped++;
        return;
      }
      const outcome = outcomeOf(report);
      counts[outcome]++;
      if (!mode.passes(outcome)) failures++;
      if (mode.json) {
        io.stdout(`${JSON.stringify({ file: path, outcome, verified: report.verified, format: report.format, ...(report.issuer ? { issuer: report.issuer } : {}), checks: report.checks })}\n`);
      } else {
        const problem = report.checks.find((check) => !check.ok) ?? report.checks.find((check) => check.warning);
        const mark = outcome === 'verified' ? '✔' : outcome === 'verified-with-warnings' ? '⚠' : '✘';
        io.stdout(`${mark} ${display(path)} (${formatName(report)})${problem ? ` ${problem.code ?? ''}: ${problem.message}` : ''}\n`);
      }
    },
  );
  const total = counts.verified + counts['verified-with-warnings'] + counts['not-verified'];
  const summary = { files: total, ...counts };
  if (mode.json) io.stdout(`${JSON.stringify({ summary })}\n`);
  else {
    const skipped = counts.skipped > 0 ? `, ${countLabel(counts.skipped, 'file', 'en').replace(/ /, ' other ')} skipped` : '';
    io.stdout(
      `${countLabel(total, 'badge', 'en')}: ${counts.verified} verified, ${counts['verified-with-warnings']} verified with warnings, ${counts['not-verified']} not verified${skipped}.\n`,
    );
  }
  return failures > 0 || total === 0 ? 1 : 0;
}
