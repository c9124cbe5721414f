import type { Bench } from './measure.js';
import { BAKE_BENCHES } from './bake.js';
import { ISSUE_BENCHES } from './issue.js';
import { JWT_BENCHES } from './jwt.js';
import { OB3_DI_BENCHES } from './ob3-di.js';
import { siteBench } from './site.js';

/** Every benchmark, in run order. Add yours here. */
export const BENCHES: Bench[] = [...OB3_DI_BENCHES, ...JWT_BENCHES, siteBench, ...BAKE_BENCHES, ...ISSUE_BENCHES];
