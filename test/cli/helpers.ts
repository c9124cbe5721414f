import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Vectors: licensed copies in test/fixtures/vectors; 1EdTech specification files from ../shared/vectors. */
export { vectorPath, vectorsDir } from '../fixtures/vectors.js';
const bin = join(repoRoot, 'bin/badgesmith.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `badgesmith` command as a real process. */
export function badgesmith(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  if (!existsSync(join(repoRoot, 'out/cli.js'))) throw new Error('out/cli.js is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'badgesmith-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
