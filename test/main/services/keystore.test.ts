import { createPublicKey, sign as nodeSign, verify as nodeVerify, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64urlDecode } from '../../../shared/bytes.js';
import { buildDidDocument } from '../../../shared/did/web.js';
import { createIssuer, createWorkspace, openWorkspace, type Workspace } from '../../../main/services/workspace.js';
import type { KeyRecord } from '../../../main/db/repos/keys.js';
import { exportKeys, importKeys, initKeystore, openKeystore, type PrivateJwk } from '../../../main/services/keystore.js';

const cost = { N: 2 ** 10 };
const clock = () => new Date('2026-03-01T10:00:00Z');

function freshWorkspace(): Workspace {
  const ws = createWorkspace(mkdtempSync(join(tmpdir(), 'bs-keys-')), { clock });
  createIssuer(ws, { name: 'Amicale des Sauveteurs', url: 'https://amicale.example.org/', siteUrl: 'https://badges.example.org/amicale/' });
  return ws;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Secret members of a private JWK, as base64url text and as raw bytes. */
function secretNeedles(jwk: PrivateJwk): Buffer[] {
  const needles: Buffer[] = [];
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
    const value = jwk[member];
    if (typeof value !== 'string') continue;
    needles.push(Buffer.from(value, 'utf8'));
    needles.push(Buffer.from(base64urlDecode(value) as Uint8Array));
  }
  return needles;
}

describe('keystore', () => {
  it('creates one key of each type whose private JWKs sign and verify with node:crypto', async () => {
    const ws = freshWorkspace();
    const keystore = await initKeystore(ws, 'correct horse', { cost });
    expect(keystore.list().map((k) => k.type)).toEqual(['Ed25519', 'RSA', 'P-256']);
    for (const record of keystore.list()) {
      const jwk = await keystore.privateJwk(record.id);
      const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      const publicKey = createPublicKey({ key: record.publicJwk, format: 'jwk' });
      const algorithm = record.type === 'Ed25519' ? null : 'sha256';
      const signature = nodeSign(algorithm, Buffer.from('badge'), privateKey);
      expect(nodeVerify(algorithm, Buffer.from('badge'), publicKey, signature)).toBe(true);
      expect(record.publicJwk).not.toHaveProperty('d');
    }
    expect(keystore.activeKey('RSA').publicJwk.kty).toBe('RSA');
    ws.close();
  });

  it('reopens with the right passphrase and refuses a wrong one', async () => {
    const ws = freshWorkspace();
    const first = await initKeystore(ws, 'correct horse', { cost });
    const id = first.activeKey('Ed25519').id;
    const expected = await first.privateJwk(id);
    ws.close();
    const again = openWorkspace(ws.paths.dir, { clock });
    await expect(openKeystore(again, 'wrong horse')).rejects.toMatchObject({ code: 'ERR_PASSPHRASE_WRONG' });
    const reopened = await openKeystore(again, 'correct horse');
    expect(await reopened.privateJwk(id)).toEqual(expected);
    again.close();
  });

  it('detects a modified or swapped key file and does not use it', async () => {
    const ws = freshWorkspace();
    const keystore = await initKeystore(ws, 'pw', { cost });
    const [ed, rsa] = keystore.list();
    const edPath = join(ws.paths.keys, ed!.file);
    const original = readFileSync(edPath, 'utf8');
    const file = JSON.parse(original) as { sealed: string };
    const flipped = file.sealed.slice(0, 30) + (file.sealed[30] === 'A' ? 'B' : 'A') + file.sealed.slice(31);
    writeFileSync(edPath, JSON.stringify({ ...file, sealed: flipped }));
    await expect(keystore.privateJwk(ed!.id)).rejects.toMatchObject({ code: 'ERR_KEY_TAMPERED' });
    writeFileSync(edPath, original);
    await expect(keystore.privateJwk(ed!.id)).resolves.toHaveProperty('d');
    // Put the RSA key's file in place of the Ed25519 one: AAD (id + type) no longer matches.
    copyFileSync(join(ws.paths.keys, rsa!.file), edPath);
    await expect(keystore.privateJwk(ed!.id)).rejects.toMatchObject({ code: 'ERR_KEY_TAMPERED' });
    ws.close();
  });

  it('rotation keeps the old key, retired, in the DID document', async () => {
    const ws = freshWorkspace();
    const keystore = await initKeystore(ws, 'pw', { cost });
    const before = keystore.activeKey('Ed25519');
    const after = await keystore.rotate('Ed25519');
    expect(after.id).not.toBe(before.id);
    expect(keystore.activeKey('Ed25519').id).toBe(after.id);
    const old = keystore.list().find((k) => k.id === before.id);
    expect(old).toMatchObject({ status: 'retired', retired: '2026-03-01T10:00:00Z' });
    const doc = buildDidDocument('did:web:badges.example.org:amicale', keystore.list());
    expect(doc.verificationMethod).toHaveLength(4);
    const multikeys = doc.verificationMethod.filter((vm) => vm.type === 'Multikey').map((vm) => vm.id);
    expect(multikeys).toHaveLength(2);
    expect(doc.assertionMethod).toEqual(expect.arrayContaining(multikeys));
    await expect(keystore.privateJwk(before.id)).resolves.toHaveProperty('d');
    ws.close();
  });

  it('never writes private key bytes in the clear (init + rotate)', async () => {
    const ws = freshWorkspace();
    const keystore = await initKeystore(ws, 'pw', { cost });
    await keystore.rotate('RSA');
    await keystore.rotate('P-256');
    const needles: Buffer[] = [];
    for (const record of keystore.list()) needles.push(...secretNeedles(await keystore.privateJwk(record.id)));
    expect(needles.length).toBeGreaterThan(20);
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = allFiles(ws.paths.dir);
    expect(files.length).toBeGreaterThan(5);
    for (const path of files) {
      const content = readFileSync(path);
      for (const needle of needles) expect(content.includes(needle), `${path} contains private key bytes`).toBe(false);
    }
    for (const path of allFiles(ws.paths.keys)) expect(statSync(path).mode & 0o077).toBe(0);
    ws.close();
  });

  it('backup export/import restores the issuer and the same keys in a fresh folder', async () => {
    const ws = freshWorkspace();
    const keystore = await initKeystore(ws, 'pw', { cost });
    await keystore.rotate('Ed25519');
    const backup = await exportKeys(ws, keystore, 'backup pw', { cost });
    expect(Buffer.from(backup).toString()).not.toContain('"d"');

    const target = createWorkspace(mkdtempSync(join(tmpdir(), 'bs-restore-')), { clock });
    await expect(importKeys(target, backup, 'nope', 'new pw', { cost })).rejects.toMatchObject({ code: 'ERR_PASSPHRASE_WRONG' });
    const result = await importKeys(target, backup, 'backup pw', 'new pw', { cost });
    expect(result.issuerRestored).toBe(true);
    const restored = await openKeystore(target, 'new pw');
    const strip = (list: KeyRecord[]) => list.map(({ id, type, status, publicJwk }) => ({ id, type, status, publicJwk }));
    expect(strip(restored.list())).toEqual(strip(keystore.list()));
    const active = keystore.activeKey('Ed25519');
    expect(await restored.privateJwk(active.id)).toEqual(await keystore.privateJwk(active.id));
    // Importing again changes nothing.
    expect((await importKeys(target, backup, 'backup pw', 'new pw', { cost })).imported).toHaveLength(0);
    ws.close();
    target.close();
  });

  it('refuses a backup of another issuer and a file that is not a backup', async () => {
    const ws = freshWorkspace();
    const backup = await exportKeys(ws, await initKeystore(ws, 'pw', { cost }), 'b', { cost });
    const other = createWorkspace(mkdtempSync(join(tmpdir(), 'bs-other-')), { clock });
    createIssuer(other, { name: 'Other', url: 'https://other.example/', siteUrl: 'https://other.example/' });
    await expect(importKeys(other, backup, 'b', 'pw', { cost })).rejects.toMatchObject({ code: 'ERR_BACKUP_OTHER_ISSUER' });
    await expect(importKeys(other, Buffer.from('{"hello":1}'), 'b', 'pw', { cost })).rejects.toMatchObject({ code: 'ERR_BACKUP_INVALID' });
    ws.close();
    other.close();
  });

  it('reports a missing key file', async () => {
    const ws = freshWorkspace();
    const keystore = await initKeystore(ws, 'pw', { cost });
    const key = keystore.activeKey('P-256');
    renameSync(join(ws.paths.keys, key.file), join(ws.paths.dir, 'moved.json'));
    await expect(keystore.privateJwk(key.id)).rejects.toMatchObject({ code: 'ERR_KEY_MISSING' });
    ws.close();
  });
});
