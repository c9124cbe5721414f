import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSite } from '../main/services/site-export.js';
import { createSiteFixture, revokeFixtureCredential } from '../test/main/services/site-fixture.js';
import { round, type Bench, type BenchLine } from './measure.js';

/** Credentials per recipient in the fixture: 2 badge classes × 4 formats. */
const PER_RECIPIENT = 8;

/**
 * `site-build-10k`: full `site build` of a workspace with 10,000 issued credentials (each a .json/.jws
 * + baked PNG + page), target ≤ 10 s; `site-rebuild-1`: the incremental rebuild after one revocation,
 * target ≤ 1 s. Signing the fixture is not measured (signatures are reused across copies).
 */
export const siteBench: Bench = {
  name: 'site-build-10k',
  async run({ quick }): Promise<BenchLine[]> {
    const credentials = quick ? 1000 : 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'bs-bench-site-'));
    try {
      const fx = await createSiteFixture(dir, { recipients: credentials / PER_RECIPIENT, revoke: false, reuseSignatures: true });
      const out = join(dir, 'site');
      const options = { issuedDirs: [fx.issuedDir] };
      let start = performance.now();
      const full = await exportSite(fx.workspace, fx.keystore, out, options);
      const fullMs = performance.now() - start;
      revokeFixtureCredential(fx.workspace, fx.credentials.find((c) => c.format === 'ob3-di')!, '2026-03-10T09:00:00Z');
      start = performance.now();
      const rebuild = await exportSite(fx.workspace, fx.keystore, out, options);
      const rebuildMs = performance.now() - start;
      fx.workspace.close();
      return [
        { name: quick ? 'site-build-1k' : 'site-build-10k', value: round(fullMs), unit: 'ms', target_ms: 10_000, credentials: full.credentials, files: full.total },
        { name: 'site-rebuild-1', value: round(rebuildMs), unit: 'ms', target_ms: 1000, credentials: rebuild.credentials, written: rebuild.written.length, unchanged: rebuild.unchanged },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
