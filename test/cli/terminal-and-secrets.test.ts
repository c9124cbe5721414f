// Issue 14 §5: errors about key files never quote their content; data printed to the terminal
// cannot drive it (ESC, OSC, C0/C1 controls, bidi overrides are shown as visible escapes).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { terminalCell, terminalSafe } from '../../main/cli/terminal-text.js';
import { repoRoot, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };

function run(args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/badgesmith.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Anything that would reach the terminal as a control: C0 but tab/newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const HOSTILE = [
  '\u001b]0;pwned\u0007', // OSC: retitle the terminal
  '\u001b[31;1mred\u001b[0m', // SGR colours
  '\u001b[2J\u001b[H', // clear the screen
  '\u009b31m', // C1 CSI
  'abc\u202Egpj.exe', // right-to-left override
  '\u2066isolate\u2069',
  'cr\rover',
  'nul\u0000',
];

describe('terminalSafe', () => {
  it.each(HOSTILE)('makes %j visible and inert', (text) => {
    const safe = terminalSafe(text);
    expect(safe).not.toMatch(RAW_CONTROL);
    expect(safe).toMatch(/\\u[0-9A-F]{4}/);
  });

  it('keeps ordinary text, accents, emoji, tab and newline as they are', () => {
    const text = 'Élodie Lefèvre — café ✔ 🎖\tcol\nnext';
    expect(terminalSafe(text)).toBe(text);
    expect(terminalCell('a\tb\nc')).toBe('a\\u0009b\\u000Ac');
  });

  it('leaves JSON valid and exact: the escape means the same character inside a string', () => {
    const value = { name: HOSTILE.join(' ') };
    const printed = terminalSafe(JSON.stringify(value, null, 2));
    expect(printed).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(printed)).toEqual(value);
  });
});

describe('credentials list with control characters stored in the workspace (built CLI)', () => {
  const root = tempDir('bs-term-');
  const ws = join(root, 'ws');

  beforeAll(() => {
    expect(run(['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws]).status).toBe(0);
    expect(run(['badge', 'add', '--name', 'Secourisme', '--description', 'G.', '--criteria', 'P.', '--workspace', ws]).status).toBe(0);
    writeFileSync(join(root, 'r.csv'), 'email,name\nada@example.org,Ada\nbob@example.org,Bob\n');
    const issued = run(['issue', '--badge', 'secourisme', '--csv', join(root, 'r.csv'), '--out', join(root, 'out'), '--workspace', ws]);
    expect(issued.status, issued.stderr).toBe(0);
    // As a CSV of an older version, or anyone with write access to the database, could have stored them.
    const db = new Database(join(ws, 'badgesmith.db'));
    db.prepare('UPDATE recipients SET email = ?, name = ? WHERE email = ?').run(`${HOSTILE[0]}${HOSTILE[1]}@example.org`, HOSTILE.join(''), 'ada@example.org');
    db.prepare('UPDATE recipients SET email = ? WHERE email = ?').run(`${HOSTILE[4]}${HOSTILE[3]}@example.org`, 'bob@example.org');
    db.close();
  }, 120_000);

  it('prints the table with every control escaped (was: raw ESC/OSC sequences reached the terminal)', () => {
    const list = run(['credentials', 'list', '--workspace', ws]);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    expect(list.stdout).toContain('\\u001B]0;pwned\\u0007');
    expect(list.stdout).toContain('\\u202E');
    // Still a table: a header and one line per credential.
    expect(list.stdout.trimEnd().split('\n')).toHaveLength(4);
  });

  it('--json stays valid JSON holding the exact stored values, without raw controls', () => {
    const list = run(['credentials', 'list', '--json', '--workspace', ws]);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    const emails = (JSON.parse(list.stdout) as { credentials: { recipient: { email: string } }[] }).credentials.map((c) => c.recipient.email);
    expect(emails).toContain(`${HOSTILE[0]}${HOSTILE[1]}@example.org`);
  });
});

describe('sign --key with a malformed private JWK never prints the key', () => {
  const root = tempDir('bs-sign-leak-');
  const D = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
  const X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
  const credential = join(root, 'credential.json');
  writeFileSync(credential, JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:key:z6Mk' }));

  const keys: [string, string][] = [
    ['truncated after d (was: quoted ten characters of d)', `{"kty":"OKP","crv":"Ed25519","x":"${X}","d":"${D}"`],
    ['d without quotes', `{"kty":"OKP","crv":"Ed25519","x":"${X}","d":${D}}`],
    ['a stray character after d', `{"kty":"OKP","crv":"Ed25519","x":"${X}","d":"${D}" x}`],
    ['single quotes', `{'kty':'OKP','crv':'Ed25519','x':'${X}','d':'${D}'}`],
    ['d placed in crv', `{"kty":"OKP","crv":"${D}","x":"${X}","d":"${D}"}`],
    ['d placed in kty', `{"kty":"${D}","x":"${X}","d":"${D}"}`],
    ['a d of the wrong length', `{"kty":"OKP","crv":"Ed25519","x":"${X}","d":"${D.slice(0, 30)}"}`],
  ];
  it.each(keys)('%s: no part of d on stderr or in --json', (_name, text) => {
    const key = join(root, 'key.jwk.json');
    writeFileSync(key, text);
    for (const json of [false, true]) {
      const result = run(['sign', '--credential', credential, '--key', key, '--format', 'ob3-di', '--out', join(root, 'signed.json'), ...(json ? ['--json'] : [])]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^ERR_[A-Z_]+: /);
      for (let start = 0; start + 6 <= D.length; start += 3) {
        const piece = D.slice(start, start + 6);
        expect(result.stderr).not.toContain(piece);
        expect(result.stdout).not.toContain(piece);
      }
    }
  });
});
