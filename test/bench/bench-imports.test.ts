/**
 * The bench process measures its own memory (rss-100k, issue-all-formats): what only some benches
 * use (Playwright, the peer libraries) must be loaded by them, not by every bench process at start.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Libraries that only some benches use, with what they weigh on every other bench if loaded at start. */
const LOADED_ON_DEMAND = ['@playwright/test', 'playwright', '@axe-core/playwright', '@digitalbazaar/vc', '@digitalbazaar/data-integrity', '@digitalbazaar/eddsa-rdfc-2022-cryptosuite', '@digitalbazaar/ed25519-multikey'];

describe('the bench bundle', () => {
  it('loads Playwright and the peer libraries only in the benches that use them (dynamic imports)', async () => {
    const result = await build({
      entryPoints: ['bench/run.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: 'bench-imports-check.js',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    const external = (kind: string) => new Set(imports.filter((entry) => entry.external && entry.kind === kind).map((entry) => entry.path));
    const atStart = external('import-statement');
    const onDemand = external('dynamic-import');
    expect(LOADED_ON_DEMAND.filter((name) => atStart.has(name))).toEqual([]);
    // The check sees the benches' own imports: Playwright and the peer are there, on demand.
    expect(onDemand).toContain('@playwright/test');
    expect(onDemand).toContain('@digitalbazaar/vc');
    expect(atStart).toContain('better-sqlite3');
  });
});
