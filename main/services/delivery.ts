/**
 * Getting badges to earners: one e-mail per award (the baked image attached, the credential page
 * linked), written as `.eml` drafts or sent through the association's own SMTP account.
 * Plain Node: the CLI and the app call `exportDrafts` and `sendDeliveries` with a progress callback.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { BadgeError } from '../../shared/errors.js';
import { formatDate } from '../../shared/site/html.js';
import { linkedInUrl } from '../../shared/site/pages.js';
import { siteLayout } from '../../shared/site/urls.js';
import { listIssuances } from '../db/repos/issuances.js';
import { requireIssuer, type IssuerProfile } from '../db/repos/issuer.js';
import {
  batchAwardIds,
  findBatchIds,
  getDeliveries,
  recordDraft,
  type Delivery,
} from '../db/repos/deliveries.js';
import { getAwardView, listAwards, requireAward, type AwardView } from './awards.js';
import {
  loadTemplate,
  renderMail,
  type MailTemplate,
  type TemplateValues,
} from './delivery-template.js';
import { ownedTempName } from './process-files.js';
import type { Workspace } from './workspace.js';

/** Which awards: exactly one of batch, badge or award. */
export interface DeliverySelection {
  batch?: string;
  badge?: string;
  award?: string;
  /** Skip awards already sent or already exported as a draft. */
  onlyNew?: boolean;
}

export type DeliveryStatus =
  | 'drafted'
  | 'sent'
  | 'would-draft'
  | 'would-send'
  /** Already sent, or (with onlyNew) already drafted: nothing done. */
  | 'already-done'
  | 'skipped'
  | 'failed'
  /** A run was stopped while handing this message to the server: it may have been sent. */
  | 'unconfirmed';

export interface DeliveryOutcome {
  award: string;
  badge: string;
  email: string | null;
  name: string | null;
  status: DeliveryStatus;
  code?: string;
  message?: string;
  /** The draft written (eml). */
  file?: string;
  messageId?: string;
}

export interface DeliveryReport {
  mode: 'eml' | 'smtp';
  dryRun: boolean;
  total: number;
  done: number;
  alreadyDone: number;
  skipped: number;
  failed: number;
  unconfirmed: number;
  outcomes: DeliveryOutcome[];
  /** Set when a run stopped early (SMTP login, connection or TLS failure): the rest was not attempted. */
  stopped?: { code: string; message: string };
}

export interface DeliveryProgress {
  done: number;
  total: number;
  outcome: DeliveryOutcome;
}

export interface ComposeOptions {
  /** An e-mail template file; default: the workspace's delivery-template.txt, else the built-in one. */
  templateFile?: string;
  /** Folders to look in for baked images that moved since `issue` wrote them (same layout as `issue --out`). */
  issuedDirs?: readonly string[];
  /** The From address; default: the issuer's e-mail. */
  from?: string;
}

/** A message ready to write or send. */
export interface ComposedMail {
  award: AwardView;
  to: string;
  messageId: string;
  /** Deterministic RFC 5322 bytes except the MIME boundaries. */
  raw: Buffer;
  attachmentName: string;
}

function selectionError(text: string): BadgeError {
  return new BadgeError(
    'ERR_USAGE',
    `${text} Give exactly one of --batch ID, --badge SLUG or --award ID.`,
  );
}

function requireBatch(workspace: Workspace, idOrPrefix: string): string {
  const text = idOrPrefix.trim().toLowerCase();
  const found = text.length >= 8 ? findBatchIds(workspace.db, text, 2) : [];
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    {throw new BadgeError(
      'ERR_BATCH_AMBIGUOUS',
      `More than one batch id starts with "${idOrPrefix}". Give more of it (\`issue --json\` prints the full id as "batch").`,
    );}
  throw new BadgeError(
    'ERR_BATCH_NOT_FOUND',
    `No batch "${idOrPrefix}" in this workspace. The batch id is printed as "batch" by \`badgesmith issue --json\`; or choose the awards with --badge SLUG.`,
  );
}

/** The awards a delivery is about, oldest first. */
export function selectAwards(workspace: Workspace, selection: DeliverySelection): AwardView[] {
  const given = [selection.batch, selection.badge, selection.award].filter(
    (v) => v !== undefined && v !== '',
  );
  if (given.length !== 1)
    {throw selectionError(given.length === 0 ? 'Which awards?' : 'Too many selections.');}
  if (selection.award)
    {return [getAwardView(workspace, requireAward(workspace, selection.award).id)];}
  if (selection.badge) return listAwards(workspace, { badgeId: selection.badge });
  const batchId = requireBatch(workspace, selection.batch!);
  const ids = new Set(batchAwardIds(workspace.db, batchId));
  return listAwards(workspace).filter((award) => ids.has(award.id));
}

export function outcomeOf(
  award: AwardView,
  status: DeliveryStatus,
  extra: Partial<DeliveryOutcome> = {},
): DeliveryOutcome {
  return {
    award: award.id,
    badge: award.badge.id,
    email: award.recipient.email,
    name: award.recipient.name,
    status,
    ...extra,
  };
}

function skip(award: AwardView, code: string, message: string): DeliveryOutcome {
  return outcomeOf(award, 'skipped', { code, message });
}

/** Why an award cannot be delivered, or undefined when it can. */
function undeliverable(award: AwardView): DeliveryOutcome | undefined {
  if (award.status === 'revoked')
    {return skip(award, 'ERR_DELIVERY_REVOKED', `Award ${award.id} is revoked: it is not sent.`);}
  if (award.status === 'pending')
    {return skip(
      award,
      'ERR_DELIVERY_PENDING',
      `Award ${award.id} was not finished issuing: run the same \`badgesmith issue\` again, then deliver.`,
    );}
  if (award.recipient.email === null) {
    return skip(
      award,
      'ERR_DELIVERY_NO_EMAIL',
      `${award.recipient.did ?? award.recipient.name ?? award.id} has no e-mail address (badge ${award.badge.id}), only a DID: give them the badge another way, or issue again with an e-mail column.`,
    );
  }
  return undefined;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Where a baked image recorded by `issue` may be now. */
function imageCandidates(recorded: string, badgeId: string, dirs: readonly string[]): string[] {
  const name = basename(recorded);
  return [recorded, ...dirs.flatMap((dir) => [join(dir, badgeId, name), join(dir, name)])];
}

/** The baked image to attach (PNG, else SVG) of the award's first valid credential, checked against its recorded hash. */
function bakedImage(
  workspace: Workspace,
  award: AwardView,
  dirs: readonly string[],
): { bytes: Buffer; kind: 'png' | 'svg'; credentialId: string } | DeliveryOutcome {
  const issuances = listIssuances(workspace.db, { awardId: award.id }).filter(
    (i) => !i.revoked && i.state === 'done',
  );
  const order = new Map(award.credentials.map((c, index) => [c.id, index]));
  issuances.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  for (const kind of ['png', 'svg'] as const) {
    for (const issuance of issuances) {
      const file = issuance.files.find((f) => extname(f.path).toLowerCase() === `.${kind}`);
      if (!file) continue;
      for (const path of imageCandidates(file.path, award.badge.id, dirs)) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        if (sha256(bytes) !== file.sha256.toLowerCase()) {
          return skip(
            award,
            'ERR_DELIVERY_IMAGE_CHANGED',
            `The baked image ${path} is not the one \`issue\` wrote (its content changed): run the same \`badgesmith issue\` again to restore it, then deliver.`,
          );
        }
        return { bytes, kind, credentialId: issuance.id };
      }
      const where = dirs.length ? `, nor in ${dirs.join(', ')}` : '';
      return skip(
        award,
        'ERR_DELIVERY_IMAGE_MISSING',
        `The baked image ${file.path} is not there any more${where}. Pass the folder that holds it now with --issued DIR, or run the same \`badgesmith issue\` again to write it back.`,
      );
    }
  }
  return skip(
    award,
    'ERR_DELIVERY_NO_IMAGE',
    `Award ${award.id} has no baked image to attach: issue it again with --bake png.`,
  );
}

function fromAddress(issuer: IssuerProfile, from: string | undefined): string {
  const address = from ?? issuer.email;
  if (!address) {
    throw new BadgeError(
      'ERR_DELIVERY_FROM_MISSING',
      "The messages need a sender address: give --from ADDRESS, or set the issuer's e-mail with `badgesmith issuer update --email ADDRESS`.",
    );
  }
  return address;
}

/** The message id recorded for an award: the same on every attempt, so a resent message is recognisably the same one. */
export function deliveryMessageId(awardId: string, siteUrl: string): string {
  return `<badge-${awardId}@${new URL(siteUrl).hostname || 'badgesmith.invalid'}>`;
}

interface Composer {
  issuer: IssuerProfile;
  from: string;
  template: MailTemplate;
  compose(award: AwardView, options: { draft: boolean }): Promise<ComposedMail | DeliveryOutcome>;
}

export function createComposer(workspace: Workspace, options: ComposeOptions = {}): Composer {
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  const template = loadTemplate({
    ...(options.templateFile ? { file: options.templateFile } : {}),
    workspaceDir: workspace.paths.dir,
    language: issuer.language,
  });
  const from = fromAddress(issuer, options.from);
  const dirs = options.issuedDirs ?? [];
  const lang = issuer.language;
  return {
    issuer,
    from,
    template,
    async compose(award, { draft }) {
      const problem = undeliverable(award);
      if (problem) return problem;
      const image = bakedImage(workspace, award, dirs);
      if (!('bytes' in image)) return image;
      const credential =
        award.credentials.find((c) => c.id === image.credentialId) ?? award.credentials[0]!;
      const to = award.recipient.email!;
      const attachmentName = `${award.badge.id}.${image.kind}`;
      const values: TemplateValues = {
        name: award.recipient.name ?? to,
        email: to,
        badge: award.badge.name,
        issuer: issuer.name,
        issuer_url: issuer.url,
        issued_on: formatDate(award.issuedOn, lang),
        valid_until: award.validUntil ? formatDate(award.validUntil, lang) : '',
        page_url: layout.url(layout.credential(credential.id, 'html')),
        linkedin_url: linkedInUrl({ layout, issuer }, award.badge, {
          id: credential.id,
          issuedOn: award.issuedOn,
          validUntil: award.validUntil,
        }),
        verify_url: layout.url(layout.verifier),
        image_file: attachmentName,
      };
      const { subject, text, html } = renderMail(template, values, lang);
      const messageId = deliveryMessageId(award.id, issuer.siteUrl);
      const composer = new MailComposer({
        from: { name: issuer.name, address: from },
        to: award.recipient.name ? { name: award.recipient.name, address: to } : to,
        subject,
        text,
        html,
        messageId,
        date: workspace.clock(),
        // Outlook opens a message marked unsent as a draft, ready to edit and send.
        headers: draft ? { 'X-Unsent': '1' } : {},
        // Nothing in a message is ever read from a path or a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
        attachments: [
          {
            filename: attachmentName,
            content: image.bytes,
            contentType: image.kind === 'png' ? 'image/png' : 'image/svg+xml',
          },
        ],
      });
      const raw = await composer.compile().build();
      return { award, to, messageId, raw, attachmentName };
    },
  };
}

/** Drafts already written or messages already sent count as done for --only-new. */
function alreadyDone(delivery: Delivery | undefined, onlyNew: boolean): boolean {
  if (!delivery) return false;
  return delivery.state === 'sent' || (onlyNew && delivery.draftedAt !== null);
}

export function emptyReport(mode: 'eml' | 'smtp', dryRun: boolean, total: number): DeliveryReport {
  return {
    mode,
    dryRun,
    total,
    done: 0,
    alreadyDone: 0,
    skipped: 0,
    failed: 0,
    unconfirmed: 0,
    outcomes: [],
  };
}

export function addOutcome(
  report: DeliveryReport,
  outcome: DeliveryOutcome,
  onProgress?: (progress: DeliveryProgress) => void,
): void {
  report.outcomes.push(outcome);
  if (
    outcome.status === 'drafted' ||
    outcome.status === 'sent' ||
    outcome.status === 'would-draft' ||
    outcome.status === 'would-send'
  )
    {report.done += 1;}
  else if (outcome.status === 'already-done') report.alreadyDone += 1;
  else if (outcome.status === 'skipped') report.skipped += 1;
  else if (outcome.status === 'failed') report.failed += 1;
  else report.unconfirmed += 1;
  onProgress?.({ done: report.outcomes.length, total: report.total, outcome });
}

/** Creates the folder and checks that files can be written in it, before anything is composed. */
export async function requireWritableFolder(dir: string, what: { code: `ERR_${string}`; flag: string } = { code: 'ERR_DELIVERY_OUT_UNWRITABLE', flag: '--eml DIR' }): Promise<void> {
  const probe = join(dir, ownedTempName('probe'));
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new BadgeError(
      what.code,
      `The folder ${dir} cannot be written (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only disk' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way' : code}). Choose a folder you can write to with ${what.flag}.`,
      { cause: error },
    );
  }
}

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), ownedTempName('eml'));
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface ExportDraftsOptions extends ComposeOptions {
  selection: DeliverySelection;
  outDir: string;
  dryRun?: boolean;
  onProgress?: (progress: DeliveryProgress) => void;
}

/**
 * `deliver --eml DIR`: one RFC 5322 draft per award, `DIR/<badge>/<award>.eml`, each recorded in the
 * workspace as drafted (so `--only-new` leaves it out next time).
 */
export async function exportDrafts(
  workspace: Workspace,
  options: ExportDraftsOptions,
): Promise<DeliveryReport> {
  const awards = selectAwards(workspace, options.selection);
  const composer = createComposer(workspace, options);
  const dryRun = options.dryRun ?? false;
  if (!dryRun) await requireWritableFolder(options.outDir);
  const deliveries = getDeliveries(
    workspace.db,
    awards.map((a) => a.id),
  );
  const report = emptyReport('eml', dryRun, awards.length);
  for (const award of awards) {
    if (alreadyDone(deliveries.get(award.id), options.selection.onlyNew ?? false)) {
      addOutcome(
        report,
        outcomeOf(award, 'already-done', {
          message: deliveries.get(award.id)?.state === 'sent' ? 'already sent' : 'already drafted',
        }),
        options.onProgress,
      );
      continue;
    }
    const mail = await composer.compose(award, { draft: true });
    if (!('raw' in mail)) {
      addOutcome(report, mail, options.onProgress);
      continue;
    }
    const file = join(options.outDir, award.badge.id, `${award.id}.eml`);
    if (dryRun) {
      addOutcome(
        report,
        outcomeOf(award, 'would-draft', { file, messageId: mail.messageId }),
        options.onProgress,
      );
      continue;
    }
    await writeAtomically(file, mail.raw);
    recordDraft(workspace.db, {
      awardId: award.id,
      email: mail.to,
      messageId: mail.messageId,
      file,
      at: workspace.now(),
    });
    addOutcome(
      report,
      outcomeOf(award, 'drafted', { file, messageId: mail.messageId }),
      options.onProgress,
    );
  }
  return report;
}

/**
 * One award's draft, to download (the app's People screen): the message as bytes, recorded in the
 * workspace as drafted, like `deliver --eml` (so a later "only new" run does not write it again);
 * a read-only workspace still gives the draft, unrecorded.
 */
export async function downloadDraft(
  workspace: Workspace,
  awardId: string,
  options: ComposeOptions = {},
): Promise<{ name: string; raw: Buffer }> {
  const award = getAwardView(workspace, requireAward(workspace, awardId).id);
  const mail = await createComposer(workspace, options).compose(award, { draft: true });
  if (!('raw' in mail)) {
    throw new BadgeError((mail.code ?? 'ERR_INTERNAL') as `ERR_${string}`, mail.message ?? 'This award cannot be e-mailed.');
  }
  const name = `${award.badge.id}-${award.id}.eml`;
  if (!workspace.readOnly) recordDraft(workspace.db, { awardId: award.id, email: mail.to, messageId: mail.messageId, file: name, at: workspace.now() });
  return { name, raw: mail.raw };
}
