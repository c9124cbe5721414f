// Issue 15 §1: after any error `issue` prints its ERR line, stops its signing threads and exits
// with its code; no temporary file is left behind, after an error or after kill -9 and a re-run.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };
const bin = join(repoRoot, 'bin/badgesmith.js');
/** A run that has not ended by then hangs: the normal ones take 1-4 s. */
const HANG_MS = 30_000;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], extraEnv: Record<string, string> = {}): Run {
  const started = Date.now();
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: HANG_MS,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

/** Every file under `dir` whose name says it is temporary. */
function tempFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.tmp') || name === 'issue.lock') found.push(path);
    }
  };
  walk(dir);
  return found;
}

describe('issue always ends (built CLI, real processes)', () => {
  const root = tempDir('bs-issue-ends-');
  const template = join(root, 'template');
  const csv = join(root, 'ok.csv');
  let counter = 0;

  /** A fresh copy of the initialised workspace, so that each case damages its own. */
  const workspace = () => {
    const ws = join(root, `ws-${counter++}`);
    cpSync(template, ws, { recursive: true });
    return ws;
  };

  beforeAll(() => {
    const init = run(['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', template]);
    expect(init.status, init.stderr).toBe(0);
    const add = run(['badge', 'add', '--name', 'Secourisme', '--description', 'Gestes.', '--criteria', 'Présence.', '--workspace', template]);
    expect(add.status, add.stderr).toBe(0);
    writeFileSync(csv, 'email,name\nada@example.org,Ada\n');
  }, 60_000);

  const issue = (ws: string, csvPath: string, out: string, json = false) =>
    run(['issue', '--badge', 'secourisme', '--csv', csvPath, '--out', out, '--workspace', ws, ...(json ? ['--json'] : [])]);

  const expectEnded = (result: Run, code: string, root: string) => {
    expect(result.signal, `still running after ${HANG_MS} ms: ${result.stderr}`).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${code}: `, 'm'));
    expect(result.stderr).not.toContain('ERR_INTERNAL');
    expect(tempFiles(root)).toEqual([]);
  };

  it('ends with ERR_FILE_NOT_FOUND when the CSV path has a typo (was: ERR_INTERNAL ENOENT and never exited)', () => {
    const ws = workspace();
    const dir = tempDir('bs-ends-typo-');
    const result = issue(ws, join(dir, 'partcipants.csv'), join(dir, 'out'));
    expectEnded(result, 'ERR_FILE_NOT_FOUND', dir);
    expectEnded(result, 'ERR_FILE_NOT_FOUND', ws);
  });

  it('ends with ERR_FILE_IS_DIRECTORY when the CSV path is a folder (was: ERR_INTERNAL EISDIR and never exited)', () => {
    const ws = workspace();
    const dir = tempDir('bs-ends-dir-');
    mkdirSync(join(dir, 'participants'));
    const result = issue(ws, join(dir, 'participants'), join(dir, 'out'), true);
    expectEnded(result, 'ERR_FILE_IS_DIRECTORY', dir);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'ERR_FILE_IS_DIRECTORY' } });
  });

  it('ends with ERR_KEY_MISSING when a key file is missing', () => {
    const ws = workspace();
    for (const name of readdirSync(join(ws, 'keys'))) if (name.endsWith('.key.json')) rmSync(join(ws, 'keys', name));
    const dir = tempDir('bs-ends-nokey-');
    const result = issue(ws, csv, join(dir, 'out'));
    expectEnded(result, 'ERR_KEY_MISSING', dir);
    expect(tempFiles(ws)).toEqual([]);
  });

  it('ends with ERR_KEY_TAMPERED when a key file was modified', () => {
    const ws = workspace();
    for (const name of readdirSync(join(ws, 'keys'))) {
      if (!name.endsWith('.key.json')) continue;
      const file = JSON.parse(readFileSync(join(ws, 'keys', name), 'utf8')) as { sealed: string };
      file.sealed = `${file.sealed.slice(0, -6)}${file.sealed.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`;
      writeFileSync(join(ws, 'keys', name), JSON.stringify(file));
    }
    const dir = tempDir('bs-ends-tampered-');
    const result = issue(ws, csv, join(dir, 'out'));
    expectEnded(result, 'ERR_KEY_TAMPERED', dir);
    expect(tempFiles(ws)).toEqual([]);
  });

  it('ends with ERR_OUT_NOT_FOLDER when --out is a file', () => {
    const ws = workspace();
    const dir = tempDir('bs-ends-outfile-');
    writeFileSync(join(dir, 'out'), 'not a folder');
    const result = issue(ws, csv, join(dir, 'out'));
    expectEnded(result, 'ERR_OUT_NOT_FOLDER', dir);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('not a folder');
  });

  it('refuses a second run on the same workspace while the first is alive (ERR_WORKSPACE_BUSY), and takes over a lock left by a dead one', () => {
    const ws = workspace();
    const dir = tempDir('bs-ends-lock-');
    // A live process holds the lock: this test runner.
    writeFileSync(join(ws, 'issue.lock'), `${process.pid}\n`);
    const busy = issue(ws, csv, join(dir, 'out'));
    expect(busy.status).toBe(2);
    expect(busy.stderr).toMatch(/^ERR_WORKSPACE_BUSY: Another `badgesmith issue` \(process \d+\) is issuing from this workspace/m);
    expect(readFileSync(join(ws, 'issue.lock'), 'utf8')).toBe(`${process.pid}\n`);
    // The lock of a process that no longer exists (as after kill -9) is taken over.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(ws, 'issue.lock'), `${dead.stdout}\n`);
    const ok = issue(ws, csv, join(dir, 'out'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(tempFiles(ws)).toEqual([]);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('after kill -9 in the middle of a batch, the re-run ends with exit 0 and leaves no temporary file', async () => {
    const ws = workspace();
    const dir = tempDir('bs-ends-kill-');
    const big = join(dir, 'big.csv');
    const lines = ['email,name'];
    for (let i = 0; i < 800; i++) lines.push(`personne.${i}@example.org,Personne ${i}`);
    writeFileSync(big, `${lines.join('\n')}\n`);
    const out = join(dir, 'out');
    const args = ['issue', '--badge', 'secourisme', '--csv', big, '--format', 'ob3-di,ob2-hosted', '--bake', 'png,svg', '--out', out, '--workspace', ws];
    const leftovers: number[] = [];
    for (const pattern of [/ [1-9]\d*\/800 rows/, /\d+\/800 rows/]) {
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (pattern.test(stderr)) child.kill('SIGKILL');
        });
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      leftovers.push(tempFiles(dir).length + tempFiles(ws).length);
    }
    const again = run([...args, '--json']);
    expect(again.signal).toBeNull();
    expect(again.status, again.stderr).toBe(0);
    expect(tempFiles(dir), `temporary files after the killed runs: ${leftovers.join(', ')}`).toEqual([]);
    expect(tempFiles(ws)).toEqual([]);
    const summary = JSON.parse(again.stdout) as { issued: number; alreadyIssued: number };
    expect(summary.issued + summary.alreadyIssued).toBe(800);
  }, 120_000);
});
