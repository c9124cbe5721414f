import { PNG } from 'pngjs';
import { bakeImage, prepareImage } from '../shared/bake/prepare.js';
import { unbake } from '../shared/bake/unbake.js';
import { compare, rate, round, type Bench } from './measure.js';

/** A ~50 KB RGBA PNG (noisy pixels do not compress), written by pngjs. */
function badgePng(): Uint8Array {
  const png = new PNG({ width: 112, height: 112 });
  let x = 0x9e3779b9;
  for (let i = 0; i < png.data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    png.data[i] = x & 0xff;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** A signed-looking OB 3.0 credential of realistic size (~1.6 KB). */
function credential(n: number): string {
  return JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:0b4c6f4e-3d2b-4f0e-9f53-${String(n).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:web:badges.example.org:acme', type: ['Profile'], name: 'Association des Amis du Vélo', url: 'https://badges.example.org/acme/' },
    validFrom: '2026-01-15T10:00:00Z',
    name: 'Bénévole de l’année',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', hashed: true, identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399', identityType: 'emailAddress', salt: 'Kosher' },
      ],
      achievement: {
        id: 'https://badges.example.org/acme/achievements/benevole.json',
        type: ['Achievement'],
        name: 'Bénévole de l’année',
        description: 'Awarded to the volunteer who gave the most time to the association this year.',
        criteria: { narrative: 'Nominated by the board after a vote of the members at the general assembly.' },
        image: { id: 'https://badges.example.org/acme/achievements/benevole.png', type: 'Image' },
      },
    },
    proof: [
      {
        type: 'DataIntegrityProof',
        created: '2026-01-15T10:00:00Z',
        verificationMethod: 'did:web:badges.example.org:acme#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        proofValue: 'z6eUCAiNWpwrxPXty8pFGZhSq5Cp6jFFmtUpW8Wo7jwvJr97DpQiaGaftymkpZUqmaAUifqmi6XcxeY9YaiTeELe',
      },
    ],
  });
}

const BATCH = 100;

export const bakePngBench: Bench = {
  name: 'bake-png',
  async run({ quick }) {
    const image = badgePng();
    const payloads = Array.from({ length: BATCH }, (_, i) => credential(i));
    const prepared = prepareImage(image);
    let sink = 0;
    const ours =
      BATCH *
      (await rate(() => {
        for (const payload of payloads) sink += bakeImage(prepared, payload, 'ob3').length;
      }, quick ? 500 : 3000));
    // Peer: what a naive pngjs-based baker does per image: decode, then re-encode (and it still drops text chunks).
    const peer = await rate(() => {
      sink += PNG.sync.write(PNG.sync.read(Buffer.from(image))).length;
    }, quick ? 500 : 3000);
    if (sink === 0) throw new Error('unreachable');
    return { ...compare('bake-png', 'PNG/s', ours, 'pngjs decode+encode', peer), image_bytes: image.length, payload_bytes: payloads[0]!.length };
  },
};

export const unbakePngBench: Bench = {
  name: 'unbake-png',
  async run({ quick }) {
    const baked = bakeImage(prepareImage(badgePng()), credential(1), 'ob3');
    let sink = 0;
    const value = await rate(() => {
      for (let i = 0; i < 10; i++) sink += unbake(baked).payload.length;
    }, quick ? 500 : 3000);
    if (sink === 0) throw new Error('unreachable');
    return { name: 'unbake-png', value: round(value * 10), unit: 'PNG/s', image_bytes: baked.length };
  },
};

export const BAKE_BENCHES: Bench[] = [bakePngBench, unbakePngBench];
