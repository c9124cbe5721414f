import { join } from 'node:path';
import { listAwards } from '../main/services/awards.js';
import { exportCertificates } from '../main/services/certificates.js';
import { createDeliveryFixture } from '../test/main/services/delivery-fixture.js';
import { benchDir, round, type Bench, type BenchLine } from './measure.js';

/**
 * `certificates-1k`: printable PDF certificates per second for 1,000 awards of one badge (A4, fonts
 * embedded, QR code, written to disk), target ≥ 100/s on 2 cores. Issuing the awards is not measured.
 */
export const certificatesBench: Bench = {
  name: 'certificates-1k',
  async run({ quick }): Promise<BenchLine> {
    const count = quick ? 200 : 1000;
    const scratch = benchDir('bs-bench-cert-');
    try {
      const fixture = await createDeliveryFixture(scratch.path);
      const rows = Array.from({ length: count }, (_, i) => `earner${i}@example.org,Personne Numéro ${i} Lefèvre`);
      await fixture.issue(`email,name\n${rows.join('\n')}\n`);
      // Warm-up: fonts read and parsed, artwork prepared, code paths compiled.
      await exportCertificates(fixture.workspace, { selection: { award: listAwards(fixture.workspace)[0]!.id }, outDir: join(scratch.path, 'warm') });
      const start = performance.now();
      const cpu = process.cpuUsage();
      const report = await exportCertificates(fixture.workspace, { selection: { badge: 'premiers-secours' }, outDir: join(scratch.path, 'pdf') });
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      // Processor time per certificate: what the rate would be on an idle core (the wall-clock rate depends on the machine's load).
      const cpuMs = (used.user + used.system) / 1000 / count;
      fixture.workspace.close();
      if (report.written !== count) throw new Error(`certificates-1k wrote ${report.written} of ${count}`);
      return { name: quick ? 'certificates-200' : 'certificates-1k', value: round(count / seconds), unit: 'pdf/s', target: 100, certificates: count, seconds: round(seconds), cpu_ms_per_pdf: round(cpuMs), pdf_per_cpu_second: round(1000 / cpuMs) };
    } finally {
      scratch.remove();
    }
  },
};
