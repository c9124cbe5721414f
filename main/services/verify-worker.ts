// Worker thread of verify-files.ts: verifies batches of badge files with its own resolver and memo for the run.
import { parentPort, workerData } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
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

async function verifyBatch(job: VerifyJob): Promise<VerifyResult[]> {
  const results: VerifyResult[] = [];
  for (const { id, file } of job.batch) {
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
  port.on('message', (job: VerifyJob) => {
    queue = queue.then(async () =>
      port.postMessage({ results: await verifyBatch(job) } satisfies VerifyReply),
    );
  });
}
