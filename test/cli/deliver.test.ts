import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryFixture } from '../main/services/delivery-fixture.js';
import {
  SMTP_PASSWORD,
  SMTP_USER,
  startSmtpServer,
  type TestSmtpServer,
} from '../main/services/smtp-test-server.js';
import { badgesmith, repoRoot, tempDir, type CliRun } from './helpers.js';

const PEOPLE = ['ada', 'grace', 'hedy', 'katherine', 'margaret', 'radia', 'barbara', 'frances'];

/** Runs the built CLI without blocking this process (the SMTP server lives here). */
function runAsync(
  args: string[],
  env: Record<string, string>,
  onStart?: (pid: number) => void,
): Promise<CliRun & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/badgesmith.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    onStart?.(child.pid!);
    child.on('close', (status, signal) =>
      resolve({ status: status ?? -1, signal, stdout, stderr }),
    );
  });
}

describe('badgesmith deliver (built CLI)', () => {
  const root = tempDir('bs-deliver-cli-');
  const workspaceDir = join(root, 'ws');
  let server: TestSmtpServer;
  let batch: string;
  const env = () => ({
    BADGESMITH_WORKSPACE: workspaceDir,
    BADGESMITH_NOW: '2026-05-02T09:00:00Z',
    BADGESMITH_SMTP_PASSWORD: SMTP_PASSWORD,
  });
  const smtpArgs = () => [
    '--smtp',
    '127.0.0.1',
    '--smtp-port',
    String(server.port),
    '--smtp-security',
    'none',
    '--smtp-user',
    SMTP_USER,
    '--per-minute',
    '1200',
  ];

  beforeAll(async () => {
    const fixture = await createDeliveryFixture(root, { language: 'en' });
    batch = (
      await fixture.issue(
        `email,name,did\n${PEOPLE.map((p) => `${p}@example.org,${p[0]!.toUpperCase()}${p.slice(1)},`).join('\n')}\n,Didi,did:example:didi\n`,
      )
    ).batch;
    fixture.workspace.close();
    server = await startSmtpServer();
  }, 120_000);

  afterAll(() => server.close());

  it('writes .eml drafts, reports the earner without an e-mail, and exits 1 for them', () => {
    const run = badgesmith(['deliver', '--batch', batch.slice(0, 12), '--eml', 'drafts'], {
      env: env(),
      cwd: root,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`Wrote ${PEOPLE.length} drafts to ${join(root, 'drafts')}`);
    expect(run.stderr).toMatch(/ERR_DELIVERY_NO_EMAIL: did:example:didi has no e-mail address/);
    expect(run.stderr).toContain(`[1/${PEOPLE.length + 1}] draft ada@example.org`);
    expect(readdirSync(join(root, 'drafts', 'premiers-secours'))).toHaveLength(PEOPLE.length);
  });

  it('bad input: an unknown batch or award, an unwritable folder, both or neither target', () => {
    const unknownBatch = badgesmith(['deliver', '--batch', 'ffffffffffff', '--eml', 'x'], {
      env: env(),
      cwd: root,
    });
    expect(unknownBatch.status).toBe(2);
    expect(unknownBatch.stderr).toMatch(/^ERR_BATCH_NOT_FOUND: /);
    expect(
      badgesmith(['deliver', '--award', '12345678-9abc', '--eml', 'x'], { env: env(), cwd: root })
        .stderr,
    ).toMatch(/^ERR_AWARD_NOT_FOUND: /);
    const unwritable = badgesmith(
      ['deliver', '--badge', 'premiers-secours', '--eml', 'people-1.csv/drafts'],
      { env: env(), cwd: root },
    );
    expect(unwritable.stderr).toMatch(/^ERR_DELIVERY_OUT_UNWRITABLE: /);
    expect(
      badgesmith(['deliver', '--badge', 'premiers-secours'], { env: env(), cwd: root }).stderr,
    ).toMatch(/^ERR_USAGE: Give either --eml DIR/);
  });

  it('a refused SMTP login is ERR_SMTP_AUTH, exit 2, nothing sent', async () => {
    const run = await runAsync(['deliver', '--badge', 'premiers-secours', ...smtpArgs()], {
      ...env(),
      BADGESMITH_SMTP_PASSWORD: 'nope',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ERR_SMTP_AUTH: /m);
    expect(server.received).toHaveLength(0);
  });

  it('killed with SIGKILL while a message is being handed over, a re-run sends the rest and nobody gets two', async () => {
    let pid = 0;
    let killed = false;
    // The third message has arrived in full; before the server says "250 OK", the sender dies.
    server.onMessage = async () => {
      if (server.received.length === 3 && !killed) {
        killed = true;
        process.kill(pid, 'SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const first = await runAsync(
      ['deliver', '--batch', batch, ...smtpArgs()],
      env(),
      (p) => (pid = p),
    );
    expect(first.signal).toBe('SIGKILL');
    server.onMessage = undefined;
    expect(server.received).toHaveLength(3);

    const second = await runAsync(['deliver', '--batch', batch, ...smtpArgs(), '--json'], env());
    const report = JSON.parse(second.stdout) as {
      done: number;
      alreadyDone: number;
      unconfirmed: number;
      skipped: number;
      outcomes: { email: string; status: string; code?: string }[];
    };
    // The message whose "250" never reached the sender is unconfirmed: not sent again.
    expect(report).toMatchObject({
      done: PEOPLE.length - 3,
      alreadyDone: 2,
      unconfirmed: 1,
      skipped: 1,
    });
    expect(report.outcomes.find((o) => o.status === 'unconfirmed')).toMatchObject({
      email: 'hedy@example.org',
      code: 'ERR_DELIVERY_UNCONFIRMED',
    });
    expect(second.status).toBe(1);

    const recipients = server.received.map((m) => m.to.join(','));
    expect([...recipients].sort()).toEqual(PEOPLE.map((p) => `${p}@example.org`).sort());
    expect(new Set(recipients).size).toBe(recipients.length);
    const ids = await Promise.all(
      server.received.map(async (m) => (await simpleParser(m.raw)).messageId),
    );
    expect(new Set(ids).size).toBe(ids.length);

    // A third run sends nothing; --resend-unconfirmed sends the one in doubt again, with the same Message-ID.
    const third = await runAsync(['deliver', '--batch', batch, ...smtpArgs(), '--json'], env());
    expect(JSON.parse(third.stdout)).toMatchObject({ done: 0, unconfirmed: 1 });
    expect(server.received).toHaveLength(PEOPLE.length);
    const resent = await runAsync(
      ['deliver', '--batch', batch, ...smtpArgs(), '--resend-unconfirmed'],
      env(),
    );
    expect(resent.stdout).toContain('Sent 1 message through 127.0.0.1');
    expect(server.received.at(-1)!.to).toEqual(['hedy@example.org']);
    expect((await simpleParser(server.received.at(-1)!.raw)).messageId).toBe(ids[2]);
  }, 60_000);
});
