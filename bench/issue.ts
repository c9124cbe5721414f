import { createWriteStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
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
import { benchDir, compare, round, type Bench, type BenchLine } from './measure.js';

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
  /** The main thread's live heap after a full collection, keyed by rows done (when run with --expose-gc). */
  liveHeapAt: Map<number, number>;
  peakRss: number;
  startRss: number;
  /** The same files (count and sizes) written again with plain writeFile, 256 at a time: what the disk alone costs. */
  filesOnly?: { files: number; seconds: number; cpuSeconds: number };
}

interface RunOptions {
  rows: number;
  formats: CredentialFormat[];
  bake: BakeKind[];
  /** Row counts at which to sample RSS. */
  marks?: number[];
  /** Folder that holds the workspace and the output. */
  parent?: string;
  /** Also write the same files with plain writeFile afterwards (the peer). */
  filesOnly?: boolean;
}

/** Writes files of the given sizes into a new folder as fast as plain Node can (no temp file, rename or hash). */
async function writeFilesOnly(
  dir: string,
  sizes: number[],
): Promise<NonNullable<Run['filesOnly']>> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let first = 0; first < sizes.length; first += 256) {
    await Promise.all(
      sizes
        .slice(first, first + 256)
        .map((size, index) => writeFile(join(dir, `f${first + index}`), Buffer.alloc(size, 120))),
    );
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    files: sizes.length,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** End to end: CSV file → credentials signed, baked, written, recorded, in a fresh workspace. */
async function runIssue({
  rows,
  formats,
  bake,
  marks = [],
  parent = tmpdir(),
  filesOnly = false,
}: RunOptions): Promise<Run> {
  const scratch = benchDir('bs-bench-issue-', parent);
  const dir = scratch.path;
  const clock = () => new Date('2026-05-01T12:00:00Z');
  const workspace = createWorkspace(join(dir, 'ws'), { clock });
  const pool = createSignPool();
  try {
    createIssuer(workspace, {
      name: 'Bench',
      url: 'https://bench.example.org/',
      siteUrl: 'https://badges.example.org/bench/',
    });
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
    const liveHeapAt = new Map<number, number>();
    const collect = (globalThis as { gc?: () => void }).gc;
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
        while (pending.length > 0 && progress.rows >= pending[0]!) {
          const mark = pending.shift()!;
          rssAt.set(mark, rss);
          if (collect) {
            collect();
            liveHeapAt.set(mark, process.memoryUsage().heapUsed);
          }
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    const final = Math.max(peakRss, process.memoryUsage.rss());
    const run: Run = {
      seconds,
      cpuSeconds,
      issued: summary.issued,
      threads: pool.threads,
      rssAt,
      liveHeapAt,
      peakRss: final,
      startRss,
    };
    if (filesOnly) {
      const badgeDir = join(dir, 'out', 'bench');
      const sizes = readdirSync(badgeDir)
        .filter((name) => name !== 'report.json')
        .map((name) => statSync(join(badgeDir, name)).size);
      run.filesOnly = await writeFilesOnly(mkdtempSync(join(dir, 'files-only-')), sizes);
    }
    return run;
  } finally {
    await pool.close();
    workspace.close();
    scratch.remove();
  }
}

const MB = 1024 * 1024;

/** 10,000 rows → OB 3.0 DI + baked PNG; the peer is plain writeFile of the same 20,000 files on the same disk. */
function issue10k(name: string, parent: string, fileSystem: string): Bench {
  return {
    name,
    async run({ quick }): Promise<BenchLine[]> {
      const rows = quick ? 1000 : 10_000;
      const run = await runIssue({
        rows,
        formats: ['ob3-di'],
        bake: ['png'],
        parent,
        filesOnly: true,
      });
      const filesOnly = run.filesOnly!;
      return [
        {
          ...compare(
            name,
            's',
            run.seconds,
            `writeFile of the same ${filesOnly.files} files`,
            filesOnly.seconds,
          ),
          rows,
          format: 'ob3-di',
          bake: 'png',
          threads: run.threads,
          cpu_s: round(run.cpuSeconds),
          peer_cpu_s: round(filesOnly.cpuSeconds),
          file_system: fileSystem,
          dir: parent,
          target_s: 6,
        },
        {
          name: `${name}-rate`,
          value: round(run.issued / run.seconds),
          unit: 'credentials/s',
          rows,
        },
      ];
    },
  };
}

const MEMORY_FS = '/dev/shm';

export const ISSUE_BENCHES: Bench[] = [
  issue10k('issue-10k', tmpdir(), 'the temp folder'),
  // The same run with the files in memory (tmpfs): our own cost, without the disk's.
  ...(existsSync(MEMORY_FS) ? [issue10k('issue-10k-tmpfs', MEMORY_FS, 'tmpfs')] : []),
  {
    // What the demo does, at event size: the four formats, each baked into PNG and SVG.
    name: 'issue-all-formats',
    async run({ quick }): Promise<BenchLine[]> {
      const rows = quick ? 500 : 2500;
      const formats: CredentialFormat[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];
      const run = await runIssue({ rows, formats, bake: ['png', 'svg'] });
      return [
        {
          name: 'issue-all-formats',
          value: round((rows * formats.length) / run.seconds),
          unit: 'credentials/s',
          rows,
          credentials: rows * formats.length,
          files: rows * formats.length * 3,
          seconds: round(run.seconds),
          cpu_s: round(run.cpuSeconds),
          peak_rss_mb: round(run.peakRss / MB),
        },
      ];
    },
  },
];

export const RSS_BENCH: Bench = {
  name: 'rss-100k',
  async run({ quick }): Promise<BenchLine[]> {
    // Memory flatness of the pipeline (streamed CSV, chunked reserve/write/mark, streamed report).
    // ob2-hosted: no signature, so 100,000 rows fit in the time limit on a shared 2-core machine.
    const rows = quick ? 20_000 : 100_000;
    const first = Math.round(rows / 10);
    const marks = [first, rows / 4, rows / 2, (rows * 3) / 4, rows];
    const run = await runIssue({ rows, formats: ['ob2-hosted'], bake: [], marks });
    const at = (samples: Map<number, number>) => Object.fromEntries([...samples].map(([mark, bytes]) => [mark, round(bytes / MB)]));
    const atFirst = run.rssAt.get(first) ?? run.startRss;
    const atEnd = run.rssAt.get(rows) ?? run.peakRss;
    return [
      {
        name: 'rss-100k',
        value: round(run.peakRss / MB),
        unit: 'MB',
        rows,
        format: 'ob2-hosted',
        target_mb: 250,
        start_mb: round(run.startRss / MB),
        seconds: round(run.seconds),
        cpu_s: round(run.cpuSeconds),
      },
      {
        name: 'rss-100k-growth',
        value: round((atEnd - atFirst) / MB),
        unit: 'MB',
        from_rows: first,
        to_rows: rows,
        rss_at_from_mb: round(atFirst / MB),
        rss_at_to_mb: round(atEnd / MB),
        rss_mb_at_rows: at(run.rssAt),
        main_live_heap_mb_at_rows: at(run.liveHeapAt),
      },
    ];
  },
};
