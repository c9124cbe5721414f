import type { VerificationCheck } from './types.js';
import { CLOCK_SKEW_MS, describeValue, fail, parseDateTime, pass } from './util.js';

export interface ValidityWindow {
  /** Start of validity (validFrom, issuanceDate, issuedOn) and the property name it came from. */
  from?: { name: string; value: unknown };
  until?: { name: string; value: unknown };
}

/** Not yet valid (beyond the clock skew) → ERR_NOT_YET_VALID; past the end → ERR_EXPIRED. */
export function checkValidityWindow(window: ValidityWindow, now: Date): VerificationCheck {
  const nowMs = now.getTime();
  let fromMs: number | undefined;
  if (window.from && window.from.value !== undefined) {
    fromMs = parseDateTime(window.from.value);
    if (fromMs === undefined) {
      return fail('dates', 'ERR_DATE_INVALID', `${window.from.name} ${describeValue(window.from.value)} is not a valid date-time.`);
    }
    if (fromMs > nowMs + CLOCK_SKEW_MS) {
      return fail(
        'dates',
        'ERR_NOT_YET_VALID',
        `This badge is not valid yet: ${window.from.name} is ${String(window.from.value)}, after the current time ${now.toISOString()}.`,
      );
    }
  }
  if (window.until && window.until.value !== undefined) {
    const untilMs = parseDateTime(window.until.value);
    if (untilMs === undefined) {
      return fail('dates', 'ERR_DATE_INVALID', `${window.until.name} ${describeValue(window.until.value)} is not a valid date-time.`);
    }
    if (untilMs < nowMs) {
      return fail('dates', 'ERR_EXPIRED', `This badge expired on ${String(window.until.value)} (${window.until.name}).`);
    }
    return pass('dates', `Valid${fromMs === undefined ? '' : ` from ${String(window.from?.value)}`} until ${String(window.until.value)}.`);
  }
  return pass('dates', fromMs === undefined ? 'The badge has no validity dates.' : `Valid from ${String(window.from?.value)}; it does not expire.`);
}
