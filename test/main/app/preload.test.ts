import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcRenderer } from './electron-mock.js';
import { channels, EVENT_CHANNEL } from '../../../shared/ipc/channels.js';

vi.mock('electron', () => import('./electron-mock.js'));

let exposed: Record<string, any>;
beforeAll(async () => {
  await import('../../../preload/index.js');
  exposed = contextBridge.exposed.get('badgesmith');
});
beforeEach(() => {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
});
const loadPreload = async () => exposed;

describe('the preload bridge', () => {
  it('exposes only window.badgesmith: one function per channel, plus on()', async () => {
    const api = await loadPreload();
    expect([...contextBridge.exposed.keys()]).toEqual(['badgesmith']);
    expect(Object.keys(api).sort()).toEqual([...channels, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key]).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each call on its own channel with the one request object', async () => {
    const api = await loadPreload();
    const result = await api['workspace.open']({ dir: '/tmp/x' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('workspace.open', { dir: '/tmp/x' });
    expect(result).toEqual({
      ok: true,
      value: { channel: 'workspace.open', request: { dir: '/tmp/x' } },
    });
    await api['app.state']();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('app.state', {});
  });

  it('on() hands the listener the payload only, for its own event, until unsubscribed', async () => {
    const api = await loadPreload();
    const seen: unknown[][] = [];
    const off = api.on('issue.progress', (...args: unknown[]) => seen.push(args));
    const fakeEvent = { sender: ipcRenderer, senderId: 0 };
    ipcRenderer.emit(EVENT_CHANNEL, fakeEvent, { event: 'issue.progress', payload: { done: 1 } });
    ipcRenderer.emit(EVENT_CHANNEL, fakeEvent, { event: 'site.progress', payload: { done: 2 } });
    expect(seen).toEqual([[{ done: 1 }]]);
    off();
    ipcRenderer.emit(EVENT_CHANNEL, fakeEvent, { event: 'issue.progress', payload: { done: 3 } });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('ignores event names outside the contract', async () => {
    const api = await loadPreload();
    api.on('electron-store-get-data', () => undefined);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
