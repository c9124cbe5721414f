import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSignPool } from '../../../main/services/sign-pool.js';
import { signDataIntegrity, verifyDataIntegrity } from '../../../shared/sign/data-integrity.js';
import { createDocumentLoader } from '../../../shared/sign/document-loader.js';
import { generateEd25519PrivateJwk, type Ed25519PrivateJwk } from '../../../shared/sign/ed25519.js';
import { sampleCredential, verificationMethodFor } from '../../../bench/ob3-di-fixtures.js';
import { repoRoot } from '../../cli/helpers.js';

// The worker is bundled like scripts/build.mjs does, into a scratch folder inside the repo so that
// its package imports resolve from node_modules.
const scratch = join(repoRoot, '.tmp', `sign-pool-${process.pid}`);
const workerFile = join(scratch, 'sign-worker.js');
const created = '2024-06-01T12:00:00Z';
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

  it('signJson spreads a batch over the threads and returns pretty and compact JSON in order, as in this thread', async () => {
    const options = { privateKey: key, verificationMethod: verificationMethodFor(key), created };
    const credentials = Array.from({ length: 7 }, (_, n) => sampleCredential(n));
    const pool = createSignPool({ size: 2, workerFile });
    const local = createSignPool({ size: 0 });
    try {
      const texts = await pool.signJson(credentials, options);
      expect(texts).toHaveLength(7);
      expect(texts).toEqual(await local.signJson(credentials, options));
      const loader = createDocumentLoader();
      for (let n = 0; n < credentials.length; n++) {
        const [pretty, compact] = texts[n]!;
        const expected = await signDataIntegrity(credentials[n]!, options);
        expect(pretty).toBe(`${JSON.stringify(expected, null, 2)}\n`);
        expect(JSON.parse(compact)).toEqual(expected);
        expect((await verifyDataIntegrity(JSON.parse(compact), { documentLoader: loader })).verified).toBe(true);
      }
      expect(await pool.signJson([], options)).toEqual([]);
      await expect(pool.signJson([sampleCredential(1)], { ...options, created: 'yesterday' })).rejects.toMatchObject({ code: expect.stringMatching(/^ERR_/) });
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
