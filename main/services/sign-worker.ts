// Worker thread for the sign pool: signs credentials with eddsa-rdfc-2022 (offline loader).
import { parentPort } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { signDataIntegrity, type SignDataIntegrityOptions } from '../../shared/sign/data-integrity.js';

export interface SignJob {
  id: number;
  credential: Record<string, unknown>;
  options: Omit<SignDataIntegrityOptions, 'documentLoader'>;
}

export type SignReply = { id: number; signed: Record<string, unknown> } | { id: number; error: { code: `ERR_${string}`; message: string } };

const port = parentPort;
if (port) {
  port.on('message', (job: SignJob) => {
    signDataIntegrity(job.credential, job.options).then(
      (signed) => port.postMessage({ id: job.id, signed } satisfies SignReply),
      (error: unknown) => {
        const { code, message } = toBadgeError(error);
        port.postMessage({ id: job.id, error: { code, message } } satisfies SignReply);
      },
    );
  });
}
