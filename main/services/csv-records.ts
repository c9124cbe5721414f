/**
 * A tolerant, streaming CSV record splitter with bounded memory (RFC 4180, relaxed where the
 * intent is clear):
 * - any line ending, mixed in one file: CRLF, LF or CR;
 * - a quote inside an unquoted field is an ordinary character (`Jean "Jeannot" Dupont`), and so is a
 *   quote inside a quoted field that is not followed by the separator or a line end
 *   (`"Marie "la grande" Curie"`); spaces before an opening quote or after a closing one are dropped;
 * - a record longer than `maxRecordChars` is reported (ERR_CSV_RECORD_TOO_LARGE, its lines) and skipped
 *   without being kept in memory, however long it is;
 * - a quote opened and never closed is reported on its line (ERR_CSV_QUOTE_NOT_CLOSED) and the lines
 *   after it are read again as records: one stray quote costs one row, not the rest of the file
 *   (up to 16 such quotes; beyond that the remaining lines are reported as not read, so that a file
 *   made of unclosed quotes costs linear time).
 * Empty lines are skipped. Line numbers are physical lines (1-based) where each record starts.
 */

export interface CsvRecord {
  /** Physical line where the record starts. */
  line: number;
  /** Physical line where it ends (differs when a quoted value spans lines). */
  lastLine: number;
  fields: string[];
}

export interface CsvRecordError {
  code: 'ERR_CSV_RECORD_TOO_LARGE' | 'ERR_CSV_QUOTE_NOT_CLOSED';
  line: number;
  lastLine: number;
  message: string;
}

export type RecordItem = { ok: true; record: CsvRecord } | { ok: false; error: CsvRecordError };

export interface RecordOptions {
  delimiter: string;
  /** Characters (UTF-16 units) a record may hold, separators, quotes and line breaks included. */
  maxRecordChars: number;
}

type State = 'start' | 'unquoted' | 'quoted' | 'quote' | 'afterQuote';

const SPACE = /^[ \t]*$/;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Quotes never closed at the end of a file that are each reported, the lines after them read again. */
const MAX_REREADS = 16;

export class CsvRecordSplitter {
  private readonly delimiter: string;
  private readonly max: number;
  private readonly unquotedStop: RegExp;
  private readonly quotedStop = /["\r\n]/g;
  private line = 1;
  private recordLine = 1;
  private previousCr = false;
  private state: State = 'start';
  private fields: string[] = [];
  private field = '';
  /** Spaces seen after a closing quote, kept until we know whether the quote closed the value. */
  private pending = '';
  private size = 0;
  /** The record's text as read, kept (up to the limit) to read it again if its quote never closes. */
  private raw: string | null = '';
  private tooLarge = false;
  private out: RecordItem[] = [];

  constructor(options: RecordOptions) {
    if (options.delimiter.length !== 1 || /["\r\n]/.test(options.delimiter)) throw new RangeError('The CSV separator must be one character other than a quote or a line break.');
    this.delimiter = options.delimiter;
    this.max = options.maxRecordChars;
    this.unquotedStop = new RegExp(`[${options.delimiter.replace(/[\\\]^-]/g, '\\$&')}"\\r\\n]`, 'g');
  }

  /** Feeds decoded text; returns the records completed by it. */
  push(text: string): RecordItem[] {
    this.out = [];
    this.consume(text);
    return this.out;
  }

  /**
   * Passes over the start of `bytes` (UTF-8, not decoded yet) that only continues a record already
   * too large: a quoted value up to its next quote (its line breaks counted), an unquoted one up to
   * the next separator, quote or line break. Returns how many bytes it passed over; the caller
   * decodes the rest (with a fresh decoder: a character cut before them belonged to the value).
   * These bytes are ASCII, never inside a multi-byte character, so no decoding is needed to find
   * them: a 300 MB value is crossed at memchr speed and never held.
   */
  skipBytes(bytes: Uint8Array): number {
    if (!this.tooLarge || (this.state !== 'quoted' && this.state !== 'unquoted')) return 0;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.state === 'unquoted') {
      let end = view.length;
      for (const byte of [this.delimiter.charCodeAt(0), QUOTE, CR, LF]) {
        const at = view.indexOf(byte);
        if (at !== -1 && at < end) end = at;
      }
      if (end > 0) this.previousCr = false;
      return end;
    }
    const quote = view.indexOf(QUOTE);
    const end = quote === -1 ? view.length : quote;
    let from = 0;
    while (from < end) {
      const cr = view.indexOf(CR, from);
      const lf = view.indexOf(LF, from);
      const next = Math.min(cr === -1 || cr >= end ? end : cr, lf === -1 || lf >= end ? end : lf);
      if (next > from) this.previousCr = false;
      if (next === end) break;
      this.breakLine(next === cr ? '\r' : '\n');
      from = next + 1;
    }
    return end;
  }

  /** Ends the input; returns the last record and the reports of an unclosed quote. */
  end(): RecordItem[] {
    this.out = [];
    this.finish();
    return this.out;
  }

  private finish(): void {
    // A quote never closed: report its line, then read the lines after it again as records.
    // Each reading again costs up to maxRecordChars: a bounded number of them keeps this linear.
    for (let round = 1; this.state === 'quoted'; round += 1) {
      const line = this.recordLine;
      const raw = this.raw;
      if (round > MAX_REREADS) {
        this.error('ERR_CSV_QUOTE_NOT_CLOSED', line, this.line, `Quotes opened on ${MAX_REREADS} lines before line ${line} are never closed: lines ${line} to ${this.line} were not read. Check the quotes at the end of the file.`);
        this.reset();
        return;
      }
      if (raw === null) {
        this.error('ERR_CSV_QUOTE_NOT_CLOSED', line, this.line, `A quote opened on line ${line} is never closed, and more than ${this.max} characters follow it: lines ${line} to ${this.line} were not read. Remove that quote or close it.`);
        this.reset();
        return;
      }
      const firstBreak = /\r\n?|\n/.exec(raw);
      this.error('ERR_CSV_QUOTE_NOT_CLOSED', line, line, `A quote opened on line ${line} is never closed; line ${line} is skipped. Remove that quote or close it with another one.`);
      this.reset();
      this.line = line;
      if (firstBreak === null) return;
      this.line = line + 1;
      this.recordLine = this.line;
      this.previousCr = false;
      this.consume(raw.slice(firstBreak.index + firstBreak[0].length));
    }
    this.endRecord();
  }

  private error(code: CsvRecordError['code'], line: number, lastLine: number, message: string): void {
    this.out.push({ ok: false, error: { code, line, lastLine, message } });
  }

  private reset(): void {
    this.state = 'start';
    this.fields = [];
    this.field = '';
    this.pending = '';
    this.size = 0;
    this.raw = '';
    this.tooLarge = false;
  }

  /** Counts a line break: CR, LF or CRLF (the LF of a CRLF, maybe in the next chunk, counts no further). */
  private breakLine(char: '\r' | '\n'): void {
    if (char === '\r' || !this.previousCr) this.line += 1;
    this.previousCr = char === '\r';
  }

  /** Adds text to the current field, or counts it only once the record is too large. */
  private append(text: string): void {
    if (this.tooLarge) return;
    this.field += text;
  }

  /** Accounts for consumed text: size limit and the kept raw copy. */
  private grow(text: string): void {
    this.size += text.length;
    if (this.tooLarge) return;
    if (this.size > this.max) {
      this.tooLarge = true;
      this.fields = [];
      this.field = '';
      this.pending = '';
      this.raw = null;
      return;
    }
    if (this.raw !== null) this.raw += text;
  }

  private endField(): void {
    if (!this.tooLarge) this.fields.push(this.field);
    this.field = '';
    this.pending = '';
    this.state = 'start';
  }

  private endRecord(): void {
    const line = this.recordLine;
    const lastLine = this.line;
    if (this.tooLarge) {
      this.error(
        'ERR_CSV_RECORD_TOO_LARGE',
        line,
        lastLine,
        `The row starting on line ${line} is longer than ${this.max} characters${lastLine > line ? ` (it runs to line ${lastLine}: a quote may be missing)` : ''}; it was skipped. Shorten its values.`,
      );
    } else {
      const empty = this.fields.length === 0 && this.field === '' && this.state === 'start';
      if (!empty) {
        this.fields.push(this.field);
        this.out.push({ ok: true, record: { line, lastLine, fields: this.fields } });
      }
    }
    this.reset();
  }

  private consume(text: string): void {
    let position = 0;
    while (position < text.length) {
      const char = text[position]!;
      const newline = char === '\r' || char === '\n';
      // Every piece consumed below without a line break starts with a character that is not one.
      if (!newline) this.previousCr = false;
      switch (this.state) {
        case 'start':
        case 'unquoted': {
          if (char === '"' && this.state === 'start') {
            this.grow(char);
            this.state = 'quoted';
            this.field = '';
            position += 1;
            break;
          }
          if (char === this.delimiter) {
            this.grow(char);
            this.endField();
            position += 1;
            break;
          }
          if (newline) {
            this.endRecord();
            this.breakLine(char);
            position += 1;
            this.recordLine = this.line;
            break;
          }
          // Ordinary text up to the next separator, quote or line break. A quote after nothing but
          // spaces opens a quoted value (the spaces are dropped); elsewhere it is an ordinary character.
          this.unquotedStop.lastIndex = position + 1;
          const stop = this.unquotedStop.exec(text);
          const end = stop === null ? text.length : stop.index;
          const piece = text.slice(position, end);
          this.grow(piece);
          this.append(piece);
          if (this.state === 'unquoted' || !SPACE.test(piece)) this.state = 'unquoted';
          position = end;
          break;
        }
        case 'quoted': {
          this.quotedStop.lastIndex = position;
          const stop = this.quotedStop.exec(text);
          const end = stop === null ? text.length : stop.index;
          if (end > position) {
            const piece = text.slice(position, end);
            this.grow(piece);
            this.append(piece);
            position = end;
            break;
          }
          if (char === '"') {
            this.state = 'quote';
          } else {
            this.breakLine(char as '\r' | '\n');
            this.append(char);
          }
          this.grow(char);
          position += 1;
          break;
        }
        case 'quote':
        case 'afterQuote': {
          // After a quote inside a quoted value: `""` is a quote, the separator or a line end closes
          // the value (spaces before them are dropped), anything else means the quote was text.
          if (char === '"' && this.state === 'quote') {
            this.grow(char);
            this.append('"');
            this.state = 'quoted';
            position += 1;
          } else if (char === ' ' || char === '\t') {
            this.grow(char);
            this.pending += char;
            this.state = 'afterQuote';
            position += 1;
          } else if (char === this.delimiter) {
            this.grow(char);
            this.endField();
            position += 1;
          } else if (newline) {
            this.endRecord();
            this.breakLine(char);
            position += 1;
            this.recordLine = this.line;
          } else {
            this.append(`"${this.pending}`);
            this.pending = '';
            this.state = 'quoted';
          }
          break;
        }
      }
    }
  }
}

/** Splits a stream of decoded text into records. */
export async function* csvRecords(chunks: AsyncIterable<string>, options: RecordOptions): AsyncGenerator<RecordItem> {
  const splitter = new CsvRecordSplitter(options);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
