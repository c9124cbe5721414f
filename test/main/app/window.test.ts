import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from './electron-mock.js';
import { resetElectron, shell } from './electron-mock.js';
import { createAppWindow, isAppUrl } from '../../../main/app/window.js';
import { APP_CSP } from '../../../main/serve/loopback.js';

vi.mock('electron', () => import('./electron-mock.js'));

const APP_URL = 'file:///opt/badgesmith/out/renderer/index.html';

function open(bounds: { width: number; height: number } | null = null, previewOrigin?: () => string | undefined) {
  const saved: unknown[] = [];
  const window = createAppWindow({
    preload: '/opt/badgesmith/out/preload.cjs',
    appUrl: APP_URL,
    bounds,
    saveBounds: (b) => saved.push(b),
    ...(previewOrigin ? { previewOrigin } : {}),
  }) as unknown as BrowserWindow;
  return { window, contents: window.webContents, saved };
}

beforeEach(() => resetElectron());

describe('the app window', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security, the preload', () => {
    const { window } = open();
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/opt/badgesmith/out/preload.cjs',
    });
    expect(window.loaded).toBe(APP_URL);
  });

  it('opens with the remembered bounds and saves them when it closes', () => {
    const { window, saved } = open({ width: 900, height: 650 });
    expect(window.options).toMatchObject({ width: 900, height: 650 });
    window.emit('close');
    expect(saved).toEqual([{ x: 10, y: 20, width: 1000, height: 700 }]);
  });

  it('refuses to navigate away, and sends only https links to the system browser', () => {
    const { contents } = open();
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://evil.example/');
    shell.openExternal.mockClear();
    expect(contents.emitCancellable('will-navigate', 'http://evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses redirects away from the app and webviews', () => {
    const { contents } = open();
    expect(contents.emitCancellable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-redirect', `${APP_URL}#/home`)).toBe(false);
    expect(contents.emitCancellable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every new window; https opens externally, http and others are refused', () => {
    const { contents } = open();
    const handler = contents.openHandler!;
    expect(handler({ url: 'https://www.imsglobal.org/spec/ob/v3p0/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.imsglobal.org/spec/ob/v3p0/');
    shell.openExternal.mockClear();
    for (const url of [
      'http://example.org/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'not a url',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it("opens the app's own running site preview in the browser, and no other local address", () => {
    let running: string | undefined = 'http://127.0.0.1:43117';
    const { contents } = open(null, () => running);
    const handler = contents.openHandler!;
    expect(handler({ url: 'http://127.0.0.1:43117/badges/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:43117/badges/index.html');
    shell.openExternal.mockClear();
    for (const url of ['http://127.0.0.1:43118/', 'http://localhost:43117/', 'http://127.0.0.1/', 'http://router.local/admin']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    running = undefined; // the preview stopped
    expect(handler({ url: 'http://127.0.0.1:43117/badges/index.html' })).toEqual({ action: 'deny' });
    expect(contents.emitCancellable('will-navigate', 'http://127.0.0.1:43117/')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const { contents } = open();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      contents.session.permissionRequest!(contents, permission, (granted: boolean) =>
        answers.push(granted),
      );
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(contents.session.permissionCheck!(contents, 'media')).toBe(false);
  });

  it("puts the strict CSP on the app's own page and leaves other frames' headers alone", () => {
    const { contents } = open();
    const seen: any[] = [];
    const respond = (details: object) =>
      contents.session.headersReceived!(details, (response: any) =>
        seen.push(response.responseHeaders),
      );
    respond({ url: `${APP_URL}#/home`, resourceType: 'mainFrame', responseHeaders: { a: ['1'] } });
    respond({
      url: 'http://127.0.0.1:4000/badges/',
      resourceType: 'subFrame',
      responseHeaders: { b: ['2'] },
    });
    expect(seen[0]).toEqual({ a: ['1'], 'Content-Security-Policy': [APP_CSP] });
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("object-src 'none'");
    expect(seen[1]).toEqual({ b: ['2'] });
  });
});

describe('isAppUrl', () => {
  it('accepts any route of the app page and nothing else', () => {
    expect(isAppUrl(`${APP_URL}#/issue`, APP_URL)).toBe(true);
    expect(isAppUrl('file:///opt/badgesmith/out/renderer/other.html', APP_URL)).toBe(false);
    expect(isAppUrl('file:///tmp/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/#/home', 'http://127.0.0.1:5173/')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5174/', 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('garbage', APP_URL)).toBe(false);
  });
});
