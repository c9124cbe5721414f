import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, type RecordItem } from '../../../main/services/csv-records.js';

function split(text: string, options: { delimiter?: string; max?: number; chunks?: number[] } = {}): RecordItem[] {
  const splitter = new CsvRecordSplitter({ delimiter: options.delimiter ?? ',', maxRecordChars: options.max ?? 1000 });
  const items: RecordItem[] = [];
  let position = 0;
  for (const size of options.chunks ?? []) {
    items.push(...splitter.push(text.slice(position, position + size)));
    position += size;
  }
  items.push(...splitter.push(text.slice(position)));
  items.push(...splitter.end());
  return items;
}

const brief = (items: RecordItem[]) => items.map((item) => (item.ok ? [item.record.line, ...item.record.fields] : [item.error.line, item.error.code]));

describe('CsvRecordSplitter', () => {
  it('reads RFC 4180 records: quoted separators, doubled quotes, line breaks inside quotes', () => {
    expect(brief(split('a,b\r\n"x,1","say ""hi""",c\r\n"multi\r\nline",z\r\nlast,row'))).toEqual([
      [1, 'a', 'b'],
      [2, 'x,1', 'say "hi"', 'c'],
      [3, 'multi\r\nline', 'z'],
      [5, 'last', 'row'],
    ]);
  });

  it('accepts CRLF, LF and CR mixed in one file, and skips empty lines', () => {
    expect(brief(split('email,name\r\nm1@x.org,A\nm2@x.org,B\rm3@x.org,C\r\n\n\rm4@x.org,D\n'))).toEqual([
      [1, 'email', 'name'],
      [2, 'm1@x.org', 'A'],
      [3, 'm2@x.org', 'B'],
      [4, 'm3@x.org', 'C'],
      [7, 'm4@x.org', 'D'],
    ]);
  });

  it('keeps stray quotes as text where the intent is clear', () => {
    expect(brief(split('a@x.org,Jean "Jeannot" Dupont\nb@x.org,"Marie "la grande" Curie"\nc@x.org, "Léa, Martin" ,ok\nd@x.org,"a" "b"\n'))).toEqual([
      [1, 'a@x.org', 'Jean "Jeannot" Dupont'],
      [2, 'b@x.org', 'Marie "la grande" Curie'],
      [3, 'c@x.org', 'Léa, Martin', 'ok'],
      [4, 'd@x.org', 'a" "b'],
    ]);
  });

  it('rejects the line of a quote that never closes and reads the following lines again', () => {
    expect(brief(split('email,name\nuq1@x.org,"Jean\nuq2@x.org,B\r\nuq3@x.org,"C\nuq4@x.org,D'))).toEqual([
      [1, 'email', 'name'],
      [2, 'ERR_CSV_QUOTE_NOT_CLOSED'],
      [3, 'uq2@x.org', 'B'],
      [4, 'ERR_CSV_QUOTE_NOT_CLOSED'],
      [5, 'uq4@x.org', 'D'],
    ]);
  });

  it('skips a record over the size limit without keeping it, and goes on with the next one', () => {
    const huge = 'x'.repeat(5000);
    const items = split(`a,b\n${huge},1\nok,2\n"${huge}\n${huge}",3\nok,4\n`, { max: 100, chunks: [7, 333, 1000] });
    expect(brief(items)).toEqual([[1, 'a', 'b'], [2, 'ERR_CSV_RECORD_TOO_LARGE'], [3, 'ok', '2'], [4, 'ERR_CSV_RECORD_TOO_LARGE'], [6, 'ok', '4']]);
    const error = items[3]!;
    expect(error.ok ? null : error.error).toMatchObject({ line: 4, lastLine: 5, message: expect.stringContaining('line 4') });
  });

  it('reports an unclosed quote followed by more than the limit on its lines, once', () => {
    const items = split(`a\n"${'y\n'.repeat(200)}`, { max: 100 });
    expect(brief(items)).toEqual([[1, 'a'], [2, 'ERR_CSV_QUOTE_NOT_CLOSED']]);
    expect(items[1]!.ok ? '' : items[1]!.error.message).toContain('lines 2 to 202 were not read');
  });

  it('reads again after at most 16 unclosed quotes, then reports the remaining lines as not read (linear time)', () => {
    const items = split(`a\n${'"x\n'.repeat(40)}`);
    const errors = items.flatMap((item) => (item.ok ? [] : [item.error]));
    expect(errors).toHaveLength(17);
    expect(errors.slice(0, 16).map((error) => error.line)).toEqual(Array.from({ length: 16 }, (_, index) => index + 2));
    expect(errors[16]).toMatchObject({ line: 18, lastLine: 42, message: expect.stringContaining('lines 18 to 42 were not read') });
  });

  it('splits on semicolons when asked', () => {
    expect(brief(split('courriel;nom\na@x.org;"Dupont; Jean"\n', { delimiter: ';' }))).toEqual([
      [1, 'courriel', 'nom'],
      [2, 'a@x.org', 'Dupont; Jean'],
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const alphabet = fc.constantFrom('a', 'é', ',', ';', '"', ' ', '\r', '\n', '\r\n', 'x'.repeat(30));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.array(fc.nat(40), { maxLength: 8 }), (parts, chunks) => {
        const text = parts.join('');
        expect(split(text, { max: 50, chunks })).toEqual(split(text, { max: 50 }));
      }),
      { numRuns: 500 },
    );
  });

  it('never reports a record larger than the limit, and numbers lines in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'b'), maxLength: 300 }), (text) => {
        const items = split(text, { max: 40 });
        let last = 0;
        for (const item of items) {
          const line = item.ok ? item.record.line : item.error.line;
          expect(line).toBeGreaterThan(last);
          last = line;
          if (item.ok) expect(item.record.fields.join(',').length).toBeLessThanOrEqual(40);
        }
      }),
      { numRuns: 500 },
    );
  });
});
