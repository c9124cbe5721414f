import { rate, compare, round, type Bench, type BenchLine } from './measure.js';
import { createSignPool } from '../main/services/sign-pool.js';
import { signDataIntegrity, verifyDataIntegrity } from '../shared/sign/data-integrity.js';
import { createDocumentLoader } from '../shared/sign/document-loader.js';
import { generateEd25519PrivateJwk } from '../shared/sign/ed25519.js';
import { peerDocumentLoader, peerSign, peerSigner, peerVerify, sampleCredential, verificationMethodFor } from './ob3-di-fixtures.js';

const PEER = '@digitalbazaar/vc@7.3.0 + eddsa-rdfc-2022-cryptosuite@1.3.0';
const CREATED = '2024-06-01T12:00:00Z';
const BATCH = 64;

/** Credentials per second for a pool kept busy with `BATCH` credentials in flight. */
async function batchRate(signOne: (n: number) => Promise<unknown>, ms: number): Promise<number> {
  let n = 0;
  return (await rate(async () => {
    const jobs: Array<Promise<unknown>> = [];
    for (let i = 0; i < BATCH; i++) jobs.push(signOne(n++));
    await Promise.all(jobs);
  }, ms)) * BATCH;
}

async function setup() {
  const key = await generateEd25519PrivateJwk();
  const credentials = Array.from({ length: 1000 }, (_, n) => sampleCredential(n));
  return { key, credentials, verificationMethod: verificationMethodFor(key), peerLoader: peerDocumentLoader(key), signer: await peerSigner(key) };
}

const sign: Bench = {
  name: 'ob3-di-sign',
  async run({ quick }): Promise<BenchLine> {
    const ms = quick ? 500 : 3000;
    const { key, credentials, verificationMethod, peerLoader, signer } = await setup();
    const at = (n: number) => credentials[n % credentials.length]!;
    let p = 0;
    const peer = await rate(() => peerSign(at(p++), signer, CREATED, peerLoader), ms);
    let s = 0;
    const singleThread = await rate(() => signDataIntegrity(at(s++), { privateKey: key, verificationMethod, created: CREATED }), ms);
    const pool = createSignPool();
    try {
      const ours = await batchRate((n) => pool.sign(at(n), { privateKey: key, verificationMethod, created: CREATED }), ms);
      return { ...compare('ob3-di-sign', 'credentials/s', ours, PEER, peer), threads: pool.threads, single_thread: round(singleThread) };
    } finally {
      await pool.close();
    }
  },
};

const verify: Bench = {
  name: 'ob3-di-verify',
  async run({ quick }): Promise<BenchLine> {
    const ms = quick ? 500 : 3000;
    const { key, credentials, verificationMethod, peerLoader } = await setup();
    const signed = await Promise.all(
      credentials.slice(0, 200).map((c) => signDataIntegrity(c, { privateKey: key, verificationMethod, created: CREATED })),
    );
    const loader = createDocumentLoader();
    let p = 0;
    const peer = await rate(async () => {
      if (!(await peerVerify(signed[p++ % signed.length]!, peerLoader))) throw new Error('peer did not verify');
    }, ms);
    let o = 0;
    const ours = await rate(async () => {
      if (!(await verifyDataIntegrity(signed[o++ % signed.length]!, { documentLoader: loader })).verified) throw new Error('not verified');
    }, ms);
    return { ...compare('ob3-di-verify', 'credentials/s', ours, PEER, peer), threads: 1 };
  },
};

export const OB3_DI_BENCHES: Bench[] = [sign, verify];
