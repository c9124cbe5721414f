import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, type RecordItem } from '../../../main/services/csv-records.js';
import { openCsvRecords, readCsvRows, type CsvItem } from '../../../main/services/csv-rows.js';
import { BadgeError } from '../../../shared/errors.js';
import { repoRoot, tempDir } from '../../cli/helpers.js';

const now = new Date('2026-05-01T12:00:00Z');
const corpus = join(repoRoot, 'test/fixtures/hostile-csv');
const dir = tempDir('bs-csv-hostile-');
let counter = 0;

async function readFile(file: string, maxRecordChars?: number): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  for await (const item of readCsvRows(file, { now, ...(maxRecordChars ? { maxRecordChars } : {}) })) items.push(item);
  return items;
}

async function read(content: string | Uint8Array, maxRecordChars?: number): Promise<CsvItem[]> {
  const file = join(dir, `rows-${counter++}.csv`);
  writeFileSync(file, content);
  return readFile(file, maxRecordChars);
}

/** [line, email or first problem code] for each item. */
function brief(items: CsvItem[]): [number, string][] {
  return items.map((item) => (item.ok ? [item.row.line, item.row.key] : [item.rejected.line, item.rejected.problems[0]!.code]));
}

describe('hostile CSV corpus (test/fixtures/hostile-csv)', () => {
  it('evidence addresses: spaces, quotes, angle brackets and other non-URLs reject their row only', async () => {
    expect(brief(await readFile(join(corpus, 'evidence-urls.csv')))).toEqual([
      [2, 'ok@example.org'],
      [3, 'ERR_CSV_EVIDENCE_INVALID'],
      [4, 'ERR_CSV_EVIDENCE_INVALID'],
      [5, 'ERR_CSV_EVIDENCE_INVALID'],
      [6, 'ERR_CSV_EVIDENCE_INVALID'],
      [7, 'ERR_CSV_EVIDENCE_INVALID'],
      [8, 'ERR_CSV_EVIDENCE_INVALID'],
      [9, 'ERR_CSV_EVIDENCE_INVALID'],
      [10, 'ERR_CSV_EVIDENCE_INVALID'],
      [11, 'ERR_CSV_EVIDENCE_INVALID'],
      [12, 'ERR_CSV_EVIDENCE_INVALID'],
      [13, 'last@example.org'],
    ]);
  });

  it('stray quotes: read as text where the intent is clear', async () => {
    const items = await readFile(join(corpus, 'stray-quotes.csv'));
    expect(items.map((item) => (item.ok ? item.row.name : item.rejected.problems[0]!.code))).toEqual([
      'Jean "Jeannot" Dupont',
      'Marie "la grande" Curie',
      'Dupont, Jean',
      'O"Neil',
      'Ok',
    ]);
  });

  it('a quote never closed costs its own line, not the rows after it', async () => {
    const items = await readFile(join(corpus, 'unclosed-quote.csv'));
    expect(brief(items)).toEqual([
      [2, 'ERR_CSV_QUOTE_NOT_CLOSED'],
      [3, 'uq2@example.org'],
      [4, 'uq3@example.org'],
    ]);
    expect(items[0]!.ok ? '' : items[0]!.rejected.problems[0]!.message).toMatch(/quote opened on line 2 is never closed/);
  });

  it('mixed line endings (CRLF, LF, CR) give one row per line', async () => {
    expect(brief(await readFile(join(corpus, 'mixed-line-endings.csv')))).toEqual([
      [2, 'm1@example.org'],
      [3, 'm2@example.org'],
      [4, 'm3@example.org'],
      [6, 'm4@example.org'],
    ]);
  });

  it('control, escape and text-direction characters reject the row with ERR_CSV_TEXT_INVALID', async () => {
    const items = await readFile(join(corpus, 'control-characters.csv'));
    expect(brief(items)).toEqual([
      [2, 'cc1@example.org'],
      [4, 'ERR_CSV_TEXT_INVALID'],
      [5, 'ERR_CSV_TEXT_INVALID'],
      [6, 'ERR_CSV_TEXT_INVALID'],
      [7, 'ERR_CSV_TEXT_INVALID'],
      [8, 'cc6@example.org'],
      [9, 'ERR_CSV_EMAIL_INVALID'],
      [10, 'ERR_CSV_TEXT_INVALID'],
    ]);
    const messages = items.flatMap((item) => (item.ok ? [] : item.rejected.problems.map((p) => p.message)));
    expect(messages[0]).toContain('U+001B (ESCAPE)');
    expect(messages[1]).toContain('U+009B');
    expect(messages[2]).toContain('U+202E (RIGHT-TO-LEFT OVERRIDE)');
    expect(messages[4]).toContain('U+0000 (NUL)');
    // The report never echoes a raw control character back to the terminal.
    for (const item of items) if (!item.ok) expect([...(item.rejected.email ?? '')].some((char) => char.charCodeAt(0) < 0x20)).toBe(false);
  });

  it('e-mail look-alikes are one recipient, or refused when they hide characters', async () => {
    expect(brief(await readFile(join(corpus, 'lookalikes.csv')))).toEqual([
      [2, 'look@example.org'],
      [3, 'ERR_CSV_EMAIL_INVALID'],
      [4, 'ERR_CSV_DUPLICATE_ROW'],
      [5, 'ERR_CSV_EMAIL_INVALID'],
      [6, 'café@example.org'],
      [7, 'ERR_CSV_DUPLICATE_ROW'],
      [8, 'user@xn--bcher-kva.example'],
      [9, 'ERR_CSV_DUPLICATE_ROW'],
      [10, 'ERR_CSV_DUPLICATE_ROW'],
      [11, 'ERR_CSV_EMAIL_INVALID'],
      [12, 'ERR_CSV_EMAIL_INVALID'],
      [13, 'user@example.org'],
    ]);
  });

  it('a French export with BOM, semicolons and old Mac line endings', async () => {
    const items = await readFile(join(corpus, 'french-bom-semicolon-cr.csv'));
    expect(items.map((item) => (item.ok ? [item.row.line, item.row.name, item.row.issuedOn] : item.rejected))).toEqual([
      [2, 'Dupont; Jean', '2026-04-01T00:00:00Z'],
      [3, 'Élodie', '2026-04-02T00:00:00Z'],
    ]);
  });

  it('binary garbage and quote soup reject rows, never the file', async () => {
    const garbage = brief(await readFile(join(corpus, 'binary-garbage.csv')));
    expect(garbage.at(-1)).toEqual([expect.any(Number), 'ok@example.org']);
    expect(garbage.slice(0, -1).every(([, code]) => code.startsWith('ERR_CSV_'))).toBe(true);
    // RFC 4180 reading: line 2 opens a value that line 3 closes, line 5 opens one that the end of line 6 closes.
    const soup = await readFile(join(corpus, 'quotes-only.csv'));
    expect(brief(soup)).toEqual([
      [2, 'ERR_CSV_EMAIL_INVALID'],
      [4, 'ERR_CSV_RECIPIENT_MISSING'],
      [5, 'ERR_CSV_RECIPIENT_MISSING'],
    ]);
    expect(soup[2]!.ok ? [] : soup[2]!.rejected.problems.map((p) => p.code)).toEqual(['ERR_CSV_RECIPIENT_MISSING', 'ERR_CSV_MULTILINE_ROW']);
  });

  it('every corpus file reads to the end without an exception', async () => {
    for (const name of readdirSync(corpus).filter((file) => file.endsWith('.csv'))) {
      const items = await readFile(join(corpus, name));
      expect(items.length, name).toBeGreaterThan(0);
    }
  });
});

describe('record size limit', () => {
  it('rejects a row over the limit with its line and reads the next rows', async () => {
    const big = 'x'.repeat(300_000);
    const items = await read(`email,narrative\na@example.org,${big}\nb@example.org,ok\nc@example.org,"${big}\n${big}"\nd@example.org,ok\n`);
    expect(brief(items)).toEqual([
      [2, 'ERR_CSV_RECORD_TOO_LARGE'],
      [3, 'b@example.org'],
      [4, 'ERR_CSV_RECORD_TOO_LARGE'],
      [6, 'd@example.org'],
    ]);
    expect(items[0]!.ok ? '' : items[0]!.rejected.problems[0]!.message).toMatch(/line 2 is longer than 65536 characters/);
  });

  it('refuses a header row over the limit as a whole-file error', async () => {
    await expect(read(`email,${'n'.repeat(100)}\na@example.org\n`, 50)).rejects.toMatchObject({ code: 'ERR_CSV_RECORD_TOO_LARGE' });
  });
});

describe('arbitrary input', () => {
  const hostileUnit = fc.oneof(
    fc.constantFrom(',', ';', '"', '\r', '\n', '\r\n', ' ', 'a@example.org', 'x', 'é', '\u0000', '\u001b]0;', '\u200b', '\u202e', 'https://e.org/a b', '2026-01-01', '\uFEFF'),
    fc.string({ maxLength: 3 }),
  );

  it('arbitrary bytes after a valid header never crash the reader nor give ERR_INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        const items = await read(Buffer.concat([Buffer.from('email,name,did,issued_on,evidence_url,narrative\n'), bytes]), 200);
        for (const item of items) {
          if (!item.ok) for (const problem of item.rejected.problems) expect(problem.code).toMatch(/^ERR_CSV_/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary files are rows, rejections or one clear file-level error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.array(hostileUnit, { maxLength: 60 }).map((parts) => Buffer.from(parts.join('')))), async (bytes) => {
        try {
          await read(bytes, 120);
        } catch (error) {
          expect(error).toBeInstanceOf(BadgeError);
          expect((error as BadgeError).code).not.toBe('ERR_INTERNAL');
          expect((error as BadgeError).code).toMatch(/^ERR_(CSV|FILE)_/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a value past the limit is crossed undecoded: the same records and line numbers as splitting the whole decoded text, wherever the chunks cut', async () => {
    const unit = fc.constantFrom('a', 'é', '€', '😀', '"', ',', ';', ' ', '\r', '\n', '\r\n', 'xxxxxxxxxxxxxxxx', '"xxxxx\nxxxxxxxx"');
    await fc.assert(
      fc.asyncProperty(fc.array(unit, { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 4, max: 24 }), async (parts, chunkBytes, max) => {
        const bytes = Buffer.from(`email,name\n${parts.join('')}`);
        const source = { name: 'cut.csv', bytes: new Uint8Array(bytes) };
        const { separator, records } = await openCsvRecords(source, max, chunkBytes);
        const streamed: RecordItem[] = [];
        for await (const item of records) streamed.push(item);
        const whole = new CsvRecordSplitter({ delimiter: separator, maxRecordChars: max });
        const expected = [...whole.push(new TextDecoder().decode(bytes)), ...whole.end()];
        expect(streamed).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('a quoted value of several megabytes (line breaks inside) is rejected with ERR_CSV_RECORD_TOO_LARGE, and the rows after it are read with their own line numbers', async () => {
    const field = `${'x'.repeat(3 * 1024 * 1024)}\r\n${'é'.repeat(1024 * 1024)}\n${'y'.repeat(1024 * 1024)}`;
    const items = await read(`email,name,narrative\nada@example.org,Ada,"${field}"\nbob@example.org,Bob,ok\n`);
    expect(brief(items)).toEqual([
      [2, 'ERR_CSV_RECORD_TOO_LARGE'],
      [5, 'bob@example.org'],
    ]);
    expect(items[0]!.ok ? '' : items[0]!.rejected.problems[0]!.message).toMatch(/line 2 is longer than 65536 characters \(it runs to line 4/);
  });
});

