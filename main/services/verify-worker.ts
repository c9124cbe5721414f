// Worker thread of verify-files.ts: verifies batches of badge files with its own resolver and memo for the run.
import { parentPort, workerData } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { importCanonicalTemplates } from '../../shared/sign/canonical-template.js';
import {
  prepareRun,
  type VerifyJob,
  type VerifyReply,
  type VerifyResult,
  type VerifyWorkerData,
} from './verify-files.js';

const { options } = workerData as VerifyWorkerData;
const preparing = prepareRun(options);
const port = parentPort;

async function verifyBatch(batch: NonNullable<VerifyJob['batch']>): Promise<VerifyResult[]> {
  const results: VerifyResult[] = [];
  for (const { id, file } of batch) {
    try {
      const verify = await preparing;
      results.push({ id, report: await verify(file) });
    } catch (error) {
      const { code, message } = toBadgeError(error);
      results.push({ id, error: { code, message } });
    }
  }
  return results;
}

if (port) {
  const ready = (): void => port.postMessage({} satisfies VerifyReply);
  preparing.then(ready, ready);
  // Batches run one after the other: a thread's documents and memo fill once, in order.
  let queue = Promise.resolve();
  port.on('message', ({ batch, templates }: VerifyJob) => {
    if (templates) importCanonicalTemplates(templates);
    if (!batch) return;
    queue = queue.then(async () =>
      port.postMessage({ results: await verifyBatch(batch) } satisfies VerifyReply),
    );
  });
}
