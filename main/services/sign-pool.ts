/**
 * Signs credentials (eddsa-rdfc-2022), and produces issued credentials' files, on worker threads,
 * one per core. Falls back to this thread when the bundled worker (out/sign-worker.js) is missing
 * or a documentLoader is given (functions cannot cross threads; workers use the offline loader of
 * known contexts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadgeError } from '../../shared/errors.js';
import { signDataIntegrity, type SignDataIntegrityOptions } from '../../shared/sign/data-integrity.js';
import { produceCredentialFiles, type CredentialFileJob, type CredentialFileOptions, type WrittenFile } from './credential-files.js';
import type { FilesJob, SignJob, SignReply } from './sign-worker.js';

type Credential = Record<string, unknown>;

export interface SignPool {
  sign(credential: Credential, options: SignDataIntegrityOptions): Promise<Credential>;
  /** Produces the files of many credentials, spread over the threads in a few large messages; results in order. */
  produceFiles(jobs: CredentialFileJob[], options: CredentialFileOptions): Promise<(WrittenFile[] | null)[]>;
  close(): Promise<void>;
  /** Number of worker threads; 0 when signing happens in this thread. */
  readonly threads: number;
}

export interface SignPoolOptions {
  /** Worker threads; default: one per available core. 0 signs in this thread. */
  size?: number;
  /** Path of the bundled worker; default: out/sign-worker.js found next to this module or the repo's out/. */
  workerFile?: string;
}

/**
 * A worker's live data is small (contexts, one chunk of credentials); without a limit V8 lets each
 * heap grow to gigabytes before collecting, which cost ~60 MB of RSS in an all-formats batch.
 */
const WORKER_OLD_GENERATION_MB = 128;

interface Pending {
  resolve: (result: Credential | (WrittenFile[] | null)[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

export function findSignWorker(): string | undefined {
  const candidates = [new URL('./sign-worker.js', import.meta.url), new URL('../../out/sign-worker.js', import.meta.url)];
  for (const url of candidates) {
    if (url.protocol !== 'file:') continue;
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function createSignPool(options: SignPoolOptions = {}): SignPool {
  const size = Math.max(0, Math.floor(options.size ?? availableParallelism()));
  const workerFile = size > 0 ? (options.workerFile ?? findSignWorker()) : undefined;
  let slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const retire = (slot: Slot, error: Error): void => {
    slots = slots.filter((s) => s !== slot);
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
    void slot.worker.terminate();
  };

  if (workerFile !== undefined && existsSync(workerFile)) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB } }), pending: new Map() };
      slot.worker.unref();
      slot.worker.on('message', (reply: SignReply) => {
        const job = slot.pending.get(reply.id);
        if (!job) return;
        slot.pending.delete(reply.id);
        if (slot.pending.size === 0) slot.worker.unref();
        if ('signed' in reply) job.resolve(reply.signed);
        else if ('files' in reply) job.resolve(reply.files);
        else job.reject(new BadgeError(reply.error.code, reply.error.message));
      });
      slot.worker.on('error', (cause) => retire(slot, new BadgeError('ERR_SIGN_WORKER', 'A signing thread failed; the credentials it held were not signed.', { cause })));
      slot.worker.on('exit', () => {
        if (slots.includes(slot)) retire(slot, new BadgeError('ERR_SIGN_WORKER', 'A signing thread stopped; the credentials it held were not signed.'));
      });
      slots.push(slot);
    }
  }

  const leastBusy = (): Slot => {
    let slot = slots[0]!;
    for (const candidate of slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    return slot;
  };

  const post = (slot: Slot, job: (id: number) => SignJob | FilesJob): Promise<Credential | (WrittenFile[] | null)[]> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref();
      try {
        slot.worker.postMessage(job(id));
      } catch (cause) {
        slot.pending.delete(id);
        reject(new BadgeError('ERR_CREDENTIAL_INVALID', 'The credential cannot be passed to a signing thread (it must be plain JSON).', { cause }));
      }
    });
  };

  return {
    get threads() {
      return slots.length;
    },
    sign(credential, signOptions) {
      if (closed) return Promise.reject(new BadgeError('ERR_SIGN_POOL_CLOSED', 'The signing pool was closed.'));
      if (slots.length === 0 || signOptions.documentLoader !== undefined) return signDataIntegrity(credential, signOptions);
      const { documentLoader: _loader, ...plain } = signOptions;
      return post(leastBusy(), (id) => ({ id, credential, options: plain })) as Promise<Credential>;
    },
    async produceFiles(jobs, fileOptions) {
      if (closed) throw new BadgeError('ERR_SIGN_POOL_CLOSED', 'The signing pool was closed.');
      if (jobs.length === 0) return [];
      if (slots.length === 0) return produceCredentialFiles(jobs, fileOptions);
      const parts = Math.min(slots.length, jobs.length);
      const size = Math.ceil(jobs.length / parts);
      const replies = await Promise.all(
        Array.from({ length: parts }, (_, part) => {
          const batch = jobs.slice(part * size, (part + 1) * size);
          return post(leastBusy(), (id) => ({ id, jobs: batch, options: fileOptions })) as Promise<(WrittenFile[] | null)[]>;
        }),
      );
      return replies.flat();
    },
    async close() {
      closed = true;
      const current = slots;
      slots = [];
      for (const slot of current) {
        for (const job of slot.pending.values()) job.reject(new BadgeError('ERR_SIGN_POOL_CLOSED', 'The signing pool was closed before this credential was signed.'));
        slot.pending.clear();
      }
      await Promise.all(current.map((slot) => slot.worker.terminate()));
    },
  };
}
