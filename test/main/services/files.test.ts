import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomic } from '../../../main/services/files.js';
import { tempDir } from '../../cli/helpers.js';

describe('writeFilesAtomic', () => {
  it('writes every file with its exact content, replaces existing ones and leaves no temporary file', async () => {
    const dir = join(tempDir(), 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), 'old content that is longer than the new one');
    const png = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const files = [
      { name: 'a.json', data: '{"a":1}\n' },
      { name: 'a.png', data: png },
      ...Array.from({ length: 300 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}\n` })),
    ];
    await writeFilesAtomic(dir, files);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}\n');
    const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
    expect(digest(readFileSync(join(dir, 'a.png')))).toBe(digest(png));
    expect(readFileSync(join(dir, 'f299.txt'), 'utf8')).toBe('file 299\n');
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
  });

  it('rejects when a file cannot be written and removes the temporary files it created', async () => {
    const dir = join(tempDir(), 'out');
    mkdirSync(dir);
    mkdirSync(join(dir, 'taken'));
    mkdirSync(join(dir, 'taken', 'inside'));
    // Renaming a file over a non-empty folder fails after every temporary file was written.
    await expect(writeFilesAtomic(dir, [{ name: 'ok.txt', data: 'ok' }, { name: 'taken', data: 'x' }])).rejects.toThrow();
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await expect(writeFilesAtomic(join(dir, 'missing'), [{ name: 'a.txt', data: 'a' }])).rejects.toThrow();
  });

  it('does nothing for an empty list', async () => {
    await expect(writeFilesAtomic(join(tempDir(), 'missing'), [])).resolves.toBeUndefined();
  });
});
