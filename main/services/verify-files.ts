/**
 * Verifies many badge files on worker threads (one per core): folders are walked for badge files,
 * each thread builds its own offline resolver from the same sources and keeps what every badge
 * shares (documents, status lists, key bindings) for the run; results come back in order.
 * Falls back to this thread when the bundled worker (out/verify-worker.js) is missing.
 */
import { createPublicKey, hash, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadgeError } from '../../shared/errors.js';
import { useSha256 } from '../../shared/bytes.js';
import { verifyBytes, type VerificationReport } from '../../shared/verify/index.js';
import { createVerifyMemo } from '../../shared/verify/memo.js';
import type { VerifyMemo } from '../../shared/verify/types.js';
import { readInputFile } from './files.js';
import { useEd25519Verify } from '../../shared/sign/ed25519.js';
import { exportCanonicalTemplates, type CanonicalTemplates } from '../../shared/sign/canonical-template.js';
import type { OfflineResolver } from './offline-resolver.js';
import { resolverFromSources, snapshotResolver, type ResolverSources } from './verify-sources.js';

export interface VerifyFilesOptions {
  sources: ResolverSources;
  /** ISO date-time: the clock of every check. */
  now: string;
  recipient?: string;
  trustEmbeddedKeys?: boolean;
}

/**
 * A batch of files for a verifying thread (one message per batch, not per file); before its first
 * batch, a thread gets the canonicalization templates this thread has learnt (see canonical-template.ts).
 */
export interface VerifyJob {
  batch?: Array<{ id: number; file: string }>;
  templates?: CanonicalTemplates;
}

export type VerifyResult =
  | { id: number; report: VerificationReport }
  | { id: number; error: { code: `ERR_${string}`; message: string } };

/** A batch's results; without them, the thread says it is ready for its first batch. */
export interface VerifyReply {
  results?: VerifyResult[];
}

export interface VerifyWorkerData {
  options: VerifyFilesOptions;
}

const BADGE_EXTENSIONS = new Set(['.png', '.svg', '.json', '.jws', '.jwt']);
/** Files Badgesmith writes beside credentials that are not badges. */
const NOT_BADGES = /^((?:[\w-]+-)?report\.json|badgesmith-site\.json|.*\.badgesmith\.json)$/;

export interface FoundFile {
  path: string;
  /** Named on the command line (true) or found by walking a folder. */
  explicit: boolean;
}

/** The files to verify: each named file, and the badge files under each named folder (sorted, symlinks not followed). */
export async function findBadgeFiles(paths: readonly string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (
        entry.isFile() &&
        BADGE_EXTENSIONS.has(extname(entry.name).toLowerCase()) &&
        !NOT_BADGES.test(entry.name)
      )
        {found.push({ path, explicit: false });}
    }
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new BadgeError('ERR_FILE_NOT_FOUND', `${path} does not exist. Check the path.`);
    }
    if (info.isDirectory()) await walk(path);
    else found.push({ path, explicit: true });
  }
  return found;
}

export async function verifyOneFile(
  file: string,
  options: VerifyFilesOptions,
  resolve: OfflineResolver,
  memo?: VerifyMemo,
): Promise<VerificationReport> {
  return verifyOneBytes(readSmallFileSync(file) ?? (await readInputFile(file, 'badge file')), options, resolve, memo);
}

/** Most badge files fit: they are read in one call into this buffer (a thread reads one file at a time). */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * A plain badge file read in three blocking calls (open, read, close: a verifying thread has nothing
 * else to do meanwhile, and each system call counts in a run of thousands); undefined for anything
 * unusual (missing, a folder, empty, larger than the buffer), which readInputFile then explains.
 * Opened non-blocking so that a named pipe cannot hang the run.
 */
function readSmallFileSync(file: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const length = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (length === 0 || length === readBuffer.length) return undefined;
    return new Uint8Array(readBuffer.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const publicKeys = new Map<string, KeyObject>();

/** Node's synchronous SHA-256 and Ed25519 check for a run of many badges (see shared/bytes.ts, shared/sign/ed25519.ts). */
function useNodeCrypto(): void {
  useSha256((data) => {
    const digest = hash('sha256', data, 'buffer') as unknown as Buffer;
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
  });
  useEd25519Verify((x, data, signature) => {
    let key = publicKeys.get(x);
    if (key === undefined) {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
      if (publicKeys.size >= 256) publicKeys.clear();
      publicKeys.set(x, key);
    }
    return cryptoVerify(null, data, key, signature);
  });
}

/** The same check on bytes already in memory (a file dropped in the app). */
export async function verifyOneBytes(
  bytes: Uint8Array,
  options: Omit<VerifyFilesOptions, 'sources'>,
  resolve: OfflineResolver,
  memo?: VerifyMemo,
): Promise<VerificationReport> {
  return verifyBytes(bytes, {
    now: new Date(options.now),
    resolve,
    ...(options.recipient !== undefined ? { recipient: options.recipient } : {}),
    ...(options.trustEmbeddedKeys ? { trustEmbeddedKeys: true } : {}),
    ...(memo ? { memo } : {}),
  });
}

/**
 * What one thread needs to verify a run of files: the sources' documents read once and kept for
 * the run, a memo of status lists and key bindings, and Node's synchronous hashing and signature check.
 */
export async function prepareRun(
  options: VerifyFilesOptions,
): Promise<(file: string) => Promise<VerificationReport>> {
  useNodeCrypto();
  const resolve = snapshotResolver(await resolverFromSources(options.sources));
  const memo = createVerifyMemo();
  return (file) => verifyOneFile(file, options, resolve, memo);
}

export function findVerifyWorker(): string | undefined {
  for (const url of [
    new URL('./verify-worker.js', import.meta.url),
    new URL('../../out/verify-worker.js', import.meta.url),
  ]) {
    if (url.protocol !== 'file:') continue;
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function failedReport(error: unknown): VerificationReport {
  const { code, message } =
    error instanceof BadgeError
      ? error
      : { code: 'ERR_FILE_UNREADABLE' as const, message: String(error) };
  return {
    verified: false,
    format: 'unknown',
    checks: [{ id: 'format', ok: false, code, message }],
  };
}

/** Files per message to a thread: small enough to spread a short list over every thread, large enough to cut message costs. */
function batchSize(files: number, threads: number): number {
  return Math.max(1, Math.min(32, Math.floor(files / (threads * 4))));
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Verifies the files, calling `onReport` in input order as results arrive. This thread starts at
 * once and `threads - 1` worker threads join it once started (each builds its own verifier, which
 * takes a while): a worker asks for batches of paths, at most two ahead, so memory does not grow
 * with the number of files.
 */
export async function verifyFiles(
  files: readonly string[],
  options: VerifyFilesOptions,
  onReport: (file: string, report: VerificationReport, index: number) => void,
  pool: { threads?: number; workerFile?: string; /** false: only worker threads verify (tests). */ thisThread?: boolean } = {},
): Promise<void> {
  const threads = Math.max(1, Math.min(pool.threads ?? availableParallelism(), files.length));
  const here = pool.thisThread !== false;
  const workerFile = threads > 1 || !here ? (pool.workerFile ?? findVerifyWorker()) : undefined;
  const results = new Map<number, VerificationReport>();
  let next = 0;
  const flush = (): void => {
    while (results.has(next)) {
      onReport(files[next]!, results.get(next)!, next);
      results.delete(next);
      next++;
    }
  };
  const workers = workerFile === undefined ? [] : Array.from({ length: here ? threads - 1 : threads }, () => new Worker(workerFile, { workerData: { options } satisfies VerifyWorkerData }));
  const size = batchSize(files.length, threads);
  let cursor = 0;
  let failure: BadgeError | undefined;
  const BATCHES_AHEAD = 2;
  const working = workers.map(
    (worker) =>
      new Promise<void>((resolve) => {
        let busy = 0;
        const feed = (): void => {
          while (busy < BATCHES_AHEAD && cursor < files.length && failure === undefined) {
            const batch = files.slice(cursor, cursor + size).map((file, n) => ({ id: cursor + n, file }));
            cursor += batch.length;
            busy++;
            worker.postMessage({ batch } satisfies VerifyJob);
          }
          if (busy === 0) resolve();
        };
        worker.on('message', (reply: VerifyReply) => {
          if (reply.results === undefined) {
            // Ready: what this thread learnt about the badges' shapes spares the worker relearning it.
            exportCanonicalTemplates()
              .then((templates) => worker.postMessage({ templates } satisfies VerifyJob))
              .catch(() => undefined)
              .finally(feed);
            return;
          }
          busy--;
          for (const result of reply.results) {
            results.set(result.id, 'report' in result ? result.report : failedReport(new BadgeError(result.error.code, result.error.message)));
          }
          flush();
          feed();
        });
        worker.on('error', (cause) => {
          failure ??= new BadgeError('ERR_VERIFY_WORKER', 'A verifying thread failed; run the command again.', { cause });
          resolve();
        });
      }),
  );
  try {
    const verify = here || workers.length === 0 ? await prepareRun(options) : undefined;
    while (verify && cursor < files.length && failure === undefined) {
      const id = cursor++;
      results.set(id, await verify(files[id]!).catch(failedReport));
      flush();
      if (workers.length > 0) await nextTurn(); // the workers' replies and requests
    }
    await Promise.all(working);
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
