/**
 * Issuing as a background job, for the app: one run at a time per runner, started at once and
 * followed through throttled progress reports, cancellable, and still there (with its result) when
 * the UI asks again after a reload. The run itself is `issueBatch`, exactly as the CLI runs it; the
 * result lists the people of the run (one award each, every format) through the award service.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadgeError, toBadgeError, type BadgeErrorShape } from '../../shared/errors.js';
import { requireBadge, type CredentialFormat } from '../db/repos/badges.js';
import { credentialFileRefs, type AwardFileRef } from './award-files.js';
import { getAwardView, type AwardStatus } from './awards.js';
import { checkCsvHeader } from './csv-preview.js';
import type { ColumnChoice, CsvSource, RejectedRow } from './csv-rows.js';
import {
  issueBatch,
  type BakeKind,
  type IssueProgress,
  type IssueSummary,
  type RowReport,
} from './issue-batch.js';
import type { Keystore } from './keystore.js';
import type { Workspace } from './workspace.js';

export type JobState = 'running' | 'cancelling' | 'finished' | 'cancelled' | 'failed';
export type JobPhase = 'starting' | 'issuing' | 'cancelling' | 'finishing' | JobState;

export interface JobProgress {
  jobId: string;
  phase: JobPhase;
  done: number;
  total: number | null;
  finished: boolean;
}

export interface PersonResult {
  awardId: string;
  line: number;
  /** `issued`: got the badge (or a format of it) in this run; `already-issued`: had it already. */
  outcome: 'issued' | 'already-issued';
  name: string | null;
  email: string | null;
  did: string | null;
  badge: { id: string; name: string };
  formats: CredentialFormat[];
  status: AwardStatus;
  files: (AwardFileRef & { format: CredentialFormat })[];
}

export interface JobResult {
  rowsRead: number;
  issued: number;
  alreadyIssued: number;
  rejected: number;
  credentials: number;
  /** Rows a cancelled run did not reach: running the same batch again issues them. */
  notReached: number;
  formats: CredentialFormat[];
  bake: BakeKind[];
  /** This run's report, in the issued folder. */
  report: string;
  /** This run's people list for a mail merge. */
  peopleList: string;
  peopleTotal: number;
  /** The first people of the run, in file order (the People screen has them all). */
  people: PersonResult[];
  rejectedTotal: number;
  rejectedRows: RejectedRow[];
}

export interface JobStatus {
  jobId: string;
  badgeId: string;
  badgeName: string;
  state: JobState;
  phase: JobPhase;
  done: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: BadgeErrorShape | null;
  result: JobResult | null;
}

export interface IssueJobRequest {
  badgeId: string;
  formats: CredentialFormat[];
  bake: BakeKind[];
  csv: CsvSource;
  columns?: readonly ColumnChoice[];
}

export interface IssueJobContext {
  workspace: Workspace;
  keystore: Keystore;
  outDir: string;
  now: () => string;
  onProgress(progress: JobProgress): void;
  onError?(error: unknown): void;
}

/** Progress reports per second, at most (the first and the last always go out). */
const REPORTS_PER_SECOND = 10;
/** Credentials signed together: small enough for several progress steps a second. */
const CREDENTIALS_PER_CHUNK = 32;
export const MAX_PEOPLE_LISTED = 50;
export const MAX_REJECTED_LISTED = 1000;

interface Job {
  status: JobStatus;
  controller: AbortController;
  done: Promise<void>;
}

/** Sends the latest progress at most REPORTS_PER_SECOND times a second, never dropping the last one. */
function throttled(send: (progress: JobProgress) => void): (progress: JobProgress) => void {
  const interval = 1000 / REPORTS_PER_SECOND;
  let last = -Infinity;
  let pending: JobProgress | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    if (pending === null) return;
    last = performance.now();
    const progress = pending;
    pending = null;
    send(progress);
  };
  return (progress) => {
    pending = progress;
    if (progress.finished) {
      if (timer) clearTimeout(timer);
      flush();
      return;
    }
    const wait = last + interval - performance.now();
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
}

export class IssueJobRunner {
  private job: Job | null = null;

  /** The running job, or the last one (with its result), or null. */
  current(): JobStatus | null {
    return this.job ? structuredClone(this.job.status) : null;
  }

  get(jobId: string): JobStatus {
    if (!this.job || this.job.status.jobId !== jobId) {
      throw new BadgeError(
        'ERR_ISSUE_JOB_NOT_FOUND',
        `No issuing run ${jobId.slice(0, 80)} is known here (the app may have been restarted). Start it again: nothing is issued twice.`,
      );
    }
    return structuredClone(this.job.status);
  }

  isRunning(): boolean {
    return (
      this.job !== null &&
      (this.job.status.state === 'running' || this.job.status.state === 'cancelling')
    );
  }

  /**
   * Checks what can be checked at once (one run at a time, the badge, the CSV's header), then
   * starts the run in the background and returns its first status.
   */
  async start(request: IssueJobRequest, context: IssueJobContext): Promise<JobStatus> {
    if (this.isRunning()) {
      throw new BadgeError(
        'ERR_ISSUE_RUNNING',
        'Badges are already being issued. Wait for that run to finish, or cancel it.',
      );
    }
    const badge = requireBadge(context.workspace.db, request.badgeId);
    await checkCsvHeader(request.csv, request.columns);
    const status: JobStatus = {
      jobId: randomUUID(),
      badgeId: badge.id,
      badgeName: badge.name,
      state: 'running',
      phase: 'starting',
      done: 0,
      total: null,
      startedAt: context.now(),
      finishedAt: null,
      error: null,
      result: null,
    };
    const controller = new AbortController();
    const job: Job = { status, controller, done: Promise.resolve() };
    this.job = job;
    const report = throttled(context.onProgress);
    const emit = () =>
      report({
        jobId: status.jobId,
        phase: status.phase,
        done: status.done,
        total: status.total,
        finished: status.state !== 'running' && status.state !== 'cancelling',
      });
    emit();
    job.done = this.run(job, request, context, emit);
    return structuredClone(status);
  }

  cancel(jobId: string): JobStatus {
    const status = this.get(jobId);
    const job = this.job as Job;
    if (job.status.state === 'running') {
      job.status.state = 'cancelling';
      job.status.phase = 'cancelling';
      job.controller.abort();
    }
    return status.state === 'running' ? structuredClone(job.status) : status;
  }

  /** Resolves when the current job (if any) has ended. */
  async settled(): Promise<void> {
    await this.job?.done;
  }

  private async run(
    job: Job,
    request: IssueJobRequest,
    context: IssueJobContext,
    emit: () => void,
  ): Promise<void> {
    const { status } = job;
    let temp: string | null = null;
    try {
      let csvPath: string;
      if (typeof request.csv === 'string') csvPath = request.csv;
      else {
        temp = await mkdtemp(join(tmpdir(), 'badgesmith-issue-'));
        csvPath = join(temp, 'recipients.csv');
        await writeFile(csvPath, request.csv.bytes, { mode: 0o600 });
      }
      const summary = await issueBatch(context.workspace, context.keystore, {
        badgeId: request.badgeId,
        csvPath,
        formats: request.formats,
        bake: request.bake,
        outDir: context.outDir,
        chunkSize: Math.max(1, Math.ceil(CREDENTIALS_PER_CHUNK / request.formats.length)),
        signal: job.controller.signal,
        ...(request.columns ? { columns: request.columns } : {}),
        onProgress: (progress: IssueProgress) => {
          status.done = progress.rows;
          status.total = progress.total;
          if (status.state === 'running') {
            status.phase = progress.rows >= progress.total ? 'finishing' : 'issuing';
          }
          emit();
        },
      });
      status.result = await jobResult(context.workspace, summary, status.total ?? summary.rowsRead);
      status.state = summary.cancelled ? 'cancelled' : 'finished';
    } catch (error) {
      const badgeError = toBadgeError(error);
      if (badgeError.code === 'ERR_INTERNAL') context.onError?.(error);
      status.error =
        badgeError.code === 'ERR_INTERNAL'
          ? {
              code: 'ERR_INTERNAL',
              message:
                'Something went wrong inside Badgesmith. Nothing was lost; the details are in the log.',
            }
          : badgeError.toJSON();
      status.state = 'failed';
    } finally {
      if (temp) await rm(temp, { recursive: true, force: true });
      status.phase = status.state;
      status.finishedAt = context.now();
      emit();
    }
  }
}

/** What the run did, from its report: counts, the people (one award each) and the rejected rows. */
async function jobResult(
  workspace: Workspace,
  summary: IssueSummary,
  total: number,
): Promise<JobResult> {
  const { rows } = JSON.parse(await readFile(summary.report, 'utf8')) as { rows: RowReport[] };
  const people: PersonResult[] = [];
  let peopleTotal = 0;
  const rejectedRows: RejectedRow[] = [];
  let rejectedTotal = 0;
  for (const row of rows) {
    if (row.status === 'rejected') {
      rejectedTotal += 1;
      if (rejectedRows.length < MAX_REJECTED_LISTED) {
        rejectedRows.push({ line: row.line, email: row.email, problems: row.problems ?? [] });
      }
      continue;
    }
    peopleTotal += 1;
    if (people.length >= MAX_PEOPLE_LISTED || row.award === undefined) continue;
    const award = getAwardView(workspace, row.award);
    people.push({
      awardId: award.id,
      line: row.line,
      outcome: row.status,
      name: award.recipient.name,
      email: award.recipient.email,
      did: award.recipient.did,
      badge: award.badge,
      formats: award.formats,
      status: award.status,
      files: award.credentials.flatMap((credential) =>
        credentialFileRefs(award.badge.id, credential).map((ref) => ({
          ...ref,
          format: credential.format,
        })),
      ),
    });
  }
  return {
    rowsRead: summary.rowsRead,
    issued: summary.issued,
    alreadyIssued: summary.alreadyIssued,
    rejected: summary.rejected,
    credentials: summary.credentials,
    notReached: summary.cancelled ? Math.max(0, total - summary.rowsRead) : 0,
    formats: summary.formats,
    bake: summary.bake,
    report: summary.report,
    peopleList: summary.people,
    peopleTotal,
    people,
    rejectedTotal,
    rejectedRows,
  };
}
