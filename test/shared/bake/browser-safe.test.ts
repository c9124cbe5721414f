import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sharedDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');

/** Every module unbake.ts loads (type-only imports skipped) and every bare package it names. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)) {
      const target = match[1]!;
      if (target.startsWith('.')) visit(resolve(dirname(file), target.replace(/\.js$/, '.ts')));
      else packages.add(target);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

describe('unbake.ts stays browser-safe (the static site verifier imports it)', () => {
  it('loads only saxes and pure shared modules, and no Buffer', () => {
    const { files, packages } = importGraph(resolve(sharedDir, 'bake/unbake.ts'));
    expect(packages).toEqual(['saxes']);
    expect(files.map((f) => f.slice(sharedDir.length + 1)).sort()).not.toContain('bake/prepare.ts');
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\bBuffer\s*[.(]|from 'node:/);
  });
});
