/**
 * The Electron main process (out/main.js): one instance, one window, the app core on the
 * 'electron' transport, IPC registered, the native menu in the app's language.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, safeStorage, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from '../ipc/app-core.js';
import { defaultWorkspaceDir } from '../services/workspace-dir.js';
import { installMenu } from './menu.js';
import { createMenuActions } from './menu-actions.js';
import { safeStorageVault } from './passphrase-vault.js';
import { electronPreferences } from './preferences.js';
import { registerIpc } from './register.js';
import { previewOrigin } from '../ipc/handlers/publish.js';
import { createAppWindow } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The UI's address: the built page, or (development only) BADGESMITH_DEV_URL, e.g. a Vite server. */
function appUrl(): string {
  const dev = process.env.BADGESMITH_DEV_URL;
  if (!app.isPackaged && dev && /^http:\/\/(127\.0\.0\.1|localhost):\d+\/?$/.test(dev)) return dev;
  return pathToFileURL(join(here, 'renderer', 'index.html')).href;
}

function website(): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as {
      homepage?: unknown;
    };
    return typeof pkg.homepage === 'string' && pkg.homepage.startsWith('https://')
      ? pkg.homepage
      : null;
  } catch {
    return null;
  }
}

export interface RunningApp {
  core: AppCore;
  window(): BrowserWindow | null;
}

export async function startApp(): Promise<RunningApp | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  const userData = app.getPath('userData');
  const prefs = electronPreferences(userData);
  const core = createAppCore({
    transport: 'electron',
    prefs,
    vault: safeStorageVault(safeStorage, userData),
    sampleDir: join(userData, 'sample'),
    defaultWorkspaceDir: defaultWorkspaceDir(process.env, process.platform, app.getPath('home')),
    logError: (error) => console.error(error),
  });
  app.on('before-quit', () => core.close());

  const url = appUrl();
  const hasWebsite = website();
  const refreshMenu = () =>
    installMenu({
      language: prefs.get().language,
      platform: process.platform,
      isPackaged: app.isPackaged,
      hasWebsite: hasWebsite !== null,
      actions: createMenuActions({
        core,
        window: () => window,
        language: () => prefs.get().language,
        version: app.getVersion(),
        website: hasWebsite,
      }),
    });

  registerIpc({
    core,
    window: () => window,
    appUrl: url,
    onCalled: (channel, result) => {
      if (result.ok && (channel === 'app.setLanguage' || channel === 'workspace.create')) {
        refreshMenu();
      }
    },
  });
  refreshMenu();

  const openWindow = () => {
    const opened = createAppWindow({
      preload: join(here, 'preload.cjs'),
      appUrl: url,
      bounds: prefs.get().windowBounds,
      saveBounds: (bounds) => prefs.update({ windowBounds: bounds }),
      previewOrigin: () => previewOrigin(core.session),
    });
    opened.on('closed', () => {
      if (window === opened) window = null;
    });
    window = opened;
  };
  app.on('activate', () => {
    if (!window) openWindow();
  });
  openWindow();
  return { core, window: () => window };
}

export const started = startApp();
