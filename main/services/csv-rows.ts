/**
 * Reads a recipients CSV as a stream of validated rows: UTF-8 (BOM tolerated), `,` or `;`
 * (sniffed from the header line), quoted fields, any line ending, header names matched with
 * English and French aliases. Bad rows (bad values, a stray quote that cannot be read, a row over
 * the size limit) come out as rejections with their line number; they never stop the stream.
 * Every value that goes into a credential is checked here, before anything is signed.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { BadgeError } from '../../shared/errors.js';
import { emailProblem, normalizeEmail } from '../../shared/ob3/identity.js';
import { printable, textProblem, webUrlProblem } from '../../shared/text.js';
import { CsvRecordSplitter, type RecordItem } from './csv-records.js';

export type CsvField = 'email' | 'name' | 'did' | 'issuedOn' | 'evidenceUrl' | 'narrative';

/** Header aliases, compared after `headerKey` (lower-case, no accents, separators as one space). */
const ALIASES: Record<CsvField, readonly string[]> = {
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse email', 'adresse e mail', 'adresse mail', 'adresse courriel', 'email address'],
  name: ['name', 'nom', 'full name', 'nom complet', 'prenom nom', 'recipient', 'destinataire'],
  did: ['did'],
  issuedOn: ['issued on', 'date', 'date d emission', 'date emission', 'issued', 'issue date'],
  evidenceUrl: ['evidence url', 'evidence', 'preuve', 'url preuve', 'lien preuve', 'url de preuve'],
  narrative: ['narrative', 'recit'],
};

const MAX_FIELD_CHARS = 10_000;
/** A row (all its values, separators and quotes) holds at most this many characters. */
export const MAX_RECORD_CHARS = 65_536;

export interface CsvRow {
  line: number;
  /** Normalised (trimmed, lower-case) e-mail, or null for a DID-only row. */
  email: string | null;
  name: string | null;
  did: string | null;
  /** DateTimeZ (`2026-05-01T00:00:00Z`) or null for "now". */
  issuedOn: string | null;
  evidenceUrl: string | null;
  narrative: string | null;
  /** What makes the row unique within a badge: the e-mail, else the DID. */
  key: string;
}

export interface RowProblem {
  code: `ERR_${string}`;
  message: string;
}

export interface RejectedRow {
  line: number;
  email: string | null;
  problems: RowProblem[];
}

export type CsvItem = { ok: true; row: CsvRow } | { ok: false; rejected: RejectedRow };

export interface CsvHeader {
  separator: ',' | ';';
  /** Field of each column (null when unknown). */
  columns: (CsvField | null)[];
  /** Header-level notes (unknown or repeated columns), reported on line 1. */
  warnings: RowProblem[];
}

export interface CsvReadOptions {
  /** Reference "now" for rejecting issue dates in the future. */
  now: Date;
  /** Called once the header is understood. */
  onHeader?: (header: CsvHeader) => void;
  /** Characters a row may hold (default MAX_RECORD_CHARS). */
  maxRecordChars?: number;
}

/** `Date d'émission` → `date d emission`, `E-Mail` → `e mail`, `issued_on` → `issued on`. */
export function headerKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function fieldForHeader(name: string): CsvField | null {
  const key = headerKey(name);
  for (const [field, aliases] of Object.entries(ALIASES) as [CsvField, readonly string[]][]) {
    if (aliases.includes(key)) return field;
  }
  return null;
}

/** Picks `;` or `,` by counting them outside quotes in the header line. */
export function sniffSeparator(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

export function readHeader(headerFields: string[]): CsvHeader & { separator: ',' } {
  const warnings: RowProblem[] = [];
  const seen = new Set<CsvField>();
  const columns = headerFields.map((raw) => {
    const name = raw.trim();
    const field = fieldForHeader(name);
    if (field === null) {
      if (name !== '') {
        warnings.push({ code: 'ERR_CSV_UNKNOWN_COLUMN', message: `Column "${name}" is not used (known columns: email, name, did, issued_on, evidence_url, narrative).` });
      }
      return null;
    }
    if (seen.has(field)) {
      warnings.push({ code: 'ERR_CSV_DUPLICATE_COLUMN', message: `Column "${name}" repeats the ${field} column; only the first one is used.` });
      return null;
    }
    seen.add(field);
    return field;
  });
  if (!seen.has('email') && !seen.has('did')) {
    throw new BadgeError(
      'ERR_CSV_NO_RECIPIENT_COLUMN',
      `The CSV header has no email column (found: ${headerFields.map((h) => `"${h.trim()}"`).join(', ')}). Name a column "email" (or e-mail, mail, courriel).`,
    );
  }
  return { separator: ',', columns, warnings };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FIRST = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const DATE_TIME_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00Z`;
}

/**
 * An issue date as a DateTimeZ: `2026-05-01` and `01/05/2026` (day first, as in French
 * spreadsheets) mean midnight UTC; full date-times need a timezone. Null when unparseable.
 */
export function parseIssueDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return validDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  if (DATE_TIME_ZONE.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Date(Date.parse(text)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return null;
}

const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$/;

/**
 * A copy that does not point into the 64 KB text chunk it was cut from (V8 keeps a whole chunk
 * alive for any slice of it): the keys kept for duplicate detection would otherwise hold the file.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Validates one record (fields already mapped); `seen` maps row keys to their first line. */
export function validateRecord(line: number, values: Partial<Record<CsvField, string>>, seen: Map<string, number>, now: Date): CsvItem {
  const problems: RowProblem[] = [];
  const text = (field: CsvField): string | null => {
    const value = values[field]?.trim() ?? '';
    return value === '' ? null : value;
  };
  const rawEmail = text('email');
  const emailError = rawEmail === null ? null : emailProblem(rawEmail);
  const email = rawEmail === null || emailError !== null ? null : normalizeEmail(rawEmail);
  const did = text('did');
  if (emailError !== null) problems.push({ code: 'ERR_CSV_EMAIL_INVALID', message: `${emailError} Correct it in the CSV and run the same command again: rows already issued are not issued twice.` });
  if (did !== null && !DID.test(did)) problems.push({ code: 'ERR_CSV_DID_INVALID', message: `"${printable(did)}" is not a DID (did:method:…).` });
  const name = text('name');
  const nameError = name === null ? null : textProblem(name, 'name', {});
  if (nameError !== null) problems.push({ code: 'ERR_CSV_TEXT_INVALID', message: nameError });
  const narrative = text('narrative');
  const narrativeError = narrative === null ? null : textProblem(narrative, 'narrative', { multiline: true });
  if (narrativeError !== null) problems.push({ code: 'ERR_CSV_TEXT_INVALID', message: narrativeError });
  if (rawEmail === null && did === null) problems.push({ code: 'ERR_CSV_RECIPIENT_MISSING', message: 'The row has no e-mail address (nor a DID).' });
  const dateText = text('issuedOn');
  let issuedOn: string | null = null;
  if (dateText !== null) {
    issuedOn = parseIssueDate(dateText);
    if (issuedOn === null) {
      problems.push({ code: 'ERR_CSV_DATE_INVALID', message: `"${printable(dateText)}" is not a date; write 2026-05-31 or 31/05/2026.` });
    } else if (Date.parse(issuedOn) > now.getTime() + 86_400_000) {
      problems.push({ code: 'ERR_CSV_DATE_FUTURE', message: `The issue date ${dateText} is in the future.` });
    }
  }
  const evidenceUrl = text('evidenceUrl');
  const evidenceError = evidenceUrl === null ? null : webUrlProblem(evidenceUrl);
  if (evidenceError !== null) problems.push({ code: 'ERR_CSV_EVIDENCE_INVALID', message: `The evidence address is not usable: ${evidenceError}` });
  for (const field of Object.keys(values) as CsvField[]) {
    if ((values[field]?.length ?? 0) > MAX_FIELD_CHARS) {
      problems.push({ code: 'ERR_CSV_FIELD_TOO_LONG', message: `The ${field} value is longer than ${MAX_FIELD_CHARS} characters.` });
    }
  }
  const key = email ?? did;
  if (problems.length === 0 && key !== null) {
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ code: 'ERR_CSV_DUPLICATE_ROW', message: `${email ?? did} already appears on line ${first}; each recipient gets the badge once.` });
    } else {
      seen.set(ownCopy(key), line);
    }
  }
  if (problems.length > 0 || key === null) return { ok: false, rejected: { line, email: rawEmail === null ? null : printable(rawEmail, 254), problems } };
  return {
    ok: true,
    row: { line, email, name, did, issuedOn, evidenceUrl, narrative, key },
  };
}

/** The first line of the file, decoded (throws ERR_CSV_ENCODING when the start is not UTF-8). */
async function readHeadLine(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadgeError('ERR_FILE_NOT_FOUND', `The CSV file ${path} does not exist. Check the path.`);
    if (code === 'EISDIR') throw new BadgeError('ERR_FILE_IS_DIRECTORY', `The CSV file ${path} is a folder, not a file.`);
    throw new BadgeError('ERR_FILE_UNREADABLE', `The CSV file ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === 0) throw new BadgeError('ERR_FILE_EMPTY', `The CSV file ${path} is empty.`);
    let head = buffer.subarray(0, bytesRead);
    const newline = head.findIndex((byte) => byte === 0x0a || byte === 0x0d);
    if (newline >= 0) head = head.subarray(0, newline);
    else while (head.length > 0 && head[head.length - 1]! >= 0x80) head = head.subarray(0, head.length - 1);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(head).replace(/^\uFEFF/, '');
    } catch {
      throw new BadgeError('ERR_CSV_ENCODING', `The CSV file ${path} is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8".`);
    }
  } finally {
    await handle.close();
  }
}

/** The file as text chunks: UTF-8 decoded as a stream (BOM dropped, bad bytes as U+FFFD). */
async function* decodedChunks(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path, { highWaterMark: 65_536 }) as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

async function* recordItems(path: string, separator: ',' | ';', maxRecordChars: number): AsyncGenerator<RecordItem> {
  const splitter = new CsvRecordSplitter({ delimiter: separator, maxRecordChars });
  for await (const text of decodedChunks(path)) yield* splitter.push(text);
  yield* splitter.end();
}

function readError(error: unknown, path: string): BadgeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new BadgeError('ERR_FILE_IS_DIRECTORY', `The CSV file ${path} is a folder, not a file.`);
  return new BadgeError('ERR_FILE_UNREADABLE', `The CSV file ${path} could not be read to the end: ${(error as Error).message}`, { cause: error });
}

/**
 * Streams the rows of a CSV file. Memory stays flat (a row is never longer than maxRecordChars)
 * except for the set of row keys used to detect duplicates. Throws (before the first row) for a
 * missing file, a non-UTF-8 file or a header without a recipient column.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions): AsyncGenerator<CsvItem> {
  const separator = sniffSeparator(await readHeadLine(path));
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  let header: CsvHeader | undefined;
  const seen = new Map<string, number>();
  const items = recordItems(path, separator, maxRecordChars);
  while (true) {
    let next: IteratorResult<RecordItem>;
    try {
      next = await items.next();
    } catch (error) {
      throw readError(error, path);
    }
    if (next.done) break;
    const item = next.value;
    if (header === undefined) {
      if (!item.ok) {
        throw new BadgeError(
          item.error.code,
          item.error.code === 'ERR_CSV_RECORD_TOO_LARGE'
            ? `The header row of ${path} is longer than ${maxRecordChars} characters: this is not a recipients list.`
            : `The header row of ${path} opens a quote that is never closed; fix the column names on line 1.`,
        );
      }
      header = { ...readHeader(item.record.fields), separator };
      options.onHeader?.(header);
      continue;
    }
    if (!item.ok) {
      yield { ok: false, rejected: { line: item.error.line, email: null, problems: [{ code: item.error.code, message: item.error.message }] } };
      continue;
    }
    const { line, lastLine, fields } = item.record;
    if (fields.some((value) => value.includes('\uFFFD'))) {
      yield { ok: false, rejected: { line, email: null, problems: [{ code: 'ERR_CSV_ENCODING', message: 'The row is not UTF-8 text.' }] } };
      continue;
    }
    const extra = fields.slice(header.columns.length).filter((value) => value.trim() !== '');
    if (extra.length > 0) {
      const message =
        lastLine > line
          ? `The row runs from line ${line} to line ${lastLine} and has ${fields.length} fields but the header has ${header.columns.length}: a quote opened on line ${line} is probably closed too late; check the quotes on these lines.`
          : `The row has ${fields.length} fields but the header has ${header.columns.length}: a value probably contains the separator "${separator}"; put that value in double quotes.`;
      yield { ok: false, rejected: { line, email: null, problems: [{ code: 'ERR_CSV_COLUMN_COUNT', message }] } };
      continue;
    }
    const values: Partial<Record<CsvField, string>> = {};
    header.columns.forEach((field, index) => {
      if (field !== null && fields[index] !== undefined) values[field] = fields[index];
    });
    const result = validateRecord(line, values, seen, options.now);
    if (!result.ok && lastLine > line) {
      result.rejected.problems.push({
        code: 'ERR_CSV_MULTILINE_ROW',
        message: `This row runs from line ${line} to line ${lastLine} because a quoted value spans those lines; if that is not intended, a quote is missing or misplaced on line ${line}.`,
      });
    }
    yield result;
  }
  if (header === undefined) throw new BadgeError('ERR_FILE_EMPTY', `The CSV file ${path} has no header row.`);
}
