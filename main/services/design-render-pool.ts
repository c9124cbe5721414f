/**
 * Personalised PNGs of one design on worker threads, one per core (out/design-render-worker.js):
 * each thread keeps the parts of the design that do not depend on the fields (see
 * design-render-fields.ts) and renders the images it is sent. A few images per thread are in
 * flight; the others wait here as their field values only. Falls back to this thread when the
 * bundled worker is missing or there is a single core.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadgeError, toBadgeError } from '../../shared/errors.js';
import type { BadgeDesign, FieldValues } from '../../shared/design/model.js';
import { createFieldPngRenderer, type FieldPngRenderer } from './design-render-fields.js';

export type DesignRenderMessage =
  | { kind: 'design'; design: BadgeDesign; size: number }
  | { kind: 'render'; id: number; fields: FieldValues };

export type DesignRenderReply =
  | { id: number; png: Uint8Array }
  | { id: number; error: { code: `ERR_${string}`; message: string } };

export interface PngPool {
  render(fields: FieldValues): Promise<Uint8Array>;
  close(): Promise<void>;
  /** Worker threads rendering; 0 when this thread does. */
  readonly threads: number;
}

export interface PngPoolOptions {
  /** Worker threads; default one per core, none on a single core. 0 renders in this thread. */
  threads?: number;
  workerFile?: string;
}

/** Images sent to a thread before it answers: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_THREAD = 4;
/** The thread holds one design's parts and a few images: a small heap is collected sooner. */
const WORKER_OLD_GENERATION_MB = 96;

export function findDesignRenderWorker(): string | undefined {
  const candidates = [
    new URL('./design-render-worker.js', import.meta.url),
    new URL('../../out/design-render-worker.js', import.meta.url),
  ];
  for (const url of candidates) {
    if (url.protocol !== 'file:') continue;
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  return undefined;
}

interface Job {
  id: number;
  fields: FieldValues;
  resolve: (png: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Job>;
}

function inThread(design: BadgeDesign, size: number): PngPool {
  let renderer: FieldPngRenderer | undefined;
  return {
    threads: 0,
    render(fields) {
      try {
        renderer ??= createFieldPngRenderer(design, size);
        return Promise.resolve(renderer.render(fields));
      } catch (error) {
        return Promise.reject(toBadgeError(error));
      }
    },
    close() {
      renderer = undefined;
      return Promise.resolve();
    },
  };
}

export function createPngPool(
  design: BadgeDesign,
  size: number,
  options: PngPoolOptions = {},
): PngPool {
  const cores = availableParallelism();
  const threads = Math.max(0, Math.floor(options.threads ?? (cores > 1 ? cores : 0)));
  const workerFile = threads > 0 ? (options.workerFile ?? findDesignRenderWorker()) : undefined;
  if (workerFile === undefined) return inThread(design, size);

  let slots: Slot[] = [];
  const waiting: Job[] = [];
  let nextId = 1;

  const failAll = (error: Error) => {
    for (const job of waiting.splice(0)) job.reject(error);
  };

  const pump = () => {
    while (waiting.length > 0 && slots.length > 0) {
      let slot = slots[0]!;
      for (const candidate of slots) {
        if (candidate.pending.size < slot.pending.size) slot = candidate;
      }
      if (slot.pending.size >= IN_FLIGHT_PER_THREAD) return;
      const job = waiting.shift()!;
      // A thread with images to draw keeps the process alive until they come back.
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(job.id, job);
      slot.worker.postMessage({
        kind: 'render',
        id: job.id,
        fields: job.fields,
      } satisfies DesignRenderMessage);
    }
  };

  const retire = (slot: Slot, error: Error) => {
    if (!slots.includes(slot)) return;
    slots = slots.filter((s) => s !== slot);
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
    void slot.worker.terminate();
    if (slots.length === 0) failAll(error);
    else pump();
  };

  for (let i = 0; i < threads; i++) {
    const worker = new Worker(workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: DesignRenderReply) => {
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) slot.worker.unref();
      if ('error' in reply) job.reject(new BadgeError(reply.error.code, reply.error.message));
      else job.resolve(reply.png);
      pump();
    });
    const failed = (cause?: unknown) =>
      retire(
        slot,
        new BadgeError(
          'ERR_INTERNAL',
          'A thread drawing personalised badge images stopped; issue the badges again.',
          {
            cause,
          },
        ),
      );
    worker.on('error', failed);
    worker.on('exit', () => failed());
    worker.postMessage({ kind: 'design', design, size } satisfies DesignRenderMessage);
    // Idle threads do not keep the process alive (after the listeners, which would ref it again).
    worker.unref();
    slots.push(slot);
  }

  return {
    get threads() {
      return slots.length;
    },
    render(fields) {
      if (slots.length === 0) {
        return Promise.reject(
          new BadgeError('ERR_INTERNAL', 'The personalised image threads are closed.'),
        );
      }
      return new Promise<Uint8Array>((resolve, reject) => {
        waiting.push({ id: nextId++, fields, resolve, reject });
        pump();
      });
    },
    async close() {
      const current = slots;
      slots = [];
      failAll(
        new BadgeError(
          'ERR_INTERNAL',
          'The personalised renderer was closed before this image was drawn.',
        ),
      );
      await Promise.all(current.map((slot) => slot.worker.terminate()));
    },
  };
}
