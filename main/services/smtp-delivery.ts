/**
 * `deliver --smtp`: sends each award's message through the association's own SMTP account.
 * Never twice: an award is claimed ('sending', committed) only after the login succeeded and
 * just before its message is handed over, and marked 'sent' when the server accepts it. A run
 * stopped in between leaves it 'unconfirmed': it is not sent again unless the user says so.
 * A refused address is 'failed' (retried by the next run); the rest go on.
 */
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { BadgeError } from '../../shared/errors.js';
import {
  claimSending,
  getDeliveries,
  recordFailed,
  recordSent,
  restoreState,
  type Delivery,
} from '../db/repos/deliveries.js';
import { requireWritable, type Workspace } from './workspace.js';
import {
  addOutcome,
  createComposer,
  emptyReport,
  outcomeOf,
  selectAwards,
  type ComposeOptions,
  type DeliveryProgress,
  type DeliveryReport,
  type DeliverySelection,
} from './delivery.js';
import type { AwardView } from './awards.js';

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface SmtpSettings {
  host: string;
  /** Default: 465 with tls, 587 with starttls, 25 with none. */
  port?: number;
  security: SmtpSecurity;
  /** Without a user, no login (a relay that trusts this computer). */
  user?: string;
  /** Never stored: from BADGESMITH_SMTP_PASSWORD or a prompt. */
  password?: string;
  /** Extra TLS settings (tests: a private certificate authority). */
  tls?: { ca?: string | Buffer };
  /** Milliseconds; default 30 s. */
  timeout?: number;
}

export interface SendDeliveriesOptions extends ComposeOptions {
  selection: DeliverySelection;
  smtp: SmtpSettings;
  /** At most this many messages a minute (default 30): mail providers block accounts that send in bursts. */
  perMinute?: number;
  dryRun?: boolean;
  /** Send again the awards a stopped run left unconfirmed (they may have been sent already). */
  resendUnconfirmed?: boolean;
  onProgress?: (progress: DeliveryProgress) => void;
  /** Stops between two messages (the app's Cancel button). */
  signal?: AbortSignal;
  /** Waits between messages; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since some fixed point; injected by tests. */
  monotonic?: () => number;
}

export const DEFAULT_PER_MINUTE = 30;
const PORTS: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Settings checked before anything is composed: a clear error instead of a mysterious failure later. */
export function checkSmtpSettings(
  smtp: SmtpSettings,
): Required<Pick<SmtpSettings, 'host' | 'port' | 'security'>> {
  const host = smtp.host.trim();
  if (host === '' || /[\s/]/.test(host)) {
    throw new BadgeError(
      'ERR_USAGE',
      `"${smtp.host}" is not an SMTP server name; give it as --smtp smtp.example.org.`,
    );
  }
  const port = smtp.port ?? PORTS[smtp.security];
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BadgeError(
      'ERR_USAGE',
      `--smtp-port ${smtp.port} is not a port number (1 to 65535).`,
    );
  }
  if (smtp.security === 'none' && !LOOPBACK.has(host.toLowerCase())) {
    throw new BadgeError(
      'ERR_SMTP_INSECURE',
      `--smtp-security none would send your password and the earners' addresses unencrypted to ${host}; it is only allowed for a server on this computer. Use starttls (port 587) or tls (port 465), as your mail provider says.`,
    );
  }
  if (smtp.user !== undefined && smtp.password === undefined) {
    throw new BadgeError(
      'ERR_SMTP_PASSWORD_MISSING',
      `No password for ${smtp.user}: set BADGESMITH_SMTP_PASSWORD, or run the command in a terminal to be asked for it (it is never stored).`,
    );
  }
  return { host, port, security: smtp.security };
}

interface SmtpFailure {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/i;

function serverSays(error: SmtpFailure): string {
  return error.response ? ` The server said: ${error.response.slice(0, 200)}` : '';
}

/** A failure to connect or log in: nothing was sent. */
function connectionError(error: unknown, where: string): BadgeError {
  const e = (error ?? {}) as SmtpFailure & { cause?: { code?: string } };
  const detail = `${e.code ?? ''} ${e.message ?? ''} ${e.cause?.code ?? ''}`;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') {
    return new BadgeError(
      'ERR_SMTP_AUTH',
      `${where} refused the login.${serverSays(e)} Check --smtp-user and the password (BADGESMITH_SMTP_PASSWORD); some providers need an "app password". Nothing was sent.`,
      { cause: error },
    );
  }
  if (e.code === 'ETLS' || TLS_CODES.test(detail)) {
    return new BadgeError(
      'ERR_SMTP_TLS',
      `The encrypted connection to ${where} failed (${(e.message ?? '').split('\n')[0]}). Check --smtp-security (tls for port 465, starttls for 587) and the server name. Nothing was sent.`,
      { cause: error },
    );
  }
  return new BadgeError(
    'ERR_SMTP_CONNECT',
    `Cannot reach ${where} (${(e.message ?? String(error)).split('\n')[0]}). Check the server name, --smtp-port and your network. Nothing was sent.`,
    { cause: error },
  );
}

function isTimeoutOrClosed(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ['ETIMEDOUT', 'ECONNECTION', 'ESOCKET'].includes(String((error as SmtpFailure).code))
  );
}

/** One logged-in connection. */
async function openConnection(
  smtp: SmtpSettings,
  checked: ReturnType<typeof checkSmtpSettings>,
): Promise<SMTPConnection> {
  const timeout = smtp.timeout ?? 30_000;
  const connection = new SMTPConnection({
    host: checked.host,
    port: checked.port,
    secure: checked.security === 'tls',
    requireTLS: checked.security === 'starttls',
    ignoreTLS: checked.security === 'none',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { servername: checked.host, ...(smtp.tls?.ca ? { ca: smtp.tls.ca } : {}) },
  });
  const where = `the SMTP server ${checked.host}:${checked.port}`;
  // Errors also arrive as events; without a listener they would end the process.
  let lastError: unknown;
  connection.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => {
        connection.removeListener('error', reject);
        resolve();
      });
    });
    if (smtp.user !== undefined) {
      await new Promise<void>((resolve, reject) =>
        connection.login({ user: smtp.user!, pass: smtp.password ?? '' }, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    }
  } catch (error) {
    connection.close();
    throw connectionError(error ?? lastError, where);
  }
  return connection;
}

/** Logs in and out again, sending nothing: the app's "Check the account" (a wrong password or server gives its ERR_SMTP_ code). */
export async function checkSmtpAccount(smtp: SmtpSettings): Promise<void> {
  const connection = await openConnection(smtp, checkSmtpSettings(smtp));
  connection.quit();
}

type SendResult =
  | { ok: true }
  | { ok: false; kind: 'refused' | 'sender-refused' | 'uncertain'; error: SmtpFailure };

function sendOne(
  connection: SMTPConnection,
  from: string,
  to: string,
  raw: Buffer,
): Promise<SendResult> {
  return new Promise((resolve) => {
    connection.send({ from, to: [to] }, raw, (error) => {
      if (!error) return resolve({ ok: true });
      const e = error as SmtpFailure;
      if (e.code === 'EENVELOPE' && e.command === 'MAIL FROM') {
        return resolve({ ok: false, kind: 'sender-refused', error: e });
      }
      if (e.code === 'EENVELOPE') return resolve({ ok: false, kind: 'refused', error: e });
      // The server answered the message itself with a refusal: it did not take it.
      if (e.code === 'EMESSAGE' && typeof e.responseCode === 'number' && e.responseCode >= 400) {
        return resolve({ ok: false, kind: 'refused', error: e });
      }
      return resolve({ ok: false, kind: 'uncertain', error: e });
    });
  });
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A refused address, as the report and the workspace record it. */
function refusal(to: string, error: SmtpFailure): string {
  return `The server refused the message to ${to}${error.responseCode ? ` (${error.responseCode})` : ''}.${serverSays(error)}`;
}

/** `deliver --smtp`: sends what is not sent yet, one message at a time, at most `perMinute` a minute. */
export async function sendDeliveries(
  workspace: Workspace,
  options: SendDeliveriesOptions,
): Promise<DeliveryReport> {
  const checked = checkSmtpSettings(options.smtp);
  const awards = selectAwards(workspace, options.selection);
  const composer = createComposer(workspace, options);
  const dryRun = options.dryRun ?? false;
  if (!dryRun) requireWritable(workspace);
  const perMinute = options.perMinute ?? DEFAULT_PER_MINUTE;
  if (!(perMinute > 0) || !Number.isFinite(perMinute)) {
    throw new BadgeError(
      'ERR_USAGE',
      `--per-minute ${perMinute} is not a positive number of messages a minute.`,
    );
  }
  const interval = 60_000 / perMinute;
  const sleep = options.sleep ?? realSleep;
  const monotonic = options.monotonic ?? (() => performance.now());
  const where = `the SMTP server ${checked.host}:${checked.port}`;
  const report = emptyReport('smtp', dryRun, awards.length);
  const progress = options.onProgress;
  const deliveries = getDeliveries(
    workspace.db,
    awards.map((a) => a.id),
  );

  const todo: AwardView[] = [];
  for (const award of awards) {
    const delivery = deliveries.get(award.id);
    if (delivery?.state === 'sent' || (options.selection.onlyNew && delivery?.draftedAt)) {
      addOutcome(
        report,
        outcomeOf(award, 'already-done', {
          message:
            delivery.state === 'sent' ? `sent ${delivery.sentAt ?? ''}`.trim() : 'already drafted',
          messageId: delivery.messageId,
        }),
        progress,
      );
    } else if (delivery?.state === 'sending' && !options.resendUnconfirmed) {
      addOutcome(report, unconfirmed(award, delivery), progress);
    } else todo.push(award);
  }

  // Log in before composing anything, so a wrong password or server changes nothing.
  let connection =
    dryRun || todo.length === 0 ? undefined : await openConnection(options.smtp, checked);
  let lastSend: number | undefined;
  try {
    const cancelled = (): boolean => {
      if (!options.signal?.aborted) return false;
      report.stopped = {
        code: 'ERR_CANCELLED',
        message:
          'Stopped before every message was sent; run the same command again to send the rest.',
      };
      return true;
    };
    for (const award of todo) {
      if (cancelled()) break;
      const mail = await composer.compose(award, { draft: false });
      if (!('raw' in mail)) {
        addOutcome(report, mail, progress);
        continue;
      }
      if (dryRun) {
        addOutcome(report, outcomeOf(award, 'would-send', { messageId: mail.messageId }), progress);
        continue;
      }
      if (lastSend !== undefined) {
        const wait = lastSend + interval - monotonic();
        if (wait > 0) await sleep(wait);
        // Cancelled during the pause: the next message does not go.
        if (cancelled()) break;
      }
      if (!connection) connection = await openConnection(options.smtp, checked);
      const previous: Pick<Delivery, 'state' | 'lastError'> | undefined = deliveries.get(award.id);
      if (
        !claimSending(
          workspace.db,
          { awardId: award.id, email: mail.to, messageId: mail.messageId, at: workspace.now() },
          options.resendUnconfirmed ?? false,
        )
      ) {
        // Another run took it (or sent it) meanwhile.
        addOutcome(
          report,
          outcomeOf(award, 'already-done', { message: 'sent or being sent by another run' }),
          progress,
        );
        continue;
      }
      lastSend = monotonic();
      const result = await sendOne(connection, composer.from, mail.to, mail.raw);
      if (result.ok) {
        recordSent(workspace.db, award.id, workspace.now());
        addOutcome(report, outcomeOf(award, 'sent', { messageId: mail.messageId }), progress);
        continue;
      }
      if (result.kind === 'refused') {
        const message = refusal(mail.to, result.error);
        recordFailed(workspace.db, award.id, message, workspace.now());
        addOutcome(
          report,
          outcomeOf(award, 'failed', {
            code: 'ERR_SMTP_RECIPIENT_REFUSED',
            message: `${message} It will be tried again by the next run; check the address.`,
          }),
          progress,
        );
        // A refusal can leave the session mid-transaction: a fresh connection for the next one.
        connection.close();
        connection = undefined;
        continue;
      }
      if (result.kind === 'sender-refused') {
        restoreState(workspace.db, award.id, previous, workspace.now());
        report.stopped = {
          code: 'ERR_SMTP_SENDER_REFUSED',
          message: `${where} refuses to send from ${composer.from}.${serverSays(result.error)} Give an address of that account with --from. Nothing more was sent.`,
        };
        break;
      }
      // The connection broke while the message was being handed over: it may have been delivered.
      addOutcome(
        report,
        unconfirmed(award, { messageId: mail.messageId, updated: workspace.now() }),
        progress,
      );
      report.stopped = isTimeoutOrClosed(result.error)
        ? {
            code: 'ERR_SMTP_CONNECT',
            message: `The connection to ${where} broke while sending to ${mail.to} (${result.error.message ?? result.error.code}). Run the same command again to send the rest.`,
          }
        : {
            code: 'ERR_SMTP_FAILED',
            message: `Sending to ${mail.to} failed (${result.error.message ?? result.error.code}). Run the same command again to send the rest.`,
          };
      break;
    }
  } catch (error) {
    if (error instanceof BadgeError && error.code.startsWith('ERR_SMTP_')) {
      report.stopped = { code: error.code, message: error.message };
    } else throw error;
  } finally {
    connection?.quit();
  }
  return report;
}

function unconfirmed(
  award: AwardView,
  delivery: Pick<Delivery, 'messageId' | 'updated'>,
): ReturnType<typeof outcomeOf> {
  return outcomeOf(award, 'unconfirmed', {
    code: 'ERR_DELIVERY_UNCONFIRMED',
    messageId: delivery.messageId,
    message: `A run stopped while sending to ${award.recipient.email} (${delivery.updated}): the message may have arrived. Check your account's Sent folder or ask them; add --resend-unconfirmed to send it again.`,
  });
}
