import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

// Runs the built CLI on a pseudo-terminal (Python's pty module: no native Node module needed) and
// types each answer after the next prompt ending in ": " appears. Returns everything the terminal showed.
const DRIVER = `
import json, os, pty, sys, time
argv, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
shown, prompts, deadline = b"", 0, time.time() + 60
while time.time() < deadline:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    shown += data
    if prompts < len(answers) and shown.count(b": ") > prompts and shown.rstrip(b" ").endswith(b":"):
        os.write(fd, answers[prompts].encode())
        prompts += 1
_, status = os.waitpid(pid, 0)
print(json.dumps({"shown": shown.decode("utf-8", "replace"), "status": os.waitstatus_to_exitcode(status)}))
`;

function onTerminal(args: string[], answers: string[]): { shown: string; status: number } {
  const run = spawnSync('python3', ['-c', DRIVER, JSON.stringify([process.execPath, join(repoRoot, 'bin/badgesmith.js'), ...args]), JSON.stringify(answers)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'dumb' },
    timeout: 90_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { shown: string; status: number };
}

describe('the passphrase prompt on a terminal', () => {
  const ws = join(tempDir('bs-tty-'), 'ws');
  const init = ['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws];

  it('asks twice when choosing a passphrase, never echoes it, and unlocks the keys with it later', () => {
    const mismatch = onTerminal(init, ['premier\r', 'second\r']);
    expect(mismatch.shown).toContain('ERR_PASSPHRASE_MISMATCH');
    expect(mismatch.status).not.toBe(0);

    // "secrex" + backspace + "t": what was typed is edited, not echoed.
    const created = onTerminal(init, ['secrex\u007ft phrase\r', 'secret phrase\r']);
    expect(created.status, created.shown).toBe(0);
    expect(created.shown).toContain('Workspace passphrase: ');
    expect(created.shown).toContain('Repeat the passphrase: ');
    expect(created.shown).not.toContain('secre');

    const rotated = onTerminal(['keys', 'rotate', '--type', 'ed25519', '--workspace', ws], ['secret phrase\r']);
    expect(rotated.status, rotated.shown).toBe(0);
    expect(rotated.shown).toContain('Workspace passphrase: ');
    expect(rotated.shown).not.toContain('secret phrase');
  }, 120_000);

  it('refuses a wrong passphrase with its code, and Ctrl-C cancels', () => {
    const wrong = onTerminal(['keys', 'rotate', '--type', 'ed25519', '--workspace', ws], ['not it\r']);
    expect(wrong.shown).toContain('ERR_PASSPHRASE_WRONG');
    expect(wrong.status).not.toBe(0);
    const cancelled = onTerminal(['keys', 'rotate', '--type', 'ed25519', '--workspace', ws], ['\u0003']);
    expect(cancelled.shown).toContain('ERR_CANCELLED');
    expect(cancelled.status).not.toBe(0);
  }, 120_000);
});
