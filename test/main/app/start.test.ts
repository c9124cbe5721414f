/** `npm start` after the build (scripts/start.mjs): Electron when its binary exists, the loopback UI otherwise. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bs-start-'));
  dirs.push(dir);
  return dir;
};

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  return { ...base, BADGESMITH_NO_BROWSER: '1', ...extra };
}

beforeAll(() => {
  if (
    !existsSync(join(ROOT, 'out', 'serve.js')) ||
    !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))
  ) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(built.stderr);
  }
}, 120_000);

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('without an Electron binary, serves the app on 127.0.0.1 and prints the address with its token', async () => {
    const appDir = temp();
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: env({ BADGESMITH_APP_DIR: appDir, BADGESMITH_WORKSPACE: join(appDir, 'association') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43})/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`start.mjs exited with ${code}: ${out}`)));
    });
    expect(out).toContain('No Electron binary found');
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  });

  it('with an Electron binary, opens the app folder with it', () => {
    const dist = temp();
    const record = join(dist, 'args.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s' "$*" > '${record}'\nexit 0\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: env({ ELECTRON_OVERRIDE_DIST_PATH: dist }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(readFileSync(record, 'utf8')).toBe(ROOT);
    expect(run.stdout).not.toContain('No Electron binary found');
  });
});
