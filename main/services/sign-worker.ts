// Worker thread for the sign pool: signs credentials with eddsa-rdfc-2022 (offline loader).
import { parentPort } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { signDataIntegrity, type SignDataIntegrityOptions } from '../../shared/sign/data-integrity.js';
import { signedTexts } from './sign-pool.js';

export interface SignJob {
  id: number;
  credential: Record<string, unknown>;
  options: Omit<SignDataIntegrityOptions, 'documentLoader'>;
}

/** Several credentials signed with the same options; the reply holds each one as [pretty JSON, compact JSON]. */
export interface SignManyJob {
  id: number;
  credentials: Record<string, unknown>[];
  options: Omit<SignDataIntegrityOptions, 'documentLoader'>;
}

export type SignReply =
  | { id: number; signed: Record<string, unknown> }
  | { id: number; texts: [string, string][] }
  | { id: number; error: { code: `ERR_${string}`; message: string } };

function handle(job: SignJob | SignManyJob): Promise<SignReply> {
  if ('credentials' in job) {
    return Promise.all(job.credentials.map(async (credential) => signedTexts(await signDataIntegrity(credential, job.options)))).then((texts) => ({ id: job.id, texts }));
  }
  return signDataIntegrity(job.credential, job.options).then((signed) => ({ id: job.id, signed }));
}

const port = parentPort;
if (port) {
  port.on('message', (job: SignJob | SignManyJob) => {
    handle(job).then(
      (reply) => port.postMessage(reply),
      (error: unknown) => {
        const { code, message } = toBadgeError(error);
        port.postMessage({ id: job.id, error: { code, message } } satisfies SignReply);
      },
    );
  });
}
