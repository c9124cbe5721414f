import { existsSync, mkdirSync, statSync } from 'node:fs';
import { BadgeError } from '../../shared/errors.js';
import { isoSeconds, type Clock } from '../../shared/clock.js';
import { siteLayout, type SiteLayout } from '../../shared/site/urls.js';
import { openDatabase, type Db } from '../db/open.js';
import { getIssuer, insertIssuer, requireIssuer, type IssuerLanguage, type IssuerProfile } from '../db/repos/issuer.js';
import { workspacePaths, type WorkspacePaths } from './workspace-dir.js';

export interface Workspace {
  readonly paths: WorkspacePaths;
  readonly db: Db;
  readonly clock: Clock;
  /** True when the workspace folder cannot be written (read-only disk or permissions): reading works, changes fail with ERR_WORKSPACE_READONLY. */
  readonly readOnly: boolean;
  /** Current time as an ISO date-time without milliseconds. */
  now(): string;
  close(): void;
}

export interface IssuerInput {
  name: string;
  url: string;
  siteUrl: string;
  email?: string | null;
  description?: string | null;
  image?: string | null;
  language?: IssuerLanguage;
}

const systemClock: Clock = () => new Date();

function wrap(paths: WorkspacePaths, db: Db, clock: Clock): Workspace {
  return { paths, db, clock, readOnly: db.readonly, now: () => isoSeconds(clock()), close: () => db.close() };
}

/** Throws ERR_WORKSPACE_READONLY before a change that a read-only workspace cannot save. */
export function requireWritable(workspace: Workspace): void {
  if (workspace.readOnly) {
    throw new BadgeError(
      'ERR_WORKSPACE_READONLY',
      `The workspace folder ${workspace.paths.dir} is read-only, so this change cannot be saved. Make the folder writable (or copy it somewhere you can write), then run the command again.`,
    );
  }
}

/** --workspace (or BADGESMITH_WORKSPACE) naming a file instead of a folder. */
function checkFolder(dir: string): void {
  let isFolder = true;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') isFolder = false;
    else if (code !== 'ENOENT') throw error;
  }
  if (!isFolder) {
    throw new BadgeError(
      'ERR_WORKSPACE_NOT_FOLDER',
      `The workspace ${dir} is a file (or inside one), not a folder. Give the workspace folder with --workspace DIR (or BADGESMITH_WORKSPACE).`,
    );
  }
}

/** Opens an existing workspace folder (migrating its database if it is older). */
export function openWorkspace(dir: string, options: { clock?: Clock } = {}): Workspace {
  const paths = workspacePaths(dir);
  checkFolder(dir);
  if (!existsSync(paths.database)) {
    throw new BadgeError(
      'ERR_WORKSPACE_MISSING',
      `No Badgesmith workspace in ${dir}. Run \`badgesmith init\` there first, or pass --workspace DIR (or set BADGESMITH_WORKSPACE).`,
    );
  }
  return wrap(paths, openDatabase(paths.database), options.clock ?? systemClock);
}

/** Creates the folder layout and database (no issuer, no keys yet). Refuses a folder that already has an issuer. */
export function createWorkspace(dir: string, options: { clock?: Clock } = {}): Workspace {
  const paths = workspacePaths(dir);
  checkFolder(dir);
  for (const folder of [paths.dir, paths.keys, paths.artwork]) {
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') {
        throw new BadgeError('ERR_WORKSPACE_NOT_FOLDER', `${folder} is a file where the workspace needs a folder. Move it away or choose another workspace folder.`, { cause: error });
      }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new BadgeError('ERR_WORKSPACE_READONLY', `Badgesmith cannot create the workspace in ${dir} (${code === 'EROFS' ? 'read-only disk' : 'permission denied'}). Choose a folder you can write to.`, { cause: error });
      }
      throw error;
    }
  }
  const db = openDatabase(paths.database, { create: true });
  if (getIssuer(db)) {
    db.close();
    throw new BadgeError('ERR_WORKSPACE_EXISTS', `${dir} already holds a Badgesmith workspace; use it, or choose an empty folder with --workspace DIR.`);
  }
  return wrap(paths, db, options.clock ?? systemClock);
}

export function validateIssuerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.href;
  } catch {
    // reported below
  }
  throw new BadgeError('ERR_ISSUER_URL_INVALID', `"${url}" is not a web address; give the organisation's home page, e.g. https://example.org/.`);
}

/** Builds the issuer profile (site URL → did:web) and stores it. */
export function createIssuer(workspace: Workspace, input: IssuerInput): IssuerProfile {
  const layout = siteLayout(input.siteUrl);
  const now = workspace.now();
  const name = input.name.trim();
  if (!name) throw new BadgeError('ERR_ISSUER_NAME_REQUIRED', 'The issuer needs a name (--name).');
  const issuer: IssuerProfile = {
    name,
    url: validateIssuerUrl(input.url),
    email: input.email ?? null,
    description: input.description ?? null,
    image: input.image ?? null,
    language: input.language ?? 'en',
    siteUrl: layout.siteUrl,
    did: layout.did,
    created: now,
    updated: now,
  };
  insertIssuer(workspace.db, issuer);
  return issuer;
}

/** The URL layout of the issuer's published site. */
export function workspaceLayout(workspace: Workspace): SiteLayout {
  return siteLayout(requireIssuer(workspace.db).siteUrl);
}
