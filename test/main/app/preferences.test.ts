import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, resetElectron, safeStorage } from './electron-mock.js';
import { safeStorageVault, VAULT_FILE } from '../../../main/app/passphrase-vault.js';
import { electronPreferences, PREFERENCES_FILE } from '../../../main/app/preferences.js';

// electron-store itself is real (vitest.config.ts inlines it so that this mock reaches it).
vi.mock('electron', () => import('./electron-mock.js'));

let dir: string;
beforeEach(() => {
  resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'bs-app-prefs-'));
  app.paths.userData = dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('preferences in electron-store', () => {
  it('start from the defaults and survive a restart', () => {
    const prefs = electronPreferences(dir);
    expect(prefs.get()).toMatchObject({ language: 'en', lastWorkspace: null, windowBounds: null });
    prefs.update({
      language: 'fr',
      lastWorkspace: '/data/Asso v1.2',
      windowBounds: { x: 5, y: 6, width: 900, height: 700 },
    });
    const again = electronPreferences(dir);
    expect(again.get()).toMatchObject({
      language: 'fr',
      lastWorkspace: '/data/Asso v1.2',
      windowBounds: { x: 5, y: 6, width: 900, height: 700 },
    });
    const file = JSON.parse(readFileSync(join(dir, `${PREFERENCES_FILE}.json`), 'utf8'));
    expect(file.language).toBe('fr');
  });

  it('clean whatever a hand-edited file holds, and start again from a damaged one', () => {
    writeFileSync(
      join(dir, `${PREFERENCES_FILE}.json`),
      JSON.stringify({ language: 'de', lastWorkspace: 42 }),
    );
    expect(electronPreferences(dir).get()).toMatchObject({ language: 'en', lastWorkspace: null });
    writeFileSync(join(dir, `${PREFERENCES_FILE}.json`), '{ not json');
    expect(electronPreferences(dir).get().language).toBe('en');
  });
});

describe('the passphrase vault over safeStorage', () => {
  it('keeps a passphrase encrypted, per workspace, across restarts, and forgets it', () => {
    const vault = safeStorageVault(safeStorage, dir);
    expect(vault.available).toBe(true);
    vault.save('/data/asso.one', 'correct horse battery');
    vault.save('/data/other', 'another passphrase');
    const again = safeStorageVault(safeStorage, dir);
    expect(again.load('/data/asso.one')).toBe('correct horse battery');
    expect(again.load('/data/other')).toBe('another passphrase');
    expect(again.load('/data/unknown')).toBeNull();
    const stored = readFileSync(join(dir, `${VAULT_FILE}.json`), 'utf8');
    expect(stored).not.toContain('correct horse battery');
    expect(stored).toContain(safeStorage.encryptString('correct horse battery').toString('base64'));
    again.forget('/data/asso.one');
    expect(safeStorageVault(safeStorage, dir).load('/data/asso.one')).toBeNull();
    expect(safeStorageVault(safeStorage, dir).load('/data/other')).toBe('another passphrase');
  });

  it('gives null for an entry the system can no longer decrypt', () => {
    writeFileSync(
      join(dir, `${VAULT_FILE}.json`),
      JSON.stringify({ entries: { '/data/asso': '' } }),
    );
    expect(safeStorageVault(safeStorage, dir).load('/data/asso')).toBeNull();
  });

  it('is unavailable, and writes nothing, without real system encryption', () => {
    safeStorage.available = false;
    const none = safeStorageVault(safeStorage, dir);
    expect(none.available).toBe(false);
    none.save('/data/asso', 'secret passphrase');
    expect(none.load('/data/asso')).toBeNull();
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    expect(safeStorageVault(safeStorage, dir).available).toBe(false);
    expect(() => readFileSync(join(dir, `${VAULT_FILE}.json`))).toThrow();
  });
});
