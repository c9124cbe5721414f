import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** Reads a user-supplied file with clear errors for the usual mistakes. */
export async function readInputFile(path: string, what = 'file', maxBytes = MAX_INPUT_BYTES): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new BadgeError('ERR_FILE_IS_DIRECTORY', `The ${what} ${path} is a folder, not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof BadgeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadgeError('ERR_FILE_NOT_FOUND', `The ${what} ${path} does not exist. Check the path.`);
    if (code === 'EACCES') throw new BadgeError('ERR_FILE_UNREADABLE', `The ${what} ${path} cannot be read (permission denied).`);
    throw new BadgeError('ERR_FILE_UNREADABLE', `The ${what} ${path} cannot be read: ${(error as Error).message}`);
  }
  if (size === 0) throw new BadgeError('ERR_FILE_EMPTY', `The ${what} ${path} is empty.`);
  if (size > maxBytes) {
    throw new BadgeError('ERR_FILE_TOO_LARGE', `The ${what} ${path} is ${Math.round(size / 1048576)} MB; the limit is ${Math.round(maxBytes / 1048576)} MB.`);
  }
  return new Uint8Array(await readFile(path));
}

/** Reads and parses a JSON file; a parse error names the file and the position. */
export async function readJsonFile(path: string, what = 'JSON file'): Promise<unknown> {
  const bytes = await readInputFile(path, what);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new BadgeError('ERR_JSON_INVALID', `The ${what} ${path} is not UTF-8 text.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadgeError('ERR_JSON_INVALID', `The ${what} ${path} is not valid JSON (${(error as Error).message}).`);
  }
}

/**
 * Writes a file so that readers see either the old or the new content, never a partial file:
 * write to a temporary sibling, fsync, rename over the target.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
