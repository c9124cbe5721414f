/** Stable error codes: every failure that crosses a boundary carries one. */
export type BadgeErrorCode = `ERR_${string}`;

export interface BadgeErrorShape {
  readonly code: BadgeErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** The one error type thrown inside the core. `message` is a sentence a volunteer can act on. */
export class BadgeError extends Error {
  readonly code: BadgeErrorCode;
  readonly details?: unknown;

  constructor(code: BadgeErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BadgeError';
    this.code = code;
    if (options?.details !== undefined) this.details = options.details;
  }

  toJSON(): BadgeErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isBadgeError(value: unknown): value is BadgeError {
  return value instanceof BadgeError;
}

/** Turns anything thrown into a BadgeError, keeping the original as `cause`. */
export function toBadgeError(value: unknown, fallbackCode: BadgeErrorCode = 'ERR_INTERNAL'): BadgeError {
  if (value instanceof BadgeError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new BadgeError(fallbackCode, `Unexpected failure: ${message}`, { cause: value });
}

export function assertNever(value: never, what = 'value'): never {
  throw new BadgeError('ERR_INTERNAL', `Unhandled ${what}: ${JSON.stringify(value)}`);
}
