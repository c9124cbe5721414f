/**
 * Where `issue` keeps its reports. Each run writes its own files, never overwritten:
 *   <out>/reports/<badge>/<run>-report.json   every row of the CSV and what became of it
 *   <out>/reports/<badge>/<run>-people.csv    one line per person, for a mail merge
 * and `<out>/<badge>/report.json`, the stable place to look, is an index of every run (newest
 * last) naming those files. A `report.json` left by an older version (a full report) is kept:
 * it is moved into the reports folder and listed in the index first.
 */
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ownedTempName } from './process-files.js';

export interface ReportPaths {
  run: string;
  /** `<out>/reports/<badge>` */
  dir: string;
  report: string;
  people: string;
  /** `<out>/<badge>/report.json` */
  index: string;
}

export interface RunEntry {
  run: string;
  date: string;
  /** Paths relative to the output folder. */
  report: string;
  people: string | null;
  rowsRead: number | null;
  issued: number | null;
  alreadyIssued: number | null;
  rejected: number | null;
}

export interface ReportIndex {
  badge: string;
  /** The newest run's report, relative to the output folder. */
  latest: string;
  runs: RunEntry[];
}

/**
 * This run's id: a sequence number (one more than the highest in the reports folder, so the
 * names sort in run order even within one second) and the date, e.g. `0003-20261129T203000Z`.
 */
export async function newRunId(reportsDir: string, now: string): Promise<string> {
  let highest = 0;
  for (const name of await readdir(reportsDir)) {
    const match = /^(\d{4,})-/.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const compact = now.replace(/\.\d+/, '').replace(/[-:]/g, '');
  return `${String(highest + 1).padStart(4, '0')}-${compact}`;
}

export function reportsFolder(outDir: string, badgeId: string): string {
  return join(outDir, 'reports', badgeId);
}

export function reportPaths(outDir: string, badgeId: string, run: string): ReportPaths {
  const dir = reportsFolder(outDir, badgeId);
  return { run, dir, report: join(dir, `${run}-report.json`), people: join(dir, `${run}-people.csv`), index: join(outDir, badgeId, 'report.json') };
}

/** The index is small; anything larger or not shaped like one is an older full report. */
const MAX_INDEX_BYTES = 16 * 1024 * 1024;

function isRunEntry(value: unknown): value is RunEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.run === 'string' && typeof entry.report === 'string' && typeof entry.date === 'string';
}

async function readIndex(path: string): Promise<{ kind: 'none' } | { kind: 'index'; runs: RunEntry[] } | { kind: 'legacy' }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  if (size > MAX_INDEX_BYTES) return { kind: 'legacy' };
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { runs?: unknown };
    if (Array.isArray(parsed.runs) && parsed.runs.every(isRunEntry)) return { kind: 'index', runs: parsed.runs };
  } catch {
    // Not JSON: kept aside like an older report, never deleted.
  }
  return { kind: 'legacy' };
}

/** A name in `dir` not taken yet: `<stem>-report.json`, `<stem>2-report.json`, … */
async function freeName(dir: string, stem: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = join(dir, `${n === 1 ? stem : `${stem}${n}`}-report.json`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** Adds this run to `<badge>/report.json` (written atomically), keeping an older full report aside. */
export async function recordRun(outDir: string, badgeId: string, paths: ReportPaths, entry: Omit<RunEntry, 'report' | 'people' | 'run'>): Promise<ReportIndex> {
  const rel = (path: string) => relative(outDir, path).split('\\').join('/');
  const found = await readIndex(paths.index);
  const runs: RunEntry[] = found.kind === 'index' ? [...found.runs] : [];
  if (found.kind === 'legacy') {
    const kept = await freeName(paths.dir, '0000-earlier');
    await rename(paths.index, kept);
    runs.push({ run: 'earlier', date: (await stat(kept)).mtime.toISOString(), report: rel(kept), people: null, rowsRead: null, issued: null, alreadyIssued: null, rejected: null });
  }
  runs.push({ run: paths.run, ...entry, report: rel(paths.report), people: rel(paths.people) });
  const index: ReportIndex = { badge: badgeId, latest: rel(paths.report), runs };
  const temp = join(outDir, badgeId, ownedTempName('report'));
  try {
    await writeFile(temp, `${JSON.stringify(index, null, 2)}\n`);
    await rename(temp, paths.index);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return index;
}
