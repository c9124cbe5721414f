import type { VerificationCheck } from './types.js';
import { CLOCK_SKEW_MS, describeValue, fail, parseDateTime, pass, say } from './util.js';

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
      return fail('dates', 'ERR_DATE_INVALID', say('verify.dates.invalid', { name: window.from.name, value: describeValue(window.from.value) }));
    }
    if (fromMs > nowMs + CLOCK_SKEW_MS) {
      return fail('dates', 'ERR_NOT_YET_VALID', say('verify.dates.notYet', { name: window.from.name, from: String(window.from.value), now: now.toISOString() }));
    }
  }
  if (window.until && window.until.value !== undefined) {
    const untilMs = parseDateTime(window.until.value);
    if (untilMs === undefined) {
      return fail('dates', 'ERR_DATE_INVALID', say('verify.dates.invalid', { name: window.until.name, value: describeValue(window.until.value) }));
    }
    if (untilMs < nowMs) {
      return fail('dates', 'ERR_EXPIRED', say('verify.dates.expired', { until: String(window.until.value), name: window.until.name }));
    }
    const until = String(window.until.value);
    return pass('dates', fromMs === undefined ? say('verify.dates.until', { until }) : say('verify.dates.window', { from: String(window.from?.value), until }));
  }
  return pass('dates', fromMs === undefined ? say('verify.dates.none') : say('verify.dates.from', { from: String(window.from?.value) }));
}
