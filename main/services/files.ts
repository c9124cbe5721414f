import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { checkJsonText } from '../../shared/json-limits.js';

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/**
 * Checks that a user-supplied path is a readable, non-empty file of at most `maxBytes`, with a
 * clear error for the usual mistakes (typo, folder, permissions); returns its size.
 */
export async function requireInputFile(path: string, what = 'file', maxBytes = MAX_INPUT_BYTES): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new BadgeError('ERR_FILE_IS_DIRECTORY', `The ${what} ${path} is a folder, not a file. Give the path of the file itself.`);
    size = info.size;
  } catch (error) {
    if (error instanceof BadgeError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadgeError('ERR_FILE_NOT_FOUND', `The ${what} ${path} does not exist. Check the path.`);
    if (code === 'ENOTDIR') throw new BadgeError('ERR_FILE_NOT_FOUND', `The ${what} ${path} does not exist (a part of the path is a file, not a folder). Check the path.`);
    if (code === 'EACCES' || code === 'EPERM') throw new BadgeError('ERR_FILE_UNREADABLE', `The ${what} ${path} cannot be read (permission denied).`);
    throw new BadgeError('ERR_FILE_UNREADABLE', `The ${what} ${path} cannot be read (${code ?? 'unknown error'}).`);
  }
  if (size === 0) throw new BadgeError('ERR_FILE_EMPTY', `The ${what} ${path} is empty.`);
  if (size > maxBytes) {
    throw new BadgeError('ERR_FILE_TOO_LARGE', `The ${what} ${path} is ${Math.round(size / 1048576)} MB; the limit is ${Math.round(maxBytes / 1048576)} MB.`);
  }
  return size;
}

/** Reads a user-supplied file with clear errors for the usual mistakes. */
export async function readInputFile(path: string, what = 'file', maxBytes = MAX_INPUT_BYTES): Promise<Uint8Array> {
  await requireInputFile(path, what, maxBytes);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new BadgeError('ERR_FILE_UNREADABLE', `The ${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { cause: error });
  }
}

/**
 * Where a JSON parse error is, as " (line L, column C)", never quoting the text: the parser's own
 * message quotes the content around the error, which may be a private key.
 */
export function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  let offset = position ? Number(position[1]) : message.includes('Unexpected end of JSON input') ? text.length : -1;
  if (offset < 0 || offset > text.length) return '';
  offset = Math.min(offset, text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
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
  checkJsonText(text, { what: `${what} ${path}` }); // ERR_JSON_TOO_DEEP / ERR_JSON_TOO_LARGE
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadgeError('ERR_JSON_INVALID', `The ${what} ${path} is not valid JSON${jsonErrorWhere(text, error)}.`);
  }
}

/**
 * Writes a file so that readers see either the old or the new content, never a partial file:
 * write to a temporary sibling, fsync, rename over the target.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  // A private file (mode 0600) is never readable by others, not even as its temporary copy.
  const handle = await open(temp, 'w', options.mode ?? 0o644);
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
