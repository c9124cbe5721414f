import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { SITE_MANIFEST, type FileRef, type SiteEntry } from '../../shared/site/model.js';

export interface SiteManifest {
  format: 'badgesmith-site';
  version: 1;
  siteUrl: string;
  did: string;
  /** path → [sha256 hex, size in bytes], sorted by path. */
  files: Record<string, [string, number]>;
}

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
  content: string | Uint8Array | FileRef;
}

const PARALLEL = 32;

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function isRef(content: Planned['content']): content is FileRef {
  return typeof content === 'object' && !(content instanceof Uint8Array);
}

async function plan(entries: readonly SiteEntry[]): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const entry of entries) {
    checkPath(entry.path);
    const { content } = entry;
    if (!isRef(content)) {
      planned.push({ path: entry.path, content, sha256: sha256Hex(content), size: typeof content === 'string' ? Buffer.byteLength(content) : content.length });
    } else {
      planned.push({ path: entry.path, content, sha256: content.sha256.toLowerCase(), size: -1 });
    }
  }
  return planned;
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
  await writeFile(target, file.content);
  return file.size;
}

function sortedRecord(files: Record<string, [string, number]>): Record<string, [string, number]> {
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function writeManifest(path: string, meta: { siteUrl: string; did: string }, files: Record<string, [string, number]>): Promise<void> {
  const manifest: SiteManifest = { format: 'badgesmith-site', version: 1, siteUrl: meta.siteUrl, did: meta.did, files: sortedRecord(files) };
  await writeFile(path, `${JSON.stringify(manifest, null, 1)}\n`);
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
  const planned = await plan(entries);
  const previous = await readSiteManifest(dir);
  if (!previous && !(await isEmptyOrMissing(dir))) {
    throw new BadgeError('ERR_SITE_OUT_NOT_EMPTY', `${dir} is not empty and is not a Badgesmith site; choose an empty or new folder for --out.`);
  }
  return previous ? updateTree(dir, planned, previous, meta) : freshTree(dir, planned, meta);
}

async function freshTree(dir: string, planned: readonly Planned[], meta: { siteUrl: string; did: string }): Promise<SiteWriteResult> {
  const temp = join(dirname(dir), `.${basename(dir)}.build-${randomBytes(4).toString('hex')}`);
  const files: Record<string, [string, number]> = {};
  try {
    await mkdir(temp, { recursive: true });
    const folders = [...new Set(planned.map((file) => dirname(file.path)).filter((folder) => folder !== '.'))].sort();
    for (const folder of folders) await mkdir(join(temp, folder), { recursive: true });
    await runLimited(planned, async (file) => {
      files[file.path] = [file.sha256, await writeContent(file, join(temp, file.path))];
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
  const files: Record<string, [string, number]> = {};
  const changed: Planned[] = [];
  for (const file of planned) {
    const before = old[file.path];
    if (before && before[0] === file.sha256 && (file.size < 0 || before[1] === file.size)) files[file.path] = before;
    else changed.push(file);
  }
  const published = new Set(planned.map((file) => file.path));
  const removed = Object.keys(old).filter((path) => !published.has(path)).sort();
  const metaChanged = previous.siteUrl !== meta.siteUrl || previous.did !== meta.did;
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
      files[file.path] = [file.sha256, await writeContent(file, temp)];
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

