/**
 * The one module that reaches main. In Electron the preload exposes `window.badgesmith`; in a
 * browser (loopback mode) the same API is built over HTTP with the token from the page address.
 */
import { makeBadgeApi } from '../../shared/ipc/api.js';
import type { EventName } from '../../shared/ipc/channels.js';
import type { BadgeApi } from '../../shared/ipc/contract/index.js';

declare global {
  interface Window {
    badgesmith?: BadgeApi;
  }
}

const TOKEN_KEY = 'badgesmith.token';
const TOKEN_HEADER = 'x-badgesmith-token';

function loopbackToken(): string {
  const fromHash = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function loopbackApi(): BadgeApi {
  const token = loopbackToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;

  async function stream(): Promise<void> {
    streaming = true;
    for (;;) {
      try {
        const response = await fetch('/api/events', { headers: { [TOKEN_HEADER]: token } });
        if (!response.ok || !response.body) throw new Error(`events ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            const message = JSON.parse(line) as { event: string; payload?: unknown };
            for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
          }
        }
      } catch {
        // The server restarted or the connection dropped: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  return makeBadgeApi(
    async (channel, request) => {
      try {
        const response = await fetch(`/api/call/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(request),
        });
        return await response.json();
      } catch {
        return {
          ok: false,
          error: {
            code: 'ERR_APP_UNREACHABLE',
            message: 'Badgesmith is not running any more. Start it again.',
          },
        };
      }
    },
    (event: EventName, listener) => {
      if (!streaming) void stream();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
}

export const api: BadgeApi = window.badgesmith ?? loopbackApi();

/** base64 of a file's bytes, for requests that carry a file. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    {binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));}
  return btoa(binary);
}

/** A file main sent (base64) offered as a download. */
export function downloadBase64(
  name: string,
  base64: string,
  type = 'application/octet-stream',
): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
