/**
 * The app's one window, locked down (Electron security checklist): isolated, sandboxed preload, no
 * Node in the page, no navigation away from the app, no new windows, only https: links (and the
 * site preview the app itself serves) leave for the system browser, no permissions, and a strict
 * CSP on the app's own pages.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import type { WindowBounds } from '../ipc/preferences.js';
import { APP_CSP } from '../serve/loopback.js';

export interface AppWindowOptions {
  /** Absolute path of the bundled preload (out/preload.cjs). */
  preload: string;
  /** Where the UI lives: file:///…/out/renderer/index.html, or a dev server's http:// URL. */
  appUrl: string;
  bounds: WindowBounds | null;
  /** Called with the window's normal bounds when it closes, to reopen it there next time. */
  saveBounds(bounds: WindowBounds): void;
  /** The origin of the site preview the app serves on this computer, when one runs. */
  previewOrigin?: () => string | undefined;
}

const DEFAULT_SIZE = { width: 1200, height: 800 };

/** Whether `url` is one of the app's own pages (any route of it: the hash and query do not count). */
export function isAppUrl(url: string, appUrl: string): boolean {
  let given: URL;
  let own: URL;
  try {
    given = new URL(url);
    own = new URL(appUrl);
  } catch {
    return false;
  }
  if (own.protocol === 'file:') {
    return given.protocol === 'file:' && given.pathname === own.pathname;
  }
  return given.origin === own.origin;
}

/**
 * Opens a link in the system browser, only if it is https: or on the app's own running site
 * preview (`previewOrigin`: a loopback http: origin; any other local address stays closed, so a
 * page cannot reach other services on this computer). Returns whether it did.
 */
export function openExternalSafely(url: string, previewOrigin?: () => string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const preview = parsed.protocol === 'http:' && previewOrigin !== undefined && parsed.origin === previewOrigin();
  if (parsed.protocol !== 'https:' && !preview) return false;
  void shell.openExternal(parsed.href);
  return true;
}

/** Navigation, redirects, new windows and webviews denied; https: links (and the site preview) go to the system browser. */
export function lockNavigation(contents: WebContents, appUrl: string, previewOrigin?: () => string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (!isAppUrl(url, appUrl)) openExternalSafely(url, previewOrigin);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, previewOrigin);
    return { action: 'deny' };
  });
}

/** No camera, microphone, notifications, geolocation…; the app's pages get the strict CSP header. */
export function lockSession(session: Session, appUrl: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !isAppUrl(details.url, appUrl)) {
      return callback({ responseHeaders: details.responseHeaders });
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] },
    });
  });
}

export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const bounds = options.bounds ?? DEFAULT_SIZE;
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Badgesmith',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  lockSession(window.webContents.session, options.appUrl);
  lockNavigation(window.webContents, options.appUrl, options.previewOrigin);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => options.saveBounds(window.getNormalBounds()));
  void window.loadURL(options.appUrl);
  return window;
}
