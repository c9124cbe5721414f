import { BadgeError } from '../../../shared/errors.js';
import { countLabel } from '../../../shared/messages/index.js';
import { CSV_FIELD_NAMES, previewCsv, type CsvPreview } from '../../services/csv-preview.js';
import { COLUMN_FLAG_HELP, parseColumnFlags } from '../column-flags.js';
import { COMMON_OPTIONS, parseFlags, printJson, type Command } from '../command.js';
import { resolvePath } from '../paths.js';
import { cliClock } from '../workspace.js';

const usage = `badgesmith csv preview FILE [${COLUMN_FLAG_HELP}] [--rows N] [--json]`;

function describe(preview: CsvPreview, file: string): string {
  const lines = [
    `${file}: separator "${preview.separator}", ${countLabel(preview.total, 'row', 'en')} (${preview.valid} ready to issue, ${preview.rejectedTotal} rejected).`,
    'Columns:',
    ...preview.columns.map(
      (column) =>
        `  ${column.index + 1}. "${column.header}" → ${column.field === null ? '(not used)' : CSV_FIELD_NAMES[column.field]}`,
    ),
  ];
  if (!preview.recognised) {
    lines.push(
      'No column holds the e-mail address: say which one does, e.g. --column email="Adresse de contact" (or --column email=#2).',
    );
  }
  if (preview.rows.length > 0) {
    lines.push(`First ${countLabel(preview.rows.length, 'row', 'en')}:`);
    for (const row of preview.rows)
      {lines.push(`  line ${row.line}: ${row.values.join(` ${preview.separator} `)}`);}
  }
  for (const warning of preview.warnings) lines.push(`line 1: ${warning.code}: ${warning.message}`);
  for (const row of preview.rejected) {
    lines.push(`line ${row.line}: ${row.problems.map((p) => `${p.code}: ${p.message}`).join(' ')}`);
  }
  if (preview.rejectedTotal > preview.rejected.length) {
    lines.push(`… and ${preview.rejectedTotal - preview.rejected.length} more rejected rows.`);
  }
  return `${lines.join('\n')}\n`;
}

export const csvPreviewCommand: Command = {
  name: 'csv preview',
  summary:
    'Check a recipients CSV before issuing: the columns it is read with, its first rows, every rejected row and why',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { ...COMMON_OPTIONS, column: { type: 'string', multiple: true }, rows: { type: 'string' } },
      usage,
      true,
    );
    if (positionals.length !== 1)
      {throw new BadgeError('ERR_USAGE', `csv preview takes one CSV file. Usage: ${usage}`);}
    const rows = values.rows === undefined ? undefined : Number(values.rows);
    if (rows !== undefined && (!Number.isInteger(rows) || rows < 0 || rows > 10_000)) {
      throw new BadgeError(
        'ERR_USAGE',
        `--rows must be a whole number from 0 to 10000 (got "${values.rows}").`,
      );
    }
    const file = resolvePath(io, positionals[0]!);
    const preview = await previewCsv(file, {
      now: cliClock(io)(),
      columns: parseColumnFlags(values.column),
      ...(rows === undefined ? {} : { sampleRows: rows }),
    });
    if (values.json) printJson(io, preview);
    else io.stdout(describe(preview, positionals[0]!));
    return preview.recognised && preview.rejectedTotal === 0 ? 0 : 1;
  },
};
