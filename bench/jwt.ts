import { generateKeyPair, exportJWK, importJWK, SignJWT } from 'jose';
import { compare, concurrentRate, rate, round, type Bench, type BenchLine } from './measure.js';
import { signVcJwt } from '../shared/sign/jwt.js';
import { ISSUER_ID, sampleCredential } from './ob3-di-fixtures.js';

const PEER = 'jose@6.2.17 SignJWT';
const KID = `${ISSUER_ID}/keys/jwt-1.json`;
/** Credentials in flight at once: WebCrypto signs on libuv's thread pool, so both cores work. */
const IN_FLIGHT = 16;

function jwtBench(alg: 'RS256' | 'ES256'): Bench {
  const name = `ob3-jwt-${alg.toLowerCase()}-sign`;
  return {
    name,
    async run({ quick }): Promise<BenchLine> {
      const ms = quick ? 500 : 3000;
      const { privateKey: generated } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
      const privateJwk = (await exportJWK(generated)) as JsonWebKey;
      const peerKey = await importJWK(privateJwk as Parameters<typeof importJWK>[0], alg);
      const credentials = Array.from({ length: 500 }, (_, n) => sampleCredential(n));
      const at = (n: number) => credentials[n % credentials.length]!;

      const ours = (n: number) => signVcJwt(at(n), { privateKey: privateJwk, alg, kid: KID });
      // The peer does the same job with jose's JWT builder: the credential as claims plus iss, jti, nbf.
      const peer = (n: number) => {
        const credential = at(n);
        return new SignJWT(credential)
          .setProtectedHeader({ alg, kid: KID })
          .setIssuer(ISSUER_ID)
          .setJti(String(credential.id))
          .setNotBefore(Math.floor(Date.parse(String(credential.validFrom)) / 1000))
          .sign(peerKey);
      };

      let p = 0;
      let s = 0;
      const peerSingle = await rate(() => peer(p++), ms / 2);
      const oursSingle = await rate(() => ours(s++), ms / 2);
      const peerBatch = await concurrentRate(peer, IN_FLIGHT, ms);
      const oursBatch = await concurrentRate(ours, IN_FLIGHT, ms);
      return {
        ...compare(name, 'credentials/s', oursBatch, PEER, peerBatch),
        in_flight: IN_FLIGHT,
        single: round(oursSingle),
        peer_single: round(peerSingle),
      };
    },
  };
}

export const JWT_BENCHES: Bench[] = [jwtBench('RS256'), jwtBench('ES256')];
