/**
 * The files of issued credentials, produced where the signing happens (a sign-pool thread, or this
 * one): each credential is signed with Data Integrity or taken as given, baked into every badge
 * image, written atomically (temporary sibling, then rename) and hashed. Doing this on the signing
 * threads keeps the main thread free for the CSV and the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bakeImage, type PreparedImage } from '../../shared/bake/prepare.js';
import type { BadgeVersion } from '../../shared/bake/unbake.js';
import { BadgeError } from '../../shared/errors.js';
import { signDataIntegrity } from '../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../shared/sign/ed25519.js';

export interface CredentialFileJob {
  /** File name without extension (the issuance id). */
  stem: string;
  extension: 'json' | 'jws';
  version: BadgeVersion;
  /** An OB 3.0 credential to sign with Data Integrity, with its proof's `created`; or the file's text, ready. */
  content: { unsigned: Record<string, unknown>; created: string } | { text: string };
}

export interface CredentialFileOptions {
  /** Existing folder the files go into. */
  dir: string;
  /** Images to bake each credential into (one file per image, named after its kind). */
  images: readonly PreparedImage[];
  /** Required when a job holds an unsigned credential. */
  signer?: { privateKey: Ed25519PrivateJwk; verificationMethod: string };
}

export interface WrittenFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** The text baked into images: compact JSON for a JSON credential, the JWS itself otherwise. */
function bakedText(text: string): string {
  return text.startsWith('{') ? JSON.stringify(JSON.parse(text)) : text.trim();
}

function writeAtomicSync(dir: string, name: string, data: string | Uint8Array): void {
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, { mode: 0o644 });
    renameSync(temp, join(dir, name));
  } catch (error) {
    rmSync(temp, { force: true });
    throw new BadgeError('ERR_FILE_WRITE', `Could not write ${join(dir, name)}: ${(error as Error).message}. Check the output folder's free space and permissions, then run the command again.`, { cause: error });
  }
}

/** The file's text and the text to bake, signing the credential first when needed. */
async function credentialTexts(job: CredentialFileJob, options: CredentialFileOptions): Promise<[string, string]> {
  if (!('unsigned' in job.content)) return [job.content.text, bakedText(job.content.text)];
  if (!options.signer) throw new BadgeError('ERR_INTERNAL', 'A credential to sign was sent without its key.');
  const signed = await signDataIntegrity(job.content.unsigned, { ...options.signer, created: job.content.created });
  return [`${JSON.stringify(signed, null, 2)}\n`, JSON.stringify(signed)];
}

/**
 * Produces every job's files, in order. The files are not fsynced (see writeFilesAtomic in
 * files.ts for why); when a job fails, the files of the jobs before it stay written.
 */
export async function produceCredentialFiles(jobs: readonly CredentialFileJob[], options: CredentialFileOptions): Promise<WrittenFile[][]> {
  // Signed together: each signature waits on WebCrypto while the next credential is canonicalized.
  const texts = await Promise.all(jobs.map((job) => credentialTexts(job, options)));
  const results: WrittenFile[][] = [];
  jobs.forEach((job, index) => {
    const [text, baked] = texts[index]!;
    const outputs: [string, string | Uint8Array][] = [[`${job.stem}.${job.extension}`, text]];
    for (const image of options.images) outputs.push([`${job.stem}.${image.kind}`, bakeImage(image, baked, job.version)]);
    results.push(
      outputs.map(([name, data]) => {
        writeAtomicSync(options.dir, name, data);
        return { name, sha256: createHash('sha256').update(data).digest('hex'), bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length };
      }),
    );
  });
  return results;
}
