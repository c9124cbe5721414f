import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { SITE_MANIFEST, type FileRef, type SiteContent, type SiteEntry } from '../../shared/site/model.js';

export interface SiteManifest {
  format: 'badgesmith-site';
  version: 1;
  siteUrl: string;
  did: string;
  /** path → [sha256 hex, size in bytes] (+ the digest of a lazy page's inputs), sorted by path. */
  files: Record<string, ManifestRecord>;
}

export type ManifestRecord = [sha256: string, size: number] | [sha256: string, size: number, inputs: string];

export interface SiteWriteResult {
  dir: string;
  /** Paths written with new content (new or changed), sorted. */
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
  /** undefined: a lazy page kept from the previous tree (same inputs), not rendered. */
  content: string | Uint8Array | FileRef | undefined;
  inputs?: string;
}

const PARALLEL = 32;

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function isRef(content: SiteContent | undefined): content is FileRef {
  return typeof content === 'object' && !(content instanceof Uint8Array) && content.kind === 'ref';
}

function inline(path: string, content: string | Uint8Array, inputs?: string): Planned {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  return { path, content, sha256: sha256Hex(content), size, ...(inputs === undefined ? {} : { inputs }) };
}

/** Hashes what will be published; lazy pages whose inputs match the previous manifest are neither rendered nor hashed. */
function plan(entries: readonly SiteEntry[], previous: SiteManifest | undefined): Planned[] {
  const planned: Planned[] = [];
  for (const entry of entries) {
    checkPath(entry.path);
    const { path, content } = entry;
    if (typeof content === 'string' || content instanceof Uint8Array) planned.push(inline(path, content));
    else if (content.kind === 'ref') planned.push({ path, content, sha256: content.sha256.toLowerCase(), size: -1 });
    else {
      const before = previous?.files[path];
      if (before && before[2] === content.inputs) planned.push({ path, content: undefined, sha256: before[0], size: before[1], inputs: content.inputs });
      else planned.push(inline(path, content.render(), content.inputs));
    }
  }
  return planned;
}

function record(file: Planned, size: number): ManifestRecord {
  return file.inputs === undefined ? [file.sha256, size] : [file.sha256, size, file.inputs];
}

function checkPath(path: string): void {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || path.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..') || path === SITE_MANIFEST) {
    throw new BadgeError('ERR_SITE_PATH_INVALID', `The site file path "${path}" is not a safe relative path.`);
  }
}

export async function readSiteManifest(dir: string): Promise<SiteManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, SITE_MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadgeError('ERR_SITE_MANIFEST_INVALID', `${join(dir, SITE_MANIFEST)} is damaged (not JSON). Delete the folder and build the site again.`);
  }
  const manifest = value as Partial<SiteManifest>;
  if (manifest?.format !== 'badgesmith-site' || typeof manifest.siteUrl !== 'string' || typeof manifest.did !== 'string' || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new BadgeError('ERR_SITE_MANIFEST_INVALID', `${join(dir, SITE_MANIFEST)} is not a Badgesmith site manifest.`);
  }
  return manifest as SiteManifest;
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
  const actual = sha256Hex(bytes);
  if (/^[0-9a-f]{64}$/i.test(ref.sha256) && actual !== ref.sha256.toLowerCase()) {
    throw new BadgeError('ERR_SITE_SOURCE_CHANGED', `The issued file ${ref.source} no longer matches the hash recorded when it was issued; it is not published.`);
  }
  await writeFile(target, bytes);
  return bytes.length;
}

async function writeContent(file: Planned, target: string): Promise<number> {
  if (isRef(file.content)) return copyRef(file.content, target, file.path);
  if (file.content === undefined) throw new BadgeError('ERR_INTERNAL', `The page ${file.path} was kept from a previous build that is not there.`);
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
 * Writes a built site to `dir`, atomically and incrementally.
 * - First build (no previous tree): assembled in a sibling folder, then renamed into place.
 * - Rebuild: only new or changed files are written, first as hidden staging files next to their
 *   targets; only when every one of them is written are they renamed over the old ones, removed
 *   files deleted and the manifest replaced. A failure before that point leaves the previous tree
 *   exactly as it was.
 * A folder that is not empty and holds no Badgesmith manifest is refused.
 */
export async function writeSiteTree(dir: string, entries: readonly SiteEntry[], meta: { siteUrl: string; did: string }): Promise<SiteWriteResult> {
  const previous = await readSiteManifest(dir);
  if (!previous && !(await isEmptyOrMissing(dir))) {
    throw new BadgeError('ERR_SITE_OUT_NOT_EMPTY', `${dir} is not empty and is not a Badgesmith site; choose an empty or new folder for --out.`);
  }
  const planned = plan(entries, previous);
  return previous ? updateTree(dir, planned, previous, meta) : freshTree(dir, planned, meta);
}

async function freshTree(dir: string, planned: readonly Planned[], meta: { siteUrl: string; did: string }): Promise<SiteWriteResult> {
  const temp = join(dirname(dir), `.${basename(dir)}.build-${randomBytes(4).toString('hex')}`);
  const files: Record<string, ManifestRecord> = {};
  try {
    await mkdir(temp, { recursive: true });
    const folders = [...new Set(planned.map((file) => dirname(file.path)).filter((folder) => folder !== '.'))].sort();
    for (const folder of folders) await mkdir(join(temp, folder), { recursive: true });
    for (const file of planned) files[file.path] = ['', 0]; // path order for the manifest; filled in when written
    await runLimited(planned, async (file) => {
      files[file.path] = record(file, await writeContent(file, join(temp, file.path)));
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

async function updateTree(dir: string, planned: readonly Planned[], previous: SiteManifest, meta: { siteUrl: string; did: string }): Promise<SiteWriteResult> {
  const old = previous.files;
  const files: Record<string, ManifestRecord> = {};
  const changed: Planned[] = [];
  let recordsChanged = false;
  for (const file of planned) {
    const before = old[file.path];
    if (before && before[0] === file.sha256 && (file.size < 0 || before[1] === file.size)) {
      const kept = record(file, before[1]);
      if (kept.length !== before.length || kept[2] !== before[2]) recordsChanged = true;
      files[file.path] = kept;
    } else {
      changed.push(file);
      files[file.path] = ['', 0]; // keeps the manifest in path order; filled in when written
    }
  }
  const published = new Set(planned.map((file) => file.path));
  const removed = Object.keys(old).filter((path) => !published.has(path)).sort();
  const metaChanged = recordsChanged || previous.siteUrl !== meta.siteUrl || previous.did !== meta.did;
  if (changed.length === 0 && removed.length === 0 && !metaChanged) {
    return { dir, written: [], unchanged: planned.length, removed: [], total: planned.length };
  }
  const suffix = `.bs-new-${randomBytes(4).toString('hex')}`;
  const staged: [string, string][] = [];
  try {
    await runLimited(changed, async (file) => {
      const target = join(dir, file.path);
      const temp = join(dirname(target), `.${basename(target)}${suffix}`);
      await mkdir(dirname(target), { recursive: true });
      staged.push([temp, target]);
      files[file.path] = record(file, await writeContent(file, temp));
    });
    const manifestTemp = join(dir, `.${SITE_MANIFEST}${suffix}`);
    staged.push([manifestTemp, join(dir, SITE_MANIFEST)]);
    await writeManifest(manifestTemp, meta, files);
  } catch (error) {
    await Promise.all(staged.map(([temp]) => rm(temp, { force: true })));
    throw error;
  }
  // Commit: renames only (the manifest last), then the files that are no longer published.
  for (const [temp, target] of staged) await rename(temp, target);
  for (const path of removed) await rm(join(dir, path), { force: true });
  return { dir, written: changed.map((file) => file.path).sort(), unchanged: planned.length - changed.length, removed, total: planned.length };
}

