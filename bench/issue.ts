import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertBadge } from '../main/db/repos/badges.js';
import { issueBatch } from '../main/services/issue-batch.js';
import type { BakeKind } from '../main/services/issue-batch.js';
import { initKeystore } from '../main/services/keystore.js';
import { createSignPool } from '../main/services/sign-pool.js';
import { createIssuer, createWorkspace } from '../main/services/workspace.js';
import type { CredentialFormat } from '../main/db/repos/badges.js';
import { round, type Bench, type BenchLine } from './measure.js';

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('email;nom\n');
  for (let i = 0; i < rows; i++) {
    if (!out.write(`participant.${i}@example.org;Participant ${i}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Run {
  seconds: number;
  /** CPU seconds (user + system, all threads) spent by the process while issuing. */
  cpuSeconds: number;
  issued: number;
  threads: number;
  /** RSS samples keyed by rows done. */
  rssAt: Map<number, number>;
  peakRss: number;
  startRss: number;
}

/** End to end: CSV file → credentials signed, baked, written, recorded, in a fresh workspace. */
async function runIssue(rows: number, formats: CredentialFormat[], bake: BakeKind[], marks: number[] = []): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bs-bench-issue-'));
  const clock = () => new Date('2026-05-01T12:00:00Z');
  const workspace = createWorkspace(join(dir, 'ws'), { clock });
  const pool = createSignPool();
  try {
    createIssuer(workspace, { name: 'Bench', url: 'https://bench.example.org/', siteUrl: 'https://badges.example.org/bench/' });
    const keystore = await initKeystore(workspace, 'bench', { cost: { N: 2 ** 10 } });
    insertBadge(workspace.db, {
      id: 'bench',
      name: 'Bench badge',
      description: 'Issued by the benchmark.',
      criteriaNarrative: 'None.',
      criteriaUrl: null,
      image: null,
      tags: [],
      alignments: [],
      achievementType: 'Badge',
      expiresAfter: 'P1Y',
      formats,
      showRecipientName: false,
      endorsements: [],
      created: '2026-05-01T12:00:00Z',
      updated: '2026-05-01T12:00:00Z',
    });
    const csv = join(dir, 'rows.csv');
    await writeCsv(csv, rows);
    const rssAt = new Map<number, number>();
    const startRss = process.memoryUsage.rss();
    let peakRss = startRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 25);
    const pending = [...marks];
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const summary = await issueBatch(workspace, keystore, {
      badgeId: 'bench',
      csvPath: csv,
      formats,
      bake,
      outDir: join(dir, 'out'),
      signPool: pool,
      onProgress: (progress) => {
        const rss = process.memoryUsage.rss();
        peakRss = Math.max(peakRss, rss);
        while (pending.length > 0 && progress.rows >= pending[0]!) rssAt.set(pending.shift()!, rss);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    return { seconds, cpuSeconds, issued: summary.issued, threads: pool.threads, rssAt, peakRss: Math.max(peakRss, process.memoryUsage.rss()), startRss };
  } finally {
    await pool.close();
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const MB = 1024 * 1024;

export const ISSUE_BENCHES: Bench[] = [
  {
    name: 'issue-10k',
    async run({ quick }): Promise<BenchLine[]> {
      const rows = quick ? 1000 : 10_000;
      const run = await runIssue(rows, ['ob3-di'], ['png']);
      return [
        { name: 'issue-10k', value: round(run.seconds), unit: 's', rows, format: 'ob3-di', bake: 'png', threads: run.threads, cpu_s: round(run.cpuSeconds), target_s: 6 },
        { name: 'issue-10k-rate', value: round(run.issued / run.seconds), unit: 'credentials/s', rows },
      ];
    },
  },
  {
    name: 'rss-100k',
    async run({ quick }): Promise<BenchLine[]> {
      // Memory flatness of the pipeline (streamed CSV, chunked reserve/write/mark, streamed report).
      // ob2-hosted: no signature, so 100,000 rows fit in the time limit on a shared 2-core machine.
      const rows = quick ? 20_000 : 100_000;
      const first = Math.round(rows / 10);
      const run = await runIssue(rows, ['ob2-hosted'], [], [first, rows]);
      const atFirst = run.rssAt.get(first) ?? run.startRss;
      const atEnd = run.rssAt.get(rows) ?? run.peakRss;
      return [
        { name: 'rss-100k', value: round(run.peakRss / MB), unit: 'MB', rows, format: 'ob2-hosted', target_mb: 250, seconds: round(run.seconds), cpu_s: round(run.cpuSeconds) },
        { name: 'rss-100k-growth', value: round((atEnd - atFirst) / MB), unit: 'MB', from_rows: first, to_rows: rows, rss_at_from_mb: round(atFirst / MB), rss_at_to_mb: round(atEnd / MB) },
      ];
    },
  },
];
