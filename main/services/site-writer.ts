import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { SITE_MANIFEST, type FileRef, type LazyContent, type SiteContent, type SiteEntry } from '../../shared/site/model.js';

export interface SiteManifest {
  format: 'badgesmith-site';
  version: 1;
  siteUrl: string;
  did: string;
  /** path → [sha256 hex, size in bytes] (+ the digest of a lazy page's inputs), sorted by path. */
  files: Record<string, ManifestRecord>;
}

export type ManifestRecord = [sha256: string, size: number] | [sha256: string, size: number, inputs: string];

/** How far the writer is: `check` compares the previous tree on disk, `write` writes new or changed files. */
export type SiteWritePhase = 'check' | 'write';
export type SiteWriteProgress = (phase: SiteWritePhase, done: number, total: number) => void;

export interface SiteWriteResult {
  dir: string;
  /** Paths written with new content (new, changed, or missing or damaged on disk), sorted. */
  written: string[];
  unchanged: number;
  /** Paths of the previous tree that are gone. */
  removed: string[];
  total: number;
}

interface Planned {
  path: string;
  sha256: string;
  size: number;
  /** A lazy page whose inputs match the previous manifest is kept unrendered (rendered only if its copy on disk is not intact). */
  content: string | Uint8Array | FileRef | LazyContent;
  inputs?: string;
}

const PARALLEL = 32;
const HEX64 = /^[0-9a-f]{64}$/;
/** A manifest larger than this is not one we wrote (30,000 files make about 4 MB). */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function isRef(content: SiteContent | undefined): content is FileRef {
  return typeof content === 'object' && !(content instanceof Uint8Array) && content.kind === 'ref';
}

function isLazy(content: SiteContent | undefined): content is LazyContent {
  return typeof content === 'object' && !(content instanceof Uint8Array) && content.kind === 'lazy';
}

function inline(path: string, content: string | Uint8Array, inputs?: string): Planned {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  return { path, content, sha256: sha256Hex(content), size, ...(inputs === undefined ? {} : { inputs }) };
}

/** Hashes what will be published; lazy pages whose inputs match the previous manifest are neither rendered nor hashed. */
function plan(entries: readonly SiteEntry[], previous: Records): Planned[] {
  const planned: Planned[] = [];
  for (const entry of entries) {
    checkPath(entry.path);
    const { path, content } = entry;
    if (typeof content === 'string' || content instanceof Uint8Array) planned.push(inline(path, content));
    else if (content.kind === 'ref') {
      if (!HEX64.test(content.sha256)) {
        throw new BadgeError('ERR_SITE_SOURCE_HASH_INVALID', `The recorded hash of ${content.source} (for ${path}) is not a SHA-256 (64 hex digits); the file is not published.`);
      }
      planned.push({ path, content, sha256: content.sha256, size: -1 });
    } else {
      const before = previous.get(path);
      if (before && before[2] === content.inputs) planned.push({ path, content, sha256: before[0], size: before[1], inputs: content.inputs });
      else planned.push(inline(path, content.render(), content.inputs));
    }
  }
  return planned;
}

/** The records of a (validated) manifest by path: own properties only, without copying 30,000 entries into a Map. */
class Records {
  constructor(private readonly files: Readonly<Record<string, ManifestRecord>> = {}) {}

  get(path: string): ManifestRecord | undefined {
    return Object.hasOwn(this.files, path) ? this.files[path] : undefined;
  }

  paths(): string[] {
    return Object.keys(this.files);
  }
}

function record(file: Planned, size: number): ManifestRecord {
  return file.inputs === undefined ? [file.sha256, size] : [file.sha256, size, file.inputs];
}

const SLASH = 0x2f;
const DOT = 0x2e;

/**
 * A relative path with `/` separators, no empty, `.` or `..` part, no backslash or control
 * character, not the manifest. One pass over the characters: it runs for every file of the
 * manifest and of the tree (tens of thousands) on each build.
 */
export function isSafeSitePath(path: string): boolean {
  const length = path.length;
  if (length === 0 || length > 1024 || path === SITE_MANIFEST) return false;
  let partStart = 0;
  for (let i = 0; i <= length; i += 1) {
    const code = i === length ? SLASH : path.charCodeAt(i);
    if (code === SLASH) {
      const part = i - partStart;
      if (part === 0) return false;
      if (path.charCodeAt(partStart) === DOT && (part === 1 || (part === 2 && path.charCodeAt(partStart + 1) === DOT))) return false;
      partStart = i + 1;
    } else if (code < 0x20 || code === 0x7f || code === 0x5c) return false;
  }
  return true;
}

function checkPath(path: string): void {
  if (!isSafeSitePath(path)) throw new BadgeError('ERR_SITE_PATH_INVALID', `The site file path "${path}" is not a safe relative path.`);
}

function isRecord(value: unknown): value is ManifestRecord {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) return false;
  const [hash, size, inputs] = value as unknown[];
  return typeof hash === 'string' && HEX64.test(hash) && Number.isSafeInteger(size) && (size as number) >= 0 && (value.length === 2 || (typeof inputs === 'string' && HEX64.test(inputs)));
}

/** The manifest if `value` is exactly what we write (shape, safe paths, SHA-256 digests, sizes), else undefined. */
export function parseSiteManifest(value: unknown): SiteManifest | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const manifest = value as Record<string, unknown>;
  if (manifest.format !== 'badgesmith-site' || manifest.version !== 1 || typeof manifest.siteUrl !== 'string' || typeof manifest.did !== 'string') return undefined;
  const files = manifest.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  for (const [path, entry] of Object.entries(files)) if (!isSafeSitePath(path) || !isRecord(entry)) return undefined;
  return { format: 'badgesmith-site', version: 1, siteUrl: manifest.siteUrl, did: manifest.did, files: files as Record<string, ManifestRecord> };
}

type ManifestFile = { kind: 'none' } | { kind: 'unusable'; why: string } | { kind: 'file'; text: string; stats: Stats };

/** Reads the manifest as a plain regular file of bounded size (never through a link). */
function readManifestFile(dir: string): ManifestFile {
  const file = join(dir, SITE_MANIFEST);
  let stats: Stats | undefined;
  try {
    stats = lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    // --out is a file (ENOTDIR): no manifest; the writer then says what is wrong with the folder.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return { kind: 'none' };
    return { kind: 'unusable', why: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!stats) return { kind: 'none' };
  if (!stats.isFile()) return { kind: 'unusable', why: 'it is not a regular file' };
  if (stats.size > MAX_MANIFEST_BYTES) return { kind: 'unusable', why: 'it is far too large' };
  try {
    return { kind: 'file', text: readFileSync(file, 'utf8'), stats };
  } catch {
    return { kind: 'unusable', why: 'it cannot be read' };
  }
}

type ManifestState =
  | { kind: 'none' }
  | { kind: 'invalid'; why: string }
  | { kind: 'valid'; manifest: SiteManifest; stats: Stats };

/** The manifest of a built folder, read as untrusted input: a regular file of bounded size, JSON, exactly our shape. */
function parseManifestFile(file: ManifestFile): ManifestState {
  if (file.kind === 'none') return file;
  if (file.kind === 'unusable') return { kind: 'invalid', why: file.why };
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch {
    return { kind: 'invalid', why: 'it is not JSON' };
  }
  const manifest = parseSiteManifest(value);
  return manifest ? { kind: 'valid', manifest, stats: file.stats } : { kind: 'invalid', why: 'it is not a Badgesmith site manifest (unexpected shape, path or digest)' };
}

/** The manifest of a built site (for the resolver and the preview); a damaged or forged one is refused. */
export async function readSiteManifest(dir: string): Promise<SiteManifest | undefined> {
  const state = parseManifestFile(readManifestFile(dir));
  if (state.kind === 'none') return undefined;
  if (state.kind === 'invalid') {
    throw new BadgeError('ERR_SITE_MANIFEST_INVALID', `${join(dir, SITE_MANIFEST)} cannot be used: ${state.why}. Build the site again with \`badgesmith site build\`.`);
  }
  return state.manifest;
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new BadgeError('ERR_SITE_OUT_INVALID', `${dir} is a file; give a folder for the site (--out DIR).`);
    }
    throw error;
  }
}

async function runLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

async function copyRef(ref: FileRef, target: string, path: string): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(ref.source);
  } catch {
    throw new BadgeError('ERR_SITE_SOURCE_MISSING', `The issued file ${ref.source} (for ${path}) cannot be read. Was the issue output folder moved or deleted?`);
  }
  if (!HEX64.test(ref.sha256) || sha256Hex(bytes) !== ref.sha256) {
    throw new BadgeError('ERR_SITE_SOURCE_CHANGED', `The issued file ${ref.source} no longer matches the hash recorded when it was issued; it is not published.`);
  }
  await writeFile(target, bytes);
  return bytes.length;
}

async function writeContent(file: Planned, target: string): Promise<number> {
  if (isRef(file.content)) return copyRef(file.content, target, file.path);
  if (isLazy(file.content)) {
    // A kept page whose copy on disk was not intact: rendered now, recorded with the digest of what is written.
    const text = file.content.render();
    file.sha256 = sha256Hex(text);
    await writeFile(target, text);
    return Buffer.byteLength(text);
  }
  await writeFile(target, file.content);
  return file.size;
}

const PLAIN = /^[\w./-]*$/;

/** A JSON string literal; most manifest strings (paths, hex digests) need no escaping. */
function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

function isSorted(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i += 1) if (!((paths[i - 1] as string) < (paths[i] as string))) return false;
  return true;
}

/** The manifest as JSON, one line per file, sorted by path (deterministic, and quick to write for 30,000 files). */
export function serializeManifest(meta: { siteUrl: string; did: string }, files: Record<string, ManifestRecord>): string {
  const keys = Object.keys(files);
  const paths = isSorted(keys) ? keys : keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const head: Omit<SiteManifest, 'files'> = { format: 'badgesmith-site', version: 1, siteUrl: meta.siteUrl, did: meta.did };
  let text = '{\n';
  for (const [key, value] of Object.entries(head)) text += `${JSON.stringify(key)}: ${JSON.stringify(value)},\n`;
  text += '"files": {';
  let separator = '\n';
  for (const path of paths) {
    const [sha256, size, inputs] = files[path]!;
    text += `${separator} ${jsonString(path)}: [${jsonString(sha256)},${size}${inputs === undefined ? '' : `,${jsonString(inputs)}`}]`;
    separator = ',\n';
  }
  return `${text}\n}}\n`;
}

async function writeManifest(path: string, meta: { siteUrl: string; did: string }, files: Record<string, ManifestRecord>): Promise<void> {
  await writeFile(path, serializeManifest(meta, files));
}

/**
 * Where site folders really are: every folder on the way to a published file is checked once; a
 * folder that is a symbolic link resolving outside the output folder is refused, so nothing is
 * ever written, read back or deleted through it.
 */
/** The folder of a site path (`.` at the root), without path.dirname's normalisation (paths are checked already). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

class Containment {
  private readonly root: string;
  private readonly folders = new Map<string, 'inside' | 'missing' | 'outside'>();

  constructor(private readonly dir: string) {
    this.root = realpathSync(dir);
  }

  /** 'inside' (exists, really under the output folder), 'missing' (will be created by us) or 'outside'. */
  folder(folder: string): 'inside' | 'missing' | 'outside' {
    if (folder === '.' || folder === '') return 'inside';
    let known = this.folders.get(folder);
    if (known !== undefined) return known;
    const parent = this.folder(dirname(folder));
    if (parent !== 'inside') known = parent;
    else {
      const full = join(this.dir, folder);
      const stats = lstatSync(full, { throwIfNoEntry: false });
      if (!stats) known = 'missing';
      else if (stats.isDirectory()) known = 'inside';
      else if (stats.isSymbolicLink()) {
        let real: string | undefined;
        try {
          real = realpathSync(full);
        } catch {
          real = undefined;
        }
        const rel = real === undefined ? '..' : relative(this.root, real);
        known = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && lstatSync(real!).isDirectory() ? 'inside' : 'outside';
      } else {
        throw new BadgeError('ERR_SITE_PATH_BLOCKED', `${full} is a file where the site needs a folder. Move it away and build the site again.`);
      }
    }
    this.folders.set(folder, known);
    return known;
  }

  /** Refuses a published path whose folder leads out of the output folder. */
  requireInside(path: string): void {
    if (this.folder(folderOf(path)) === 'outside') {
      throw new BadgeError(
        'ERR_SITE_PATH_OUTSIDE',
        `${join(this.dir, dirname(path))} is a symbolic link leading outside the site folder ${this.dir}; nothing is written through it. Remove the link and build the site again.`,
      );
    }
  }
}

/**
 * Whether the published copy of a file is what the manifest records, checked on disk: a regular
 * file (not a link) of the recorded size that has not changed since the manifest was written
 * (inode change time, which every write, copy or `touch` moves forward) is trusted; any other is
 * hashed. `always` hashes whatever its times say. One lstat per file: ~30,000 for a 10,000-credential
 * site (a worker thread was tried to overlap them with loading the site: it cost more CPU than it hid).
 */
function intactOnDisk(full: string, before: ManifestRecord, manifestChanged: number, always: boolean): 'intact' | 'verified' | 'damaged' {
  const stats = lstatSync(full, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size !== before[1]) return 'damaged';
  if (!always && stats.ctimeMs < manifestChanged) return 'intact';
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch {
    return 'damaged';
  }
  if (sha256Hex(bytes) !== before[0]) return 'damaged';
  // Changed after the manifest yet intact (touched, copied): rewriting the manifest spares hashing it next time.
  // At the same instant as the manifest (clock granularity), or hashed only because `always`: nothing to refresh.
  return stats.ctimeMs > manifestChanged ? 'verified' : 'intact';
}

/**
 * Writes a built site to `dir`, atomically and incrementally.
 * - First build (no previous tree): assembled in a sibling folder, then renamed into place.
 * - Rebuild: the manifest is untrusted input: it is used only if it is exactly what we write, and
 *   every file it records is checked on disk (missing, damaged or replaced files are written again).
 *   Only new, changed or damaged files are written, first as hidden staging files next to their
 *   targets; only when every one of them is written are they renamed over the old ones, removed
 *   files deleted and the manifest replaced. A failure before that point leaves the previous tree
 *   exactly as it was. Nothing is written, or deleted, outside `dir`: paths are relative without
 *   `..`, and folders that are links leading out are refused.
 * A folder that is not empty and holds no Badgesmith manifest is refused; one whose manifest is
 * damaged or forged is rebuilt in full (nothing removed).
 */
export async function writeSiteTree(
  dir: string,
  entries: readonly SiteEntry[],
  meta: { siteUrl: string; did: string },
  onProgress: SiteWriteProgress = () => {},
): Promise<SiteWriteResult> {
  const state = parseManifestFile(readManifestFile(dir));
  if (state.kind === 'none' && !(await isEmptyOrMissing(dir))) {
    throw new BadgeError('ERR_SITE_OUT_NOT_EMPTY', `${dir} is not empty and is not a Badgesmith site; choose an empty or new folder for --out.`);
  }
  const previous = new Records(state.kind === 'valid' ? state.manifest.files : undefined);
  const planned = plan(entries, previous);
  if (state.kind === 'none') return freshTree(dir, planned, meta, onProgress);
  if (state.kind === 'invalid') return updateTree(dir, planned, undefined, meta, onProgress);
  return updateTree(dir, planned, { manifest: state.manifest, records: previous, changed: state.stats.ctimeMs }, meta, onProgress);
}

async function freshTree(dir: string, planned: readonly Planned[], meta: { siteUrl: string; did: string }, onProgress: SiteWriteProgress): Promise<SiteWriteResult> {
  const temp = join(dirname(dir), `.${basename(dir)}.build-${randomBytes(4).toString('hex')}`);
  const files: Record<string, ManifestRecord> = {};
  try {
    await mkdir(temp, { recursive: true });
    const folders = [...new Set(planned.map((file) => dirname(file.path)).filter((folder) => folder !== '.'))].sort();
    for (const folder of folders) await mkdir(join(temp, folder), { recursive: true });
    for (const file of planned) files[file.path] = ['', 0]; // path order for the manifest; filled in when written
    let written = 0;
    onProgress('write', 0, planned.length);
    await runLimited(planned, async (file) => {
      files[file.path] = record(file, await writeContent(file, join(temp, file.path)));
      onProgress('write', ++written, planned.length);
    });
    await writeManifest(join(temp, SITE_MANIFEST), meta, files);
    await rm(dir, { recursive: true, force: true });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return { dir, written: planned.map((file) => file.path).sort(), unchanged: 0, removed: [], total: planned.length };
}

interface Previous {
  manifest: SiteManifest;
  records: Records;
  /** When the manifest last changed (ctime): files not changed since are what it records. */
  changed: number;
}

/** `previous` undefined: the manifest was damaged or forged, so every file is written again and none is removed. */
async function updateTree(
  dir: string,
  planned: readonly Planned[],
  previous: Previous | undefined,
  meta: { siteUrl: string; did: string },
  onProgress: SiteWriteProgress,
): Promise<SiteWriteResult> {
  const old = previous?.records ?? new Records();
  const where = new Containment(dir);
  const files: Record<string, ManifestRecord> = {};
  const changed: Planned[] = [];
  let recordsChanged = false;
  let verified = 0;
  let checked = 0;
  onProgress('check', 0, planned.length);
  for (const file of planned) {
    onProgress('check', checked++, planned.length);
    where.requireInside(file.path);
    const before = old.get(file.path);
    let keep = before !== undefined && before[0] === file.sha256 && (file.size < 0 || before[1] === file.size);
    if (keep) {
      // Inline content (a few dozen small files: did.json, status lists, index…) is always hashed; bulk files when their times say so.
      const check = intactOnDisk(`${dir}/${file.path}`, before!, previous!.changed, typeof file.content === 'string' || file.content instanceof Uint8Array);
      if (check === 'damaged') keep = false;
      else if (check === 'verified') verified += 1;
    }
    if (keep) {
      const kept = record(file, before![1]);
      if (kept.length !== before!.length || kept[2] !== before![2]) recordsChanged = true;
      files[file.path] = kept;
    } else {
      changed.push(file);
      files[file.path] = ['', 0]; // keeps the manifest in path order; filled in when written
    }
  }
  onProgress('check', planned.length, planned.length);
  const published = new Set(planned.map((file) => file.path));
  // Only paths the (validated) manifest records, that we no longer publish, and whose folder really is inside `dir`.
  const removed = old.paths().filter((path) => !published.has(path) && where.folder(folderOf(path)) === 'inside').sort();
  const metaChanged = recordsChanged || verified > 0 || !previous || previous.manifest.siteUrl !== meta.siteUrl || previous.manifest.did !== meta.did;
  if (changed.length === 0 && removed.length === 0 && !metaChanged) {
    return { dir, written: [], unchanged: planned.length, removed: [], total: planned.length };
  }
  const suffix = `.bs-new-${randomBytes(4).toString('hex')}`;
  const staged: [string, string][] = [];
  try {
    let written = 0;
    onProgress('write', 0, changed.length);
    await runLimited(changed, async (file) => {
      const target = join(dir, file.path);
      const temp = join(dirname(target), `.${basename(target)}${suffix}`);
      await mkdir(dirname(target), { recursive: true });
      staged.push([temp, target]);
      files[file.path] = record(file, await writeContent(file, temp));
      onProgress('write', ++written, changed.length);
    });
    const manifestTemp = join(dir, `.${SITE_MANIFEST}${suffix}`);
    staged.push([manifestTemp, join(dir, SITE_MANIFEST)]);
    await writeManifest(manifestTemp, meta, files);
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw error;
  }
  // Commit: renames only (the manifest last), then the files that are no longer published.
  // A rename replaces a link at the target (never writes through it); rm removes a link, not its target.
  for (const [temp, target] of staged) await rename(temp, target);
  for (const path of removed) await rm(join(dir, path), { force: true });
  return { dir, written: changed.map((file) => file.path).sort(), unchanged: planned.length - changed.length, removed, total: planned.length };
}
