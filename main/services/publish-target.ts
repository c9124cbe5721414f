/**
 * Where a workspace's site is published with git (the repository's address and branch), kept in the
 * workspace (`publish/git-target.json`) so that it travels with the association's data. Never a
 * password or token: git logs in with the user's own credential helper or SSH key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { ownedTempName } from './process-files.js';
import { isBranchName } from './site-publish.js';
import type { Workspace } from './workspace.js';

export interface GitTarget {
  url: string;
  branch: string;
}

export const DEFAULT_PAGES_BRANCH = 'gh-pages';

const URL_WITH_SCHEME = /^(https?|ssh|git|file):\/\/[^\s]+$/i;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$/;
const PASSWORD_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i;

function targetFile(workspace: Workspace): string {
  return join(workspace.paths.dir, 'publish', 'git-target.json');
}

/**
 * The address and branch as given, trimmed, or a BadgeError saying what to fix: an address as a
 * host's "Clone" button shows it (https, ssh, scp-like `git@host:path`) or a local folder's full path.
 */
export function checkGitTarget(url: string, branch: string): GitTarget {
  const address = url.trim();
  const name = branch.trim() || DEFAULT_PAGES_BRANCH;
  if (PASSWORD_IN_URL.test(address)) {
    throw new BadgeError(
      'ERR_PUBLISH_GIT_TOKEN_IN_ADDRESS',
      'The address holds a password or token. Remove it (keep https://host/owner/repo.git): git logs in with its credential helper or your SSH key, and Badgesmith stores no password.',
    );
  }
  if (
    address.startsWith('-') ||
    !(URL_WITH_SCHEME.test(address) || SCP_LIKE.test(address) || isAbsolute(address))
  ) {
    throw new BadgeError(
      'ERR_PUBLISH_GIT_ADDRESS',
      `"${address.slice(0, 200)}" is not a repository address. Copy it from your host's "Clone" button, e.g. https://github.com/you/site.git or git@github.com:you/site.git.`,
    );
  }
  if (!isBranchName(name)) {
    throw new BadgeError(
      'ERR_PUBLISH_GIT_BRANCH',
      `"${name.slice(0, 200)}" is not a branch name. Use e.g. gh-pages or pages.`,
    );
  }
  return { url: address, branch: name };
}

/** The target saved for this workspace, or null (none yet, or a file that no longer reads as one). */
export function readGitTarget(workspace: Workspace): GitTarget | null {
  const file = targetFile(workspace);
  if (!existsSync(file)) return null;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<GitTarget>;
    if (typeof raw.url !== 'string' || typeof raw.branch !== 'string') return null;
    return checkGitTarget(raw.url, raw.branch);
  } catch {
    return null;
  }
}

/** Saves the target (checked first), atomically. */
export async function saveGitTarget(workspace: Workspace, target: GitTarget): Promise<GitTarget> {
  const checked = checkGitTarget(target.url, target.branch);
  const file = targetFile(workspace);
  await mkdir(join(workspace.paths.dir, 'publish'), { recursive: true });
  const temp = join(workspace.paths.dir, 'publish', ownedTempName('json'));
  await writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`);
  await rename(temp, file);
  return checked;
}
