import { resolve } from 'node:path';
import type { CliIo } from './command.js';

/** Paths on the command line are relative to the directory the user ran the command from. */
export function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}
