import { BadgeError } from '../../../shared/errors.js';
import { verifyBytes, type VerificationReport } from '../../../shared/verify/index.js';
import { readInputFile, readJsonFile } from '../../services/files.js';
import { createOfflineResolver, parsePrefixMapping, type OfflineResolver } from '../../services/offline-resolver.js';
import { createSiteResolver } from '../../services/site-resolver.js';
import { COMMON_OPTIONS, parseFlags, printJson, type Command } from '../command.js';
import { resolvePath } from '../paths.js';

const USAGE =
  'badgesmith verify FILE [--json] [--now ISO] [--recipient EMAIL] [--site DIR] [--did-document FILE]… [--resolve URL_PREFIX=DIR]…';

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

export function formatReport(report: VerificationReport, file: string): string {
  const lines = [
    `${report.verified ? '✔ Verified' : '✘ Not verified'}: ${file} (${FORMAT_NAMES[report.format] ?? report.format}${report.image ? `, baked ${report.image.toUpperCase()}` : ''})`,
  ];
  for (const check of report.checks) {
    lines.push(`  ${check.ok ? '✔' : '✘'} ${check.id}: ${check.ok ? '' : `${check.code ?? 'ERR_CHECK_FAILED'}: `}${check.message}`);
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
        site: { type: 'string' },
        'did-document': { type: 'string', multiple: true },
        resolve: { type: 'string', multiple: true },
      },
      USAGE,
      true,
    );
    if (positionals.length !== 1) throw new BadgeError('ERR_USAGE', `verify takes exactly one file. Usage: ${USAGE}`);
    const file = resolvePath(io, positionals[0]!);
    const now = parseNow(values.now);
    const didDocuments: Record<string, unknown>[] = [];
    for (const path of values['did-document'] ?? []) {
      const document = await readJsonFile(resolvePath(io, path), 'DID document');
      if (typeof document !== 'object' || document === null || typeof (document as { id?: unknown }).id !== 'string') {
        throw new BadgeError('ERR_DID_DOCUMENT_INVALID', `${path} is not a DID document (it has no "id").`);
      }
      didDocuments.push(document as Record<string, unknown>);
    }
    const prefixes = (values.resolve ?? []).map((value) => parsePrefixMapping(value, io.cwd));
    const fallbacks: OfflineResolver[] = [];
    if (values.site !== undefined) fallbacks.push(await siteResolver(resolvePath(io, values.site)));
    const resolve = createOfflineResolver({ didDocuments, prefixes, fallbacks });

    const bytes = await readInputFile(file, 'badge file');
    const report = await verifyBytes(bytes, {
      now,
      resolve,
      ...(values.recipient === undefined ? {} : { recipient: values.recipient }),
    });
    if (values.json) printJson(io, report);
    else io.stdout(formatReport(report, positionals[0]!));
    return report.verified ? 0 : 1;
  },
};

async function siteResolver(dir: string): Promise<OfflineResolver> {
  return (await createSiteResolver(dir)).resolve;
}
