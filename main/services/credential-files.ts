/**
 * The files of issued credentials, produced where the signing happens (a sign-pool thread, or this
 * one): each credential is signed (Data Integrity, VC-JWT or OB 2.0 JWS) or taken as given, baked
 * into every badge image, written atomically (temporary sibling, then rename) and hashed. Doing this
 * on the signing threads keeps the main thread free for the CSV and the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bakeImage, type PreparedImage } from '../../shared/bake/prepare.js';
import type { BadgeVersion } from '../../shared/bake/unbake.js';
import { BadgeError } from '../../shared/errors.js';
import { signDataIntegrity } from '../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../shared/sign/ed25519.js';
import { signOb2Jws, signVcJwt } from '../../shared/sign/jwt.js';

export interface CredentialFileJob {
  /** File name without extension (the issuance id). */
  stem: string;
  extension: 'json' | 'jws';
  version: BadgeVersion;
  /**
   * What to sign, with the options' key: an OB 3.0 credential with Data Integrity (and its proof's
   * `created`) or as a VC-JWT, an OB 2.0 assertion as a JWS; or the file's text, ready.
   */
  content:
    | { dataIntegrity: Record<string, unknown>; created: string }
    | { vcJwt: Record<string, unknown> }
    | { ob2Jws: Record<string, unknown> }
    | { text: string };
  /**
   * When restoring an issued credential: the SHA-256 of each of its files by name. Nothing is written
   * unless every file comes out identical (same names, same bytes).
   */
  expected?: Record<string, string>;
  /** This credential's own images to bake (personalised artwork), instead of the options' images. */
  images?: readonly PreparedImage[];
}

export interface CredentialFileOptions {
  /** Existing folder the files go into. */
  dir: string;
  /** Images to bake each credential into (one file per image, named after its kind). */
  images: readonly PreparedImage[];
  /** The Ed25519 key for Data Integrity jobs. */
  ed25519?: { privateKey: Ed25519PrivateJwk; verificationMethod: string };
  /** The RSA key for VC-JWT (RS256, with the URL of its public JWK as `kid`) and OB 2.0 JWS jobs. */
  rsa?: { privateKey: JsonWebKey; kid: string };
}

/** A copy of a prepared image in shared memory: messages to the signing threads then share it instead of copying it. */
export function shareImage(image: PreparedImage): PreparedImage {
  const shared = (bytes: Uint8Array) => {
    const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
    copy.set(bytes);
    return copy;
  };
  return { ...image, head: shared(image.head), tail: shared(image.tail) };
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

/** Temporary names: unique per thread (random) and per file (a counter), without drawing random bytes per file. */
const tempPrefix = randomBytes(6).toString('hex');
let tempCount = 0;

function writeAtomicSync(dir: string, name: string, data: string | Uint8Array): void {
  const temp = join(dir, `.${name}.${tempPrefix}${(tempCount++).toString(36)}.tmp`);
  try {
    writeFileSync(temp, data, { mode: 0o644 });
    renameSync(temp, join(dir, name));
  } catch (error) {
    rmSync(temp, { force: true });
    throw new BadgeError('ERR_FILE_WRITE', `Could not write ${join(dir, name)}: ${(error as Error).message}. Check the output folder's free space and permissions, then run the command again.`, { cause: error });
  }
}

/** The file's text and the text to bake, signing the credential first when needed. */
async function credentialTexts({ content }: CredentialFileJob, { ed25519, rsa }: CredentialFileOptions): Promise<[string, string]> {
  if ('text' in content) return [content.text, bakedText(content.text)];
  if ('dataIntegrity' in content) {
    const signed = await signDataIntegrity(content.dataIntegrity, { ...required(ed25519), created: content.created });
    return [`${JSON.stringify(signed, null, 2)}\n`, JSON.stringify(signed)];
  }
  const { privateKey, kid } = required(rsa);
  const jws = 'vcJwt' in content ? await signVcJwt(content.vcJwt, { privateKey, alg: 'RS256', kid }) : await signOb2Jws(content.ob2Jws, { privateKey });
  return [jws, jws];
}

function required<T>(key: T | undefined): T {
  if (key === undefined) throw new BadgeError('ERR_INTERNAL', 'A credential to sign was sent without its key.');
  return key;
}

/**
 * Produces every job's files, in order: for each job its files, or null for a restore that would
 * not be identical (nothing written). The files are not fsynced one by one: they derive from the
 * workspace database and `issue` run again restores them (see issue-batch.ts). When a job fails,
 * the files of the jobs before it stay written.
 */
export async function produceCredentialFiles(jobs: readonly CredentialFileJob[], options: CredentialFileOptions): Promise<(WrittenFile[] | null)[]> {
  // Signed together: each signature waits on WebCrypto while the next credential is canonicalized.
  const texts = await Promise.all(jobs.map((job) => credentialTexts(job, options)));
  return jobs.map((job, index) => {
    const [text, baked] = texts[index]!;
    const outputs: [string, string | Uint8Array][] = [[`${job.stem}.${job.extension}`, text]];
    for (const image of job.images ?? options.images) outputs.push([`${job.stem}.${image.kind}`, bakeImage(image, baked, job.version)]);
    const files = outputs.map(([name, data]) => ({
      name,
      sha256: createHash('sha256').update(data).digest('hex'),
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length,
    }));
    if (job.expected && !identical(files, job.expected)) return null;
    outputs.forEach(([name, data]) => writeAtomicSync(options.dir, name, data));
    return files;
  });
}

function identical(files: WrittenFile[], expected: Record<string, string>): boolean {
  return files.length === Object.keys(expected).length && files.every((file) => expected[file.name] === file.sha256);
}
