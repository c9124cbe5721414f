/**
 * Reads a recipients CSV as a stream of validated rows: UTF-8 (BOM tolerated), `,` or `;`
 * (sniffed from the header line), quoted fields, any line ending, header names matched with
 * English and French aliases. Bad rows (bad values, a stray quote that cannot be read, a row over
 * the size limit) come out as rejections with their line number; they never stop the stream.
 * Every value that goes into a credential is checked here, before anything is signed.
 */
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
  /** The header row's column names, trimmed. */
  names: string[];
  /** Field of each column (null when unknown). */
  columns: (CsvField | null)[];
  /** Header-level notes (unknown or repeated columns), reported on line 1. */
  warnings: RowProblem[];
}

/**
 * A column given a field by hand, for a header Badgesmith does not recognise: the column (its
 * 0-based position, or its header text) and the field it holds (null: not used).
 */
export interface ColumnChoice {
  column: number | string;
  field: CsvField | null;
}

/** A CSV file on disk, or bytes the user dropped (named for messages). */
export type CsvSource = string | { name: string; bytes: Uint8Array };

export interface CsvReadOptions {
  /** Reference "now" for rejecting issue dates in the future. */
  now: Date;
  /** Called once the header is understood. */
  onHeader?: (header: CsvHeader) => void;
  /** Characters a row may hold (default MAX_RECORD_CHARS). */
  maxRecordChars?: number;
  /** Columns given a field by hand; they override what the header names say. */
  columns?: readonly ColumnChoice[];
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

/** The position of each hand-chosen column, checked against the header. */
function resolveChoices(names: string[], choices: readonly ColumnChoice[]): Map<number, CsvField | null> {
  const chosen = new Map<number, CsvField | null>();
  const fields = new Set<CsvField>();
  for (const { column, field } of choices) {
    const index = typeof column === 'number' ? column : names.findIndex((name) => headerKey(name) === headerKey(column));
    if (!Number.isInteger(index) || index < 0 || index >= names.length) {
      throw new BadgeError(
        'ERR_CSV_COLUMN_NOT_FOUND',
        `The CSV has no column ${typeof column === 'number' ? `number ${column + 1}` : `"${printable(column, 80)}"`} (its columns: ${names.map((name) => `"${printable(name, 80)}"`).join(', ')}).`,
        { details: { column: typeof column === 'number' ? String(column + 1) : printable(column, 80) } },
      );
    }
    if (field !== null && fields.has(field)) {
      throw new BadgeError('ERR_CSV_DUPLICATE_COLUMN', `Two columns were given the ${field} field; give it to one column only.`, { details: { field } });
    }
    if (field !== null) fields.add(field);
    chosen.set(index, field);
  }
  return chosen;
}

export function readHeader(headerFields: string[], choices: readonly ColumnChoice[] = []): CsvHeader & { separator: ',' } {
  const warnings: RowProblem[] = [];
  const seen = new Set<CsvField>();
  const names = headerFields.map((raw) => raw.trim());
  const chosen = resolveChoices(names, choices);
  const chosenFields = new Set([...chosen.values()].filter((field): field is CsvField => field !== null));
  const columns = names.map((name, index) => {
    if (chosen.has(index)) {
      const field = chosen.get(index) ?? null;
      if (field !== null) seen.add(field);
      return field;
    }
    const field = fieldForHeader(name);
    // A field given by hand to another column takes that field away from this one.
    if (field !== null && chosenFields.has(field)) return null;
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
  return { separator: ',', names, columns, warnings };
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

function sourceName(source: CsvSource): string {
  return typeof source === 'string' ? source : source.name;
}

/** The first line of a start of file, decoded (throws ERR_CSV_ENCODING when it is not UTF-8). */
function decodeHeadLine(start: Uint8Array, name: string): string {
  if (start.length === 0) throw new BadgeError('ERR_FILE_EMPTY', `The CSV file ${name} is empty.`);
  let head = start;
  const newline = head.findIndex((byte) => byte === 0x0a || byte === 0x0d);
  if (newline >= 0) head = head.subarray(0, newline);
  else while (head.length > 0 && head[head.length - 1]! >= 0x80) head = head.subarray(0, head.length - 1);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head).replace(/^\uFEFF/, '');
  } catch {
    throw new BadgeError('ERR_CSV_ENCODING', `The CSV file ${name} is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8".`);
  }
}

/** The first line of the file, decoded (throws ERR_CSV_ENCODING when the start is not UTF-8). */
async function readHeadLine(source: CsvSource): Promise<string> {
  if (typeof source !== 'string') return decodeHeadLine(source.bytes.subarray(0, 65536), source.name);
  const path = source;
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
    return decodeHeadLine(buffer.subarray(0, bytesRead), path);
  } finally {
    await handle.close();
  }
}

const CHUNK_BYTES = 262_144;

/** The file's bytes in chunks, read into one reused buffer (each chunk is used before the next is read). */
async function* byteChunks(source: CsvSource, chunkBytes: number): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string') {
    const handle = await open(source, 'r');
    try {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  }
  for (let start = 0; start < source.bytes.length; start += chunkBytes) yield source.bytes.subarray(start, start + chunkBytes);
}

/**
 * The records of the file, decoded as a stream (BOM dropped, bad bytes as U+FFFD). What only
 * continues a record already too large is passed over undecoded (see CsvRecordSplitter.skipBytes).
 */
async function* recordItems(source: CsvSource, separator: ',' | ';', maxRecordChars: number, chunkBytes: number): AsyncGenerator<RecordItem> {
  const splitter = new CsvRecordSplitter({ delimiter: separator, maxRecordChars });
  let decoder = new TextDecoder('utf-8');
  for await (const chunk of byteChunks(source, chunkBytes)) {
    let bytes = chunk;
    const skipped = splitter.skipBytes(bytes);
    if (skipped > 0) {
      decoder = new TextDecoder('utf-8');
      bytes = bytes.subarray(skipped);
    }
    const text = decoder.decode(bytes, { stream: true });
    if (text !== '') yield* splitter.push(text);
  }
  const rest = decoder.decode();
  if (rest !== '') yield* splitter.push(rest);
  yield* splitter.end();
}

function readError(error: unknown, path: string): BadgeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new BadgeError('ERR_FILE_IS_DIRECTORY', `The CSV file ${path} is a folder, not a file.`);
  return new BadgeError('ERR_FILE_UNREADABLE', `The CSV file ${path} could not be read to the end: ${(error as Error).message}`, { cause: error });
}

/**
 * The records of a CSV as they are split, before any header is applied: the separator sniffed
 * from the first line, and read errors turned into BadgeErrors. Throws for a missing or non-UTF-8 file.
 */
export async function openCsvRecords(
  source: CsvSource,
  maxRecordChars = MAX_RECORD_CHARS,
  /** Bytes read at a time (tests use tiny chunks to cut values and characters at every place). */
  chunkBytes = CHUNK_BYTES,
): Promise<{ separator: ',' | ';'; records: AsyncGenerator<RecordItem> }> {
  const separator = sniffSeparator(await readHeadLine(source));
  const name = sourceName(source);
  async function* records(): AsyncGenerator<RecordItem> {
    const items = recordItems(source, separator, maxRecordChars, chunkBytes);
    try {
      while (true) {
        let next: IteratorResult<RecordItem>;
        try {
          next = await items.next();
        } catch (error) {
          throw readError(error, name);
        }
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await items.return(undefined); // a reader that stops early closes the file now
    }
  }
  return { separator, records: records() };
}

/** The header row's fields, or the error that makes the first record unusable as a header. */
export function headerFields(item: RecordItem, source: CsvSource, maxRecordChars = MAX_RECORD_CHARS): string[] {
  if (item.ok) return item.record.fields;
  const name = sourceName(source);
  throw new BadgeError(
    item.error.code,
    item.error.code === 'ERR_CSV_RECORD_TOO_LARGE'
      ? `The header row of ${name} is longer than ${maxRecordChars} characters: this is not a recipients list.`
      : `The header row of ${name} opens a quote that is never closed; fix the column names on line 1.`,
  );
}

/** One record under a header: a validated row or a rejection with its line and reasons. */
export function recordToItem(item: RecordItem, header: CsvHeader, seen: Map<string, number>, now: Date): CsvItem {
  if (!item.ok) return { ok: false, rejected: { line: item.error.line, email: null, problems: [{ code: item.error.code, message: item.error.message }] } };
  const { line, lastLine, fields } = item.record;
  if (fields.some((value) => value.includes('\uFFFD'))) {
    return { ok: false, rejected: { line, email: null, problems: [{ code: 'ERR_CSV_ENCODING', message: 'The row is not UTF-8 text.' }] } };
  }
  const extra = fields.slice(header.columns.length).filter((value) => value.trim() !== '');
  if (extra.length > 0) {
    const message =
      lastLine > line
        ? `The row runs from line ${line} to line ${lastLine} and has ${fields.length} fields but the header has ${header.columns.length}: a quote opened on line ${line} is probably closed too late; check the quotes on these lines.`
        : `The row has ${fields.length} fields but the header has ${header.columns.length}: a value probably contains the separator "${header.separator}"; put that value in double quotes.`;
    return { ok: false, rejected: { line, email: null, problems: [{ code: 'ERR_CSV_COLUMN_COUNT', message }] } };
  }
  const values: Partial<Record<CsvField, string>> = {};
  header.columns.forEach((field, index) => {
    if (field !== null && fields[index] !== undefined) values[field] = fields[index];
  });
  const result = validateRecord(line, values, seen, now);
  if (!result.ok && lastLine > line) {
    result.rejected.problems.push({
      code: 'ERR_CSV_MULTILINE_ROW',
      message: `This row runs from line ${line} to line ${lastLine} because a quoted value spans those lines; if that is not intended, a quote is missing or misplaced on line ${line}.`,
    });
  }
  return result;
}

/**
 * Streams the rows of a CSV file (or of dropped bytes). Memory stays flat (a row is never longer
 * than maxRecordChars) except for the set of row keys used to detect duplicates. Throws (before the
 * first row) for a missing file, a non-UTF-8 file or a header without a recipient column.
 */
export async function* readCsvRows(source: CsvSource, options: CsvReadOptions): AsyncGenerator<CsvItem> {
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const { separator, records } = await openCsvRecords(source, maxRecordChars);
  let header: CsvHeader | undefined;
  const seen = new Map<string, number>();
  for await (const item of records) {
    if (header === undefined) {
      header = { ...readHeader(headerFields(item, source, maxRecordChars), options.columns), separator };
      options.onHeader?.(header);
      continue;
    }
    yield recordToItem(item, header, seen, options.now);
  }
  if (header === undefined) throw new BadgeError('ERR_FILE_EMPTY', `The CSV file ${sourceName(source)} has no header row.`);
}
