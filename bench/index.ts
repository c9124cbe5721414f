import type { Bench } from './measure.js';
import { appIssueUiBench } from './app-issue-ui.js';
import { appFirstPaintBench } from './app.js';
import { BAKE_BENCHES } from './bake.js';
import { certificatesBench } from './certificates.js';
import { DESIGN_BENCHES } from './design.js';
import { designerDragBench } from './designer-drag.js';
import { hostileInputsBench } from './hostile-inputs.js';
import { ISSUE_BENCHES, RSS_BENCH } from './issue.js';
import { JWT_BENCHES } from './jwt.js';
import { OB3_DI_BENCHES } from './ob3-di.js';
import { peopleBench } from './people.js';
import { siteBench } from './site.js';
import { verifyManyBench } from './verify-many.js';

/**
 * Every benchmark, in run order. Add yours here. The ones that create tens of thousands of files
 * run last: deleting them afterwards makes file creation slower for a while on some file systems.
 */
export const BENCHES: Bench[] = [...OB3_DI_BENCHES, ...JWT_BENCHES, verifyManyBench, ...BAKE_BENCHES, ...DESIGN_BENCHES, hostileInputsBench, appFirstPaintBench, peopleBench, designerDragBench, certificatesBench, ...ISSUE_BENCHES, siteBench, RSS_BENCH, appIssueUiBench];
