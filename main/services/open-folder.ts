/**
 * Opens a folder in the computer's file manager (xdg-open, open, explorer), when there is one:
 * the app's "Open the output folder". Says whether it could; never throws for a missing opener.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const OPENERS: Partial<Record<NodeJS.Platform, string>> = { darwin: 'open', win32: 'explorer.exe' };

/** The program that opens folders on this platform, found on PATH; null when there is none. */
export function folderOpener(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string | null {
  const name = OPENERS[platform] ?? 'xdg-open';
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * Asks the file manager to show `dir`. True once the opener has started and not failed within a
 * moment (explorer.exe exits 1 even when it worked, so only a start failure counts there).
 */
export function openFolder(dir: string, opener: string | null = folderOpener(), platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (opener === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(opener, [dir], { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      child.unref();
      resolve(true);
    }, 1500);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 || platform === 'win32');
    });
  });
}
