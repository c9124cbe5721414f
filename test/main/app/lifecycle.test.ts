import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, dialog, ipcMain, Menu, resetElectron } from './electron-mock.js';
import type { RunningApp } from '../../../main/app/index.js';
import { channels } from '../../../shared/ipc/channels.js';

vi.mock('electron', () => import('./electron-mock.js'));

const roots: string[] = [];
let running: RunningApp[] = [];

function prepare(): string {
  resetElectron();
  const root = mkdtempSync(join(tmpdir(), 'bs-app-life-'));
  roots.push(root);
  app.paths = { userData: join(root, 'userData'), home: join(root, 'home') };
  return root;
}

async function start(): Promise<RunningApp> {
  const { startApp } = await import('../../../main/app/index.js');
  const started = await startApp();
  if (!started) throw new Error('the app did not start');
  running.push(started);
  return started;
}

function topLabels(): string[] {
  return (Menu.current ?? []).map((item: { label: string }) => item.label);
}

function trustedEvent(window: BrowserWindow) {
  return { sender: window.webContents, senderFrame: { url: window.loaded, parent: null } };
}

beforeEach(async () => {
  for (const app of running) app.core.close();
  running = [];
  prepare();
  // The module starts the app when it is first imported (as Electron loads it); later tests call startApp().
  const module = await import('../../../main/app/index.js');
  const first = await module.started;
  if (first) first.core.close();
  prepare();
});

afterAll(() => {
  for (const app of running) app.core.close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('the app lifecycle', () => {
  it('a second instance quits at once and opens nothing', async () => {
    app.gotLock = false;
    const { startApp } = await import('../../../main/app/index.js');
    expect(await startApp()).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.created).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('opens one locked-down window on the built page with the preload, IPC and an English menu', async () => {
    const started = await start();
    expect(BrowserWindow.created).toHaveLength(1);
    const window = BrowserWindow.created[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(window.loaded).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
    expect(topLabels()).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(started.window()).toBe(window);
    expect(started.core.session.env.transport).toBe('electron');
  });

  it('switching the language through IPC switches the menu; bounds are remembered for next time', async () => {
    await start();
    const window = BrowserWindow.created[0]!;
    const result = (await ipcMain.handlers.get('app.setLanguage')!(trustedEvent(window), {
      language: 'fr',
    })) as { ok: boolean };
    expect(result.ok).toBe(true);
    expect(topLabels()).toEqual(['&Fichier', '&Édition', '&Affichage', '&Aide']);
    window.emit('close');
    window.emit('closed');
    running.pop()!.core.close();
    prepareAgain();
    await start();
    expect(topLabels()[0]).toBe('&Fichier');
    expect(BrowserWindow.created[0]!.options).toMatchObject({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
    });
  });

  it('quits when the last window closes, except on macOS where it reopens on activate', async () => {
    await start();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
    BrowserWindow.created[0]!.emit('closed');
    app.emit('activate');
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('File › Open workspace… on a folder without a workspace explains why, in the app language', async () => {
    await start();
    const window = BrowserWindow.created[0]!;
    await ipcMain.handlers.get('app.setLanguage')!(trustedEvent(window), { language: 'fr' });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [app.paths.home!] });
    const open = (Menu.current![0].submenu as any[]).find((item) => item.id === 'open-workspace');
    open.click();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalled());
    const box = (dialog.showMessageBox.mock.calls[0] as unknown[]).at(-1) as {
      message: string;
      detail: string;
    };
    expect(box.detail).toBe('ERR_WORKSPACE_NOT_FOUND');
    expect(box.message).toMatch(/dossier/);
    expect(window.webContents.reloads).toBe(0);
  });
});

/** Same user-data folder, fresh Electron state: a restart. */
function prepareAgain(): void {
  const paths = app.paths;
  resetElectron();
  app.paths = paths;
}
