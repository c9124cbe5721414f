// Worker thread for certificates: renders certificate PDFs and writes them (see certificate-pool.ts).
import { parentPort } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { writeCertificate, type CertificateJob, type CertificateReply } from './certificate-pool.js';
import { explainError } from './system-errors.js';

const port = parentPort;
if (port) {
  port.on('message', (job: CertificateJob) => {
    writeCertificate(job).then(
      () => port.postMessage({ id: job.id } satisfies CertificateReply),
      (error: unknown) => {
        const { code, message } = toBadgeError(explainError(error));
        port.postMessage({ id: job.id, error: { code, message } } satisfies CertificateReply);
      },
    );
  });
}
