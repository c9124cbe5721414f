// Worker thread for the sign pool: signs credentials with eddsa-rdfc-2022 (offline loader) and
// produces the files of issued credentials.
import { parentPort } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { signDataIntegrity, type SignDataIntegrityOptions } from '../../shared/sign/data-integrity.js';
import { explainError } from './system-errors.js';
import { produceCredentialFiles, type CredentialFileJob, type CredentialFileOptions, type WrittenFile } from './credential-files.js';

export interface SignJob {
  id: number;
  credential: Record<string, unknown>;
  options: Omit<SignDataIntegrityOptions, 'documentLoader'>;
}

/** Several credentials' files, produced on this thread (see credential-files.ts). */
export interface FilesJob {
  id: number;
  jobs: CredentialFileJob[];
  options: CredentialFileOptions;
}

export type SignReply =
  | { id: number; signed: Record<string, unknown> }
  | { id: number; files: (WrittenFile[] | null)[] }
  | { id: number; error: { code: `ERR_${string}`; message: string } };

function handle(job: SignJob | FilesJob): Promise<SignReply> {
  if ('jobs' in job) return produceCredentialFiles(job.jobs, job.options).then((files) => ({ id: job.id, files }));
  return signDataIntegrity(job.credential, job.options).then((signed) => ({ id: job.id, signed }));
}

const port = parentPort;
if (port) {
  port.on('message', (job: SignJob | FilesJob) => {
    handle(job).then(
      (reply) => port.postMessage(reply),
      (error: unknown) => {
        const { code, message } = toBadgeError(explainError(error));
        port.postMessage({ id: job.id, error: { code, message } } satisfies SignReply);
      },
    );
  });
}
