/**
 * Renders and writes certificate PDFs on worker threads, one per core (this thread when the
 * bundled worker, out/certificate-worker.js, is missing). Each thread keeps several certificates
 * in flight: pdf-lib waits on timers between steps.
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

export function createCertificatePool(options: { size?: number; workerFile?: string } = {}): CertificatePool {
  const size = Math.max(0, Math.floor(options.size ?? availableParallelism()));
  const workerFile = size > 0 ? (options.workerFile ?? findCertificateWorker()) : undefined;
  let slots: Slot[] = [];
  let nextId = 1;

  const retire = (slot: Slot, error: Error): void => {
    slots = slots.filter((s) => s !== slot);
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
    void slot.worker.terminate();
  };

  if (workerFile !== undefined) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 256 } }), pending: new Map() };
      slot.worker.on('message', (reply: CertificateReply) => {
        const job = slot.pending.get(reply.id);
        if (!job) return;
        slot.pending.delete(reply.id);
        if ('error' in reply) job.reject(new BadgeError(reply.error.code, reply.error.message));
        else job.resolve();
      });
      slot.worker.on('error', (cause) => retire(slot, new BadgeError('ERR_CERTIFICATE_WORKER', 'A certificate thread failed; its certificates were not written.', { cause })));
      slot.worker.on('exit', () => {
        if (slots.includes(slot)) retire(slot, new BadgeError('ERR_CERTIFICATE_WORKER', 'A certificate thread stopped; its certificates were not written.'));
      });
      slots.push(slot);
    }
  }

  return {
    get threads() {
      return slots.length;
    },
    write(input, file) {
      if (slots.length === 0) return writeCertificate({ input, file });
      let slot = slots[0]!;
      for (const candidate of slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, input, file } satisfies CertificateJob);
      });
    },
    async close() {
      const current = slots;
      slots = [];
      await Promise.all(current.map((slot) => slot.worker.terminate()));
    },
  };
}
