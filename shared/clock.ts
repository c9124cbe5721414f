/** The only source of "now" in the core: injected so dates are testable. */
export type Clock = () => Date;

/** ISO 8601 date-time in UTC with a `Z`, without milliseconds (the OB examples' form). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
