import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resolver, VerificationReport } from '../../../shared/verify/index.js';
import { vectorPath } from '../../fixtures/vectors.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export { vectorsDir } from '../../fixtures/vectors.js';

/** A vector's bytes: licensed copies in test/fixtures/vectors, 1EdTech specification files from ../shared/vectors. */
export const vector = (path: string): Uint8Array => new Uint8Array(readFileSync(vectorPath(path)));
export const vectorText = (path: string): string => readFileSync(vectorPath(path), 'utf8');

/** An offline resolver from exact URLs to values (objects, text, or vector file paths prefixed with `file:`). */
export function mapResolver(entries: Record<string, unknown>): Resolver {
  return async (url) => {
    const value = entries[url];
    if (typeof value === 'string' && value.startsWith('file:')) return vectorText(value.slice('file:'.length));
    return value;
  };
}

/** The check with this id, failing the test if it is absent. */
export function check(report: VerificationReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no "${id}" check in ${JSON.stringify(report.checks)}`);
  return found;
}

export function summary(report: VerificationReport): string {
  return `${report.verified} ${report.format} ${report.checks.map((c) => `${c.id}:${c.ok ? 'ok' : c.code}`).join(' ')}`;
}
