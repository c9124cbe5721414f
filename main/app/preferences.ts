/**
 * The app's preferences in Electron: electron-store, in the app's user-data folder (never in a
 * workspace). Values are cleaned on the way in and out, so a hand-edited or damaged file cannot
 * break the app; an unreadable file starts again from the defaults.
 */
import ElectronStore from 'electron-store';
import { cleanPreferences, type PreferenceStore } from '../ipc/preferences.js';

export const PREFERENCES_FILE = 'preferences';

/** `dir` is the app's user-data folder (app.getPath('userData')). */
export function electronPreferences(dir: string): PreferenceStore {
  const store = new ElectronStore<Record<string, unknown>>({
    cwd: dir,
    name: PREFERENCES_FILE,
    clearInvalidConfig: true,
  });
  let current = cleanPreferences(store.store);
  return {
    get: () => current,
    update(patch) {
      current = cleanPreferences({ ...current, ...patch });
      store.store = { ...current };
      return current;
    },
  };
}
