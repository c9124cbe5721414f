/**
 * What a recipients CSV holds before anything is issued: the separator, each column and the field
 * it was matched to, the first rows as they are written, and every row that would be rejected, with
 * its line and reason codes. Read as a stream with the same reader `issue` uses, so the preview and
 * the issuing run agree row for row; memory holds the sample rows, the rejections (up to a cap) and
 * the keys used to find repeated recipients.
 */
import { BadgeError, isBadgeError } from '../../shared/errors.js';
import {
  fieldForHeader,
  headerFields,
  MAX_RECORD_CHARS,
  openCsvRecords,
  readHeader,
  recordToItem,
  type ColumnChoice,
  type CsvField,
  type CsvHeader,
  type CsvSource,
  type RejectedRow,
  type RowProblem,
} from './csv-rows.js';

export const CSV_FIELDS: readonly CsvField[] = [
  'email',
  'name',
  'did',
  'issuedOn',
  'evidenceUrl',
  'narrative',
];

/** The column names the CSV documentation uses (`issued_on`), for each field. */
export const CSV_FIELD_NAMES: Readonly<Record<CsvField, string>> = {
  email: 'email',
  name: 'name',
  did: 'did',
  issuedOn: 'issued_on',
  evidenceUrl: 'evidence_url',
  narrative: 'narrative',
};

/** Rows shown as written, to check the columns by eye. */
export const PREVIEW_ROWS = 20;
/** Rejected rows listed one by one; beyond this only their number is given. */
export const MAX_LISTED_REJECTIONS = 10_000;

export interface PreviewColumn {
  index: number;
  header: string;
  /** The field this column is read as (after any hand-chosen mapping). */
  field: CsvField | null;
  /** The field its header name alone is matched to. */
  detected: CsvField | null;
}

export interface CsvPreview {
  separator: ',' | ';';
  columns: PreviewColumn[];
  /** False when no column holds the e-mail (or DID): the columns must be mapped by hand. */
  recognised: boolean;
  /** The first data rows, as written. */
  rows: { line: number; values: string[] }[];
  /** Data rows in the file (valid and rejected). */
  total: number;
  valid: number;
  rejectedTotal: number;
  /** The rejected rows, in file order (up to MAX_LISTED_REJECTIONS). */
  rejected: RejectedRow[];
  /** Header notes: unknown or repeated columns, on line 1. */
  warnings: RowProblem[];
}

export interface PreviewOptions {
  now: Date;
  columns?: readonly ColumnChoice[];
  sampleRows?: number;
  maxRecordChars?: number;
}

export async function previewCsv(source: CsvSource, options: PreviewOptions): Promise<CsvPreview> {
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const sampleRows = options.sampleRows ?? PREVIEW_ROWS;
  const { separator, records } = await openCsvRecords(source, maxRecordChars);
  const preview: CsvPreview = {
    separator,
    columns: [],
    recognised: false,
    rows: [],
    total: 0,
    valid: 0,
    rejectedTotal: 0,
    rejected: [],
    warnings: [],
  };
  let header: CsvHeader | null | undefined;
  const seen = new Map<string, number>();
  for await (const item of records) {
    if (header === undefined) {
      const names = headerFields(item, source, maxRecordChars);
      header = readableHeader(names, separator, options.columns);
      preview.recognised = header !== null;
      preview.warnings = header?.warnings ?? [];
      preview.columns = names.map((name, index) => ({
        index,
        header: name.trim(),
        field: header?.columns[index] ?? null,
        detected: fieldForHeader(name),
      }));
      continue;
    }
    preview.total += 1;
    if (item.ok && preview.rows.length < sampleRows) {
      preview.rows.push({ line: item.record.line, values: item.record.fields });
    }
    if (header === null) continue;
    const result = recordToItem(item, header, seen, options.now);
    if (result.ok) {
      preview.valid += 1;
      continue;
    }
    preview.rejectedTotal += 1;
    if (preview.rejected.length < MAX_LISTED_REJECTIONS) preview.rejected.push(result.rejected);
  }
  if (header === undefined) {
    const name = typeof source === 'string' ? source : source.name;
    throw new BadgeError('ERR_FILE_EMPTY', `The CSV file ${name} has no header row.`);
  }
  return preview;
}

/** The header as issuing reads it, or null when it names no recipient column (to be mapped by hand). */
function readableHeader(
  names: string[],
  separator: ',' | ';',
  columns: readonly ColumnChoice[] | undefined,
): CsvHeader | null {
  try {
    return { ...readHeader(names, columns), separator };
  } catch (error) {
    if (isBadgeError(error) && error.code === 'ERR_CSV_NO_RECIPIENT_COLUMN') return null;
    throw error;
  }
}

/**
 * Reads only the header row and checks it the way issuing will (a recipient column, the columns
 * given by hand exist): the app refuses a file at once instead of in the background.
 */
export async function checkCsvHeader(
  source: CsvSource,
  columns?: readonly ColumnChoice[],
): Promise<CsvHeader> {
  const { separator, records } = await openCsvRecords(source);
  try {
    const first = await records.next();
    if (first.done) {
      const name = typeof source === 'string' ? source : source.name;
      throw new BadgeError('ERR_FILE_EMPTY', `The CSV file ${name} has no header row.`);
    }
    return { ...readHeader(headerFields(first.value, source), columns), separator };
  } finally {
    await records.return(undefined);
  }
}
