import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One benchmark result line: `{"name","value","unit"}` plus the peer when compared. */
export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  peer?: string;
  peer_value?: number;
  ratio?: number;
  [extra: string]: unknown;
}

export interface Bench {
  name: string;
  /** `quick` asks for a smaller size (CI smoke runs); each bench must finish in < 30 s (60 s for issue-*). */
  run: (options: { quick: boolean }) => Promise<BenchLine | BenchLine[]>;
}

/** Runs `fn` repeatedly for `ms` milliseconds after a warm-up; returns operations per second. */
export async function rate(fn: () => Promise<unknown> | unknown, ms = 2000, warmupMs = 300): Promise<number> {
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) await fn();
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    count++;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

/** Operations per second with `inFlight` operations started together each round (uses the thread pool). */
export async function concurrentRate(fn: (n: number) => Promise<unknown>, inFlight: number, ms = 2000): Promise<number> {
  let n = 0;
  const round = async () => {
    const jobs: Array<Promise<unknown>> = [];
    for (let i = 0; i < inFlight; i++) jobs.push(fn(n++));
    await Promise.all(jobs);
  };
  return (await rate(round, ms)) * inFlight;
}

export function compare(name: string, unit: string, value: number, peer: string, peerValue: number): BenchLine {
  return {
    name,
    value: round(value),
    unit,
    peer,
    peer_value: round(peerValue),
    ratio: round(value / peerValue),
  };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Set by the runner for its child processes: the file that lists the folders to delete at the very end. */
export const CLEANUP_LIST_ENV = 'BADGESMITH_BENCH_CLEANUP_LIST';

/**
 * A fresh folder for a measure's files. `remove()` deletes it, unless the runner deletes every
 * measure's folders at the end: deleting tens of thousands of files makes creating files slower for
 * minutes on some file systems (ext4 skips recently freed inodes), which would weigh on the next measure.
 */
export function benchDir(prefix: string, parent = tmpdir()): { path: string; remove: () => void } {
  const path = mkdtempSync(join(parent, prefix));
  return {
    path,
    remove() {
      const list = process.env[CLEANUP_LIST_ENV];
      if (list) appendFileSync(list, `${path}\n`);
      else rmSync(path, { recursive: true, force: true });
    },
  };
}
