/** Push events from main: progress of long jobs. */
import * as v from 'valibot';
import type { EventName } from '../channels.js';
import { count } from '../schemas.js';

export const progress = v.object({
  jobId: v.string(),
  phase: v.string(),
  done: count,
  total: v.nullable(count),
  finished: v.boolean(),
});

export const eventContract = {
  'issue.progress': progress,
  'site.progress': progress,
  'delivery.progress': progress,
} satisfies Record<EventName, v.GenericSchema>;
