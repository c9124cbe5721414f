/** Starts the app's loopback server (out/serve.js) with its own preferences folder, for one spec file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
  url: string;
  origin: string;
  token: string;
  appDir: string;
  /** Where a new association goes by default. */
  workspaceDir: string;
  stop(): Promise<void>;
}

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const appDir = mkdtempSync(join(tmpdir(), 'bs-app-'));
  const workspaceDir = join(appDir, 'association');
  const child: ChildProcess = spawn(process.execPath, ['out/serve.js'], {
    env: {
      ...process.env,
      BADGESMITH_APP_DIR: appDir,
      BADGESMITH_WORKSPACE: workspaceDir,
      BADGESMITH_NO_BROWSER: '1',
      BADGESMITH_INSECURE_TEST_KDF: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`out/serve.js exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: /token=([\w-]+)/.exec(parsed.hash)?.[1] ?? '',
    appDir,
    workspaceDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(appDir, { recursive: true, force: true });
    },
  };
}
