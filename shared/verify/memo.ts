import type { VerifyMemo } from './types.js';

/** Beyond this many entries the oldest is forgotten (a folder of badges naming many lists stays bounded). */
const MAX_ENTRIES = 512;

/**
 * A memo for one run of the verifier over many badges with one resolver whose documents do not
 * change meanwhile (the CLI's `verify FILE|DIR…`). Never share one between runs or resolvers.
 */
export function createVerifyMemo(): VerifyMemo {
  const entries = new Map<string, Promise<unknown>>();
  return {
    remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const known = entries.get(key);
      if (known) return known as Promise<T>;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      const promise = compute();
      entries.set(key, promise);
      return promise;
    },
  };
}

/** The memoized result when there is a memo, computed afresh otherwise; the caller gets its own copy either way. */
export async function remembered<T>(
  memo: VerifyMemo | undefined,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  return memo === undefined ? compute() : structuredClone(await memo.remember(key, compute));
}

/** The same, shared rather than copied: only for values the caller reads and never hands on. */
export function rememberedShared<T>(
  memo: VerifyMemo | undefined,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  return memo === undefined ? compute() : memo.remember(key, compute);
}
