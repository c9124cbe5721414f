/**
 * Issuing from a CSV: preview the file (columns, first rows, rejected rows), start a run in the
 * background (progress through `issue.progress` events), cancel it, and find it again after a reload.
 */
import * as v from 'valibot';
import { count, droppedFile, empty, isoDateTime, nonEmpty, type ChannelSpec } from '../schemas.js';

export const csvFields = ['email', 'name', 'did', 'issuedOn', 'evidenceUrl', 'narrative'] as const;
export const csvField = v.picklist(csvFields);
const format = v.picklist(['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed']);
const bakeKind = v.picklist(['png', 'svg']);
const fileKind = v.picklist(['json', 'jws', 'png', 'svg']);
const awardStatus = v.picklist(['valid', 'revoked', 'partly-revoked', 'pending', 'expired']);

/** The CSV: the dropped file's bytes, or a path on this computer (Electron's file picker). */
export const csvInput = v.union([droppedFile, v.strictObject({ path: nonEmpty(4096) })]);

/** A column given a field by hand (null: not used), by its 0-based position. */
export const columnChoice = v.strictObject({
  column: v.pipe(count, v.maxValue(10_000)),
  field: v.nullable(csvField),
});
const columnChoices = v.optional(v.pipe(v.array(columnChoice), v.maxLength(10_000)));

const problem = v.object({ code: v.string(), message: v.string() });
export const rejectedRow = v.object({
  line: count,
  email: v.nullable(v.string()),
  problems: v.array(problem),
});

export const csvPreview = v.object({
  separator: v.picklist([',', ';']),
  columns: v.array(
    v.object({
      index: count,
      header: v.string(),
      field: v.nullable(csvField),
      detected: v.nullable(csvField),
    }),
  ),
  /** False when no column holds the e-mail (or DID): the UI asks for the columns. */
  recognised: v.boolean(),
  rows: v.array(v.object({ line: count, values: v.array(v.string()) })),
  total: count,
  valid: count,
  rejectedTotal: count,
  rejected: v.array(rejectedRow),
  warnings: v.array(problem),
});

export const personResult = v.object({
  awardId: v.string(),
  line: count,
  outcome: v.picklist(['issued', 'already-issued']),
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  did: v.nullable(v.string()),
  badge: v.object({ id: v.string(), name: v.string() }),
  formats: v.array(format),
  status: awardStatus,
  /** What people.download serves for this award. */
  files: v.array(v.object({ credential: v.string(), format, kind: fileKind, name: v.string() })),
});

export const jobResult = v.object({
  rowsRead: count,
  issued: count,
  alreadyIssued: count,
  rejected: count,
  credentials: count,
  notReached: count,
  formats: v.array(format),
  bake: v.array(bakeKind),
  report: v.string(),
  peopleList: v.string(),
  peopleTotal: count,
  people: v.array(personResult),
  rejectedTotal: count,
  rejectedRows: v.array(rejectedRow),
});

const jobState = v.picklist(['running', 'cancelling', 'finished', 'cancelled', 'failed']);

export const jobStatus = v.object({
  jobId: v.string(),
  badgeId: v.string(),
  badgeName: v.string(),
  state: jobState,
  phase: v.string(),
  done: count,
  total: v.nullable(count),
  startedAt: isoDateTime,
  finishedAt: v.nullable(isoDateTime),
  error: v.nullable(
    v.object({ code: v.string(), message: v.string(), details: v.optional(v.unknown()) }),
  ),
  result: v.nullable(jobResult),
});

const jobId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export const issueContract = {
  'issue.preview': {
    req: v.strictObject({ csv: csvInput, columns: columnChoices }),
    res: csvPreview,
  },
  'issue.start': {
    req: v.strictObject({
      badgeId: nonEmpty(64),
      formats: v.pipe(v.array(format), v.minLength(1), v.maxLength(4)),
      bake: v.pipe(v.array(bakeKind), v.maxLength(2)),
      csv: csvInput,
      columns: columnChoices,
    }),
    res: jobStatus,
  },
  'issue.cancel': { req: v.strictObject({ jobId }), res: jobStatus },
  /** The running job, or the last one with its result (null when none since the app started). */
  'issue.status': { req: empty, res: v.object({ job: v.nullable(jobStatus) }) },
} satisfies Record<string, ChannelSpec>;
