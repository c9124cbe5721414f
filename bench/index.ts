import type { Bench } from './measure.js';

/** Every benchmark, in run order. Add yours here. */
export const BENCHES: Bench[] = [];
