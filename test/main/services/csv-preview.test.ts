import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewCsv } from '../../../main/services/csv-preview.js';
import { tempDir } from '../../cli/helpers.js';

const now = new Date('2026-05-01T12:00:00Z');
const bytes = (text: string) => ({ name: 'inscrits.csv', bytes: new TextEncoder().encode(text) });

describe('previewCsv', () => {
  it('detects the separator and columns, shows the first rows and lists every rejected row with its line and code', async () => {
    const lines = ['Courriel;Nom complet;Téléphone'];
    for (let i = 0; i < 30; i++) lines.push(`p${i}@example.org;Personne ${i};06`);
    lines[5] = 'pas-un-courriel;Jean;06';
    lines[12] = 'p3@example.org;Doublon;06';
    const preview = await previewCsv(bytes(`\uFEFF${lines.join('\r\n')}\r\n`), { now });
    expect(preview.separator).toBe(';');
    expect(preview.recognised).toBe(true);
    expect(preview.columns).toEqual([
      { index: 0, header: 'Courriel', field: 'email', detected: 'email' },
      { index: 1, header: 'Nom complet', field: 'name', detected: 'name' },
      { index: 2, header: 'Téléphone', field: null, detected: null },
    ]);
    expect(preview.warnings.map((w) => w.code)).toEqual(['ERR_CSV_UNKNOWN_COLUMN']);
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toEqual({ line: 2, values: ['p0@example.org', 'Personne 0', '06'] });
    expect(preview).toMatchObject({ total: 30, valid: 28, rejectedTotal: 2 });
    expect(preview.rejected.map((r) => [r.line, r.problems.map((p) => p.code)])).toEqual([
      [6, ['ERR_CSV_EMAIL_INVALID']],
      [13, ['ERR_CSV_DUPLICATE_ROW']],
    ]);
  });

  it('reads a file path the same way as dropped bytes', async () => {
    const file = join(tempDir('bs-preview-'), 'list.csv');
    const text = 'email,name\nada@example.org,Ada\n"bad,Bob\n';
    writeFileSync(file, text);
    const fromPath = await previewCsv(file, { now });
    const fromBytes = await previewCsv(bytes(text), { now });
    expect(fromPath).toEqual(fromBytes);
    expect(fromPath.rejected.map((r) => [r.line, r.problems[0]?.code])).toEqual([
      [3, 'ERR_CSV_QUOTE_NOT_CLOSED'],
    ]);
  });

  it('shows an unrecognised header with its rows, and validates them once the columns are mapped by hand', async () => {
    const text = 'Adresse électronique perso,Qui\nada@example.org,Ada\nnope,Bob\n';
    const raw = await previewCsv(bytes(text), { now });
    expect(raw).toMatchObject({ recognised: false, total: 2, valid: 0, rejectedTotal: 0 });
    expect(raw.columns.map((c) => c.field)).toEqual([null, null]);
    expect(raw.rows.map((r) => r.values)).toEqual([
      ['ada@example.org', 'Ada'],
      ['nope', 'Bob'],
    ]);
    const mapped = await previewCsv(bytes(text), {
      now,
      columns: [
        { column: 0, field: 'email' },
        { column: 'qui', field: 'name' },
      ],
    });
    expect(mapped).toMatchObject({ recognised: true, valid: 1, rejectedTotal: 1 });
    expect(mapped.columns.map((c) => c.field)).toEqual(['email', 'name']);
    expect(mapped.rejected[0]).toMatchObject({
      line: 3,
      problems: [{ code: 'ERR_CSV_EMAIL_INVALID' }],
    });
  });

  it('lets a hand-chosen column override the header names, and refuses impossible mappings', async () => {
    const text = 'email,backup\nnot-an-address,ada@example.org\n';
    const mapped = await previewCsv(bytes(text), { now, columns: [{ column: 1, field: 'email' }] });
    expect(mapped.columns.map((c) => c.field)).toEqual([null, 'email']);
    expect(mapped.valid).toBe(1);
    await expect(
      previewCsv(bytes(text), { now, columns: [{ column: 5, field: 'email' }] }),
    ).rejects.toMatchObject({ code: 'ERR_CSV_COLUMN_NOT_FOUND' });
    await expect(
      previewCsv(bytes(text), { now, columns: [{ column: 'Téléphone', field: 'name' }] }),
    ).rejects.toMatchObject({ code: 'ERR_CSV_COLUMN_NOT_FOUND' });
    await expect(
      previewCsv(bytes(text), {
        now,
        columns: [
          { column: 0, field: 'email' },
          { column: 1, field: 'email' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'ERR_CSV_DUPLICATE_COLUMN' });
  });

  it('refuses an empty or non-UTF-8 file with its code', async () => {
    await expect(previewCsv(bytes(''), { now })).rejects.toMatchObject({ code: 'ERR_FILE_EMPTY' });
    await expect(
      previewCsv({ name: 'x.csv', bytes: new Uint8Array([0x65, 0xff, 0xfe, 0x0a]) }, { now }),
    ).rejects.toMatchObject({ code: 'ERR_CSV_ENCODING' });
  });
});
