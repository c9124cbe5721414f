/**
 * Getting badges to earners from the app: e-mail drafts, sending through the association's SMTP
 * account (progress on `delivery.progress`, Cancel), PDF certificates, and each award's delivery
 * state. The SMTP password travels only in `delivery.checkAccount` and `delivery.send` requests:
 * no response schema has a field for it.
 */
import * as v from 'valibot';
import { count, isoDateTime, nonEmpty, text, type ChannelSpec } from '../schemas.js';

const batch = nonEmpty(100);
const awardId = nonEmpty(200);
const jobId = nonEmpty(100);
/** Longest list of awards whose delivery state one request asks for (a page of the People screen). */
export const MAX_STATES = 500;
/** Longest list of outcomes a report carries (the counts are always complete). */
export const MAX_LISTED_OUTCOMES = 500;

export const smtpSecurity = v.picklist(['starttls', 'tls', 'none']);

/** What the app remembers of the SMTP account (in the workspace): never the password. */
export const smtpAccount = v.object({
  host: v.string(),
  port: v.nullable(count),
  security: smtpSecurity,
  user: v.nullable(v.string()),
  from: v.nullable(v.string()),
});

const smtpRequest = v.strictObject({
  host: nonEmpty(253),
  port: v.optional(v.pipe(count, v.minValue(1), v.maxValue(65535))),
  security: smtpSecurity,
  user: v.optional(text(320)),
  password: v.optional(text(1000)),
  from: v.optional(text(320)),
});

/** What became of one award's e-mail. */
export const deliveryState = v.picklist(['none', 'drafted', 'sending', 'sent', 'failed']);

export const awardDelivery = v.object({
  awardId: v.string(),
  state: deliveryState,
  /** When it was sent (sent), drafted (drafted) or last tried (failed, sending). */
  at: v.nullable(isoDateTime),
  draftedAt: v.nullable(isoDateTime),
  /** Why the last attempt failed, as the mail server said it. */
  reason: v.nullable(v.string()),
});

const outcome = v.object({
  award: v.string(),
  email: v.nullable(v.string()),
  name: v.nullable(v.string()),
  status: v.picklist([
    'drafted',
    'sent',
    'would-draft',
    'would-send',
    'already-done',
    'skipped',
    'failed',
    'unconfirmed',
  ]),
  code: v.nullable(v.string()),
  message: v.nullable(v.string()),
});

export const deliveryReport = v.object({
  total: count,
  done: count,
  alreadyDone: count,
  skipped: count,
  failed: count,
  unconfirmed: count,
  /** Set when the run stopped early (login refused, TLS, connection lost, cancelled). */
  stopped: v.nullable(v.object({ code: v.string(), message: v.string() })),
  /** Every outcome that needs attention (skipped, failed, unconfirmed), first MAX_LISTED_OUTCOMES. */
  problems: v.array(outcome),
});

export const deliveryContract = {
  /** The batch of a badge's runs, how far its delivery is, and the remembered SMTP account. */
  'delivery.status': {
    req: v.strictObject({ badgeId: nonEmpty(64) }),
    res: v.object({
      batch: v.string(),
      total: count,
      notSent: count,
      drafted: count,
      sent: count,
      failed: count,
      unconfirmed: count,
      noEmail: count,
      smtp: v.nullable(smtpAccount),
      issuerEmail: v.nullable(v.string()),
      draftsDir: v.string(),
      certificatesDir: v.string(),
      canOpenFolder: v.boolean(),
    }),
  },
  'delivery.states': {
    req: v.strictObject({ awardIds: v.pipe(v.array(awardId), v.maxLength(MAX_STATES)) }),
    res: v.object({ states: v.array(awardDelivery) }),
  },
  /** `.eml` drafts into the workspace's drafts folder (only new ones unless `all`), optionally zipped too. */
  'delivery.drafts': {
    req: v.strictObject({
      jobId,
      batch,
      all: v.optional(v.boolean()),
      zip: v.optional(v.boolean()),
    }),
    res: v.object({
      dir: v.string(),
      report: deliveryReport,
      zip: v.nullable(v.object({ name: v.string(), base64: v.string() })),
    }),
  },
  /** Logs in (sending nothing) and counts what a send would do. */
  'delivery.checkAccount': {
    req: v.strictObject({ batch, smtp: smtpRequest }),
    res: v.object({ report: deliveryReport }),
  },
  'delivery.send': {
    req: v.strictObject({
      jobId,
      batch,
      smtp: smtpRequest,
      /** Keep host, port, security, user and sender in the workspace (never the password). */
      remember: v.optional(v.boolean()),
      perMinute: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(600))),
      resendUnconfirmed: v.optional(v.boolean()),
    }),
    res: v.object({ report: deliveryReport }),
  },
  'delivery.cancel': { req: v.strictObject({ jobId }), res: v.object({ cancelled: v.boolean() }) },
  'delivery.certificates': {
    req: v.strictObject({ jobId, batch, paper: v.optional(v.picklist(['a4', 'letter'])) }),
    res: v.object({
      dir: v.string(),
      total: count,
      written: count,
      skipped: count,
      problems: v.array(
        v.object({ award: v.string(), name: v.nullable(v.string()), code: v.string() }),
      ),
    }),
  },
  'delivery.openFolder': {
    req: v.strictObject({ folder: v.picklist(['drafts', 'certificates']) }),
    res: v.object({ path: v.string(), opened: v.boolean() }),
  },
  /** One award's draft, composed for download (not recorded as drafted: it is not in the drafts folder). */
  'delivery.awardDraft': {
    req: v.strictObject({ awardId }),
    res: v.object({ name: v.string(), base64: v.string() }),
  },
  'delivery.awardCertificate': {
    req: v.strictObject({ awardId, paper: v.optional(v.picklist(['a4', 'letter'])) }),
    res: v.object({ name: v.string(), base64: v.string() }),
  },
  /** The e-mail template as text (Subject line, blank line, message) and whether it is the issuer's own. */
  'delivery.template': {
    req: v.strictObject({}),
    res: v.object({ text: v.string(), custom: v.boolean(), fields: v.array(v.string()) }),
  },
  /** Saves the issuer's template (checked first), or with `reset` goes back to the built-in one. */
  'delivery.saveTemplate': {
    req: v.strictObject({ text: v.optional(text(64 * 1024)), reset: v.optional(v.boolean()) }),
    res: v.object({ text: v.string(), custom: v.boolean(), fields: v.array(v.string()) }),
  },
} satisfies Record<string, ChannelSpec>;
