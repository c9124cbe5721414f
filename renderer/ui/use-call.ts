/** Calls a channel and keeps its pending state and error for the screen. Typed input is never cleared on error. */
import { useCallback, useState } from 'react';
import type { BadgeErrorShape } from '../../shared/errors.js';
import type { Channel } from '../../shared/ipc/channels.js';
import type { Req, ResValue } from '../../shared/ipc/contract/index.js';
import { api } from '../platform/api.js';

export function useCall<C extends Channel>(channel: C) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BadgeErrorShape | null>(null);
  const run = useCallback(
    async (request: Req<C>): Promise<ResValue<C> | undefined> => {
      setPending(true);
      setError(null);
      try {
        const result = await (
          api[channel] as (
            req: Req<C>,
          ) => Promise<{ ok: true; value: ResValue<C> } | { ok: false; error: BadgeErrorShape }>
        )(request);
        if (result.ok) return result.value;
        setError(result.error);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [channel],
  );
  return { run, pending, error, setError };
}

/** One call outside a component (throws nothing: errors come back as values). */
export async function call<C extends Channel>(channel: C, request: Req<C>) {
  return (
    api[channel] as (
      req: Req<C>,
    ) => Promise<{ ok: true; value: ResValue<C> } | { ok: false; error: BadgeErrorShape }>
  )(request);
}
