/**
 * A stand-in for the `electron` module (no Electron binary here): records what main/app asks of
 * it. Tests use it with `vi.mock('electron', () => import('./electron-mock.js'))` and call
 * `resetElectron()` before each test.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: any[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  reloads = 0;
  readonly session = {
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersReceived: null as Listener | null,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheck = handler;
    },
    webRequest: {
      onHeadersReceived: (handler: Listener) => {
        this.session.headersReceived = handler;
      },
    },
  };
  readonly mainFrame = { url: '', parent: null };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  reload() {
    this.reloads++;
  }
  /** Emits a cancellable event the way Electron does; returns whether a listener prevented it. */
  emitCancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  destroyed = false;
  shown = false;
  constructor(readonly options: Record<string, any>) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
}

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  on: vi.fn(),
};

export const Menu = {
  current: null as any[] | null,
  buildFromTemplate: (template: any[]) => ({ template }),
  setApplicationMenu(menu: { template: any[] } | null) {
    Menu.current = menu?.template ?? null;
  },
};

export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showMessageBox: vi.fn(async () => ({ response: 0 })),
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  gotLock = true;
  quit = vi.fn();
  paths: Record<string, string> = {};
  appPath = '/nonexistent';
  requestSingleInstanceLock() {
    return this.gotLock;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath(name: string) {
    const path = this.paths[name];
    if (!path) throw new Error(`no path ${name} in the test`);
    return path;
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return '0.1.0-test';
  }
}
export const app = new FakeApp();

/** A reversible stand-in for the system's encryption (not secure; it only has to not be clear text). */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plain: string) {
    return Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a));
  },
  decryptString(encrypted: Buffer) {
    if (encrypted.length === 0) throw new Error('Error while decrypting the ciphertext provided');
    return Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8');
  },
};

export const contextBridge = {
  exposed: new Map<string, any>(),
  exposeInMainWorld(key: string, value: unknown) {
    this.exposed.set(key, value);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (channel: string, request: unknown) => ({
    ok: true,
    value: { channel, request },
  })),
});

export function resetElectron(): void {
  BrowserWindow.created = [];
  ipcMain.handlers.clear();
  Menu.current = null;
  shell.openExternal.mockClear();
  dialog.showOpenDialog.mockClear();
  dialog.showMessageBox.mockClear();
  app.removeAllListeners();
  app.isPackaged = false;
  app.gotLock = true;
  app.quit.mockClear();
  app.paths = {};
  app.appPath = '/nonexistent';
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
}

export default {
  app,
  BrowserWindow,
  shell,
  ipcMain,
  Menu,
  dialog,
  safeStorage,
  contextBridge,
  ipcRenderer,
};
