/**
 * `site publish`: the built site folder, put online without a server of ours — as a zip for a
 * hosting panel or Netlify drop, or as a commit on a git branch (GitHub, GitLab or Codeberg Pages)
 * holding exactly what changed since the last publish. Git is the system `git` command.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readdirSync, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { BadgeError } from '../../shared/errors.js';
import { requireIssuer } from '../db/repos/issuer.js';
import type { Keystore } from './keystore.js';
import { ownedTempName } from './process-files.js';
import { exportSite, type SiteExportOptions, type SiteExportResult } from './site-export.js';
import type { Workspace } from './workspace.js';

export interface PublishProgress {
  phase: 'build' | 'zip' | 'fetch' | 'commit' | 'push';
  message: string;
}

/** Every file of the folder, `/`-separated paths relative to it, sorted (a `.git` folder is never part). */
export function siteFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Images and archives are compressed already: stored as they are. */
const STORED = /\.(png|jpe?g|gif|webp|zip|gz|woff2?)$/i;

export interface ZipResult {
  file: string;
  files: number;
  bytes: number;
}

/**
 * A zip of the folder, the same bytes for the same files: entries sorted by path, one fixed date
 * (1 January 1980, the zip format's first day, read in local time so every time zone writes the
 * same bytes), no extra fields. Streamed file by file to disk: memory does not grow with the size
 * of the site. Written atomically.
 */
export async function zipSite(siteDir: string, zipFile: string, onProgress?: (progress: PublishProgress) => void): Promise<ZipResult> {
  const paths = siteFiles(siteDir);
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const temp = join(dirname(zipFile), ownedTempName('zip'));
  let out: WriteStream | undefined;
  try {
    await mkdir(dirname(zipFile), { recursive: true });
    out = createWriteStream(temp, { flags: 'wx' });
    const stream = out;
    let bytes = 0;
    let failure: Error | undefined;
    let pending: Promise<void> = Promise.resolve();
    const zip = new Zip((error, chunk, final) => {
      if (error) failure ??= error;
      bytes += chunk.length;
      // In order, one write after another: the chunks of the next file wait until these reach the disk.
      pending = pending.then(() => writeChunk(stream, chunk));
      if (final) pending = pending.then(() => closeStream(stream));
    });
    onProgress?.({ phase: 'zip', message: `Zipping ${paths.length} files` });
    for (const path of paths) {
      const data = await readFile(join(siteDir, path)).catch((cause: unknown) => {
        throw new BadgeError('ERR_PUBLISH_SITE_UNREADABLE', `${join(siteDir, path)} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}): was the site changed while it was being zipped? Build the site again, then make the zip.`, { cause });
      });
      const entry = STORED.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      entry.push(data, true);
      await pending;
      if (failure) throw failure;
    }
    zip.end();
    await pending;
    if (failure) throw failure;
    await rename(temp, zipFile);
    return { file: zipFile, files: paths.length, bytes };
  } catch (error) {
    out?.destroy();
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof BadgeError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new BadgeError('ERR_PUBLISH_ZIP_UNWRITABLE', `The zip ${zipFile} cannot be written (${code}). Choose a file in a folder you can write to with --zip FILE.`, { cause: error });
  }
}

function writeChunk(stream: WriteStream, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
}

/** Ends the file and waits until it is closed (renaming an open file fails on Windows). */
async function closeStream(stream: WriteStream): Promise<void> {
  const closed = once(stream, 'close');
  stream.end();
  await closed;
  if (stream.errored) throw stream.errored;
}

interface GitRun {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs git with settings that make publishing the same on every computer: no prompt (a missing
 * password fails at once), no line-ending conversion, no global ignore rules, no signing prompt.
 */
function git(args: readonly string[], options: { gitDir: string; workTree?: string; env?: NodeJS.ProcessEnv }): Promise<GitRun> {
  const base = [
    '-c', 'core.autocrlf=false',
    '-c', 'core.safecrlf=false',
    '-c', 'core.excludesFile=',
    '-c', 'commit.gpgsign=false',
    '-c', 'core.quotePath=false',
    `--git-dir=${options.gitDir}`,
    ...(options.workTree ? [`--work-tree=${options.workTree}`] : []),
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...base, ...args],
      { env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', LC_ALL: 'C', ...options.env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new BadgeError('ERR_GIT_MISSING', 'The `git` command is not installed on this computer. Install git (e.g. `apt-get install git`), or publish with --zip FILE instead.', {
              cause: error,
            }),
          );
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      },
    );
  });
}

function remoteError(run: GitRun, url: string, doing: string): BadgeError {
  const said = run.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ').slice(0, 300);
  if (/Authentication failed|could not read Username|Permission denied|403|401|terminal prompts disabled|access denied/i.test(run.stderr)) {
    return new BadgeError(
      'ERR_PUBLISH_GIT_AUTH',
      `git could not ${doing} ${url}: the host refused the login (${said}). Use an SSH address (git@github.com:you/site.git) with your SSH key, or set up git's credential helper with a token, then try again.`,
    );
  }
  if (/\[rejected\]|non-fast-forward|fetch first/i.test(run.stderr)) {
    return new BadgeError(
      'ERR_PUBLISH_GIT_REJECTED',
      `${url} refused the new commit: the branch changed there since the last publish (${said}). Run the same \`site publish\` again: it starts from what is there now.`,
    );
  }
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(run.stderr)) {
    return new BadgeError(
      'ERR_PUBLISH_GIT_HOST_KEY',
      `ssh does not know the host of ${url} yet, or its key changed (${said}). Connect once from a terminal (e.g. \`ssh -T git@github.com\`) and accept the host's key if its fingerprint matches the one your host publishes, then try again.`,
    );
  }
  if (/does not appear to be a git repository|repository .* not found|Repository not found|not a git repository/i.test(run.stderr)) {
    return new BadgeError(
      'ERR_PUBLISH_GIT_NOT_REPOSITORY',
      `${url} is not a git repository (${said}). Copy the repository's address from your host's "Clone" button (create the repository there first), then try again.`,
    );
  }
  return new BadgeError('ERR_PUBLISH_GIT_UNREACHABLE', `git could not ${doing} ${url} (${said}). Check the address and your network, then try again.`);
}

export interface GitPublishOptions {
  url: string;
  /** Default `gh-pages`. */
  branch?: string;
  message?: string;
  /** Commit author; default the issuer's name and e-mail. */
  author?: { name: string; email: string };
  /** The commit date (ISO); default the workspace clock. */
  date?: string;
  onProgress?: (progress: PublishProgress) => void;
}

export interface GitPublishResult {
  url: string;
  branch: string;
  /** The new commit, or null when the branch already held exactly this site. */
  commit: string | null;
  /** What the commit changed: `A`dded, `M`odified, `D`eleted, with the path. */
  changes: { status: string; path: string }[];
}

/** Git's empty tree: what a new branch is compared with. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]{1,200}(?<![./])$/;

/** Whether `name` is a branch name `site publish` accepts (letters, digits, `._/-`, no `..`). */
export function isBranchName(name: string): boolean {
  return BRANCH.test(name);
}

/** Files a Pages branch may hold before the first publish (GitHub, GitLab and Codeberg extras). */
const PAGES_EXTRAS = new Set(['CNAME', '.nojekyll', '.domains', '.gitlab-ci.yml', '.gitignore', '.gitattributes', 'README', 'README.md', 'LICENSE', 'LICENSE.md']);

/**
 * Commits the folder as it is onto `branch` of the remote, on top of what is there (a new branch
 * when it does not exist yet), and pushes. Only changed files are in the commit; nothing is forced.
 * The repository data is kept in the workspace (`publish/`), the site folder is only read.
 */
export async function publishGit(workspace: Workspace, siteDir: string, options: GitPublishOptions): Promise<GitPublishResult> {
  const branch = options.branch ?? 'gh-pages';
  if (!BRANCH.test(branch)) throw new BadgeError('ERR_USAGE', `"${branch}" is not a branch name; use e.g. --branch gh-pages or --branch pages.`);
  if (options.url.startsWith('-')) throw new BadgeError('ERR_USAGE', `"${options.url}" is not a git address.`);
  const issuer = requireIssuer(workspace.db);
  const gitDir = join(workspace.paths.dir, 'publish', `git-${createHash('sha256').update(`${options.url}\n${branch}`).digest('hex').slice(0, 16)}`);
  const progress = options.onProgress;
  const run = (args: readonly string[], env?: NodeJS.ProcessEnv) => git(args, { gitDir, workTree: siteDir, ...(env ? { env } : {}) });

  await mkdir(dirname(gitDir), { recursive: true });
  const init = await git(['init', '--quiet', '--bare', gitDir], { gitDir });
  if (init.code !== 0) throw new BadgeError('ERR_PUBLISH_GIT_FAILED', `git could not prepare ${gitDir}: ${init.stderr.trim().slice(0, 300)}`);
  await run(['config', 'core.bare', 'false']);

  progress?.({ phase: 'fetch', message: `Fetching ${branch} from ${options.url}` });
  const remoteRef = `refs/remotes/publish/${branch}`;
  const fetched = await run(['fetch', '--quiet', '--depth=1', '--', options.url, `+refs/heads/${branch}:${remoteRef}`]);
  const exists = fetched.code === 0;
  if (!exists && !/couldn't find remote ref|could not find remote ref/i.test(fetched.stderr)) throw remoteError(fetched, options.url, 'fetch from');

  // The index becomes the remote branch's tree (the site folder is not touched), then the folder as it is now.
  await run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  if (exists) {
    // A branch holding something else (the project's source on main, say) is never replaced by the site.
    const top = (await run(['ls-tree', '--name-only', '-z', remoteRef])).stdout.split('\0').filter((f) => f !== '');
    const others = top.filter((name) => !PAGES_EXTRAS.has(name));
    if (others.length > 0 && !top.includes('badgesmith-site.json')) {
      throw new BadgeError(
        'ERR_PUBLISH_GIT_BRANCH_IN_USE',
        `The branch ${branch} of ${options.url} already holds other files (${others.slice(0, 3).join(', ')}) and no Badgesmith site: publishing would replace them. Choose another branch (gh-pages is the usual one), or empty that branch first.`,
      );
    }
    await run(['update-ref', `refs/heads/${branch}`, remoteRef]);
    await run(['read-tree', remoteRef]);
  } else {
    await run(['update-ref', '-d', `refs/heads/${branch}`]);
    await run(['read-tree', '--empty']);
  }
  const added = await run(['add', '--all', '--force', '--', '.']);
  if (added.code !== 0) throw new BadgeError('ERR_PUBLISH_GIT_FAILED', `git could not read the site folder ${siteDir}: ${added.stderr.trim().slice(0, 300)}`);
  const status = await run(['diff', '--cached', '--name-status', '--no-renames', '-z', exists ? remoteRef : EMPTY_TREE]);
  const fields = status.stdout.split('\0').filter((f) => f !== '');
  const changes: GitPublishResult['changes'] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]!, path: fields[i + 1]! });
  if (changes.length === 0) return { url: options.url, branch, commit: null, changes };

  progress?.({ phase: 'commit', message: `Committing ${changes.length} changed files` });
  const author = options.author ?? { name: issuer.name, email: issuer.email ?? 'badgesmith@localhost' };
  const date = options.date ?? workspace.now();
  const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const message = options.message ?? `Badgesmith: publish the verification site for ${issuer.siteUrl}`;
  const committed = await run(['commit', '--quiet', '--no-verify', '-m', message], env);
  if (committed.code !== 0) throw new BadgeError('ERR_PUBLISH_GIT_FAILED', `git could not commit the site: ${committed.stderr.trim().slice(0, 300)}`);
  const commit = (await run(['rev-parse', 'HEAD'])).stdout.trim();

  progress?.({ phase: 'push', message: `Pushing to ${options.url} (${branch})` });
  const pushed = await run(['push', '--quiet', '--', options.url, `HEAD:refs/heads/${branch}`]);
  if (pushed.code !== 0) throw remoteError(pushed, options.url, 'push to');
  await run(['update-ref', remoteRef, commit]);
  return { url: options.url, branch, commit, changes };
}

export interface PublishSiteOptions {
  /** The local site folder, built (incrementally) before publishing. */
  outDir: string;
  /** How to build it (moved issued folders, build progress). */
  build?: SiteExportOptions;
  zip?: string;
  git?: Omit<GitPublishOptions, 'onProgress'>;
  onProgress?: (progress: PublishProgress) => void;
}

export interface PublishSiteResult {
  build: SiteExportResult;
  zip?: ZipResult;
  git?: GitPublishResult;
}

/** `site publish`: builds the site (only what changed is written), then zips it and/or commits and pushes it. */
export async function publishSite(workspace: Workspace, keystore: Keystore, options: PublishSiteOptions): Promise<PublishSiteResult> {
  if (!options.zip && !options.git) throw new BadgeError('ERR_USAGE', 'Where to? Give --zip FILE (for a hosting panel or Netlify drop) or --git URL (for GitHub, GitLab or Codeberg Pages).');
  options.onProgress?.({ phase: 'build', message: `Building the site in ${options.outDir}` });
  const build = await exportSite(workspace, keystore, options.outDir, options.build ?? {});
  const result: PublishSiteResult = { build };
  if (options.zip) result.zip = await zipSite(options.outDir, options.zip, options.onProgress);
  if (options.git) result.git = await publishGit(workspace, options.outDir, { ...options.git, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  return result;
}
