import type { Clock } from '../../shared/clock.js';
import { openWorkspace, type Workspace } from '../services/workspace.js';
import { resolveWorkspaceDir } from '../services/workspace-dir.js';
import type { CliIo } from './command.js';

/** The workspace folder a command works on: --workspace > BADGESMITH_WORKSPACE > the per-user default. */
export function cliWorkspaceDir(io: CliIo, flag: string | undefined): string {
  return resolveWorkspaceDir({ flag, env: io.env, cwd: io.cwd });
}

/**
 * Clock for commands: BADGESMITH_NOW (ISO date-time) pins "now" for reproducible scripts and
 * tests; otherwise the system clock.
 */
export function cliClock(io: CliIo): Clock {
  const pinned = io.env.BADGESMITH_NOW;
  if (pinned && !Number.isNaN(Date.parse(pinned))) return () => new Date(pinned);
  return () => new Date();
}

export function openCliWorkspace(io: CliIo, flag: string | undefined): Workspace {
  return openWorkspace(cliWorkspaceDir(io, flag), { clock: cliClock(io) });
}

/** Runs `body` with an open workspace and always closes it. */
export async function withWorkspace<T>(io: CliIo, flag: string | undefined, body: (workspace: Workspace) => Promise<T> | T): Promise<T> {
  const workspace = openCliWorkspace(io, flag);
  try {
    return await body(workspace);
  } finally {
    workspace.close();
  }
}
