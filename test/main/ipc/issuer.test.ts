import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/ipc/channels.js';
import { createAssociationFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
afterEach(() => fixture?.cleanup());

const PASSPHRASE = 'correct horse battery';
const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" onload="alert(1)">' +
  '<script>alert(2)</script><circle cx="32" cy="32" r="30" fill="#1e40af"/></svg>';
const base64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

async function errorCode(channel: Channel, request: unknown): Promise<string | undefined> {
  const result = await fixture.core.call(channel, request);
  return result.ok ? undefined : result.error.code;
}

const profile = {
  name: 'Randonneurs du Vercors',
  url: 'https://randonneurs.example.org/',
  email: 'contact@randonneurs.example.org',
  description: '',
  language: 'fr' as const,
};

describe('issuer profile', () => {
  it('shows the profile, its DID document address and a backup file beside the workspace', async () => {
    fixture = await createAssociationFixture();
    const { profile: shown, suggestedBackupFile } = await fixture.value('issuer.get', {});
    expect(shown).toMatchObject({
      name: 'Randonneurs du Vercors',
      did: 'did:web:randonneurs.example.org:badges',
      didDocumentUrl: 'https://randonneurs.example.org/badges/did.json',
      image: null,
    });
    const summary = await fixture.value('workspace.summary', {});
    expect(dirname(suggestedBackupFile)).toBe(dirname(summary.dir));
    expect(suggestedBackupFile).toMatch(/randonneurs-du-vercors-backup-2026-11-29\.bsw$/);
  });

  it('saves every field and an SVG image, sanitised, saying what was removed', async () => {
    fixture = await createAssociationFixture();
    const { profile: saved, removed } = await fixture.value('issuer.update', {
      ...profile,
      name: '  Randonneurs du Vercors et du Trièves ',
      description: 'Sorties en montagne.',
      email: '',
      language: 'en',
      image: { name: 'logo.svg', base64: base64(HOSTILE_SVG) },
    });
    expect(saved).toMatchObject({
      name: 'Randonneurs du Vercors et du Trièves',
      description: 'Sorties en montagne.',
      email: null,
      language: 'en',
    });
    expect(saved.image?.kind).toBe('svg');
    const stored = Buffer.from(saved.image!.base64, 'base64').toString();
    expect(stored).not.toMatch(/script|onload/i);
    expect(removed.map((r) => r.reason)).toContain('script');
    // Removing the image deletes it; keeping it (no image field) leaves it.
    expect((await fixture.value('issuer.update', profile)).profile.image?.kind).toBe('svg');
    expect(
      (await fixture.value('issuer.update', { ...profile, image: null })).profile.image,
    ).toBeNull();
  });

  it('refuses a bad address, e-mail, empty name or a file that is not an image, changing nothing', async () => {
    fixture = await createAssociationFixture();
    expect(await errorCode('issuer.update', { ...profile, url: 'randonneurs' })).toBe(
      'ERR_ISSUER_URL_INVALID',
    );
    expect(await errorCode('issuer.update', { ...profile, email: 'contact@' })).toBe(
      'ERR_ISSUER_EMAIL_INVALID',
    );
    expect(await errorCode('issuer.update', { ...profile, name: '   ' })).toBe(
      'ERR_ISSUER_NAME_REQUIRED',
    );
    expect(
      await errorCode('issuer.update', {
        ...profile,
        image: { name: 'logo.gif', base64: base64('GIF89a......') },
      }),
    ).toMatch(/^ERR_(IMAGE|SVG|PNG)_/);
    expect(await errorCode('issuer.update', { ...profile, language: 'de' })).toBe(
      'ERR_IPC_BAD_REQUEST',
    );
    expect(await errorCode('issuer.update', { name: 'X' })).toBe('ERR_IPC_BAD_REQUEST');
    expect((await fixture.value('issuer.get', {})).profile).toMatchObject({
      url: profile.url,
      email: profile.email,
      image: null,
    });
  });
});

describe('keys', () => {
  it('lists the three keys, public parts only, with their status and use', async () => {
    fixture = await createAssociationFixture();
    const { keys } = await fixture.value('keys.list', {});
    expect(keys.map((k) => k.type).sort()).toEqual(['Ed25519', 'P-256', 'RSA']);
    for (const key of keys) {
      expect(key).toMatchObject({ status: 'active', signed: 0, retired: null });
      expect(key.verificationMethod).toMatch(/^did:web:randonneurs\.example\.org:badges#./);
      expect(key.jwkUrl).toBe(`https://randonneurs.example.org/badges/keys/${key.id}.json`);
      expect(Object.keys(key.publicJwk)).not.toContain('d');
    }
    expect(JSON.stringify(keys)).not.toMatch(/"(d|p|q|dp|dq|qi)":/);
  });

  it('rotates a key: the new one is active, the old one retired and still listed', async () => {
    fixture = await createAssociationFixture();
    const before = (await fixture.value('keys.list', {})).keys.find((k) => k.type === 'Ed25519')!;
    const { key, retired } = await fixture.value('keys.rotate', { type: 'Ed25519' });
    expect(retired).toBe(before.id);
    expect(key).toMatchObject({ type: 'Ed25519', status: 'active' });
    const after = (await fixture.value('keys.list', {})).keys;
    expect(after).toHaveLength(4);
    expect(after.find((k) => k.id === before.id)?.status).toBe('retired');
    expect(await errorCode('keys.rotate', { type: 'ed448' })).toBe('ERR_IPC_BAD_REQUEST');
  });

  it('needs unlocked keys to rotate, export, import or back up', async () => {
    fixture = await createAssociationFixture();
    await fixture.value('workspace.lock', {});
    expect(await errorCode('keys.rotate', { type: 'RSA' })).toBe('ERR_WORKSPACE_LOCKED');
    expect(
      await errorCode('keys.export', {
        passphrase: 'a long backup phrase',
        confirm: 'a long backup phrase',
      }),
    ).toBe('ERR_WORKSPACE_LOCKED');
    expect(
      await errorCode('keys.import', {
        file: { name: 'k.json', base64: base64('{}') },
        passphrase: 'x',
      }),
    ).toBe('ERR_WORKSPACE_LOCKED');
    expect(await errorCode('backup.create', { path: join(fixture.root, 'b.bsk') })).toBe(
      'ERR_WORKSPACE_LOCKED',
    );
    expect((await fixture.value('keys.list', {})).keys).toHaveLength(3);
  });

  it('exports the keys under a backup passphrase typed twice, and imports them back', async () => {
    fixture = await createAssociationFixture();
    expect(
      await errorCode('keys.export', {
        passphrase: 'a long backup phrase',
        confirm: 'a long backup phrase!',
      }),
    ).toBe('ERR_PASSPHRASE_MISMATCH');
    expect(await errorCode('keys.export', { passphrase: 'short', confirm: 'short' })).toBe(
      'ERR_PASSPHRASE_TOO_SHORT',
    );
    const exported = await fixture.value('keys.export', {
      passphrase: 'a long backup phrase',
      confirm: 'a long backup phrase',
    });
    expect(exported.keys).toBe(3);
    expect(exported.name).toBe('randonneurs-du-vercors-keys-2026-11-29.bsk');
    const file = JSON.parse(Buffer.from(exported.base64, 'base64').toString()) as Record<
      string,
      unknown
    >;
    expect(file.format).toBe('badgesmith-keys-backup');
    expect(Object.keys(file)).toEqual(['format', 'version', 'kdf', 'sealed']);

    const backup = { name: exported.name, base64: exported.base64 };
    expect(await errorCode('keys.import', { file: backup, passphrase: 'not the phrase' })).toBe(
      'ERR_PASSPHRASE_WRONG',
    );
    expect(
      await errorCode('keys.import', {
        file: { name: 'x.json', base64: base64('{"format":"other"}') },
        passphrase: 'x',
      }),
    ).toBe('ERR_BACKUP_INVALID');
    expect(
      await fixture.value('keys.import', { file: backup, passphrase: 'a long backup phrase' }),
    ).toEqual({
      imported: 0,
      skipped: 3,
      issuerRestored: false,
    });
  });
});

describe('workspace backup and restore', () => {
  it('writes the backup where asked, offers it for download, never overwrites unasked, and restores it into a new folder', async () => {
    fixture = await createAssociationFixture();
    const path = join(fixture.root, 'saved', 'vercors.bsw');
    const made = await fixture.value('backup.create', { path, download: true });
    expect(made.file).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect(Buffer.from(made.base64!, 'base64').equals(readFileSync(path))).toBe(true);
    expect(made.files).toBeGreaterThan(3);
    expect(await errorCode('backup.create', { path })).toBe('ERR_FILE_EXISTS');
    expect((await fixture.value('backup.create', { path, overwrite: true })).base64).toBeNull();

    const dropped = { name: 'vercors.bsw', base64: readFileSync(path).toString('base64') };
    const target = join(fixture.root, 'restored');
    expect(
      await errorCode('backup.restore', {
        file: dropped,
        targetDir: target,
        passphrase: 'wrong phrase',
      }),
    ).toBe('ERR_PASSPHRASE_WRONG');
    expect(existsSync(join(target, 'badgesmith.db'))).toBe(false);
    expect(
      await errorCode('backup.restore', {
        file: dropped,
        path,
        targetDir: target,
        passphrase: PASSPHRASE,
      }),
    ).toBe('ERR_IPC_BAD_REQUEST');
    const restored = await fixture.value('backup.restore', {
      file: dropped,
      targetDir: target,
      passphrase: PASSPHRASE,
    });
    expect(restored.issuer.did).toBe('did:web:randonneurs.example.org:badges');
    expect(restored.counts.keys).toBe(3);
    expect(
      await errorCode('backup.restore', { path, targetDir: target, passphrase: PASSPHRASE }),
    ).toBe('ERR_WORKSPACE_EXISTS');

    const opened = await fixture.value('workspace.open', { dir: restored.workspaceDir });
    expect(opened.issuerName).toBe('Randonneurs du Vercors');
    expect((await fixture.value('workspace.unlock', { passphrase: PASSPHRASE })).locked).toBe(
      false,
    );
  });

  it('refuses a file that is not a backup', async () => {
    fixture = await createAssociationFixture();
    const path = join(fixture.root, 'not-a-backup.bsk');
    writeFileSync(path, 'hello');
    expect(
      await errorCode('backup.restore', {
        path,
        targetDir: join(fixture.root, 'r'),
        passphrase: PASSPHRASE,
      }),
    ).toMatch(/^ERR_BACKUP_/);
  });
});
