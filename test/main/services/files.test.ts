import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputFile, readJsonFile, writeFileAtomic } from '../../../main/services/files.js';
import { tempDir } from '../../cli/helpers.js';

describe('writeFileAtomic', () => {
  it('creates folders, replaces an existing file whole and leaves no temporary file', async () => {
    const dir = join(tempDir(), 'a', 'b');
    await writeFileAtomic(join(dir, 'x.json'), 'old content that is longer than the new one');
    await writeFileAtomic(join(dir, 'x.json'), '{"a":1}\n');
    const png = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    await writeFileAtomic(join(dir, 'x.png'), png);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{"a":1}\n');
    expect(new Uint8Array(readFileSync(join(dir, 'x.png')))).toEqual(png);
    expect(readdirSync(dir).sort()).toEqual(['x.json', 'x.png']);
  });

  it('leaves the target untouched and no temporary file when the rename fails', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'taken', 'inside'), { recursive: true });
    await expect(writeFileAtomic(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['inside']);
  });
});

describe('readInputFile and readJsonFile', () => {
  it('say what is wrong with a path in a sentence, with a stable code', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'bad.json'), '{"a": ');
    writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    writeFileSync(join(dir, 'bom.json'), '\uFEFF{"ok":true}');
    await expect(readInputFile(join(dir, 'missing.csv'), 'CSV file')).rejects.toMatchObject({ code: 'ERR_FILE_NOT_FOUND', message: expect.stringContaining('CSV file') });
    await expect(readInputFile(dir)).rejects.toMatchObject({ code: 'ERR_FILE_IS_DIRECTORY' });
    await expect(readInputFile(join(dir, 'empty.csv'))).rejects.toMatchObject({ code: 'ERR_FILE_EMPTY' });
    await expect(readInputFile(join(dir, 'bad.json'), 'file', 3)).rejects.toMatchObject({ code: 'ERR_FILE_TOO_LARGE' });
    await expect(readJsonFile(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'ERR_JSON_INVALID' });
    await expect(readJsonFile(join(dir, 'latin1.json'))).rejects.toMatchObject({ code: 'ERR_JSON_INVALID', message: expect.stringContaining('not UTF-8') });
    await expect(readJsonFile(join(dir, 'bom.json'))).resolves.toEqual({ ok: true });
    if (process.getuid?.() !== 0) {
      chmodSync(join(dir, 'bad.json'), 0);
      await expect(readInputFile(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'ERR_FILE_UNREADABLE' });
    }
  });
});
