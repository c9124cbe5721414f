import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { verifyFiles } from '../main/services/verify-files.js';
import { signDataIntegrity } from '../shared/sign/data-integrity.js';
import { generateEd25519PrivateJwk } from '../shared/sign/ed25519.js';
import { benchDir, compare, rate, round, type Bench, type BenchLine } from './measure.js';
import { ISSUER_ID, peerDocumentLoader, peerVerify, sampleCredential, verificationMethodFor } from './ob3-di-fixtures.js';

const PEER = '@digitalbazaar/vc@7.3.0 + eddsa-rdfc-2022-cryptosuite@1.3.0, one thread, proof only';
const CREATED = '2024-06-01T12:00:00Z';
const TARGET_RATIO = 15;

/**
 * `verify FILE|DIR…` throughput: badge files read from disk and fully verified (schema, proof, the key
 * bound to the issuer by its own published document, dates) on worker threads, against the peer
 * library checking only the proof of the same credentials, in memory, on one thread, warmed up.
 * The run is a season's worth of badges (10,000 files) started cold: thread start-up and warm-up are
 * inside the measure. How fast the first 1,000 came back is reported beside it: that is where
 * start-up weighs most.
 */
export const verifyManyBench: Bench = {
  name: 'verify-many',
  async run({ quick }): Promise<BenchLine> {
    const count = quick ? 1000 : 10_000;
    const early = Math.min(1000, count);
    const key = await generateEd25519PrivateJwk();
    const verificationMethod = verificationMethodFor(key);
    const signed = await Promise.all(
      Array.from({ length: count }, (_, n) => signDataIntegrity(sampleCredential(n), { privateKey: key, verificationMethod, created: CREATED })),
    );
    const dir = benchDir('bs-bench-verify-many-');
    try {
      const files = signed.map((credential, n) => {
        const file = join(dir.path, `${n}.json`);
        writeFileSync(file, JSON.stringify(credential));
        return file;
      });
      // The issuer's own published document, listing its key for assertions (served offline).
      const method = { id: verificationMethod, type: 'Multikey', controller: ISSUER_ID, publicKeyMultibase: verificationMethod.split('#')[1] };
      writeFileSync(join(dir.path, 'acme'), JSON.stringify({ id: ISSUER_ID, verificationMethod: [method], assertionMethod: [verificationMethod] }));
      const options = { sources: { didDocuments: [], prefixes: [{ prefix: 'https://badges.example.org/', dir: dir.path }] }, now: '2025-01-01T00:00:00Z' };

      const peerLoader = peerDocumentLoader(key);
      let p = 0;
      const peerCpuBefore = process.cpuUsage();
      const peer = await rate(async () => {
        if (!(await peerVerify(signed[p++ % signed.length]!, peerLoader))) throw new Error('peer did not verify');
      }, quick ? 1000 : 4000);
      const peerCpu = process.cpuUsage(peerCpuBefore);
      const peerCpuMs = (peerCpu.user + peerCpu.system) / 1000 / p;

      let verified = 0;
      let earlySeconds = 0;
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      await verifyFiles(files, options, (_file, report, index) => {
        if (report.verified) verified++;
        if (index === early - 1) earlySeconds = (performance.now() - start) / 1000;
      });
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      if (verified !== files.length) throw new Error(`only ${verified} of ${files.length} verified`);
      const ours = files.length / seconds;
      const line = compare('verify-many', 'credentials/s', ours, PEER, peer);
      const cpuMs = (cpu.user + cpu.system) / 1000 / files.length;
      return {
        ...line,
        threads: availableParallelism(),
        files: files.length,
        seconds: round(seconds),
        cpu_s: round((cpu.user + cpu.system) / 1e6),
        // CPU per credential, whole run (worker start-up included), and the peer's: the machine's load changes wall rates, much less these.
        cpu_ms_per_credential: round(cpuMs),
        peer_cpu_ms_per_credential: round(peerCpuMs),
        cpu_ratio: round(peerCpuMs / cpuMs),
        [`first_${early}_per_s`]: round(early / earlySeconds),
        [`first_${early}_ratio`]: round(early / earlySeconds / peer),
        load_average: round(loadavg()[0] ?? 0),
        target_ratio: TARGET_RATIO,
        pass: (line.ratio ?? 0) >= TARGET_RATIO,
      };
    } finally {
      dir.remove();
    }
  },
};
