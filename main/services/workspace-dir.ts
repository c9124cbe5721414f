import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface WorkspaceDirInput {
  /** --workspace flag, relative to cwd. */
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform?: NodeJS.Platform;
  home?: string;
}

/** --workspace > BADGESMITH_WORKSPACE > the platform's per-user data folder. */
export function resolveWorkspaceDir(input: WorkspaceDirInput): string {
  if (input.flag) return resolve(input.cwd, input.flag);
  if (input.env.BADGESMITH_WORKSPACE) return resolve(input.cwd, input.env.BADGESMITH_WORKSPACE);
  return defaultWorkspaceDir(input.env, input.platform ?? process.platform, input.home ?? homedir());
}

export function defaultWorkspaceDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'badgesmith');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'badgesmith');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'badgesmith');
}

export interface WorkspacePaths {
  dir: string;
  database: string;
  keys: string;
  artwork: string;
}

export function workspacePaths(dir: string): WorkspacePaths {
  return { dir, database: join(dir, 'badgesmith.db'), keys: join(dir, 'keys'), artwork: join(dir, 'artwork') };
}
