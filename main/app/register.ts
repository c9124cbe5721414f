/**
 * The only ipcMain.handle caller: one handler per contract channel, each checking who is asking
 * before anything else, then going through the same dispatch as the loopback transport. Push
 * events are forwarded to the app's window on EVENT_CHANNEL.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channels, EVENT_CHANNEL, type Channel } from '../../shared/ipc/channels.js';
import { err, type Result } from '../../shared/result.js';
import type { AppCore } from '../ipc/app-core.js';
import { isAppUrl } from './window.js';

export interface RegisterOptions {
  core: Pick<AppCore, 'call' | 'events'>;
  /** The app's window, when it is open. */
  window(): BrowserWindow | null;
  /** The app's own page (file:// or the dev server): the only page allowed to call. */
  appUrl: string;
  /** Told after every trusted call (the menu follows a language change). */
  onCalled?(channel: Channel, result: Result<unknown>): void;
}

/**
 * Only the main frame of the app's own window, showing the app's own page, may call: not another
 * window, not a frame inside the page (the site preview), not a page the window was sent to.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | null,
  appUrl: string,
): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

export const untrustedSender = () =>
  err({
    code: 'ERR_IPC_UNTRUSTED_SENDER',
    message: 'This page is not Badgesmith’s own window, so it may not use Badgesmith.',
  });

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(options: RegisterOptions): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrustedSender(event, options.window(), options.appUrl)) return untrustedSender();
      const result = await options.core.call(channel, request);
      options.onCalled?.(channel, result);
      return result;
    });
  }
  const unsubscribe = options.core.events.subscribe((event, payload) => {
    const window = options.window();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
