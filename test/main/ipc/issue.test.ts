import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { listIssuances } from '../../../main/db/repos/issuances.js';
import { issueRunner } from '../../../main/ipc/handlers/issue.js';
import { createAssociationFixture, type AppFixture } from './app-fixture.js';
import { orientationBadge } from '../badge-record.js';

const dropped = (text: string, name = 'inscrits.csv') => ({
  name,
  base64: Buffer.from(text, 'utf8').toString('base64'),
});

function manyRows(count: number): string {
  return `email,name\n${Array.from({ length: count }, (_, i) => `marcheur.${i}@example.org,Marcheur ${i}`).join('\n')}\n`;
}

const FIVE =
  'Courriel;Nom\n' +
  'elodie@example.fr;Élodie Lefèvre\n' +
  'francois@example.fr;François Müller\n' +
  'pas-une-adresse;Jean Sansmail\n' +
  'zoe@example.fr;Zoé Nouvelle\n' +
  'amine@example.fr;Amine Haddad\n';

describe('issue channels (real core)', () => {
  let fixture: AppFixture;

  beforeEach(async () => {
    fixture = await createAssociationFixture();
    insertBadge(
      fixture.core.session.requireWorkspace().db,
      orientationBadge({ created: '2026-11-29T10:00:00Z', updated: '2026-11-29T10:00:00Z' }),
    );
  });

  afterEach(async () => {
    await issueRunner(fixture.core.session).settled();
    fixture.cleanup();
  });

  const finished = async () => {
    await issueRunner(fixture.core.session).settled();
    const { job } = await fixture.value('issue.status', {});
    return job!;
  };

  it('previews a dropped CSV: columns, first rows and the bad row with its line and code', async () => {
    const preview = await fixture.value('issue.preview', { csv: dropped(FIVE) });
    expect(preview).toMatchObject({
      separator: ';',
      recognised: true,
      total: 5,
      valid: 4,
      rejectedTotal: 1,
    });
    expect(preview.columns.map((c) => c.field)).toEqual(['email', 'name']);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rejected).toEqual([
      {
        line: 4,
        email: 'pas-une-adresse',
        problems: [expect.objectContaining({ code: 'ERR_CSV_EMAIL_INVALID' })],
      },
    ]);
    const broken = await fixture.call('issue.preview', {
      csv: { name: 'x.csv', base64: Buffer.from([0xff, 0xfe, 0x41]).toString('base64') },
    });
    expect(broken).toMatchObject({ ok: false, error: { code: 'ERR_CSV_ENCODING' } });
  });

  it('maps the columns of a header it does not recognise, for the preview and for issuing', async () => {
    const csv = dropped('Contact,Qui\nada@example.org,Ada\nbob@example.org,Bob\n');
    const raw = await fixture.value('issue.preview', { csv });
    expect(raw).toMatchObject({ recognised: false, total: 2 });
    const columns = [
      { column: 0, field: 'email' as const },
      { column: 1, field: 'name' as const },
    ];
    const mapped = await fixture.value('issue.preview', { csv, columns });
    expect(mapped).toMatchObject({ recognised: true, valid: 2 });
    expect(
      await fixture.call('issue.start', {
        badgeId: 'orientation',
        formats: ['ob3-di'],
        bake: [],
        csv,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ERR_CSV_NO_RECIPIENT_COLUMN' },
    });
    await fixture.value('issue.start', {
      badgeId: 'orientation',
      formats: ['ob3-di'],
      bake: [],
      csv,
      columns,
    });
    const job = await finished();
    expect(job.state).toBe('finished');
    expect(job.result?.people.map((p) => [p.name, p.email])).toEqual([
      ['Ada', 'ada@example.org'],
      ['Bob', 'bob@example.org'],
    ]);
  });

  it('issues in the background with progress events, and gives the results grouped by person', async () => {
    const started = await fixture.value('issue.start', {
      badgeId: 'orientation',
      formats: ['ob3-di', 'ob2-hosted'],
      bake: [],
      csv: dropped(FIVE),
    });
    expect(started).toMatchObject({ state: 'running', badgeName: 'Orientation', result: null });
    const job = await finished();
    expect(job).toMatchObject({
      jobId: started.jobId,
      state: 'finished',
      phase: 'finished',
      done: 5,
      total: 5,
      error: null,
    });
    expect(job.result).toMatchObject({
      rowsRead: 5,
      issued: 4,
      alreadyIssued: 0,
      rejected: 1,
      credentials: 8,
      notReached: 0,
      peopleTotal: 4,
    });
    expect(job.result?.rejectedRows.map((r) => [r.line, r.problems[0]?.code])).toEqual([
      [4, 'ERR_CSV_EMAIL_INVALID'],
    ]);
    const people = job.result!.people;
    expect(people.map((p) => p.email)).toEqual([
      'elodie@example.fr',
      'francois@example.fr',
      'zoe@example.fr',
      'amine@example.fr',
    ]);
    for (const person of people) {
      expect(person).toMatchObject({
        outcome: 'issued',
        formats: ['ob3-di', 'ob2-hosted'],
        status: 'valid',
        badge: { id: 'orientation' },
      });
      expect(person.files.map((f) => f.kind).sort()).toEqual(['json', 'json']);
    }
    // The files are downloadable through the People screen's channel.
    const file = people[0]!.files[0]!;
    const download = await fixture.value('people.download', {
      awardId: people[0]!.awardId,
      credential: file.credential,
      kind: file.kind,
    });
    expect(JSON.parse(Buffer.from(download.base64, 'base64').toString('utf8'))).toHaveProperty(
      'credentialSubject',
    );

    const progress = fixture.events
      .filter((e) => e.event === 'issue.progress')
      .map((e) => e.payload as { jobId: string; done: number; finished: boolean; phase: string });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.jobId === started.jobId)).toBe(true);
    expect(progress.filter((p) => p.finished)).toEqual([
      expect.objectContaining({ phase: 'finished', done: 5 }),
    ]);
    expect(progress.at(-1)?.finished).toBe(true);

    const again = await fixture.value('issue.start', {
      badgeId: 'orientation',
      formats: ['ob3-di', 'ob2-hosted'],
      bake: [],
      csv: dropped(FIVE),
    });
    expect(again.jobId).not.toBe(started.jobId);
    expect((await finished()).result).toMatchObject({
      issued: 0,
      alreadyIssued: 4,
      credentials: 0,
    });
  });

  it('cancels a run mid-way; running the same CSV again issues every row exactly once', async () => {
    const csv = dropped(manyRows(400));
    const started = await fixture.value('issue.start', {
      badgeId: 'orientation',
      formats: ['ob3-di'],
      bake: [],
      csv,
    });
    // A page reload finds the running job.
    expect((await fixture.value('issue.status', {})).job).toMatchObject({
      jobId: started.jobId,
      state: 'running',
    });
    await new Promise<void>((resolve) => {
      const stop = fixture.core.events.subscribe((event, payload) => {
        if (event === 'issue.progress' && (payload as { done: number }).done > 0) {
          stop();
          resolve();
        }
      });
    });
    const cancelling = await fixture.value('issue.cancel', { jobId: started.jobId });
    expect(cancelling.state).toBe('cancelling');
    const cancelled = await finished();
    expect(cancelled.state).toBe('cancelled');
    const first = cancelled.result!;
    expect(first.issued).toBeGreaterThan(0);
    expect(first.issued).toBeLessThan(400);
    expect(first.notReached).toBe(400 - first.rowsRead);
    const workspace = fixture.core.session.requireWorkspace();
    expect(listIssuances(workspace.db).every((i) => i.state === 'done')).toBe(true);

    await fixture.value('issue.start', {
      badgeId: 'orientation',
      formats: ['ob3-di'],
      bake: [],
      csv,
    });
    const rerun = await finished();
    expect(rerun.result).toMatchObject({
      rowsRead: 400,
      alreadyIssued: first.issued,
      issued: 400 - first.issued,
      notReached: 0,
    });
    const issuances = listIssuances(workspace.db);
    expect(issuances).toHaveLength(400);
    expect(new Set(issuances.map((i) => i.rowKey)).size).toBe(400);
    expect(issuances.every((i) => i.state === 'done')).toBe(true);
  });

  it('needs unlocked keys (ERR_WORKSPACE_LOCKED) and refuses a second run while one is going (ERR_ISSUE_RUNNING)', async () => {
    const request = {
      badgeId: 'orientation',
      formats: ['ob3-di' as const],
      bake: [],
      csv: dropped(manyRows(300)),
    };
    await fixture.value('workspace.lock', {});
    expect(await fixture.call('issue.start', request)).toMatchObject({
      ok: false,
      error: { code: 'ERR_WORKSPACE_LOCKED' },
    });
    await fixture.value('workspace.unlock', { passphrase: 'correct horse battery' });
    const first = await fixture.value('issue.start', request);
    expect(await fixture.call('issue.start', request)).toMatchObject({
      ok: false,
      error: { code: 'ERR_ISSUE_RUNNING' },
    });
    await fixture.value('issue.cancel', { jobId: first.jobId });
    expect(await fixture.call('issue.cancel', { jobId: 'not-a-job' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_ISSUE_JOB_NOT_FOUND' },
    });
    expect(['cancelled', 'finished']).toContain((await finished()).state);
    expect(await fixture.call('issue.start', { ...request, badgeId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_BADGE_NOT_FOUND' },
    });
  });
});
