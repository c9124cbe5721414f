// Worker thread of verify-files.ts: verifies badge files with its own offline resolver.
import { parentPort, workerData } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { resolverFromSources } from './verify-sources.js';
import { verifyOneFile, type VerifyJob, type VerifyReply, type VerifyWorkerData } from './verify-files.js';

const { options } = workerData as VerifyWorkerData;
const resolving = resolverFromSources(options.sources);
const port = parentPort;
if (port) {
  port.on('message', (job: VerifyJob) => {
    resolving
      .then((resolve) => verifyOneFile(job.file, options, resolve))
      .then(
        (report) => port.postMessage({ id: job.id, report } satisfies VerifyReply),
        (error: unknown) => {
          const { code, message } = toBadgeError(error);
          port.postMessage({ id: job.id, error: { code, message } } satisfies VerifyReply);
        },
      );
  });
}
