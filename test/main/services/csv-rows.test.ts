import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldForHeader, parseIssueDate, readCsvRows, sniffSeparator, type CsvHeader, type CsvItem } from '../../../main/services/csv-rows.js';
import { tempDir } from '../../cli/helpers.js';

const now = new Date('2026-05-01T12:00:00Z');
const dir = tempDir('bs-csv-');
let counter = 0;

async function read(content: string | Uint8Array): Promise<{ items: CsvItem[]; header?: CsvHeader }> {
  const file = join(dir, `rows-${counter++}.csv`);
  writeFileSync(file, content);
  const items: CsvItem[] = [];
  let header: CsvHeader | undefined;
  for await (const item of readCsvRows(file, { now, onHeader: (h) => (header = h) })) items.push(item);
  return { items, header };
}

function rows(items: CsvItem[]) {
  return items.flatMap((item) => (item.ok ? [item.row] : []));
}

function rejected(items: CsvItem[]) {
  return items.flatMap((item) => (item.ok ? [] : [item.rejected]));
}

describe('CSV header aliases', () => {
  it('matches English and French names case- and accent-insensitively', () => {
    expect(fieldForHeader('E-Mail')).toBe('email');
    expect(fieldForHeader(' COURRIEL ')).toBe('email');
    expect(fieldForHeader('Mail')).toBe('email');
    expect(fieldForHeader('Nom complet')).toBe('name');
    expect(fieldForHeader('Full Name')).toBe('name');
    expect(fieldForHeader("Date d'émission")).toBe('issuedOn');
    expect(fieldForHeader('issued_on')).toBe('issuedOn');
    expect(fieldForHeader('Preuve')).toBe('evidenceUrl');
    expect(fieldForHeader('evidence_url')).toBe('evidenceUrl');
    expect(fieldForHeader('Récit')).toBe('narrative');
    expect(fieldForHeader('DID')).toBe('did');
    expect(fieldForHeader('téléphone')).toBeNull();
  });

  it('sniffs the separator outside quotes', () => {
    expect(sniffSeparator('email;nom;"a,b,c"')).toBe(';');
    expect(sniffSeparator('email,name,"x;y;z"')).toBe(',');
  });

  it('parses issue dates, day first for slashed dates, and refuses bad ones', () => {
    expect(parseIssueDate('2026-03-31')).toBe('2026-03-31T00:00:00Z');
    expect(parseIssueDate('31/03/2026')).toBe('2026-03-31T00:00:00Z');
    expect(parseIssueDate('2026-03-31T10:00:00+02:00')).toBe('2026-03-31T08:00:00Z');
    expect(parseIssueDate('2026-02-30')).toBeNull();
    expect(parseIssueDate('2026-03-31T10:00:00')).toBeNull();
    expect(parseIssueDate('mardi')).toBeNull();
  });
});

describe('readCsvRows', () => {
  it('reads a French spreadsheet export: BOM, semicolons, CRLF, quotes, accents', async () => {
    const csv =
      '\uFEFFCourriel;Nom complet;Date d\'émission;Preuve;Récit\r\n' +
      'Élodie.Lefèvre@Example.FR ;"Élodie Lefèvre";01/04/2026;https://example.org/p/1;"Elle a dit ""bravo""; puis\r\nest partie"\r\n' +
      'francois@example.fr;François Müller;;;\r\n';
    const { items, header } = await read(csv);
    expect(header?.separator).toBe(';');
    expect(header?.warnings).toEqual([]);
    expect(rejected(items)).toEqual([]);
    expect(rows(items)).toEqual([
      {
        line: 2,
        email: 'élodie.lefèvre@example.fr',
        name: 'Élodie Lefèvre',
        did: null,
        issuedOn: '2026-04-01T00:00:00Z',
        evidenceUrl: 'https://example.org/p/1',
        narrative: 'Elle a dit "bravo"; puis\r\nest partie',
        key: 'élodie.lefèvre@example.fr',
      },
      expect.objectContaining({ line: 4, email: 'francois@example.fr', name: 'François Müller', issuedOn: null }),
    ]);
  });

  it('reports bad rows with their line numbers and keeps the good ones', async () => {
    const csv = [
      'email,name,did,date,unknown thing',
      'ok@example.org,Ok,,2026-01-01,x',
      'not-an-email,Bad,,,',
      '',
      'OK@example.org,Again,,,',
      ',Nobody,,,',
      'late@example.org,Late,,2027-01-01,',
      'weird@example.org,Weird,,32/13/2026,',
      ',Did only,did:example:123,,',
      'baddid@example.org,,did:nope,,',
    ].join('\n');
    const { items, header } = await read(csv);
    expect(header?.warnings.map((w) => w.code)).toEqual(['ERR_CSV_UNKNOWN_COLUMN']);
    expect(rows(items).map((r) => [r.line, r.key])).toEqual([
      [2, 'ok@example.org'],
      [9, 'did:example:123'],
    ]);
    expect(rejected(items).map((r) => [r.line, r.problems.map((p) => p.code)])).toEqual([
      [3, ['ERR_CSV_EMAIL_INVALID']],
      [5, ['ERR_CSV_DUPLICATE_ROW']],
      [6, ['ERR_CSV_RECIPIENT_MISSING']],
      [7, ['ERR_CSV_DATE_FUTURE']],
      [8, ['ERR_CSV_DATE_INVALID']],
      [10, ['ERR_CSV_DID_INVALID']],
    ]);
    expect(rejected(items)[1]?.problems[0]?.message).toContain('line 2');
  });

  it('refuses a header without an e-mail column, a non-UTF-8 file and a missing file', async () => {
    await expect(read('nom,prénom\nA,B\n')).rejects.toMatchObject({ code: 'ERR_CSV_NO_RECIPIENT_COLUMN' });
    await expect(read(Buffer.from('email,pr\xe9nom\na@example.org,L\xe9a\n', 'latin1'))).rejects.toMatchObject({ code: 'ERR_CSV_ENCODING' });
    await expect(read('')).rejects.toMatchObject({ code: 'ERR_FILE_EMPTY' });
    const missing = readCsvRows(join(dir, 'none.csv'), { now });
    await expect(missing.next()).rejects.toMatchObject({ code: 'ERR_FILE_NOT_FOUND' });
  });

  it('rejects a row whose bytes are not UTF-8 after a valid header', async () => {
    const bytes = Buffer.concat([Buffer.from('email,name\na@example.org,Ok\nb@example.org,'), Buffer.from([0xe9, 0x0a])]);
    const { items } = await read(bytes);
    expect(rows(items)).toHaveLength(1);
    expect(rejected(items)[0]).toMatchObject({ line: 3, problems: [{ code: 'ERR_CSV_ENCODING' }] });
  });

  it('streams 5,000 rows in order with the right line numbers', async () => {
    const lines = ['email'];
    for (let i = 0; i < 5000; i++) lines.push(`p${i}@example.org`);
    const { items } = await read(lines.join('\n'));
    expect(rows(items)).toHaveLength(5000);
    expect(rows(items)[4999]).toMatchObject({ line: 5001, email: 'p4999@example.org' });
  });
});

describe('CSV rows with more fields than the header', () => {
  it('rejects a row whose unquoted value held the separator, keeps short rows and trailing empty fields', async () => {
    const { items } = await read('email;name\nana@example.org;Ana;Durand\nbob@example.org\ncleo@example.org;Cléo;\n');
    expect(rejected(items)).toEqual([
      {
        line: 2,
        email: null,
        problems: [{ code: 'ERR_CSV_COLUMN_COUNT', message: expect.stringContaining('put that value in double quotes') }],
      },
    ]);
    expect(rows(items).map((row) => row.email)).toEqual(['bob@example.org', 'cleo@example.org']);
  });
});
