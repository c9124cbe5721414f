import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, FakeWebContents, ipcMain, resetElectron } from './electron-mock.js';
import { registerIpc } from '../../../main/app/register.js';
import { channels, EVENT_CHANNEL } from '../../../shared/ipc/channels.js';
import { createAppFixture, type AppFixture } from '../ipc/app-fixture.js';

vi.mock('electron', () => import('./electron-mock.js'));

const APP_URL = 'file:///opt/badgesmith/out/renderer/index.html';

let fixture: AppFixture;
let window: BrowserWindow;
let unregister: () => void;
let called: string[];

beforeEach(() => {
  resetElectron();
  fixture = createAppFixture();
  window = new BrowserWindow({});
  void window.loadURL(APP_URL);
  called = [];
  unregister = registerIpc({
    core: fixture.core,
    window: () => window as never,
    appUrl: APP_URL,
    onCalled: (channel) => called.push(channel),
  });
});

afterEach(() => {
  unregister();
  fixture.cleanup();
});

function invoke(channel: string, request: unknown, event: object = fromApp()) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`${channel} is not registered`);
  return handler(event, request) as Promise<any>;
}

function fromApp(
  url = `${APP_URL}#/home`,
  sender: FakeWebContents = window.webContents,
  parent: object | null = null,
) {
  return { sender, senderFrame: { url, parent } };
}

describe('IPC registration', () => {
  it('registers exactly the contract channels, once each', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('a call from the app page reaches the real handler', async () => {
    const result = await invoke('app.state', {});
    expect(result).toMatchObject({
      ok: true,
      value: { transport: 'loopback', workspace: null, language: 'en' },
    });
    expect(called).toEqual(['app.state']);
    const changed = await invoke('app.setLanguage', { language: 'fr' });
    expect(changed.value.language).toBe('fr');
  });

  it('a malformed request is refused by the dispatch with ERR_IPC_BAD_REQUEST naming the field', async () => {
    const result = await invoke('app.setLanguage', { language: 'de' });
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('ERR_IPC_BAD_REQUEST');
    expect(result.error.details).toEqual({ field: 'language' });
  });

  it.each([
    ['another page loaded in the window', () => fromApp('https://evil.example/')],
    ['a file elsewhere on disk', () => fromApp('file:///tmp/evil.html')],
    [
      'a frame inside the page (the site preview)',
      () => fromApp(`${APP_URL}`, window.webContents, { url: APP_URL }),
    ],
    ['another window', () => fromApp(APP_URL, new FakeWebContents())],
    ['a frame that is gone', () => ({ sender: window.webContents, senderFrame: null })],
  ])('refuses %s with ERR_IPC_UNTRUSTED_SENDER, before any handler runs', async (_name, event) => {
    const result = await invoke('app.setLanguage', { language: 'fr' }, event());
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_IPC_UNTRUSTED_SENDER' } });
    expect(called).toEqual([]);
    expect(fixture.core.session.env.prefs.get().language).toBe('en');
  });

  it('refuses every call once the window is closed', async () => {
    window.destroyed = true;
    const result = await invoke('app.state', {});
    expect(result.error.code).toBe('ERR_IPC_UNTRUSTED_SENDER');
  });

  it('forwards push events to the window, and stops after unregistering', () => {
    const payload = { jobId: 'j1', phase: 'sign', done: 3, total: 10, finished: false };
    fixture.core.events.emit('issue.progress', payload);
    expect(window.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ event: 'issue.progress', payload }] },
    ]);
    unregister();
    fixture.core.events.emit('issue.progress', payload);
    expect(window.webContents.sent).toHaveLength(1);
    expect(ipcMain.handlers.size).toBe(0);
    unregister = () => undefined;
  });
});
