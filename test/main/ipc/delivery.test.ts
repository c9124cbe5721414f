import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { issueRunner } from '../../../main/ipc/handlers/issue.js';
import { SMTP_ACCOUNT_FILE } from '../../../main/services/smtp-account.js';
import {
  SMTP_PASSWORD,
  SMTP_USER,
  startSmtpServer,
  type TestSmtpServer,
} from '../services/smtp-test-server.js';
import { createAssociationFixture, type AppFixture } from './app-fixture.js';
import { orientationBadge } from '../badge-record.js';

const CSV =
  'email,name,did\n' +
  'ada@example.org,Ada Lovelace,\n' +
  'bob@example.org,Bob Marley,\n' +
  'nobody@example.org,Nobody Here,\n' +
  ',Dee Only,did:web:example.org:dee\n';

/** Every file under a folder (the workspace, the app's preferences, the drafts…). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('delivery channels (real core, real SMTP server)', () => {
  let fixture: AppFixture;
  let server: TestSmtpServer;
  /** Every response of the test, to look for the password in. */
  const responses: unknown[] = [];

  const value: AppFixture['value'] = async (channel, request) => {
    const result = await fixture.value(channel, request);
    responses.push(result);
    return result;
  };

  const smtp = (password = SMTP_PASSWORD) => ({
    host: '127.0.0.1',
    port: server.port,
    security: 'none' as const,
    user: SMTP_USER,
    password,
  });

  beforeEach(async () => {
    fixture = await createAssociationFixture();
    insertBadge(
      fixture.core.session.requireWorkspace().db,
      orientationBadge({
        showRecipientName: true,
        created: '2026-11-29T10:00:00Z',
        updated: '2026-11-29T10:00:00Z',
      }),
    );
    await fixture.value('issue.start', {
      badgeId: 'orientation',
      formats: ['ob3-di'],
      bake: ['png'],
      csv: { name: 'inscrits.csv', base64: Buffer.from(CSV).toString('base64') },
    });
    await issueRunner(fixture.core.session).settled();
    const { job } = await fixture.value('issue.status', {});
    expect(job?.state).toBe('finished');
    server = await startSmtpServer();
    responses.length = 0;
  });

  afterEach(async () => {
    await server.close();
    fixture.cleanup();
  });

  it('sends a batch through the SMTP account: refused address reported and retried, never twice, password kept nowhere', async () => {
    const status = await value('delivery.status', { badgeId: 'orientation' });
    expect(status).toMatchObject({ total: 4, notSent: 4, sent: 0, noEmail: 1, smtp: null });

    // A wrong password: refused, nothing sent.
    const refused = await fixture.call('delivery.checkAccount', {
      batch: status.batch,
      smtp: smtp('wrong'),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ERR_SMTP_AUTH' } });
    expect(JSON.stringify(refused)).not.toContain('wrong"');
    const check = await value('delivery.checkAccount', { batch: status.batch, smtp: smtp() });
    expect(check.report).toMatchObject({ done: 3, skipped: 1, failed: 0 });
    expect(check.report.problems).toEqual([
      expect.objectContaining({ name: 'Dee Only', code: 'ERR_DELIVERY_NO_EMAIL' }),
    ]);
    expect(server.received).toHaveLength(0);

    server.refuse.add('nobody@example.org');
    fixture.events.length = 0;
    const first = await value('delivery.send', {
      jobId: 'send-1',
      batch: status.batch,
      smtp: { ...smtp(), from: 'contact@randonneurs.example.org' },
      remember: true,
      perMinute: 600,
    });
    expect(first.report).toMatchObject({ done: 2, failed: 1, skipped: 1, stopped: null });
    expect(first.report.problems).toContainEqual(
      expect.objectContaining({
        email: 'nobody@example.org',
        status: 'failed',
        code: 'ERR_SMTP_RECIPIENT_REFUSED',
      }),
    );
    expect(server.received.map((m) => m.to)).toEqual([['ada@example.org'], ['bob@example.org']]);

    // The attachment is the baked PNG, byte for byte.
    const people = await value('people.list', { search: 'ada' });
    const awardId = people.people[0]!.awards[0]!.id;
    const award = await value('people.award', { awardId });
    const credential = award.credentials.find((c) => c.files.some((f) => f.kind === 'png'))!;
    const png = await value('people.download', { awardId, credential: credential.id, kind: 'png' });
    const mail = await simpleParser(server.received[0]!.raw);
    expect(mail.subject).toContain('Orientation');
    expect(mail.attachments).toHaveLength(1);
    expect(Buffer.compare(mail.attachments[0]!.content, Buffer.from(png.base64, 'base64'))).toBe(0);

    // Progress went out on delivery.progress, ending with finished.
    const progress = fixture.events.filter((e) => e.event === 'delivery.progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)?.payload).toMatchObject({ jobId: 'send-1', finished: true });
    expect(progress.some((e) => (e.payload as { done: number }).done === 4)).toBe(true);

    // Each award's state, as the People screen shows it.
    const states = await value('delivery.states', { awardIds: [awardId] });
    expect(states.states[0]).toMatchObject({ awardId, state: 'sent', at: expect.any(String) });

    // Try again: only the refused address goes out.
    server.refuse.clear();
    const again = await value('delivery.send', {
      jobId: 'send-2',
      batch: status.batch,
      smtp: smtp(),
      perMinute: 600,
    });
    expect(again.report).toMatchObject({ done: 1, alreadyDone: 2, failed: 0 });
    expect(server.received.map((m) => m.to[0])).toEqual([
      'ada@example.org',
      'bob@example.org',
      'nobody@example.org',
    ]);

    const after = await value('delivery.status', { badgeId: 'orientation' });
    expect(after).toMatchObject({ sent: 3, failed: 0, notSent: 1 });
    expect(after.smtp).toEqual({
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      user: SMTP_USER,
      from: 'contact@randonneurs.example.org',
    });

    // The password is in no response and in no file of the workspace or the app's preferences.
    for (const response of responses) expect(JSON.stringify(response)).not.toContain(SMTP_PASSWORD);
    const workspaceDir = fixture.core.session.requireWorkspace().paths.dir;
    expect(filesUnder(workspaceDir)).toContain(join(workspaceDir, SMTP_ACCOUNT_FILE));
    for (const file of filesUnder(fixture.root)) {
      expect(readFileSync(file).includes(Buffer.from(SMTP_PASSWORD)), file).toBe(false);
    }
  });

  it('Cancel stops a send between two messages; the next run sends the rest', async () => {
    const { batch } = await value('delivery.status', { badgeId: 'orientation' });
    server.onMessage = () => {
      // Cancelled once the first message is in: the pause before the second one ends at once.
      setTimeout(() => void fixture.call('delivery.cancel', { jobId: 'slow' }), 10);
    };
    const started = Date.now();
    const stopped = await value('delivery.send', {
      jobId: 'slow',
      batch,
      smtp: smtp(),
      perMinute: 1,
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stopped.report.stopped).toMatchObject({ code: 'ERR_CANCELLED' });
    expect(server.received).toHaveLength(1);
    expect(await value('delivery.cancel', { jobId: 'slow' })).toEqual({ cancelled: false });
    server.onMessage = undefined;
    const rest = await value('delivery.send', {
      jobId: 'rest',
      batch,
      smtp: smtp(),
      perMinute: 600,
    });
    expect(rest.report.done + rest.report.alreadyDone).toBe(3);
    expect(new Set(server.received.map((m) => m.to[0])).size).toBe(server.received.length);
    expect(server.received).toHaveLength(3);
  });

  it('records one award’s downloaded draft: the People screen shows it, and “only new” drafts leave it out', async () => {
    const { batch } = await value('delivery.status', { badgeId: 'orientation' });
    const list = await value('people.list', {});
    const ada = list.people.find((p) => p.email === 'ada@example.org')!.awards[0]!.id;
    expect((await value('delivery.states', { awardIds: [ada] })).states[0]).toMatchObject({ state: 'none', draftedAt: null });
    await value('delivery.awardDraft', { awardId: ada });
    expect((await value('delivery.states', { awardIds: [ada] })).states[0]).toMatchObject({ state: 'drafted', draftedAt: '2026-11-29T10:00:00Z' });
    const drafts = await value('delivery.drafts', { jobId: 'd1', batch });
    expect(drafts.report).toMatchObject({ done: 2, alreadyDone: 1, skipped: 1 });
    expect(await value('delivery.status', { badgeId: 'orientation' })).toMatchObject({ drafted: 3 });
  });

  it('drafts (only new, zipped), one award’s draft and certificate, the template, and the errors', async () => {
    const { batch, draftsDir } = await value('delivery.status', { badgeId: 'orientation' });
    const drafts = await value('delivery.drafts', { jobId: 'd1', batch, zip: true });
    expect(drafts.dir).toBe(draftsDir);
    expect(drafts.report).toMatchObject({ done: 3, skipped: 1 });
    const onDisk = filesUnder(draftsDir).filter((f) => f.endsWith('.eml'));
    expect(onDisk).toHaveLength(3);
    expect(readFileSync(onDisk[0]!, 'utf8')).toContain('X-Unsent: 1');
    const zipped = unzipSync(Buffer.from(drafts.zip!.base64, 'base64'));
    expect(Object.keys(zipped).sort()).toEqual(
      onDisk.map((f) => f.slice(draftsDir.length + 1)).sort(),
    );
    expect((await value('delivery.drafts', { jobId: 'd2', batch })).report).toMatchObject({
      done: 0,
      alreadyDone: 3,
    });
    expect((await value('delivery.drafts', { jobId: 'd3', batch, all: true })).report.done).toBe(3);
    expect(await value('delivery.status', { badgeId: 'orientation' })).toMatchObject({
      drafted: 3,
      notSent: 1,
    });

    const list = await value('people.list', {});
    const ada = list.people.find((p) => p.email === 'ada@example.org')!.awards[0]!.id;
    const dee = list.people.find((p) => p.name === 'Dee Only')!.awards[0]!.id;
    const eml = await value('delivery.awardDraft', { awardId: ada });
    expect(eml.name).toMatch(/^orientation-.+\.eml$/);
    const parsed = await simpleParser(Buffer.from(eml.base64, 'base64'));
    expect(parsed.text).toContain('Ada Lovelace');
    expect(await fixture.call('delivery.awardDraft', { awardId: dee })).toMatchObject({
      ok: false,
      error: { code: 'ERR_DELIVERY_NO_EMAIL' },
    });
    const pdf = await value('delivery.awardCertificate', { awardId: ada });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const certificates = await value('delivery.certificates', { jobId: 'c1', batch });
    expect(certificates).toMatchObject({ total: 4, written: 4, skipped: 0 });
    expect(filesUnder(certificates.dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(4);

    const template = await value('delivery.template', {});
    expect(template).toMatchObject({ custom: false });
    expect(template.text).toMatch(/^Subject: /);
    expect(
      await fixture.call('delivery.saveTemplate', { text: 'Pas de sujet\n\n{{inconnu}}' }),
    ).toMatchObject({ ok: false, error: { code: 'ERR_DELIVERY_TEMPLATE_INVALID' } });
    const saved = await value('delivery.saveTemplate', {
      text: 'Subject: Bravo {{name}}\n\nVoici {{badge}} : {{page_url}}\n',
    });
    expect(saved.custom).toBe(true);
    const custom = await simpleParser(
      Buffer.from((await value('delivery.awardDraft', { awardId: ada })).base64, 'base64'),
    );
    expect(custom.subject).toBe('Bravo Ada Lovelace');
    expect((await value('delivery.saveTemplate', { reset: true })).custom).toBe(false);

    expect(
      await fixture.call('delivery.drafts', { jobId: 'x', batch: 'ffffffffffffffffffff' }),
    ).toMatchObject({ ok: false, error: { code: 'ERR_BATCH_NOT_FOUND' } });
    expect(await fixture.call('delivery.status', { badgeId: 'nothing-here' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_BATCH_NOT_FOUND' },
    });

    // A drafts folder that cannot be written (a file is in the way).
    const session = fixture.core.session;
    const blocker = join(fixture.root, 'blocker');
    writeFileSync(blocker, 'not a folder');
    mkdirSync(join(fixture.root, 'site'), { recursive: true });
    session.env.prefs.update({
      outputs: {
        [session.requireWorkspace().paths.dir]: {
          site: join(fixture.root, 'site'),
          issued: blocker,
        },
      },
    });
    expect(await fixture.call('delivery.drafts', { jobId: 'y', batch, all: true })).toMatchObject({
      ok: false,
      error: { code: 'ERR_DELIVERY_OUT_UNWRITABLE' },
    });
  });
});
