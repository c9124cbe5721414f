/**
 * Compile-time check (run by `tsc -p .`): no response type of the IPC contract can carry private
 * key material. Any channel whose response has, at any depth, a member named like a private JWK
 * member or `privateJwk` fails the typecheck and is named in the error.
 */
import type { Channel } from '../../shared/ipc/channels.js';
import type { ResValue } from '../../shared/ipc/contract/index.js';

type PrivateMember = 'd' | 'p' | 'q' | 'dp' | 'dq' | 'qi' | 'privateJwk';

/** Every member name of T, through nested objects and arrays (bounded depth). */
type DeepKeys<T, Depth extends unknown[] = []> = Depth['length'] extends 10
  ? never
  : T extends readonly (infer Element)[]
    ? DeepKeys<Element, [...Depth, 1]>
    : T extends object
      ? { [K in keyof T]-?: K | DeepKeys<NonNullable<T[K]>, [...Depth, 1]> }[keyof T]
      : never;

/** The channels whose response could hold a private member (never, when none can). */
type Leaking<Responses> = {
  [C in keyof Responses]: [Extract<DeepKeys<Responses[C]>, PrivateMember>] extends [never]
    ? never
    : C;
}[keyof Responses];

type ContractResponses = { [C in Channel]: ResValue<C> };

export const noResponseCarriesPrivateKeys: [Leaking<ContractResponses>] extends [never]
  ? true
  : { leakingChannel: Leaking<ContractResponses> } = true;

// The detector itself: a response with a private member deep inside is caught.
type Leaky = {
  'keys.list': {
    keys: { publicJwk: { kty: string } | null; backup?: { privateJwk: { d: string } }[] }[];
  };
};
// @ts-expect-error -- a nested privateJwk (and its d) must be reported
export const detectorCatchesLeaks: [Leaking<Leaky>] extends [never]
  ? true
  : { leakingChannel: Leaking<Leaky> } = true;
