// Issue 15 §4: `keys import` validates the whole decrypted backup (issuer, every key's private
// part, the key-derivation cost) before writing anything.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64urlEncode, utf8Encode } from '../../../shared/bytes.js';
import { listKeys } from '../../../main/db/repos/keys.js';
import { getIssuer } from '../../../main/db/repos/issuer.js';
import { exportKeys, importKeys, initKeystore, isBoundedScryptParams, type PrivateJwk } from '../../../main/services/keystore.js';
import { newScryptParams, passphraseBox, type ScryptParams } from '../../../main/services/secret-box.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';

const clock = () => new Date('2026-05-01T12:00:00Z');
const cost = { N: 2 ** 10 };
const tmp = () => mkdtempSync(join(tmpdir(), 'bs-import-'));

interface Payload {
  issuer: Record<string, unknown> | null;
  keys: { record: Record<string, unknown>; privateJwk: PrivateJwk }[];
}

/** Seals any payload exactly as `keys export` does, so that only its content is hostile. */
async function seal(payload: unknown, kdf: ScryptParams = newScryptParams(cost)): Promise<Uint8Array> {
  const box = await passphraseBox('b', kdf);
  const sealed = await box.seal(utf8Encode(JSON.stringify(payload)), utf8Encode('badgesmith-keys-backup/v1'));
  return utf8Encode(JSON.stringify({ format: 'badgesmith-keys-backup', version: 1, kdf, sealed: base64urlEncode(sealed) }));
}

/** What a failed import must leave: an empty folder stays empty of keys, issuer and keystore. */
function expectUntouched(ws: Workspace): void {
  expect(readdirSync(ws.paths.keys)).toEqual([]);
  expect(getIssuer(ws.db)).toBeUndefined();
  expect(listKeys(ws.db)).toEqual([]);
}

describe('keys import checks the whole backup before writing', () => {
  let good: Payload;

  beforeAll(async () => {
    const ws = createWorkspace(join(tmp(), 'ws'), { clock });
    createIssuer(ws, { name: 'Amicale', url: 'https://amicale.example.org/', siteUrl: 'https://badges.example.org/amicale/' });
    const keystore = await initKeystore(ws, 'pw', { cost });
    const backup = await exportKeys(ws, keystore, 'b', { cost });
    // Open it the way import does, to get the genuine payload to tamper with.
    const file = JSON.parse(Buffer.from(backup).toString('utf8')) as { kdf: ScryptParams; sealed: string };
    const box = await passphraseBox('b', file.kdf);
    const plain = await box.open(Buffer.from(file.sealed, 'base64url'), utf8Encode('badgesmith-keys-backup/v1'));
    good = JSON.parse(Buffer.from(plain).toString('utf8')) as Payload;
    ws.close();
  });

  const target = () => createWorkspace(join(tmp(), 'target'), { clock });
  const variant = (change: (payload: Payload) => void): Payload => {
    const copy = structuredClone(good);
    change(copy);
    return copy;
  };

  it('imports the genuine backup (the control case)', async () => {
    const ws = target();
    const result = await importKeys(ws, await seal(good), 'b', 'pw', { cost });
    expect(result.imported).toHaveLength(3);
    expect(result.issuerRestored).toBe(true);
  });

  const hostile: [string, (payload: Payload) => void][] = [
    ['an issuer whose site URL is not a URL', (p) => void (p.issuer!.siteUrl = 'not a url')],
    ['an issuer whose DID does not match its site URL', (p) => void (p.issuer!.did = 'did:web:evil.example')],
    ['an issuer without a name', (p) => void (p.issuer!.name = '')],
    ['an issuer with an unknown language', (p) => void (p.issuer!.language = 'xx')],
    ['an issuer image that is a path', (p) => void (p.issuer!.image = '../../etc/passwd')],
    ['an issuer that is not an object', (p) => void ((p as { issuer: unknown }).issuer = 'acme')],
    ['a key without its private part', (p) => void delete (p.keys[0]!.privateJwk as Record<string, unknown>).d],
    ['an RSA key without its CRT members', (p) => {
      const rsa = p.keys.find((k) => k.record.type === 'RSA')!.privateJwk as Record<string, unknown>;
      delete rsa.p;
      delete rsa.qi;
    }],
    ['a private part that does not match the public key', (p) => {
      const [a, b] = p.keys.filter((k) => k.record.type === 'Ed25519' || k.record.type === 'P-256');
      (a!.privateJwk as Record<string, unknown>).d = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      void b;
    }],
    ['a key whose id is not its thumbprint', (p) => void (p.keys[0]!.record.id = 'not-the-thumbprint')],
    ['a key of another type than its record says', (p) => void (p.keys[0]!.record.type = 'RSA')],
    ['an unknown key status', (p) => void (p.keys[0]!.record.status = 'compromised')],
    ['the same key twice', (p) => void p.keys.push(structuredClone(p.keys[0]!))],
    ['no keys at all', (p) => void (p.keys = [])],
  ];
  it.each(hostile)('refuses %s with ERR_BACKUP_INVALID and writes nothing', async (_name, change) => {
    const ws = target();
    await expect(importKeys(ws, await seal(variant(change)), 'b', 'pw', { cost })).rejects.toMatchObject({ code: 'ERR_BACKUP_INVALID' });
    expectUntouched(ws);
  });

  it('refuses a hostile key-derivation cost before deriving (was: 1.1 GB and 11 s)', async () => {
    const ws = target();
    const kdf = { ...newScryptParams(cost), N: 2 ** 20, p: 4 };
    const backup = utf8Encode(JSON.stringify({ format: 'badgesmith-keys-backup', version: 1, kdf, sealed: base64urlEncode(new Uint8Array(64)) }));
    const started = performance.now();
    await expect(importKeys(ws, backup, 'b', 'pw', { cost })).rejects.toMatchObject({ code: 'ERR_BACKUP_INVALID', message: expect.stringMatching(/before deriving/) });
    expect(performance.now() - started).toBeLessThan(500);
    expectUntouched(ws);
    expect(existsSync(join(ws.paths.keys, 'keystore.json'))).toBe(false);
  });

  it('bounds scrypt at 2^17 work, accepting what export writes', () => {
    expect(isBoundedScryptParams(newScryptParams())).toBe(true);
    expect(isBoundedScryptParams({ ...newScryptParams(), N: 2 ** 17 })).toBe(true);
    expect(isBoundedScryptParams({ ...newScryptParams(), N: 2 ** 18 })).toBe(false);
    expect(isBoundedScryptParams({ ...newScryptParams(), N: 2 ** 17, p: 2 })).toBe(false);
    expect(isBoundedScryptParams({ ...newScryptParams(), salt: 'c2hvcnQ' })).toBe(false);
  });
});
