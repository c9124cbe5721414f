/**
 * Batch issuing from a CSV, idempotent and crash-safe:
 *   1. reserve: for each row and format, a `pending` issuance row is committed with its
 *      credential id, status list index, dates and key (an existing row is reused as it is);
 *   2. sign the credentials (Data Integrity on the sign pool's worker threads, JWS here);
 *   3. write the .json/.jws and the baked images atomically (temp file + rename);
 *   4. mark the rows `done` with the files' SHA-256 in one transaction.
 * A kill at any point leaves only pending rows behind; the next run re-signs them with the same
 * ids and index and rewrites their files. Rows already done are reported, never issued twice.
 * Signing is deterministic (the proof's `created` is the reservation time), so a re-run also
 * restores, byte for byte, any file of a done row that is missing or no longer matches its
 * recorded SHA-256 (files are not fsynced one by one: a power cut may damage the last ones).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readFile, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative as relativePath, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BadgeError } from '../../shared/errors.js';
import { prepareImage, type PreparedImage } from '../../shared/bake/prepare.js';
import { verificationMethodId } from '../../shared/did/web.js';
import { buildOb2Assertion } from '../../shared/ob2/build.js';
import { validateOb2Assertion } from '../../shared/ob2/validate.js';
import type { ProfileInput } from '../../shared/ob3/credential.js';
import { assertSignable } from '../../shared/ob3/gate.js';
import type { Achievement, EndorsementCredential, OpenBadgeCredential } from '../../shared/ob3/types.js';
import type { Ed25519PrivateJwk } from '../../shared/sign/ed25519.js';
import { achievementDocument, issuerProfileInput } from '../../shared/site/documents.js';
import { siteLayout, type SiteLayout } from '../../shared/site/urls.js';
import { requireBadge, type BadgeClass, type CredentialFormat } from '../db/repos/badges.js';
import { ensureBatch, finishBatch } from '../db/repos/batches.js';
import { listEndorsements } from '../db/repos/endorsements.js';
import { ensureAward } from '../db/repos/awards.js';
import { findBatchRows, insertIssuance, markIssuanceDone, type Issuance, type IssuedFile } from '../db/repos/issuances.js';
import { requireIssuer, type IssuerProfile } from '../db/repos/issuer.js';
import { upsertRecipient } from '../db/repos/recipients.js';
import { reserveStatusIndexes, type StatusEntry } from '../db/repos/status-lists.js';
import { artworkKind, badgeArtwork, type ArtworkKind } from './artwork.js';
import { siteBadgeFields } from './badge-model.js';
import { requireInputFile } from './files.js';
import { acquireProcessLock, ownedTempName, removeOrphanTemps } from './process-files.js';
import { readCsvRows, type ColumnChoice, type CsvItem, type CsvRow, type RowProblem } from './csv-rows.js';
import { shareImage, type CredentialFileJob, type CredentialFileOptions } from './credential-files.js';
import type { Keystore, PrivateJwk } from './keystore.js';
import { emailIdentityObjectSync, identitySalt, ob2EmailRecipientSync } from './identity-hash.js';
import { createCredentialBuilder, type CredentialRowInput } from './credential-template.js';
import { createSignPool, type SignPool } from './sign-pool.js';
import { FORMAT_ORDER } from './awards.js';
import { peopleCsvHeader, peopleCsvLine } from './people-csv.js';
import { newRunId, recordRun, reportPaths, reportsFolder } from './issue-reports.js';
import { requireWritable, type Workspace } from './workspace.js';
import { createPersonalisedArtwork, requireImageDesign, type PersonalisedArtwork } from './personalised-artwork.js';

export type BakeKind = ArtworkKind;

export interface IssueProgress {
  /** Rows read so far (issued, already issued or rejected). */
  rows: number;
  /** Approximate number of data rows in the file. */
  total: number;
  issued: number;
  rejected: number;
  /** Rows per second since the start. */
  rate: number;
  /** Seconds left at the current rate (null until known). */
  eta: number | null;
}

export interface IssueBatchOptions {
  badgeId: string;
  csvPath: string;
  formats: readonly CredentialFormat[];
  bake: readonly BakeKind[];
  outDir: string;
  /** Shared pool; when absent one is created (one thread per core) and closed at the end. */
  signPool?: SignPool;
  onProgress?: (progress: IssueProgress) => void;
  /** Rows reserved, signed and written together (default: about 128 credentials' worth). */
  chunkSize?: number;
  /** Columns given a field by hand (a header Badgesmith does not recognise). */
  columns?: readonly ColumnChoice[];
  /**
   * Cancels the run: no new row is taken; the rows already being signed are finished and
   * recorded, and the report says so. Running the same batch again issues the rest.
   */
  signal?: AbortSignal;
}

export interface CredentialReport {
  format: CredentialFormat;
  issuanceId: string;
  credentialId: string;
  /** Paths relative to the output folder. */
  files: string[];
}

export interface RowReport {
  line: number;
  email: string | null;
  name?: string | null;
  did?: string | null;
  /** The person's award of this badge (every format below belongs to it); absent for a rejected row. */
  award?: string;
  status: 'issued' | 'already-issued' | 'rejected';
  credentials: CredentialReport[];
  /** Set when files of this already-issued row were missing or damaged and were written again. */
  restored?: true;
  problems?: RowProblem[];
}

export interface IssueSummary {
  badge: string;
  batch: string;
  /** This run's id: its report and people list are named after it and never overwritten. */
  run: string;
  out: string;
  /** This run's full report (`reports/<badge>/<run>-report.json` in the output folder). */
  report: string;
  /** This run's people list for a mail merge (`reports/<badge>/<run>-people.csv`). */
  people: string;
  /** The index of every run's report and people list (`<badge>/report.json`). */
  index: string;
  formats: CredentialFormat[];
  bake: BakeKind[];
  /** Data rows read from the CSV. */
  rowsRead: number;
  /** People (awards) who got the badge, or a format of it they did not have, in this run. */
  issued: number;
  /** People (awards) who already had every requested format. */
  alreadyIssued: number;
  rejected: number;
  /** Credentials signed and written in this run. */
  credentials: number;
  /** Credentials issued before whose files were missing or damaged and were written again, identical. */
  restored: number;
  /** Credentials issued before whose missing or damaged files could not be written again identically. */
  notRestored: number;
  /** People whose credentials' files were written again (restored), and people with files that could not be. */
  restoredPeople: number;
  notRestoredPeople: number;
  warnings: (RowProblem & { line: number })[];
  seconds: number;
  /** True when the run was cancelled before the end of the CSV: running it again issues the rest. */
  cancelled: boolean;
}

const EXTENSION: Record<CredentialFormat, 'json' | 'jws'> = { 'ob3-di': 'json', 'ob3-jwt': 'jws', 'ob2-hosted': 'json', 'ob2-signed': 'jws' };

const MAX_CHUNKS_IN_FLIGHT = 4;
const CREDENTIALS_PER_CHUNK = 128;

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The batch key: one batch per badge class, so any CSV that names a recipient again issues nothing new. */
export function batchKey(badgeId: string): string {
  return sha256Hex(`badgesmith-batch\n${badgeId}`).slice(0, 32);
}

/** The row key: sha256(badge id + normalised e-mail, or DID). */
export function rowKey(badgeId: string, key: string): string {
  return sha256Hex(`${badgeId}\n${key}`);
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Adds an ISO 8601 duration (`P1Y`, `P6M`, `P90D`, `PT12H`) to a date-time; calendar months clamp to the month's end. */
export function addDuration(dateTime: string, duration: string): string {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) {
    throw new BadgeError('ERR_DURATION_INVALID', `"${duration}" is not an ISO 8601 duration such as P1Y, P6M or P90D.`);
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(Date.parse(dateTime));
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + years! * 12 + months!);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  date.setTime(date.getTime() + (((weeks! * 7 + days!) * 24 + hours!) * 3600 + minutes! * 60 + seconds!) * 1000);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Past this size the number of rows is extrapolated from the start of the file instead of counted. */
const COUNT_ALL_LINES_UP_TO = 32 * 1024 * 1024;

/**
 * Estimates the number of lines for the ETA (constant memory): counted exactly in files up to
 * 32 MB, extrapolated from their first 32 MB beyond that (a huge file is not read twice).
 */
async function countLines(path: string): Promise<number> {
  // One reused buffer: a stream's fresh 64 KB chunks cost ~20 MB of peak memory on a 32 MB prefix.
  const buffer = Buffer.allocUnsafe(256 * 1024);
  const file = await open(path, 'r');
  let count = 0;
  let read = 0;
  try {
    while (read < COUNT_ALL_LINES_UP_TO) {
      const length = Math.min(buffer.length, COUNT_ALL_LINES_UP_TO - read);
      const { bytesRead } = await file.read(buffer, 0, length, read);
      if (bytesRead === 0) return count;
      read += bytesRead;
      const chunk = buffer.subarray(0, bytesRead);
      for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) count += 1;
    }
    const { size } = await file.stat();
    return size <= read ? count : Math.round((count * size) / read);
  } finally {
    await file.close();
  }
}

/** Everything the run signs with, loaded once. */
interface IssueContext {
  workspace: Workspace;
  layout: SiteLayout;
  badge: BadgeClass;
  issuerInput: ProfileInput;
  achievement: Achievement;
  keys: Map<string, Promise<PrivateJwk>>;
  /** The signing options of each key used so far. */
  signingKeys: Map<string, Pick<CredentialFileOptions, 'ed25519' | 'rsa'>>;
  keystore: Keystore;
  pool: SignPool;
  /** The badge images to bake, in the order of the requested kinds. */
  images: PreparedImage[];
  /** Each earner's own images instead, when the badge class personalises its artwork. */
  personalised?: PersonalisedArtwork;
  badgeDir: string;
  outDir: string;
  /** Per format, the full gate (JSON-LD safe mode) run once on its first credential. */
  gated: Map<CredentialFormat, Promise<void>>;
  /** OB 3.0 credential builder: full validation for the first of each shape, per-row values after. */
  buildCredential: (input: CredentialRowInput) => OpenBadgeCredential;
}

function issuerInput(layout: SiteLayout, issuer: IssuerProfile): ProfileInput {
  const extension = artworkKind(issuer.image);
  return issuerProfileInput(layout, { ...issuer, image: extension ? { extension } : undefined });
}

/** The endorsements of a badge class: received files attached to it and endorsements issued here. */
export function badgeEndorsements(workspace: Workspace, badge: BadgeClass): EndorsementCredential[] {
  const issued = listEndorsements(workspace.db, { subjectType: 'badge', subjectId: badge.id }).map((e) => e.credential);
  return [...badge.endorsements, ...issued] as unknown as EndorsementCredential[];
}

/** The badge's Achievement exactly as the site publishes it, plus its endorsements. */
export function badgeAchievement(workspace: Workspace, layout: SiteLayout, badge: BadgeClass): Achievement {
  const extension = artworkKind(badge.image);
  const { '@context': _context, ...achievement } = achievementDocument(layout, {
    ...siteBadgeFields(badge),
    ...(extension ? { image: { extension, content: new Uint8Array(0) } } : {}),
    endorsements: [],
  });
  const endorsements = badgeEndorsements(workspace, badge);
  return endorsements.length > 0 ? { ...achievement, endorsement: endorsements } : achievement;
}

function privateKey(context: IssueContext, keyId: string): Promise<PrivateJwk> {
  let key = context.keys.get(keyId);
  if (!key) {
    key = context.keystore.privateJwk(keyId);
    context.keys.set(keyId, key);
  }
  return key;
}

/**
 * Every credential of a batch has the same shape: the first one of each format goes through the
 * full gate (schema + JSON-LD safe mode), once, while the others of its chunk wait for it; the
 * builders validate the structure of all the others.
 */
function gate(context: IssueContext, format: CredentialFormat, credential: Record<string, unknown>): Promise<void> {
  let checked = context.gated.get(format);
  if (checked === undefined) {
    checked = format.startsWith('ob3') ? assertSignable(credential) : Promise.resolve().then(() => assertOb2Valid(credential));
    context.gated.set(format, checked);
  }
  return checked;
}

function assertOb2Valid(assertion: Record<string, unknown>): void {
  const issue = validateOb2Assertion(assertion)[0];
  if (issue) throw new BadgeError('ERR_CREDENTIAL_INVALID', `The OB 2.0 assertion is not valid at ${issue.path || '/'}: ${issue.message}.`);
}

/**
 * Builds one credential; it is signed where its files are produced. A Data Integrity proof's
 * `created` is the issuance's reservation time, so that signing it again gives the same bytes.
 */
async function prepareCredential(context: IssueContext, issuance: Issuance, row: CsvRow): Promise<CredentialFileJob['content']> {
  const { layout, badge } = context;
  if (issuance.format === 'ob3-di' || issuance.format === 'ob3-jwt') {
    const credential = context.buildCredential({
      id: issuance.credentialId,
      recipient: {
        ...(row.did ? { id: row.did } : {}),
        ...(row.email ? { identifier: [emailIdentityObjectSync(row.email, identitySalt(issuance.id))] } : {}),
        ...(badge.showRecipientName && row.name ? { name: row.name } : {}),
      },
      validFrom: issuance.issuedOn,
      ...(issuance.validUntil ? { validUntil: issuance.validUntil } : {}),
      ...(row.narrative ? { narrative: row.narrative } : {}),
      ...(row.evidenceUrl ? { evidence: [{ id: row.evidenceUrl }] } : {}),
      ...(issuance.statusList !== null && issuance.statusIndex !== null
        ? { credentialStatus: { statusListCredential: layout.url(layout.statusList(issuance.statusList)), statusListIndex: issuance.statusIndex } }
        : {}),
    }) as unknown as Record<string, unknown>;
    await gate(context, issuance.format, credential);
    return issuance.format === 'ob3-jwt' ? { vcJwt: credential } : { dataIntegrity: credential, created: issuance.created };
  }
  const signedBadge = issuance.format === 'ob2-signed';
  const assertion = buildOb2Assertion({
    id: issuance.credentialId,
    recipient: ob2EmailRecipientSync(row.email as string, identitySalt(issuance.id)),
    badge: layout.url(layout.ob2BadgeClass(badge.id)),
    issuedOn: issuance.issuedOn,
    verification: signedBadge ? { type: 'SignedBadge', creator: layout.url(layout.ob2Key(issuance.keyId as string)) } : { type: 'HostedBadge' },
    ...(issuance.validUntil ? { expires: issuance.validUntil } : {}),
    ...(row.evidenceUrl ? { evidence: row.evidenceUrl } : {}),
    ...(row.narrative ? { narrative: row.narrative } : {}),
  });
  await gate(context, issuance.format, assertion);
  return signedBadge ? { ob2Jws: assertion } : { text: `${JSON.stringify(assertion, null, 2)}\n` };
}

interface Produced {
  issuance: Issuance;
  /** Null when an issued credential's files could not be written again identically (nothing written). */
  files: IssuedFile[] | null;
}

/** What the pool needs to sign with a key: the Ed25519 private JWK and verification method, or the RSA JWK and its URL. */
async function signingKeyOptions(context: IssueContext, keyId: string): Promise<Pick<CredentialFileOptions, 'ed25519' | 'rsa'>> {
  let options = context.signingKeys.get(keyId);
  if (options === undefined) {
    const record = context.keystore.list().find((k) => k.id === keyId);
    if (!record) throw new BadgeError('ERR_KEY_NOT_FOUND', `The key ${keyId} recorded for a pending credential is not in the keystore.`);
    const privateJwk = await privateKey(context, keyId);
    options =
      record.type === 'Ed25519'
        ? { ed25519: { privateKey: privateJwk as unknown as Ed25519PrivateJwk, verificationMethod: verificationMethodId(context.layout.did, record) } }
        : { rsa: { privateKey: privateJwk as JsonWebKey, kid: context.layout.url(context.layout.keyJwk(keyId)) } };
    context.signingKeys.set(keyId, options);
  }
  return options;
}

/**
 * Builds the credentials of a chunk, then has the pool sign, bake and write them: one group of
 * messages per signing key (a message carries one key), and one for OB 2.0 hosted assertions.
 */
async function produceAll(context: IssueContext, work: IssuanceWork[]): Promise<Produced[]> {
  // The earners' images render (on the renderer's threads) while the credentials are built here.
  const rendering = context.personalised ? earnerImages(context.personalised, work) : undefined;
  rendering?.catch(() => undefined);
  const contents = await Promise.all(work.map(({ issuance, row }) => prepareCredential(context, issuance, row)));
  const ownImages = await rendering;
  const groups = new Map<string | null, number[]>();
  work.forEach(({ issuance }, index) => {
    const keyId = 'text' in contents[index]! ? null : issuance.keyId;
    const group = groups.get(keyId);
    if (group) group.push(index);
    else groups.set(keyId, [index]);
  });
  const files: (IssuedFile[] | null)[] = [];
  await Promise.all(
    [...groups].map(async ([keyId, indexes]) => {
      const jobs = indexes.map((index): CredentialFileJob => {
        const { format, id, state, files: recorded } = work[index]!.issuance;
        return {
          stem: id,
          extension: EXTENSION[format],
          version: format.startsWith('ob3') ? 'ob3' : 'ob2',
          content: contents[index]!,
          ...(ownImages ? { images: ownImages[index]! } : {}),
          // Restoring an issued credential: the same bytes or nothing.
          ...(state === 'done' ? { expected: Object.fromEntries(recorded.map((file) => [basename(file.path), file.sha256])) } : {}),
        };
      });
      const keys = keyId === null ? {} : await signingKeyOptions(context, keyId);
      const written = await context.pool.produceFiles(jobs, { dir: context.badgeDir, images: context.images, ...keys });
      indexes.forEach((index, position) => {
        files[index] = written[position]?.map(({ name, sha256, bytes }) => ({ path: join(context.badgeDir, name), sha256, bytes })) ?? null;
      });
    }),
  );
  return work.map(({ issuance }, index) => ({ issuance, files: files[index] ?? null }));
}

interface IssuanceWork {
  issuance: Issuance;
  row: CsvRow;
}

/** Each work item's personalised images, rendered once per earner and date (a person's formats share them). */
function earnerImages(artwork: PersonalisedArtwork, work: IssuanceWork[]): Promise<PreparedImage[][]> {
  const rendered = new Map<string, Promise<PreparedImage[]>>();
  return Promise.all(
    work.map(({ issuance, row }) => {
      const key = `${row.line}\n${issuance.issuedOn}`;
      let images = rendered.get(key);
      if (images === undefined) {
        images = artwork.images(row.name, issuance.issuedOn);
        rendered.set(key, images);
      }
      return images;
    }),
  );
}

interface Reserved {
  row: CsvRow;
  awardId: string;
  issuances: Issuance[];
  skipped: RowProblem[];
}

/** The lock file an issuing run holds in the workspace folder: one run at a time per workspace. */
const ISSUE_LOCK = 'issue.lock';
/** Stem of the report's temporary files (`.report.<pid>.<random>.tmp`), in the output and badge folders. */
const REPORT_TEMP_STEM = 'report';
/** Stem of the people list's temporary files, in the reports folder. */
const PEOPLE_TEMP_STEM = 'people';

/** Creates the output folders, with a sentence for the usual mistakes (a file in the way, no permission, a full disk). */
async function makeOutputFolder(badgeDir: string, outDir: string): Promise<void> {
  try {
    await mkdir(badgeDir, { recursive: true });
  } catch (error) {
    throw outputFolderError(error, outDir);
  }
}

function outputFolderError(error: unknown, outDir: string): BadgeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return new BadgeError('ERR_OUT_NOT_FOLDER', `--out ${outDir} is a file (or inside one), not a folder. Give a folder for the issued badges, e.g. --out ./issued.`, { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new BadgeError('ERR_OUT_NOT_WRITABLE', `Badgesmith cannot write in ${outDir} (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}). Choose a folder you can write to with --out.`, { cause: error });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new BadgeError('ERR_DISK_FULL', `The disk holding ${outDir} is full. Free some space (or choose another --out folder), then run the same command again: nothing is issued twice.`, { cause: error });
  }
  return new BadgeError('ERR_OUT_NOT_WRITABLE', `Badgesmith cannot create the folder ${outDir} (${code ?? 'unknown error'}). Choose another folder with --out.`, { cause: error });
}

/** Removes temporary files a killed run may have left in the badge folder. */
async function removeStaleTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    // The report's temporary files carry their process id: removeOrphanTemps spares a live one.
    if (name.startsWith(`.${REPORT_TEMP_STEM}.`)) continue;
    if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
  }
}

/** A recorded file path as the report shows it: relative to the output folder when inside it. */
function relative(context: IssueContext, path: string): string {
  if (!isAbsolute(path)) return path;
  const inside = relativePath(context.outDir, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside.split('\\').join('/');
}

function fileMatches(path: string, sha256: string): Promise<boolean> {
  return new Promise((resolve) => readFile(path, (error, data) => resolve(!error && sha256Hex(data) === sha256)));
}

/**
 * The done issuances whose files in this run's badge folder are missing or differ from their
 * recorded SHA-256 (files recorded in another output folder are left alone).
 */
async function damagedIssuances(context: IssueContext, work: IssuanceWork[]): Promise<IssuanceWork[]> {
  const damaged = await Promise.all(
    work.map(async ({ issuance }) => {
      for (const file of issuance.files) {
        const path = isAbsolute(file.path) ? file.path : join(context.outDir, file.path);
        if (dirname(path) === context.badgeDir && !(await fileMatches(path, file.sha256))) return true;
      }
      return false;
    }),
  );
  return work.filter((_, index) => damaged[index]);
}

/**
 * Issues the badge to every valid row of the CSV in every format. Bad rows are reported and
 * skipped; the summary says how many were issued now, were already issued before, or rejected.
 */
export async function issueBatch(workspace: Workspace, keystore: Keystore, options: IssueBatchOptions): Promise<IssueSummary> {
  const started = performance.now();
  const formats = [...new Set(options.formats)];
  const bake = [...new Set(options.bake)];
  if (formats.length === 0) throw new BadgeError('ERR_USAGE', 'Choose at least one format.');
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  const badge = requireBadge(workspace.db, options.badgeId);
  const edKey = formats.includes('ob3-di') ? keystore.activeKey('Ed25519') : undefined;
  const rsaKey = formats.some((f) => f === 'ob3-jwt' || f === 'ob2-signed') ? keystore.activeKey('RSA') : undefined;
  const keyFor = (format: CredentialFormat): string | null => (format === 'ob3-di' ? edKey!.id : format === 'ob2-hosted' ? null : rsaKey!.id);

  requireWritable(workspace);
  const outDir = resolve(options.outDir);
  const badgeDir = join(outDir, badge.id);
  // Every check that can fail on the user's input comes before anything is started or written.
  await requireInputFile(options.csvPath, 'CSV file', Number.POSITIVE_INFINITY);
  const { images } = await badgeArtwork(workspace, badge, bake);
  const design = badge.personalisedArtwork && bake.length > 0 ? requireImageDesign(workspace, badge) : undefined;
  const prepared = bake.map((kind) => shareImage(prepareImage(images[kind]!)));
  // Unlock the keys before the first row: a wrong passphrase or a damaged key file fails fast.
  const unlocked = new Map<string, Promise<PrivateJwk>>();
  for (const key of [edKey, rsaKey]) {
    if (!key) continue;
    const jwk = keystore.privateJwk(key.id);
    unlocked.set(key.id, jwk);
    await jwk;
  }
  const lock = await acquireProcessLock(join(workspace.paths.dir, ISSUE_LOCK), (pid) =>
    pid > 0
      ? `Another \`badgesmith issue\` (process ${pid}) is issuing from this workspace. Wait for it to finish, then run this again.`
      : 'Another `badgesmith issue` is issuing from this workspace. Wait for it to finish, then run this again.',
  );
  let pool: SignPool | undefined;
  let personalised: PersonalisedArtwork | undefined;
  const ownPool = options.signPool === undefined;
  let reportLines: string | undefined;
  try {
    await makeOutputFolder(badgeDir, outDir);
    await removeStaleTemps(badgeDir);
    await removeOrphanTemps(outDir, REPORT_TEMP_STEM);
    await removeOrphanTemps(badgeDir, REPORT_TEMP_STEM);
    // The signing threads start last, inside the try whose finally stops them.
    pool = options.signPool ?? createSignPool();
    const issuerProfile = issuerInput(layout, issuer);
    const achievement = badgeAchievement(workspace, layout, badge);
    personalised = design ? createPersonalisedArtwork(design, badge, bake, issuer.language) : undefined;
    const context: IssueContext = {
      workspace,
      layout,
      badge,
      issuerInput: issuerProfile,
      achievement,
      keys: unlocked,
      signingKeys: new Map(),
      keystore,
      pool,
      images: prepared,
      ...(personalised ? { personalised } : {}),
      badgeDir,
      outDir,
      gated: new Map(),
      buildCredential: createCredentialBuilder({ issuer: issuerProfile, achievement }),
    };
    reportLines = join(outDir, ownedTempName(REPORT_TEMP_STEM));
    return await runBatch(workspace, context, options, { formats, bake, keyFor, started, reportLines });
  } finally {
    await lock.release();
    if (reportLines !== undefined) await rm(reportLines, { force: true });
    if (ownPool && pool) await pool.close();
    if (personalised) await personalised.close();
  }
}

interface BatchPlan {
  formats: CredentialFormat[];
  bake: BakeKind[];
  keyFor: (format: CredentialFormat) => string | null;
  started: number;
  reportLines: string;
}

async function runBatch(workspace: Workspace, context: IssueContext, options: IssueBatchOptions, plan: BatchPlan): Promise<IssueSummary> {
  const { formats, bake, keyFor, started, reportLines } = plan;
  const { badge, layout, outDir } = context;
  const db = workspace.db;
  const batchId = batchKey(badge.id);
  ensureBatch(db, { id: batchId, badgeId: badge.id, source: options.csvPath, formats, created: workspace.now() });
  // This run's report and people list get their own names: an earlier run's are never overwritten.
  const reportsDir = reportsFolder(outDir, badge.id);
  await makeOutputFolder(reportsDir, outDir);
  await removeOrphanTemps(reportsDir, REPORT_TEMP_STEM);
  await removeOrphanTemps(reportsDir, PEOPLE_TEMP_STEM);
  const paths = reportPaths(outDir, badge.id, await newRunId(reportsDir, workspace.now()));
  const primaryFormat = FORMAT_ORDER.find((format) => formats.includes(format))!;

  const reserve = db.transaction((rows: CsvRow[]): Reserved[] => {
    const now = workspace.now();
    const keys = rows.map((row) => rowKey(badge.id, row.key));
    const stored = findBatchRows(db, batchId, keys);
    const planned = rows.map((row, index) => {
      const key = keys[index]!;
      return { row, key, existing: formats.map((format) => stored.get(`${key}\n${format}`)) };
    });
    const needed = planned.reduce((sum, plan) => sum + formats.filter((f, i) => f.startsWith('ob3') && !plan.existing[i]).length, 0);
    const entries = reserveStatusIndexes(db, needed, now);
    return planned.map(({ row, key, existing }) => {
      const recipient = upsertRecipient(db, { email: row.email, name: row.name, did: row.did }, now);
      const awardId =
        existing.find((found) => found?.awardId)?.awardId ?? ensureAward(db, { badgeId: badge.id, recipientId: recipient.id, recipientKey: key, created: now });
      const issuances: Issuance[] = [];
      const skipped: RowProblem[] = [];
      formats.forEach((format, index) => {
        const found = existing[index];
        if (found) {
          issuances.push(found);
          return;
        }
        if (format.startsWith('ob2') && row.email === null) {
          skipped.push({ code: 'ERR_OB2_NEEDS_EMAIL', message: `${format} was skipped: an OB 2.0 badge needs the recipient's e-mail address.` });
          return;
        }
        const validFrom = row.issuedOn ?? now;
        const status = format.startsWith('ob3') ? (entries.pop() as StatusEntry) : null;
        const id = randomUUID();
        const credentialId = format === 'ob2-hosted' ? layout.url(layout.credential(id, 'json')) : `urn:uuid:${id}`;
        const { issuance } = insertIssuance(db, {
          id,
          credentialId,
          badgeId: badge.id,
          recipientId: recipient.id,
          format,
          keyId: keyFor(format),
          issuedOn: validFrom,
          validUntil: badge.expiresAfter ? addDuration(validFrom, badge.expiresAfter) : null,
          statusList: status?.listId ?? null,
          statusIndex: status?.index ?? null,
          batchId,
          rowKey: key,
          created: now,
          awardId,
        });
        issuances.push(issuance);
      });
      return { row, awardId, issuances, skipped };
    });
  });
  // A reservation reaches the disk before its files are written (one WAL sync per chunk): after a
  // power cut, a re-run finds the same ids and status indexes and writes the same files, instead of
  // issuing again under new ids next to unrecorded files. Marking done may be lost: it is redone.
  const reserveDurably = (rows: CsvRow[]): Reserved[] => {
    db.pragma('synchronous = FULL');
    try {
      return reserve.immediate(rows);
    } finally {
      db.pragma('synchronous = NORMAL');
    }
  };
  const markDone = db.transaction((done: [string, IssuedFile[]][]) => {
    for (const [id, files] of done) markIssuanceDone(db, id, files);
  });

  const total = Math.max(0, (await countLines(options.csvPath)) - 1);
  const lines = createWriteStream(reportLines);
  lines.on('error', () => undefined);
  // One write per chunk: the report lines of a chunk are joined first (a write per row cost a syscall each).
  const writeLines = async (reports: RowReport[]) => {
    if (reports.length === 0) return;
    await writeChunk(lines, `${reports.map((report) => JSON.stringify(report)).join('\n')}\n`);
  };
  const peopleTemp = join(paths.dir, ownedTempName(PEOPLE_TEMP_STEM));
  const people = createWriteStream(peopleTemp);
  people.on('error', () => undefined);
  await writeChunk(people, peopleCsvHeader());
  const summary: IssueSummary = {
    badge: badge.id,
    batch: batchId,
    run: paths.run,
    out: outDir,
    report: paths.report,
    people: paths.people,
    index: paths.index,
    formats,
    bake,
    rowsRead: 0,
    issued: 0,
    alreadyIssued: 0,
    rejected: 0,
    credentials: 0,
    restored: 0,
    notRestored: 0,
    restoredPeople: 0,
    notRestoredPeople: 0,
    warnings: [],
    seconds: 0,
    cancelled: false,
  };
  const progress = () => {
    if (!options.onProgress) return;
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? summary.rowsRead / elapsed : 0;
    const eta = rate > 0 ? Math.max(0, (total - summary.rowsRead) / rate) : null;
    options.onProgress({ rows: summary.rowsRead, total: Math.max(total, summary.rowsRead), issued: summary.issued, rejected: summary.rejected, rate, eta });
  };

  /** Reserves a chunk now and starts its signing and writing; resolves to the step that records it. */
  const startChunk = (items: CsvItem[]): Promise<() => Promise<void>> => {
    const reserved = reserveDurably(items.flatMap((item) => (item.ok ? [item.row] : [])));
    const todo: IssuanceWork[] = [];
    const issuedBefore: IssuanceWork[] = [];
    for (const { row, issuances } of reserved) {
      for (const issuance of issuances) (issuance.state === 'done' ? issuedBefore : todo).push({ issuance, row });
    }
    const work = damagedIssuances(context, issuedBefore).then(async (damaged) => {
      // All the chunk's files are complete in their folder before any of its rows is marked done.
      const produced = await produceAll(context, [...todo, ...damaged]);
      const byId = new Map(produced.map((result) => [result.issuance.id, result]));
      const results = reserved.map(({ issuances }) => issuances.map((issuance) => byId.get(issuance.id) ?? null));
      return () => finishChunk(items, reserved, results);
    });
    work.catch(() => undefined);
    return work;
  };

  const finishChunk = async (items: CsvItem[], reserved: Reserved[], results: (Produced | null)[][]) => {
    const done: [string, IssuedFile[]][] = [];
    for (const list of results) for (const result of list) if (result?.files) done.push([result.issuance.id, result.files]);
    markDone.immediate(done);
    const filesOf = new Map(done);
    const reports: RowReport[] = [];
    let peopleLines = '';
    let next = 0;
    for (const item of items) {
      summary.rowsRead += 1;
      if (!item.ok) {
        summary.rejected += 1;
        reports.push({ line: item.rejected.line, email: item.rejected.email, status: 'rejected', credentials: [], problems: item.rejected.problems });
        continue;
      }
      const index = next++;
      const { row, awardId, issuances, skipped } = reserved[index]!;
      const fresh = issuances.some((issuance) => issuance.state !== 'done');
      let restored = 0;
      let notRestored = 0;
      const problems = [...skipped];
      results[index]!.forEach((result, position) => {
        const issuance = issuances[position]!;
        if (result === null) return;
        if (result.files === null) {
          notRestored += 1;
          problems.push({
            code: 'ERR_RESTORE_NOT_IDENTICAL',
            message: `The files of ${issuance.format} credential ${issuance.credentialId} are missing or damaged and cannot be written again identically: the badge class, the issuer profile or the --bake choice changed since it was issued.`,
          });
        } else if (issuance.state === 'done') restored += 1;
        else summary.credentials += 1;
      });
      summary.restored += restored;
      summary.notRestored += notRestored;
      if (restored > 0) summary.restoredPeople += 1;
      if (notRestored > 0) summary.notRestoredPeople += 1;
      if (fresh) summary.issued += 1;
      else summary.alreadyIssued += 1;
      const filePaths = issuances.map((issuance) => (filesOf.get(issuance.id) ?? issuance.files).map((file) => file.path));
      reports.push({
        line: row.line,
        email: row.email,
        ...(row.name ? { name: row.name } : {}),
        ...(row.did ? { did: row.did } : {}),
        award: awardId,
        status: fresh ? 'issued' : 'already-issued',
        credentials: issuances.map((issuance, position) => ({
          format: issuance.format,
          issuanceId: issuance.id,
          credentialId: issuance.credentialId,
          files: filePaths[position]!.map((path) => relative(context, path)),
        })),
        ...(problems.length > 0 ? { problems } : {}),
        ...(restored > 0 ? { restored: true as const } : {}),
      });
      peopleLines += personLine(row, awardId, fresh ? 'issued' : 'already-issued', issuances, filePaths);
    }
    await writeLines(reports);
    if (peopleLines !== '') await writeChunk(people, peopleLines);
  };

  /** The person's line of people.csv: the page of the first format (ob3-di first), its images, every file. */
  const personLine = (row: CsvRow, awardId: string, status: string, issuances: Issuance[], filePaths: string[][]): string => {
    const primary = issuances.find((issuance) => issuance.format === primaryFormat) ?? issuances[0];
    const primaryFiles = primary ? filePaths[issuances.indexOf(primary)]! : [];
    const absolute = (path: string) => (isAbsolute(path) ? path : join(outDir, path));
    return peopleCsvLine({
      name: row.name,
      email: row.email,
      badge: badge.name,
      badge_id: badge.id,
      award_id: awardId,
      status,
      page_url: primary ? layout.url(layout.credential(primary.id, 'html')) : null,
      image_png: primaryFiles.find((path) => path.endsWith('.png')) ?? null,
      image_svg: primaryFiles.find((path) => path.endsWith('.svg')) ?? null,
      files: filePaths.flat().map(absolute).join('; '),
    });
  };

  // About 128 credentials per chunk, whatever the number of formats: what is in flight stays bounded.
  const chunkSize = Math.max(1, options.chunkSize ?? Math.ceil(CREDENTIALS_PER_CHUNK / formats.length));
  // Chunks overlap (one signs while another waits for its files to reach the disk); they are
  // recorded as done, and reported, strictly in file order.
  const inFlight: Promise<() => Promise<void>>[] = [];
  const finishOldest = async () => {
    const finish = await inFlight.shift()!;
    await finish();
    progress();
  };
  let chunk: CsvItem[] = [];
  try {
    for await (const item of readCsvRows(options.csvPath, {
      now: workspace.clock(),
      ...(options.columns ? { columns: options.columns } : {}),
      onHeader: (header) => summary.warnings.push(...header.warnings.map((warning) => ({ ...warning, line: 1 }))),
    })) {
      // Cancelled: rows not reserved yet are left to the next run; the chunks in flight finish below.
      if (options.signal?.aborted) {
        summary.cancelled = true;
        chunk = [];
        break;
      }
      chunk.push(item);
      if (chunk.length >= chunkSize) {
        inFlight.push(startChunk(chunk));
        chunk = [];
        if (inFlight.length >= MAX_CHUNKS_IN_FLIGHT) await finishOldest();
      }
    }
    if (chunk.length > 0) inFlight.push(startChunk(chunk));
    while (inFlight.length > 0) await finishOldest();
    progress();
    if (!summary.cancelled) finishBatch(db, batchId, workspace.now());
    lines.end();
    await finished(lines);
    people.end();
    await finished(people);
    summary.seconds = Math.round((performance.now() - started) / 10) / 100;
    await writeReport(summary, reportLines);
    await rename(peopleTemp, paths.people);
    await recordRun(outDir, badge.id, paths, {
      date: workspace.now(),
      rowsRead: summary.rowsRead,
      issued: summary.issued,
      alreadyIssued: summary.alreadyIssued,
      rejected: summary.rejected,
    });
    return summary;
  } finally {
    for (const stream of [lines, people]) {
      if (!stream.closed) {
        stream.destroy();
        await finished(stream).catch(() => undefined);
      }
    }
    await rm(peopleTemp, { force: true });
  }
}

/**
 * Writes to a file stream and waits until the text is handed to the file: a failed write (a full
 * disk) rejects here, even when the stream failed before, instead of waiting for an event forever.
 */
function writeChunk(stream: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.errored) {
      reject(stream.errored);
      return;
    }
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** report.json = the summary + every row, streamed from the line file, written atomically. */
async function writeReport(summary: IssueSummary, linesFile: string): Promise<void> {
  const temp = join(dirname(summary.report), ownedTempName(REPORT_TEMP_STEM));
  const out = createWriteStream(temp);
  out.on('error', () => undefined);
  const write = (text: string) => writeChunk(out, text);
  try {
    const head = JSON.stringify(summary, null, 2);
    await write(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "rows": [`);
    let first = true;
    for await (const line of createInterface({ input: createReadStream(linesFile), crlfDelay: Infinity })) {
      if (line === '') continue;
      await write(`${first ? '\n' : ',\n'}    ${line}`);
      first = false;
    }
    await write(`${first ? '' : '\n  '}]\n}\n`);
    out.end();
    await finished(out);
    await rename(temp, summary.report);
  } catch (error) {
    out.destroy();
    await finished(out).catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
