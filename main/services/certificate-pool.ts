/**
 * Renders and writes certificate PDFs on worker threads, one per core (this thread when the
 * bundled worker, out/certificate-worker.js, is missing), kept for the next run until idle for a
 * while. Each thread keeps several certificates in flight: pdf-lib waits on timers between steps.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadgeError } from '../../shared/errors.js';
import { renderCertificate, type CertificateInput } from './certificate-pdf.js';
import { ownedTempName } from './process-files.js';

export interface CertificateJob {
  id: number;
  input: CertificateInput;
  /** Where to write the PDF (atomically). */
  file: string;
}

export type CertificateReply = { id: number } | { id: number; error: { code: `ERR_${string}`; message: string } };

export interface CertificatePool {
  write(input: CertificateInput, file: string): Promise<void>;
  close(): Promise<void>;
  readonly threads: number;
}

export async function writeCertificate(job: Omit<CertificateJob, 'id'>): Promise<void> {
  const bytes = await renderCertificate(job.input);
  await mkdir(dirname(job.file), { recursive: true });
  const temp = join(dirname(job.file), ownedTempName('pdf'));
  try {
    await writeFile(temp, bytes);
    await rename(temp, job.file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

function findCertificateWorker(): string | undefined {
  for (const url of [new URL('./certificate-worker.js', import.meta.url), new URL('../../out/certificate-worker.js', import.meta.url)]) {
    if (url.protocol !== 'file:') continue;
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  return undefined;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
}

/** Threads left idle this long after the last run are stopped (a new run starts them again). */
const IDLE_MS = 30_000;

/**
 * Threads that render certificates, kept between runs of the same process (the app, a bench) so
 * that each run does not pay for starting threads, loading pdf-lib and parsing fonts again. An idle
 * thread never keeps the process alive.
 */
class Threads {
  slots: Slot[] = [];
  private nextId = 1;
  private users = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    readonly workerFile: string,
    readonly size: number,
    private readonly onEmpty: () => void,
    private readonly options: { keep: boolean } = { keep: true },
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  private start(): Slot {
    const slot: Slot = { worker: new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 256 } }), pending: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (reply: CertificateReply) => {
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) slot.worker.unref();
      if ('error' in reply) job.reject(new BadgeError(reply.error.code, reply.error.message));
      else job.resolve();
    });
    slot.worker.on('error', (cause) => this.retire(slot, new BadgeError('ERR_CERTIFICATE_WORKER', 'A certificate thread failed; its certificates were not written.', { cause })));
    slot.worker.on('exit', () => {
      if (this.slots.includes(slot)) this.retire(slot, new BadgeError('ERR_CERTIFICATE_WORKER', 'A certificate thread stopped; its certificates were not written.'));
    });
    return slot;
  }

  private retire(slot: Slot, error: Error): void {
    this.slots = this.slots.filter((s) => s !== slot);
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
    void slot.worker.terminate();
    if (this.slots.length === 0) this.onEmpty();
  }

  get busy(): boolean {
    return this.users > 0;
  }

  acquire(): void {
    this.users += 1;
    clearTimeout(this.idle);
  }

  release(): void {
    this.users -= 1;
    if (this.users > 0) return;
    if (!this.options.keep) {
      void this.stop();
      return;
    }
    this.idle = setTimeout(() => void this.stop(), IDLE_MS);
    this.idle.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.idle);
    const current = this.slots;
    this.slots = [];
    this.onEmpty();
    await Promise.all(current.map((slot) => slot.worker.terminate()));
  }

  write(input: CertificateInput, file: string): Promise<void> {
    let slot = this.slots[0]!;
    for (const candidate of this.slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input, file } satisfies CertificateJob);
    });
  }
}

let shared: Threads | undefined;

/** The process's threads of that size, started if need be (others' threads are never stopped under them). */
function sharedThreads(workerFile: string, size: number): Threads {
  if (shared && shared.workerFile === workerFile && shared.size === size && shared.slots.length > 0) return shared;
  if (shared && shared.busy) return new Threads(workerFile, size, () => undefined, { keep: false });
  if (shared) void shared.stop();
  const threads: Threads = new Threads(workerFile, size, () => {
    if (shared === threads) shared = undefined;
  });
  shared = threads;
  return threads;
}

export function createCertificatePool(options: { size?: number; workerFile?: string } = {}): CertificatePool {
  const size = Math.max(0, Math.floor(options.size ?? availableParallelism()));
  const workerFile = size > 0 ? (options.workerFile ?? findCertificateWorker()) : undefined;
  const threads = workerFile !== undefined ? sharedThreads(workerFile, size) : undefined;
  threads?.acquire();
  let open = true;

  return {
    get threads() {
      return open && threads ? threads.slots.length : 0;
    },
    write(input, file) {
      if (!open || !threads || threads.slots.length === 0) return writeCertificate({ input, file });
      return threads.write(input, file);
    },
    async close() {
      if (!open) return;
      open = false;
      threads?.release();
    },
  };
}

/** Stops the certificate threads now (they otherwise stop after a while idle). */
export async function stopCertificateThreads(): Promise<void> {
  await shared?.stop();
}
