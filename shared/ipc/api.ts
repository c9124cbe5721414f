/** Builds the UI's API object from the channel list: the preload and the loopback client both use it. */
import { channels, type Channel, type EventName } from './channels.js';
import type { BadgeApi } from './contract/index.js';

export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function makeBadgeApi(invoke: Invoke, subscribe: Subscribe): BadgeApi {
  const api: Record<string, unknown> = Object.fromEntries(
    channels.map((channel) => [channel, (request: unknown) => invoke(channel, request ?? {})]),
  );
  api.on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return api as BadgeApi;
}
