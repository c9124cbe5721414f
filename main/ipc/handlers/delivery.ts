/**
 * Handlers for getting badges to earners from the app (Issue and People screens): the delivery
 * services exactly as `deliver` and `certificate` run them, with progress on `delivery.progress`.
 * The SMTP password is used for the one request that carries it and kept nowhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { BadgeError } from '../../../shared/errors.js';
import type { ReqValue, ResValue } from '../../../shared/ipc/contract/index.js';
import { MAX_LISTED_OUTCOMES } from '../../../shared/ipc/contract/delivery.js';
import { getDeliveries, type Delivery } from '../../db/repos/deliveries.js';
import { requireIssuer } from '../../db/repos/issuer.js';
import { requireAward } from '../../services/awards.js';
import { exportCertificates } from '../../services/certificates.js';
import {
  downloadDraft,
  exportDrafts,
  selectAwards,
  type DeliveryProgress,
  type DeliveryReport,
} from '../../services/delivery.js';
import {
  defaultTemplateText,
  parseTemplate,
  TEMPLATE_FIELDS,
  WORKSPACE_TEMPLATE,
} from '../../services/delivery-template.js';
import { batchKey } from '../../services/issue-batch.js';
import { folderOpener, openFolder } from '../../services/open-folder.js';
import { ownedTempName } from '../../services/process-files.js';
import { loadSmtpAccount, saveSmtpAccount } from '../../services/smtp-account.js';
import {
  checkSmtpAccount,
  sendDeliveries,
  type SmtpSettings,
} from '../../services/smtp-delivery.js';
import { requireWritable, type Workspace } from '../../services/workspace.js';
import type { HandlerGroup } from '../dispatch.js';
import type { AppSession } from '../session.js';

type DeliveryChannel =
  | 'delivery.status'
  | 'delivery.states'
  | 'delivery.drafts'
  | 'delivery.checkAccount'
  | 'delivery.send'
  | 'delivery.cancel'
  | 'delivery.certificates'
  | 'delivery.openFolder'
  | 'delivery.awardDraft'
  | 'delivery.awardCertificate'
  | 'delivery.template'
  | 'delivery.saveTemplate';

/** Progress events at most this often (plus the first and the last). */
const PROGRESS_INTERVAL_MS = 100;

/** Running sends of each session, by job id, for Cancel. */
const running = new WeakMap<AppSession, Map<string, AbortController>>();

function jobsOf(session: AppSession): Map<string, AbortController> {
  let jobs = running.get(session);
  if (!jobs) running.set(session, (jobs = new Map()));
  return jobs;
}

/** Where the app writes a workspace's drafts and certificates: beside its issued files, in folders no badge slug can take. */
function folders(session: AppSession): { drafts: string; certificates: string; issued: string } {
  const { issued } = session.outputDirs();
  return {
    drafts: join(issued, '_e-mail-drafts'),
    certificates: join(issued, '_certificates'),
    issued,
  };
}

function progressReporter(session: AppSession, jobId: string, phase: string) {
  let lastAt = -Infinity;
  const emit = (done: number, total: number | null, finished: boolean) =>
    session.env.emit('delivery.progress', { jobId, phase, done, total, finished });
  return {
    step({ done, total }: { done: number; total: number }) {
      const now = performance.now();
      if (done !== total && now - lastAt < PROGRESS_INTERVAL_MS) return;
      lastAt = now;
      emit(done, total, false);
    },
    finish: () => emit(0, null, true),
  };
}

type Report = ResValue<'delivery.send'>['report'];

function reportOf(report: DeliveryReport): Report {
  return {
    total: report.total,
    done: report.done,
    alreadyDone: report.alreadyDone,
    skipped: report.skipped,
    failed: report.failed,
    unconfirmed: report.unconfirmed,
    stopped: report.stopped ?? null,
    problems: report.outcomes
      .filter((o) => o.status === 'skipped' || o.status === 'failed' || o.status === 'unconfirmed')
      .slice(0, MAX_LISTED_OUTCOMES)
      .map((o) => ({
        award: o.award,
        email: o.email,
        name: o.name,
        status: o.status,
        code: o.code ?? null,
        message: o.message ?? null,
      })),
  };
}

type SmtpRequest = ReqValue<'delivery.send'>['smtp'];

function smtpSettings(smtp: SmtpRequest): SmtpSettings {
  const user = smtp.user?.trim();
  return {
    host: smtp.host,
    security: smtp.security,
    ...(smtp.port !== undefined ? { port: smtp.port } : {}),
    ...(user ? { user, password: smtp.password ?? undefined } : {}),
  } as SmtpSettings;
}

const fromOf = (smtp: SmtpRequest): { from?: string } =>
  smtp.from?.trim() ? { from: smtp.from.trim() } : {};

async function remember(workspace: Workspace, smtp: SmtpRequest): Promise<void> {
  await saveSmtpAccount(workspace, {
    host: smtp.host,
    port: smtp.port ?? null,
    security: smtp.security,
    user: smtp.user ?? null,
    from: smtp.from ?? null,
  });
}

type AwardDelivery = ResValue<'delivery.states'>['states'][number];

function deliveryOf(awardId: string, delivery: Delivery | undefined): AwardDelivery {
  const draftedAt = delivery?.draftedAt ?? null;
  if (!delivery) return { awardId, state: 'none', at: null, draftedAt, reason: null };
  switch (delivery.state) {
    case 'sent':
      return { awardId, state: 'sent', at: delivery.sentAt, draftedAt, reason: null };
    case 'failed':
      return {
        awardId,
        state: 'failed',
        at: delivery.updated,
        draftedAt,
        reason: delivery.lastError,
      };
    case 'sending':
      return { awardId, state: 'sending', at: delivery.updated, draftedAt, reason: null };
    default:
      return draftedAt
        ? { awardId, state: 'drafted', at: draftedAt, draftedAt, reason: null }
        : { awardId, state: 'none', at: null, draftedAt, reason: null };
  }
}

/** Writes a file through a temporary name, so a reader never sees half of it. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = join(path, '..', ownedTempName('template'));
  await writeFile(temp, text);
  await rename(temp, path);
}

function templateOf(workspace: Workspace): ResValue<'delivery.template'> {
  const file = join(workspace.paths.dir, WORKSPACE_TEMPLATE);
  const custom = existsSync(file);
  return {
    text: custom
      ? readFileSync(file, 'utf8')
      : defaultTemplateText(requireIssuer(workspace.db).language),
    custom,
    fields: [...TEMPLATE_FIELDS],
  };
}

export const deliveryHandlers: HandlerGroup<DeliveryChannel> = {
  'delivery.status': ({ badgeId }, session) => {
    const workspace = session.requireWorkspace();
    const batch = batchKey(badgeId);
    const awards = selectAwards(workspace, { batch });
    const deliveries = getDeliveries(
      workspace.db,
      awards.map((a) => a.id),
    );
    const counts = { notSent: 0, drafted: 0, sent: 0, failed: 0, unconfirmed: 0, noEmail: 0 };
    for (const award of awards) {
      if (award.recipient.email === null) counts.noEmail += 1;
      const state = deliveryOf(award.id, deliveries.get(award.id)).state;
      if (state === 'sent') counts.sent += 1;
      else if (state === 'failed') counts.failed += 1;
      else if (state === 'sending') counts.unconfirmed += 1;
      else if (state === 'drafted') counts.drafted += 1;
      else counts.notSent += 1;
    }
    const dirs = folders(session);
    return {
      batch,
      total: awards.length,
      ...counts,
      smtp: loadSmtpAccount(workspace),
      issuerEmail: requireIssuer(workspace.db).email,
      draftsDir: dirs.drafts,
      certificatesDir: dirs.certificates,
      canOpenFolder: folderOpener() !== null,
    };
  },

  'delivery.states': ({ awardIds }, session) => {
    const workspace = session.requireWorkspace();
    const deliveries = getDeliveries(workspace.db, awardIds);
    return { states: awardIds.map((id) => deliveryOf(id, deliveries.get(id))) };
  },

  'delivery.drafts': async ({ jobId, batch, all, zip }, session) => {
    const workspace = session.requireWorkspace();
    const dirs = folders(session);
    const progress = progressReporter(session, jobId, 'drafts');
    let report: DeliveryReport;
    try {
      report = await exportDrafts(workspace, {
        selection: { batch, onlyNew: !all },
        outDir: dirs.drafts,
        issuedDirs: [dirs.issued],
        onProgress: (p: DeliveryProgress) => progress.step(p),
      });
    } finally {
      progress.finish();
    }
    let archive: { name: string; base64: string } | null = null;
    const written = report.outcomes.filter((o) => o.status === 'drafted' && o.file);
    if (zip && written.length > 0) {
      const files: Zippable = {};
      for (const outcome of written) {
        const path = relative(dirs.drafts, outcome.file!).split('\\').join('/');
        files[path] = [
          await readFile(outcome.file!),
          { level: 6, mtime: new Date('2000-01-01T00:00:00Z') },
        ];
      }
      archive = {
        name: 'e-mail-drafts.zip',
        base64: Buffer.from(zipSync(files)).toString('base64'),
      };
    }
    return { dir: dirs.drafts, report: reportOf(report), zip: archive };
  },

  'delivery.checkAccount': async ({ batch, smtp }, session) => {
    const workspace = session.requireWorkspace();
    // Which awards first: an unknown batch is said before any connection is made.
    selectAwards(workspace, { batch });
    await checkSmtpAccount(smtpSettings(smtp));
    const report = await sendDeliveries(workspace, {
      selection: { batch },
      smtp: smtpSettings(smtp),
      ...fromOf(smtp),
      issuedDirs: [folders(session).issued],
      dryRun: true,
    });
    return { report: reportOf(report) };
  },

  'delivery.send': async (req, session) => {
    const workspace = session.requireWorkspace();
    const jobs = jobsOf(session);
    if (jobs.has(req.jobId)) {
      throw new BadgeError(
        'ERR_DELIVERY_RUNNING',
        `A delivery with the id ${req.jobId} is already running.`,
      );
    }
    const controller = new AbortController();
    jobs.set(req.jobId, controller);
    const progress = progressReporter(session, req.jobId, 'send');
    const signal = controller.signal;
    try {
      const report = await sendDeliveries(workspace, {
        selection: { batch: req.batch },
        smtp: smtpSettings(req.smtp),
        ...fromOf(req.smtp),
        issuedDirs: [folders(session).issued],
        ...(req.perMinute !== undefined ? { perMinute: req.perMinute } : {}),
        resendUnconfirmed: req.resendUnconfirmed ?? false,
        signal,
        // Cancel does not wait for the pause between two messages.
        sleep: (ms) =>
          new Promise<void>((resolve) => {
            if (signal.aborted) return resolve();
            const timer = setTimeout(resolve, ms);
            signal.addEventListener(
              'abort',
              () => {
                clearTimeout(timer);
                resolve();
              },
              { once: true },
            );
          }),
        onProgress: (p) => progress.step(p),
      });
      if (req.remember) await remember(workspace, req.smtp);
      return { report: reportOf(report) };
    } finally {
      jobs.delete(req.jobId);
      progress.finish();
    }
  },

  'delivery.cancel': ({ jobId }, session) => {
    const controller = jobsOf(session).get(jobId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  },

  'delivery.certificates': async ({ jobId, batch, paper }, session) => {
    const workspace = session.requireWorkspace();
    const dirs = folders(session);
    selectAwards(workspace, { batch });
    const progress = progressReporter(session, jobId, 'certificates');
    try {
      const report = await exportCertificates(workspace, {
        selection: { batch },
        outDir: dirs.certificates,
        issuedDirs: [dirs.issued],
        ...(paper ? { paper } : {}),
        onProgress: (p) => progress.step(p),
      });
      return {
        dir: dirs.certificates,
        total: report.total,
        written: report.written,
        skipped: report.skipped,
        problems: report.outcomes
          .filter((o) => o.status === 'skipped')
          .slice(0, MAX_LISTED_OUTCOMES)
          .map((o) => ({ award: o.award, name: o.name, code: o.code ?? 'ERR_INTERNAL' })),
      };
    } finally {
      progress.finish();
    }
  },

  'delivery.openFolder': async ({ folder }, session) => {
    const dir = folders(session)[folder];
    return { path: dir, opened: existsSync(dir) && (await openFolder(dir)) };
  },

  'delivery.awardDraft': async ({ awardId }, session) => {
    const draft = await downloadDraft(session.requireWorkspace(), awardId, { issuedDirs: [folders(session).issued] });
    return { name: draft.name, base64: draft.raw.toString('base64') };
  },

  'delivery.awardCertificate': async ({ awardId, paper }, session) => {
    const workspace = session.requireWorkspace();
    const award = requireAward(workspace, awardId);
    const temp = await mkdtemp(join(tmpdir(), 'badgesmith-certificate-'));
    try {
      const report = await exportCertificates(workspace, {
        selection: { award: award.id },
        outDir: temp,
        issuedDirs: [folders(session).issued],
        ...(paper ? { paper } : {}),
        // One certificate: drawn on this thread, no worker to start.
        threads: 0,
      });
      const outcome = report.outcomes[0]!;
      if (outcome.status !== 'written' || !outcome.file) {
        throw new BadgeError(
          (outcome.code ?? 'ERR_INTERNAL') as `ERR_${string}`,
          outcome.message ?? 'No certificate was made for this award.',
        );
      }
      const bytes = await readFile(outcome.file);
      return { name: `${outcome.badge}-${outcome.award}.pdf`, base64: bytes.toString('base64') };
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  },

  'delivery.template': (_req, session) => templateOf(session.requireWorkspace()),

  'delivery.saveTemplate': async ({ text, reset }, session) => {
    const workspace = session.requireWorkspace();
    requireWritable(workspace);
    const file = join(workspace.paths.dir, WORKSPACE_TEMPLATE);
    if (reset) await rm(file, { force: true });
    else {
      if (text === undefined) {
        throw new BadgeError('ERR_IPC_BAD_REQUEST', 'Give the template text, or reset.');
      }
      parseTemplate(text, 'you wrote');
      await writeAtomically(file, text.replace(/\r\n?/g, '\n'));
    }
    return templateOf(workspace);
  },
};
