import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { shareImage, type CredentialFileJob } from '../../../main/services/credential-files.js';
import { createSignPool } from '../../../main/services/sign-pool.js';
import { prepareImage } from '../../../shared/bake/prepare.js';
import { unbake } from '../../../shared/bake/unbake.js';
import { signDataIntegrity, verifyDataIntegrity } from '../../../shared/sign/data-integrity.js';
import { createDocumentLoader } from '../../../shared/sign/document-loader.js';
import { generateEd25519PrivateJwk, type Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { signOb2Jws, signVcJwt } from '../../../shared/sign/jwt.js';
import { sampleCredential, verificationMethodFor } from '../../../bench/ob3-di-fixtures.js';
import { repoRoot } from '../../cli/helpers.js';
import { bytesOf, makePng } from '../../shared/bake/fixtures.js';

// The worker is bundled like scripts/build.mjs does, into a scratch folder inside the repo so that
// its package imports resolve from node_modules.
const scratch = join(repoRoot, '.tmp', `sign-pool-${process.pid}`);
const workerFile = join(scratch, 'sign-worker.js');
const created = '2024-06-01T12:00:00Z';
const OB2_ASSERTION = { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: 'urn:uuid:6b1f2c53-4b5e-4c3a-9f61-2d7c5e0f8a11' };
let key: Ed25519PrivateJwk;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  await build({
    entryPoints: [join(repoRoot, 'main/services/sign-worker.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  key = await generateEd25519PrivateJwk();
});

afterAll(async () => {
  const { rmSync } = await import('node:fs');
  rmSync(scratch, { recursive: true, force: true });
});

describe('sign pool', () => {
  it('signs on worker threads exactly as in this thread', async () => {
    const pool = createSignPool({ size: 2, workerFile });
    try {
      expect(pool.threads).toBe(2);
      const options = { privateKey: key, verificationMethod: verificationMethodFor(key), created };
      const credentials = Array.from({ length: 24 }, (_, n) => sampleCredential(n));
      const signed = await Promise.all(credentials.map((c) => pool.sign(c, options)));
      const loader = createDocumentLoader();
      for (let n = 0; n < credentials.length; n++) {
        expect(signed[n]).toEqual(await signDataIntegrity(credentials[n]!, options));
        expect((await verifyDataIntegrity(signed[n]!, { documentLoader: loader })).verified).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });

  it('produceFiles spreads a batch over the threads: signed, baked and written exactly as in this thread', async () => {
    const ed25519 = { privateKey: key, verificationMethod: verificationMethodFor(key) };
    const rsa = { privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JsonWebKey, kid: 'https://example.org/keys/rsa-1.json' };
    const jobs: CredentialFileJob[] = [
      ...Array.from({ length: 7 }, (_, n): CredentialFileJob => ({ stem: `c${n}`, extension: 'json', version: 'ob3', content: { dataIntegrity: sampleCredential(n), created } })),
      { stem: 'given', extension: 'jws', version: 'ob2', content: { text: 'eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln' } },
      { stem: 'vc-jwt', extension: 'jws', version: 'ob3', content: { vcJwt: sampleCredential(8) } },
      { stem: 'ob2-jws', extension: 'jws', version: 'ob2', content: { ob2Jws: OB2_ASSERTION } },
    ];
    const images = [prepareImage(makePng(8, 8)), prepareImage(bytesOf('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'))];
    const pool = createSignPool({ size: 2, workerFile });
    const local = createSignPool({ size: 0 });
    const [threaded, inThread] = [join(scratch, 'threaded'), join(scratch, 'in-thread')];
    mkdirSync(threaded);
    mkdirSync(inThread);
    try {
      // Shared-memory images on the threads, plain ones here: the same bytes either way.
      const written = await pool.produceFiles(jobs, { dir: threaded, images: images.map(shareImage), ed25519, rsa });
      expect(written.map((files) => files!.map((file) => file.name))).toEqual(jobs.map((job) => [`${job.stem}.${job.extension}`, `${job.stem}.png`, `${job.stem}.svg`]));
      expect(await local.produceFiles(jobs, { dir: inThread, images, ed25519, rsa })).toEqual(written);
      expect(readdirSync(threaded).sort()).toEqual(readdirSync(inThread).sort());
      const loader = createDocumentLoader();
      for (const [n, files] of written.entries()) {
        for (const file of files!) {
          const bytes = readFileSync(join(threaded, file.name));
          expect({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }).toEqual({ sha256: file.sha256, bytes: file.bytes });
        }
        const text = readFileSync(join(threaded, files![0]!.name), 'utf8');
        if (n < 7) {
          const expected = await signDataIntegrity(sampleCredential(n), { ...ed25519, created });
          expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
          expect((await verifyDataIntegrity(JSON.parse(text), { documentLoader: loader })).verified).toBe(true);
          expect(JSON.parse(unbake(readFileSync(join(threaded, files![1]!.name))).payload)).toEqual(expected);
        } else {
          const expected = [
            'eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln',
            await signVcJwt(sampleCredential(8), { privateKey: rsa.privateKey, alg: 'RS256', kid: rsa.kid }),
            await signOb2Jws(OB2_ASSERTION, { privateKey: rsa.privateKey }),
          ][n - 7];
          expect(text).toBe(expected);
          expect(unbake(readFileSync(join(threaded, files![2]!.name))).payload).toBe(text);
        }
      }
      expect(await pool.produceFiles([], { dir: threaded, images, ed25519, rsa })).toEqual([]);

      // Restoring: written only when every file comes out with its recorded SHA-256.
      const first = written[0]!;
      const expected = Object.fromEntries(first.map((file) => [file.name, file.sha256]));
      rmSync(join(threaded, first[1]!.name));
      expect(await pool.produceFiles([{ ...jobs[0]!, expected }], { dir: threaded, images, ed25519, rsa })).toEqual([first]);
      expect(createHash('sha256').update(readFileSync(join(threaded, first[1]!.name))).digest('hex')).toBe(first[1]!.sha256);
      rmSync(join(threaded, first[1]!.name));
      const changed = { ...jobs[0]!, content: { dataIntegrity: sampleCredential(1), created }, expected };
      expect(await pool.produceFiles([changed], { dir: threaded, images, ed25519, rsa })).toEqual([null]);
      expect(await pool.produceFiles([{ ...jobs[0]!, expected }], { dir: threaded, images: images.slice(0, 1), ed25519, rsa })).toEqual([null]);
      expect(existsSync(join(threaded, first[1]!.name))).toBe(false);
      await expect(pool.produceFiles([{ ...jobs[0]!, content: { dataIntegrity: sampleCredential(1), created: 'yesterday' } }], { dir: threaded, images, ed25519, rsa })).rejects.toMatchObject({
        code: 'ERR_CREATED_INVALID',
      });
      await expect(pool.produceFiles(jobs.slice(-1), { dir: join(scratch, 'missing'), images, ed25519, rsa })).rejects.toMatchObject({ code: 'ERR_FILE_WRITE' });
      expect(readdirSync(threaded).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      await pool.close();
      await local.close();
    }
  });

  it('passes signing errors back with their code', async () => {
    const pool = createSignPool({ size: 1, workerFile });
    try {
      await expect(pool.sign(sampleCredential(1), { privateKey: key, verificationMethod: verificationMethodFor(key), created: 'yesterday' })).rejects.toMatchObject({
        code: 'ERR_CREATED_INVALID',
      });
      await expect(pool.sign(sampleCredential(1), { privateKey: { ...key, d: 'AA' }, verificationMethod: verificationMethodFor(key), created })).rejects.toMatchObject({
        code: 'ERR_KEY_INVALID',
      });
    } finally {
      await pool.close();
    }
    await expect(pool.sign(sampleCredential(1), { privateKey: key, verificationMethod: verificationMethodFor(key), created })).rejects.toMatchObject({
      code: 'ERR_SIGN_POOL_CLOSED',
    });
  });

  it('signs in this thread when the worker bundle is missing', async () => {
    const pool = createSignPool({ size: 2, workerFile: join(scratch, 'missing.js') });
    try {
      expect(pool.threads).toBe(0);
      const signed = await pool.sign(sampleCredential(2), { privateKey: key, verificationMethod: verificationMethodFor(key), created });
      expect((await verifyDataIntegrity(signed, { documentLoader: createDocumentLoader() })).verified).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
