/**
 * The one description of the boundary between the UI and main: channel → request and response
 * validators. Both transports (Electron IPC and the loopback HTTP server) and the UI's client use it.
 */
import type * as v from 'valibot';
import type { Result } from '../../result.js';
import type { Channel, EventName } from '../channels.js';
import type { ChannelSpec } from '../schemas.js';
import { appContract } from './app.js';
import { issueContract } from './issue.js';
import { peopleContract } from './people.js';
import { publishContract } from './publish.js';
import { verifyContract } from './verify.js';
import { designsContract } from './designs.js';
import { badgesContract } from './badges.js';
import { issuerContract } from './issuer.js';
import { deliveryContract } from './delivery.js';
import { eventContract } from './events.js';

export const contract = {
  ...appContract,
  ...issueContract,
  ...peopleContract,
  ...publishContract,
  ...verifyContract,
  ...designsContract,
  ...issuerContract,
  ...badgesContract,
  ...deliveryContract,
} satisfies Record<Channel, ChannelSpec>;

type NoExtraChannels = Exclude<keyof typeof contract, Channel>;
const noExtraChannels: [NoExtraChannels] extends [never] ? true : never = true;
void noExtraChannels;

export { eventContract };

export type Req<C extends Channel> = v.InferInput<(typeof contract)[C]['req']>;
/** A request after validation (defaults applied): what handlers receive. */
export type ReqValue<C extends Channel> = v.InferOutput<(typeof contract)[C]['req']>;
export type ResValue<C extends Channel> = v.InferOutput<(typeof contract)[C]['res']>;
export type Res<C extends Channel> = Result<ResValue<C>>;
export type EventPayload<E extends EventName> = v.InferOutput<(typeof eventContract)[E]>;

/** What the preload exposes as `window.badgesmith` and what the loopback client implements. */
export type BadgeApi = { [C in Channel]: (req: Req<C>) => Promise<Res<C>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
