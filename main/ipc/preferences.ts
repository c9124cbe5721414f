/**
 * The app's own preferences (language, last workspace, remembered passphrases): never in the
 * workspace. In Electron they live in electron-store; in loopback mode in a small JSON file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface AppPreferences {
  language: 'en' | 'fr';
  lastWorkspace: string | null;
  recentWorkspaces: string[];
  /** Folders the app writes a workspace's site and issued files to, when not the default. */
  outputs: Record<string, { site: string; issued: string }>;
  windowBounds: WindowBounds | null;
}

export interface PreferenceStore {
  get(): AppPreferences;
  update(patch: Partial<AppPreferences>): AppPreferences;
}

/** Keeps passphrases encrypted by the operating system (Electron safeStorage); unavailable elsewhere. */
export interface PassphraseVault {
  readonly available: boolean;
  save(workspaceDir: string, passphrase: string): void;
  load(workspaceDir: string): string | null;
  forget(workspaceDir: string): void;
}

export const DEFAULT_PREFERENCES: AppPreferences = {
  language: 'en',
  lastWorkspace: null,
  recentWorkspaces: [],
  outputs: {},
  windowBounds: null,
};

/** Keeps only well-formed values from whatever the file or store held. */
export function cleanPreferences(raw: unknown): AppPreferences {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const strings = (list: unknown): string[] =>
    Array.isArray(list)
      ? list.filter((item): item is string => typeof item === 'string').slice(0, 10)
      : [];
  const outputs: AppPreferences['outputs'] = {};
  if (value.outputs && typeof value.outputs === 'object') {
    for (const [dir, entry] of Object.entries(value.outputs as Record<string, unknown>)) {
      const e = entry as { site?: unknown; issued?: unknown } | null;
      if (e && typeof e.site === 'string' && typeof e.issued === 'string')
        {outputs[dir] = { site: e.site, issued: e.issued };}
    }
  }
  const bounds = value.windowBounds as WindowBounds | null | undefined;
  return {
    language: value.language === 'fr' ? 'fr' : 'en',
    lastWorkspace: typeof value.lastWorkspace === 'string' ? value.lastWorkspace : null,
    recentWorkspaces: strings(value.recentWorkspaces),
    outputs,
    windowBounds:
      bounds && Number.isFinite(bounds.width) && Number.isFinite(bounds.height) ? bounds : null,
  };
}

/** Preferences in `<dir>/preferences.json`, written atomically. */
export function filePreferences(dir: string): PreferenceStore {
  const file = join(dir, 'preferences.json');
  let current: AppPreferences;
  try {
    current = cleanPreferences(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    current = { ...DEFAULT_PREFERENCES };
  }
  return {
    get: () => current,
    update(patch) {
      current = cleanPreferences({ ...current, ...patch });
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(current, null, 2), { mode: 0o600 });
      renameSync(temp, file);
      return current;
    },
  };
}

export const noPassphraseVault: PassphraseVault = {
  available: false,
  save() {},
  load: () => null,
  forget() {},
};
