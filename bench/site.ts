import { join } from 'node:path';
import { exportSite, type SiteExportResult } from '../main/services/site-export.js';
import { createSiteFixture, revokeFixtureCredential } from '../test/main/services/site-fixture.js';
import { benchDir, round, type Bench, type BenchLine } from './measure.js';

/** Credentials per recipient in the fixture: 2 badge classes × 4 formats. */
const PER_RECIPIENT = 8;

/**
 * `site-build-10k`: full `site build` of a workspace with 10,000 issued credentials (each a .json/.jws
 * + baked PNG + page), target ≤ 10 s; `site-rebuild-1`: the incremental rebuild after one revocation,
 * target ≤ 1 s (median of three, each after one more revocation). Signing the fixture is not measured (signatures are reused across copies).
 */
export const siteBench: Bench = {
  name: 'site-build-10k',
  async run({ quick }): Promise<BenchLine[]> {
    const credentials = quick ? 1000 : 10_000;
    const scratch = benchDir('bs-bench-site-');
    const dir = scratch.path;
    try {
      const fx = await createSiteFixture(dir, { recipients: credentials / PER_RECIPIENT, revoke: false, reuseSignatures: true });
      const out = join(dir, 'site');
      const options = { issuedDirs: [fx.issuedDir] };
      let start = performance.now();
      const full = await exportSite(fx.workspace, fx.keystore, out, options);
      const fullMs = performance.now() - start;
      // Three rebuilds, each after one more revocation; the median is reported (one run is noisy on a shared machine).
      const victims = fx.credentials.filter((c) => c.format === 'ob3-di').slice(0, 3);
      const rebuilds: { ms: number; result: SiteExportResult }[] = [];
      for (const [i, victim] of victims.entries()) {
        revokeFixtureCredential(fx.workspace, victim, `2026-03-1${i}T09:00:00Z`);
        start = performance.now();
        const result = await exportSite(fx.workspace, fx.keystore, out, options);
        rebuilds.push({ ms: performance.now() - start, result });
      }
      const { ms: rebuildMs, result: rebuild } = [...rebuilds].sort((a, b) => a.ms - b.ms)[1]!;
      fx.workspace.close();
      return [
        { name: quick ? 'site-build-1k' : 'site-build-10k', value: round(fullMs), unit: 'ms', target_ms: 10_000, credentials: full.credentials, files: full.total },
        {
          name: 'site-rebuild-1',
          value: round(rebuildMs),
          unit: 'ms',
          target_ms: 1000,
          credentials: rebuild.credentials,
          written: rebuild.written.length,
          unchanged: rebuild.unchanged,
          runs_ms: rebuilds.map((r) => round(r.ms)),
        },
      ];
    } finally {
      scratch.remove();
    }
  },
};
