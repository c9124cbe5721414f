/**
 * "Remember the passphrase on this computer": the passphrase encrypted by the operating system
 * (Electron safeStorage: Keychain, DPAPI, or the Linux secret service) and kept as base64 in an
 * electron-store file. The clear passphrase is never written. Where the system offers no real
 * encryption, the vault is unavailable and the app does not offer to remember.
 */
import { resolve } from 'node:path';
import ElectronStore from 'electron-store';
import { noPassphraseVault, type PassphraseVault } from '../ipc/preferences.js';

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a hard-coded key, which is no protection. */
  getSelectedStorageBackend?(): string;
}

export const VAULT_FILE = 'passphrases';

export function safeStorageVault(safeStorage: SafeStorageLike, dir: string): PassphraseVault {
  if (!safeStorage.isEncryptionAvailable()) return noPassphraseVault;
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return noPassphraseVault;
  const store = new ElectronStore<{ entries: Record<string, string> }>({
    cwd: dir,
    name: VAULT_FILE,
    clearInvalidConfig: true,
    defaults: { entries: {} },
  });
  // Workspace paths hold dots, which electron-store reads as nested keys: keep one map instead.
  const entries = (): Record<string, string> => {
    const raw = store.get('entries');
    return raw && typeof raw === 'object' ? { ...raw } : {};
  };
  return {
    available: true,
    save(workspaceDir, passphrase) {
      const encrypted = safeStorage.encryptString(passphrase).toString('base64');
      store.set('entries', { ...entries(), [resolve(workspaceDir)]: encrypted });
    },
    load(workspaceDir) {
      const encrypted = entries()[resolve(workspaceDir)];
      if (typeof encrypted !== 'string') return null;
      try {
        return safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        return null;
      }
    },
    forget(workspaceDir) {
      const all = entries();
      delete all[resolve(workspaceDir)];
      store.set('entries', all);
    },
  };
}
