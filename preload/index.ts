/**
 * The only bridge between the page and main: `window.badgesmith`, one function per contract
 * channel plus `on(event, listener)`. The page never sees ipcRenderer or an IpcRendererEvent.
 * Bundled to out/preload.cjs (sandboxed preloads are CommonJS and may require only 'electron').
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { makeBadgeApi } from '../shared/ipc/api.js';
import { EVENT_CHANNEL, events, type EventName } from '../shared/ipc/channels.js';

const api = makeBadgeApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (event: EventName, listener) => {
    if (!(events as readonly string[]).includes(event)) return () => undefined;
    const wrapped = (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown }) => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('badgesmith', api);
