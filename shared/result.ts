import { toBadgeError, type BadgeErrorShape } from './errors.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: BadgeErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (error: BadgeErrorShape): Result<never> => ({ ok: false, error });

/** Runs `fn` and turns a thrown error into an `ERR_…` result. */
export async function toResult<T>(fn: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (error) {
    return err(toBadgeError(error).toJSON());
  }
}
