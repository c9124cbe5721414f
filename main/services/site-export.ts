import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idOf } from '../../shared/verify/util.js';
import { BadgeError } from '../../shared/errors.js';
import { verificationMethodId } from '../../shared/did/web.js';
import { buildStatusListCredential, newStatusList, setStatusBit } from '../../shared/ob3/status-list.js';
import { signDataIntegrity } from '../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../shared/sign/ed25519.js';
import { buildSite } from '../../shared/site/build.js';
import type { CredentialFileKind, FileRef, SignedStatusList, SiteBadge, SiteCredential, SiteFormat, SiteImage, SiteModel } from '../../shared/site/model.js';
import { signedRecipientName } from '../../shared/site/signed-name.js';
import { siteLayout } from '../../shared/site/urls.js';
import { listBadges, type BadgeClass } from '../db/repos/badges.js';
import { siteBadgeFields } from './badge-model.js';
import { listEndorsements } from '../db/repos/endorsements.js';
import { listIssuances, type Issuance } from '../db/repos/issuances.js';
import { requireIssuer } from '../db/repos/issuer.js';
import { listKeys } from '../db/repos/keys.js';
import { listStatusLists, revokedIndexes } from '../db/repos/status-lists.js';
import type { Keystore } from './keystore.js';
import { writeSiteTree, type SiteWritePhase, type SiteWriteResult } from './site-writer.js';
import type { Workspace } from './workspace.js';
import { artworkKind } from './artwork.js';
import { qrMatrix } from './qr-code.js';

export interface SiteExportOptions {
  /**
   * Folders to look in for issued files that are no longer where `issue` recorded them (moved
   * output folders), and for relative recorded paths. Not needed when the files did not move.
   */
  issuedDirs?: readonly string[];
  /** The bundled browser verifier; default: out/site-verifier.js next to the built CLI. */
  verifierScript?: string;
  /** Told each step: reading the workspace, building the pages, then files checked and written (called often: throttle what it shows). */
  onBuildProgress?: (progress: SiteExportProgress) => void;
}

export type SiteExportPhase = 'load' | 'build' | SiteWritePhase;

export interface SiteExportProgress {
  phase: SiteExportPhase;
  done: number;
  /** null while the number of files is not known yet. */
  total: number | null;
}

export interface SiteExportResult extends SiteWriteResult {
  siteUrl: string;
  did: string;
  credentials: number;
  badges: number;
}

export function findVerifierScript(): string | undefined {
  const candidates = [new URL('./site-verifier.js', import.meta.url), new URL('../../out/site-verifier.js', import.meta.url)];
  for (const url of candidates) {
    if (url.protocol !== 'file:') continue;
    const file = fileURLToPath(url);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** An artwork file name as the workspace stores it: a plain name inside its artwork folder. */
const ARTWORK_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/;

async function artwork(workspace: Workspace, file: string | null, what: string): Promise<SiteImage | undefined> {
  const extension = artworkKind(file);
  if (!file || !extension) return undefined;
  if (!ARTWORK_NAME.test(file) || file.includes('..')) {
    throw new BadgeError(
      'ERR_SITE_ARTWORK_INVALID',
      `The image of ${what} is recorded as ${JSON.stringify(file.slice(0, 80))}, which is not a file name in the workspace's artwork folder; it is not published. Set the image again (badge update --image).`,
    );
  }
  try {
    return { extension, content: new Uint8Array(await readFile(join(workspace.paths.artwork, file))) };
  } catch {
    throw new BadgeError('ERR_SITE_ARTWORK_MISSING', `The image ${file} of ${what} is missing from the workspace's artwork folder.`);
  }
}

function endorserName(credential: Record<string, unknown>, fallback: Record<string, unknown> | undefined): string {
  for (const source of [fallback, credential.issuer]) {
    if (source && typeof source === 'object' && typeof (source as { name?: unknown }).name === 'string') return (source as { name: string }).name;
  }
  return typeof credential.issuer === 'string' ? credential.issuer : '';
}

function endorsementComment(credential: Record<string, unknown>): string | null {
  const subject = credential.credentialSubject as { endorsementComment?: unknown } | undefined;
  return typeof subject?.endorsementComment === 'string' ? subject.endorsementComment : null;
}

/** A badge class as the site shows it: fields, image and endorsements (the app previews its page from it). */
export async function siteBadge(workspace: Workspace, badge: BadgeClass): Promise<SiteBadge> {
  const records = listEndorsements(workspace.db, { subjectType: 'badge', subjectId: badge.id });
  // Received endorsements: the endorser as its own documents named it when the file was verified and attached, never the name it claims.
  const received = new Map(records.filter((e) => e.received).map((e) => [e.id, e.endorser]));
  const attached = badge.endorsements.map((credential) => ({
    endorserName: endorserName({}, received.get(String(credential.id)) ?? { name: idOf(credential.issuer) ?? '' }),
    comment: endorsementComment(credential),
  }));
  const stored = records.filter((e) => !e.received).map((endorsement) => ({
    endorserName: endorserName(endorsement.credential, endorsement.endorser),
    comment: endorsement.comment ?? endorsementComment(endorsement.credential),
  }));
  const image = await artwork(workspace, badge.image, `badge ${badge.id}`);
  return {
    ...siteBadgeFields(badge),
    ...(image ? { image } : {}),
    endorsements: [...attached, ...stored].filter((e) => e.endorserName !== ''),
  };
}

const KINDS: readonly CredentialFileKind[] = ['json', 'jws', 'png', 'svg'];

/** Whether a file exists, listing each folder once (a site has tens of thousands of issued files in a few folders). */
function createFileLookup(): (path: string) => boolean {
  const listings = new Map<string, ReadonlySet<string> | null>();
  return (path) => {
    const folder = dirname(path);
    let names = listings.get(folder);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(folder));
      } catch {
        names = null;
      }
      listings.set(folder, names);
    }
    return names?.has(basename(path)) ?? false;
  };
}

/**
 * Where an issued file may be now: where `issue` recorded it (an absolute path), else under the
 * --issued folders (same `<badge>/<file>` layout as `issue --out`, or directly in them), else
 * relative to the workspace.
 */
export function candidatePaths(workspace: Workspace, recorded: string, dirs: readonly string[]): string[] {
  if (!isAbsolute(recorded)) return [...dirs.map((dir) => join(dir, recorded)), join(workspace.paths.dir, recorded)];
  const name = basename(recorded);
  const inBadgeFolder = join(basename(dirname(recorded)), name);
  return [recorded, ...dirs.flatMap((dir) => [join(dir, inBadgeFolder), join(dir, name)])];
}

/**
 * Whether a recorded path names a file `issue` writes for this credential: `<badge>/<issuance>.<kind>`
 * (absolute, under the output folder it was given, or relative to it in older rows) — never any other
 * file the database might name.
 */
export function isIssuedName(recorded: string, issuance: Issuance, kind: CredentialFileKind): boolean {
  if (recorded.includes('\0')) return false;
  const path = normalize(recorded);
  const parts = path.split(sep);
  if (parts.includes('..')) return false;
  const name = `${issuance.id}.${kind}`;
  if (parts[parts.length - 1] !== name) return false;
  if (isAbsolute(path)) return parts[parts.length - 2] === issuance.badgeId;
  return parts.length === 1 || (parts.length === 2 && parts[0] === issuance.badgeId);
}

/** The issued files of a credential (FileRefs, checked against their recorded hash when copied). */
function issuedFiles(workspace: Workspace, issuance: Issuance, dirs: readonly string[], exists: (path: string) => boolean): SiteCredential['files'] {
  const files: SiteCredential['files'] = {};
  for (const file of issuance.files) {
    const kind = extname(file.path).slice(1).toLowerCase() as CredentialFileKind;
    if (!KINDS.includes(kind) || files[kind]) continue;
    if (!isIssuedName(file.path, issuance, kind)) {
      throw new BadgeError(
        'ERR_SITE_CREDENTIAL_PATH_INVALID',
        `The workspace records ${JSON.stringify(file.path.slice(0, 200))} as a file of credential ${issuance.id}, but \`issue\` names its files ${issuance.badgeId}/${issuance.id}.${kind}: ` +
          'the workspace database looks damaged or altered, and that file is not published. Nothing was written to the site.',
        { details: { credential: issuance.id, file: file.path } },
      );
    }
    const source = isAbsolute(file.path) && exists(file.path) ? file.path : candidatePaths(workspace, file.path, dirs).find(exists);
    if (!source) {
      const where = dirs.length ? `, nor in ${dirs.join(', ')}` : '';
      throw new BadgeError(
        'ERR_SITE_CREDENTIAL_MISSING',
        `The issued file ${file.path} (credential ${issuance.id}, badge ${issuance.badgeId}) is not there any more${where}: it was moved or deleted after \`issue\` wrote it. ` +
          'Put it back, or pass the folder that now holds it with --issued DIR. Nothing was written to the site.',
        { details: { credential: issuance.id, file: file.path } },
      );
    }
    const ref: FileRef = { kind: 'ref', source, sha256: file.sha256.toLowerCase() };
    files[kind] = ref;
  }
  return files;
}

/**
 * The name a credential's page shows: the one inside the signed credential (read only when its page
 * is rendered, from the file `issue` wrote, checked against its recorded hash), never the workspace's
 * current name for the person — a later CSV row must not rewrite what an earlier credential says.
 */
function signedName(issuance: Issuance, files: SiteCredential['files']): SiteCredential['recipientName'] {
  const format = issuance.format as SiteFormat;
  const ref = format === 'ob3-di' ? files.json : format === 'ob3-jwt' ? files.jws : undefined;
  if (ref === undefined || typeof ref !== 'object' || ref instanceof Uint8Array) return null;
  return {
    kind: 'deferred',
    key: ref.sha256,
    get: () => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(ref.source);
      } catch {
        throw new BadgeError('ERR_SITE_SOURCE_MISSING', `The issued file ${ref.source} (credential ${issuance.id}) cannot be read. Was the issue output folder moved or deleted?`);
      }
      if (createHash('sha256').update(bytes).digest('hex') !== ref.sha256) {
        throw new BadgeError('ERR_SITE_SOURCE_CHANGED', `The issued file ${ref.source} no longer matches the hash recorded when it was issued; it is not published.`);
      }
      return signedRecipientName(format, bytes.toString('utf8'));
    },
  };
}

/**
 * A badge class with personalised artwork bakes each earner's name into their images: its pages show
 * the earner's own image where they show the name, and publish no image at all where they hide it.
 */
function credentialContent(
  workspace: Workspace,
  issuance: Issuance,
  dirs: readonly string[],
  exists: (path: string) => boolean,
  badge: Pick<BadgeClass, 'showRecipientName' | 'personalisedArtwork'> | undefined,
): Pick<SiteCredential, 'recipientName' | 'files' | 'artwork'> {
  const files = issuedFiles(workspace, issuance, dirs, exists);
  const showName = badge?.showRecipientName === true;
  if (badge?.personalisedArtwork && !showName) {
    delete files.png;
    delete files.svg;
  }
  const artwork = badge?.personalisedArtwork && showName ? (files.png ? 'png' : files.svg ? 'svg' : undefined) : undefined;
  return { recipientName: showName ? signedName(issuance, files) : null, files, ...(artwork ? { artwork } : {}) };
}

/** The latest of a list's creation and its revocations: the status list's date, so rebuilds are byte-identical. */
function latest(dates: readonly (string | null)[]): string {
  return dates.filter((d): d is string => d !== null).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

async function signedStatusLists(workspace: Workspace, keystore: Keystore, issuances: readonly Issuance[]): Promise<SignedStatusList[]> {
  const lists = listStatusLists(workspace.db);
  if (lists.length === 0) return [];
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  const key = keystore.activeKey('Ed25519');
  const privateKey = (await keystore.privateJwk(key.id)) as unknown as Ed25519PrivateJwk;
  const verificationMethod = verificationMethodId(issuer.did, key);
  const signed: SignedStatusList[] = [];
  for (const list of lists) {
    const bits = newStatusList(list.size);
    for (const index of revokedIndexes(workspace.db, list.id)) setStatusBit(bits, index, true);
    const date = latest([list.created, ...issuances.filter((i) => i.statusList === list.id && i.revoked).map((i) => i.revokedAt)]);
    const unsigned = await buildStatusListCredential({ id: layout.url(layout.statusList(list.id)), issuer: issuer.did, validFrom: date, purpose: 'revocation', bits });
    signed.push({ id: list.id, credential: await signDataIntegrity(unsigned, { privateKey, verificationMethod, created: date }) });
  }
  return signed;
}

/** Everything the site shows, read from the workspace (no e-mail ever leaves it). */
export async function loadSiteModel(workspace: Workspace, keystore: Keystore, options: SiteExportOptions = {}): Promise<SiteModel> {
  const issuer = requireIssuer(workspace.db);
  const badgeClasses = listBadges(workspace.db);
  const badgesById = new Map(badgeClasses.map((badge) => [badge.id, badge]));
  const issuances = listIssuances(workspace.db).filter((issuance) => issuance.state === 'done');
  const dirs = options.issuedDirs ?? [];
  const exists = createFileLookup();
  const credentials: SiteCredential[] = issuances.map((issuance) => ({
    id: issuance.id,
    credentialId: issuance.credentialId,
    badgeId: issuance.badgeId,
    awardId: issuance.awardId,
    format: issuance.format,
    issuedOn: issuance.issuedOn,
    validUntil: issuance.validUntil,
    revoked: issuance.revoked,
    revocationReason: issuance.revocationReason,
    revokedAt: issuance.revokedAt,
    ...credentialContent(workspace, issuance, dirs, exists, badgesById.get(issuance.badgeId)),
  }));
  const issuerImage = await artwork(workspace, issuer.image, 'the issuer');
  const verifierPath = options.verifierScript ?? findVerifierScript();
  return {
    issuer: {
      name: issuer.name,
      url: issuer.url,
      email: issuer.email,
      description: issuer.description,
      language: issuer.language,
      siteUrl: issuer.siteUrl,
      did: issuer.did,
      ...(issuerImage ? { image: issuerImage } : {}),
    },
    keys: listKeys(workspace.db).map((key) => ({ id: key.id, type: key.type, publicJwk: key.publicJwk, status: key.status, created: key.created })),
    badges: await Promise.all(badgeClasses.map((badge) => siteBadge(workspace, badge))),
    credentials,
    statusLists: await signedStatusLists(workspace, keystore, issuances),
    ...(verifierPath ? { verifierScript: new Uint8Array(await readFile(verifierPath)) } : {}),
  };
}

/** `site build`: loads the workspace, signs the status lists, builds the tree and writes it atomically and incrementally. */
export async function exportSite(workspace: Workspace, keystore: Keystore, outDir: string, options: SiteExportOptions = {}): Promise<SiteExportResult> {
  const report = options.onBuildProgress ?? (() => {});
  report({ phase: 'load', done: 0, total: null });
  const model = await loadSiteModel(workspace, keystore, options);
  report({ phase: 'build', done: 0, total: null });
  const entries = await buildSite(model, { digest: (text) => createHash('sha256').update(text).digest('hex'), qr: qrMatrix });
  const result = await writeSiteTree(outDir, entries, { siteUrl: model.issuer.siteUrl, did: model.issuer.did }, (phase, done, total) => report({ phase, done, total }));
  return { ...result, siteUrl: model.issuer.siteUrl, did: model.issuer.did, credentials: model.credentials.length, badges: model.badges.length };
}
