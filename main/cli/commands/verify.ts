import { BadgeError } from '../../../shared/errors.js';
import { outcomeOf, verifyBytes, type VerificationReport } from '../../../shared/verify/index.js';
import { readInputFile } from '../../services/files.js';
import { COMMON_OPTIONS, parseFlags, printJson, type Command } from '../command.js';
import { resolvePath } from '../paths.js';
import { RESOLVER_OPTIONS, resolverFromFlags } from '../resolver-flags.js';

const USAGE =
  'badgesmith verify FILE [--json] [--strict] [--now ISO] [--recipient EMAIL] [--site DIR] [--did-document FILE]… [--resolve URL_PREFIX=DIR]… [--trust-embedded-keys]';

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
    `${HEADLINES[outcomeOf(report)]}: ${file} (${FORMAT_NAMES[report.format] ?? report.format}${report.image ? `, baked ${report.image.toUpperCase()}` : ''})`,
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
  summary: 'Verify a badge offline (.json, .jws, baked .png/.svg): proof, issuer, dates, revocation, recipient',
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
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `verify takes exactly one file. Usage: ${USAGE}`);
    const file = resolvePath(io, positionals[0]!);
    const now = parseNow(values.now);
    const resolve = await resolverFromFlags(io, values);

    const bytes = await readInputFile(file, 'badge file');
    const report = await verifyBytes(bytes, {
      now,
      resolve,
      ...(values.recipient === undefined ? {} : { recipient: values.recipient }),
      ...(values['trust-embedded-keys'] ? { trustEmbeddedKeys: true } : {}),
    });
    const outcome = outcomeOf(report);
    if (values.json) printJson(io, { ...report, outcome });
    else io.stdout(formatReport(report, positionals[0]!));
    return outcome === 'verified' || (outcome === 'verified-with-warnings' && !values.strict) ? 0 : 1;
  },
};
