// Issue 15 §4 and §5: workspaces in odd states and ordinary mistakes get their own ERR_ code and a
// sentence saying what to do; no command answers ERR_INTERNAL.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_BACKUP_PASSPHRASE: 'sauvegarde', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };
const bin = join(repoRoot, 'bin/badgesmith.js');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { cwd?: string; uid?: number } = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args.map((arg) => (arg === ISSUED ? issued.id : arg))], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const root = tempDir('bs-ws-states-');
const UNSIGNED = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2f3a4e1c-8f7d-4c1e-9e59-5d8a9b7c6d5e',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:badges.example.org:acme', type: ['Profile'], name: 'Acme', url: 'https://badges.example.org/acme/' },
  validFrom: '2026-01-15T10:00:00Z',
  name: 'Teamwork',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://badges.example.org/acme/achievements/teamwork.json',
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Collaborates in a group.',
      criteria: { narrative: 'Nominated by peers.' },
    },
  },
};
const template = join(root, 'template');
/** A credential issued in the template workspace (revoke needs one); ISSUED in arguments stands for its id. */
const issued = { id: '' };
const ISSUED = '<issued credential>';
const files = {
  csv: join(root, 'ok.csv'),
  backup: join(root, 'backup.bskeys'),
  credential: join(root, 'credential.json'),
  key: join(root, 'key.jwk.json'),
  image: join(root, 'image.svg'),
  aFile: join(root, 'a-file.txt'),
};

/** Every command that works on a workspace, with arguments that succeed on a healthy one. */
function workspaceCommands(out: string): [string, string[]][] {
  return [
    ['init', ['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale']],
    ['issuer show', ['issuer', 'show']],
    ['issuer update', ['issuer', 'update', '--description', 'Secouristes bénévoles']],
    ['keys list', ['keys', 'list']],
    ['keys rotate', ['keys', 'rotate']],
    ['keys export', ['keys', 'export', '--out', join(out, 'keys.backup')]],
    ['keys import', ['keys', 'import', files.backup]],
    ['badge add', ['badge', 'add', '--name', 'Orientation', '--description', 'Carte et boussole.', '--criteria', 'Un parcours.']],
    ['badge list', ['badge', 'list']],
    ['badge show', ['badge', 'show', 'secourisme']],
    ['badge update', ['badge', 'update', 'secourisme', '--description', 'Gestes qui sauvent.']],
    ['badge endorse', ['badge', 'endorse', 'secourisme', '--file', files.credential]],
    ['issue', ['issue', '--badge', 'secourisme', '--csv', files.csv, '--out', join(out, 'issued')]],
    ['revoke', ['revoke', '--credential', ISSUED]],
    ['credentials list', ['credentials', 'list']],
    ['endorse', ['endorse', '--badge', 'secourisme', '--comment', 'Très bien.', '--out', join(out, 'endorsement.json')]],
    ['site build', ['site', 'build', '--out', join(out, 'site')]],
  ];
}

const READ_ONLY_COMMANDS = ['issuer show', 'keys list', 'keys export', 'badge list', 'badge show', 'credentials list', 'site build'];

function expectNoInternal(name: string, result: Run): void {
  expect(result.status, `${name} was killed or crashed: ${result.stderr}`).not.toBeNull();
  expect(result.stderr, name).not.toContain('ERR_INTERNAL');
  expect(result.stderr, name).not.toMatch(/\n\s+at /);
  expect(result.stdout, name).not.toContain('ERR_INTERNAL');
}

function copyTemplate(name: string): string {
  const ws = join(root, name);
  cpSync(template, ws, { recursive: true });
  return ws;
}

beforeAll(() => {
  const init = run(['init', '--name', 'Amicale', '--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', template]);
  expect(init.status, init.stderr).toBe(0);
  const add = run(['badge', 'add', '--name', 'Secourisme', '--description', 'Gestes.', '--criteria', 'Présence.', '--workspace', template]);
  expect(add.status, add.stderr).toBe(0);
  writeFileSync(files.csv, 'email,name\nada@example.org,Ada\n');
  writeFileSync(files.csv, 'email,name\nada@example.org,Ada\n');
  const issue = run(['issue', '--badge', 'secourisme', '--csv', files.csv, '--out', join(root, 'template-issued'), '--workspace', template]);
  expect(issue.status, issue.stderr).toBe(0);
  const list = run(['credentials', 'list', '--json', '--workspace', template]);
  issued.id = (JSON.parse(list.stdout) as { credentials: { id: string }[] }).credentials[0]!.id;
  const backup = run(['keys', 'export', '--out', files.backup, '--workspace', template]);
  expect(backup.status, backup.stderr).toBe(0);
  writeFileSync(files.credential, JSON.stringify(UNSIGNED));
  writeFileSync(files.key, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' }));
  writeFileSync(files.image, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  writeFileSync(files.aFile, 'just a file\n');
  chmodSync(root, 0o755);
  chmodSync(files.backup, 0o644);
}, 120_000);

describe('--workspace pointing at a file', () => {
  it.each(workspaceCommands(tempDir('bs-ws-file-')))('%s: ERR_WORKSPACE_NOT_FOLDER, never ERR_INTERNAL', (name, args) => {
    const result = run([...args, '--workspace', files.aFile]);
    expectNoInternal(name, result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ERR_WORKSPACE_NOT_FOLDER: .*is a file.*--workspace/m);
  });
});

describe('the database path is a folder', () => {
  it.each(workspaceCommands(tempDir('bs-ws-dbdir-')))('%s: ERR_WORKSPACE_DB_NOT_FILE, never ERR_INTERNAL', (name, args) => {
    const ws = join(tempDir('bs-ws-dbdir-ws-'), 'ws');
    mkdirSync(join(ws, 'badgesmith.db'), { recursive: true });
    const result = run([...args, '--workspace', ws]);
    expectNoInternal(name, result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ERR_WORKSPACE_DB_NOT_FILE: .*badgesmith\.db is a folder/m);
  });
});

describe('a zero-byte badgesmith.db is an error, never a fresh workspace', () => {
  it.each(workspaceCommands(tempDir('bs-ws-empty-')))('%s: ERR_WORKSPACE_CORRUPT, nothing written', (name, args) => {
    const ws = copyTemplate(`empty-${name.replace(' ', '-')}`);
    writeFileSync(join(ws, 'badgesmith.db'), '');
    rmSync(join(ws, 'badgesmith.db-wal'), { force: true });
    rmSync(join(ws, 'badgesmith.db-shm'), { force: true });
    const keysBefore = readdirSync(join(ws, 'keys')).sort();
    const out = tempDir('bs-ws-empty-out-');
    const result = run([...args, '--workspace', ws], { cwd: out });
    expectNoInternal(name, result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ERR_WORKSPACE_CORRUPT: .*is empty \(0 bytes\)/m);
    expect(readdirSync(join(ws, 'keys')).sort()).toEqual(keysBefore);
  });

  it('keys export writes no 0-key backup and keys rotate mints no key (the two cases reported)', () => {
    const ws = copyTemplate('empty-export');
    writeFileSync(join(ws, 'badgesmith.db'), '');
    const out = join(tempDir('bs-ws-empty-export-'), 'backup');
    const exported = run(['keys', 'export', '--out', out, '--workspace', ws]);
    expect(exported.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    const keysBefore = readdirSync(join(ws, 'keys')).length;
    const rotated = run(['keys', 'rotate', '--workspace', ws]);
    expect(rotated.status).toBe(2);
    expect(readdirSync(join(ws, 'keys')).length).toBe(keysBefore);
  });
});

describe.skipIf(!isRoot && process.platform === 'win32')('a read-only workspace', () => {
  // As root, permissions do not bind: the commands run as "nobody" on a workspace it cannot write.
  const ws = join(root, 'read-only');
  const uid = isRoot ? NOBODY : undefined;
  const out = join(root, 'read-only-out');

  beforeAll(() => {
    cpSync(template, ws, { recursive: true });
    mkdirSync(out, { recursive: true });
    if (isRoot) {
      spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, out]);
      spawnSync('chmod', ['-R', 'a+rX,a-w', ws]);
    } else {
      spawnSync('chmod', ['-R', 'a-w', ws]);
    }
  });
  afterAll(() => {
    spawnSync('chmod', ['-R', 'u+w', ws]);
  });

  it.each(workspaceCommands(out).filter(([name]) => name !== 'init'))(
    '%s: reading works, a change says the folder is read-only',
    (name, args) => {
      const result = run([...args, '--workspace', ws], { ...(uid === undefined ? {} : { uid }), cwd: out });
      expectNoInternal(name, result);
      if (READ_ONLY_COMMANDS.includes(name)) {
        expect(result.status, result.stderr).toBe(0);
      } else if (name === 'badge endorse') {
        // The endorsement file is checked first (and refused): what matters is no internal error.
        expect(result.status).toBe(2);
      } else {
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^ERR_WORKSPACE_READONLY: .*read-only/m);
      }
    },
  );
});

describe('--out pointing at a file', () => {
  const cases: [string, string[]][] = [
    ['issue', ['issue', '--badge', 'secourisme', '--csv', files.csv, '--out', files.aFile]],
    ['keys export', ['keys', 'export', '--out', join(files.aFile, 'backup'), '--force']],
    ['site build', ['site', 'build', '--out', files.aFile]],
    ['endorse', ['endorse', '--badge', 'secourisme', '--comment', 'Bien.', '--out', join(files.aFile, 'e.json')]],
    ['demo', ['demo', '--out', files.aFile]],
    ['sign', ['sign', '--credential', files.credential, '--key', files.key, '--format', 'ob3-di', '--out', join(files.aFile, 'signed.json')]],
    ['bake', ['bake', '--image', files.image, '--credential', files.credential, '--out', join(files.aFile, 'baked.svg')]],
  ];
  it.each(cases)('%s: its own ERR_ code and a sentence, never ERR_INTERNAL', (name, args) => {
    const ws = copyTemplate(`out-file-${name.replace(' ', '-')}`);
    const result = run([...args, ...(['demo', 'sign', 'bake'].includes(name) ? [] : ['--workspace', ws])]);
    expectNoInternal(name, result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ERR_[A-Z_]+: \S.{20,}/m);
  });
});

describe('a workspace another process is writing', () => {
  it('a writer waits for the other one (immediate transactions), or says the workspace is busy: never ERR_INTERNAL', async () => {
    const ws = copyTemplate('busy');
    // Holds the write lock for ~1.5 s, then for far longer than the 5 s busy timeout.
    const hold = (ms: number) =>
      new Promise<{ child: ReturnType<typeof spawn>; started: Promise<void> }>((resolve) => {
        const script = `const D=require(${JSON.stringify(join(repoRoot, 'node_modules/better-sqlite3'))});const db=new D(${JSON.stringify(join(ws, 'badgesmith.db'))});db.exec('BEGIN IMMEDIATE');db.exec("UPDATE issuer SET description = 'held'");process.stdout.write('held\\n');setTimeout(()=>{db.exec('COMMIT');db.close();},${ms});`;
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        const started = new Promise<void>((ok) => child.stdout!.once('data', () => ok()));
        resolve({ child, started });
      });
    const short = await hold(1500);
    await short.started;
    const waited = run(['badge', 'add', '--name', 'Patience', '--description', 'D.', '--criteria', 'C.', '--workspace', ws]);
    expect(waited.status, waited.stderr).toBe(0);
    await new Promise((resolve) => short.child.on('exit', resolve));

    const long = await hold(60_000);
    await long.started;
    const busy = run(['badge', 'add', '--name', 'Trop long', '--description', 'D.', '--criteria', 'C.', '--workspace', ws]);
    expectNoInternal('badge add', busy);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toMatch(/^ERR_WORKSPACE_BUSY: .*another badgesmith command/m);
    long.child.kill('SIGKILL');
    await new Promise((resolve) => long.child.on('exit', resolve));
  }, 60_000);
});

describe.skipIf(!isRoot)('a full disk (a 1 MB tmpfs, filled)', () => {
  const mountPoint = join(root, 'full-disk');
  let mounted = false;

  beforeAll(() => {
    mkdirSync(mountPoint, { recursive: true });
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]).status === 0;
    if (!mounted) return;
    cpSync(template, join(mountPoint, 'ws'), { recursive: true });
    // Fill what is left.
    spawnSync('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler')}`, 'bs=4k', 'count=1000']);
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  it.each(workspaceCommands(join(root, 'full-disk')).filter(([name]) => name !== 'init'))('%s: ERR_DISK_FULL, never ERR_INTERNAL', (name, args) => {
    if (!mounted) return;
    const result = run([...args, '--workspace', join(mountPoint, 'ws')]);
    expectNoInternal(name, result);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^ERR_DISK_FULL: .*full.*Free some space/m);
  });
});
