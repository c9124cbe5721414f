/** `--column FIELD=HEADER`: a CSV column given its meaning by hand when its header is not recognised. */
import { BadgeError } from '../../shared/errors.js';
import type { ColumnChoice, CsvField } from '../services/csv-rows.js';
import { CSV_FIELD_NAMES } from '../services/csv-preview.js';

const FIELD_BY_NAME = new Map<string, CsvField>(
  Object.entries(CSV_FIELD_NAMES).flatMap(([field, name]) => [
    [name, field as CsvField],
    [field.toLowerCase(), field as CsvField],
  ]),
);

export const COLUMN_FLAG_HELP =
  '--column FIELD=HEADER (repeatable; FIELD is email, name, did, issued_on, evidence_url or narrative; HEADER is the column name as written on the first line, or #N for the Nth column)';

export function parseColumnFlags(values: readonly string[] | undefined): ColumnChoice[] {
  return (values ?? []).map((value) => {
    const equals = value.indexOf('=');
    const fieldName = equals < 0 ? '' : value.slice(0, equals).trim().toLowerCase();
    const header = equals < 0 ? '' : value.slice(equals + 1).trim();
    const field = FIELD_BY_NAME.get(fieldName);
    if (field === undefined || header === '') {
      throw new BadgeError(
        'ERR_USAGE',
        `--column "${value}" is not FIELD=HEADER: ${COLUMN_FLAG_HELP}. Example: --column email="Adresse de contact".`,
      );
    }
    const position = /^#(\d+)$/.exec(header);
    return { column: position ? Number(position[1]) - 1 : header, field };
  });
}
