import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listIssuances } from '../../../main/db/repos/issuances.js';
import { createAppFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
beforeAll(async () => {
  fixture = createAppFixture();
  await fixture.value('workspace.openSample', {});
}, 60_000);
afterAll(() => fixture.cleanup());

const db = () => fixture.core.session.requireWorkspace().db;

describe('people.list', () => {
  it('lists every earner once with all their badges, sorted by name', async () => {
    const page = await fixture.value('people.list', {});
    expect(page.total).toBe(5);
    expect(page.awards).toBe(7);
    expect(page.people.map((p) => p.name)).toEqual(['Anaïs Noël', 'Chloé Béranger', 'Élodie Lefèvre', 'François Müller', 'Jérôme Dupré']);
    const anais = page.people[0]!;
    expect(anais.awards.map((a) => a.badge.id).sort()).toEqual(['guide-benevole', 'premiers-secours']);
    expect(page.badges.map((b) => b.id).sort()).toEqual(['guide-benevole', 'premiers-secours']);
  });

  it('finds people by name without accents or by part of their e-mail, on the server', async () => {
    expect((await fixture.value('people.list', { search: 'elodie' })).people.map((p) => p.email)).toEqual(['elodie.lefevre@example.org']);
    expect((await fixture.value('people.list', { search: 'MULLER@' })).people.map((p) => p.name)).toEqual(['François Müller']);
    expect((await fixture.value('people.list', { search: 'nobody-here' })).total).toBe(0);
  });

  it('filters by badge (people shown with all their badges) and pages', async () => {
    const guides = await fixture.value('people.list', { badgeId: 'guide-benevole' });
    expect(guides.total).toBe(2);
    expect(guides.people.every((p) => p.awards.length === 2)).toBe(true);
    const first = await fixture.value('people.list', { limit: 2 });
    const second = await fixture.value('people.list', { limit: 2, offset: 2 });
    expect(first.people).toHaveLength(2);
    expect(second.people.map((p) => p.key)).not.toContain(first.people[0]!.key);
    expect(second.offset).toBe(2);
    const unknown = await fixture.call('people.list', { badgeId: 'no-such-badge' });
    expect(!unknown.ok && unknown.error.code).toBe('ERR_BADGE_NOT_FOUND');
  });
});

describe('people.award and people.download', () => {
  it('opens an award: each format with its status, files and its page in the built site', async () => {
    const [francois] = (await fixture.value('people.list', { search: 'françois' })).people;
    const award = await fixture.value('people.award', { awardId: francois!.awards[0]!.id });
    expect(award.status).toBe('valid');
    expect(award.credentials.map((c) => c.format)).toEqual(['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed']);
    const di = award.credentials[0]!;
    expect(di.files.map((f) => f.kind).sort()).toEqual(['json', 'png', 'svg']);
    expect(di.sitePage).toBe(`credentials/${di.id}.html`);
    expect(di.pageUrl).toBe(`https://badges.example.org/randonneurs/credentials/${di.id}.html`);
  });

  it('downloads a file the award owns, byte for byte', async () => {
    const [francois] = (await fixture.value('people.list', { search: 'françois' })).people;
    const award = await fixture.value('people.award', { awardId: francois!.awards[0]!.id });
    const di = award.credentials[0]!;
    const file = await fixture.value('people.download', { awardId: award.id, credential: di.id, kind: 'png' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(file.type).toBe('image/png');
    expect(file.name).toBe(`premiers-secours-${di.id}.png`);
    const recorded = listIssuances(db(), { awardId: award.id }).find((i) => i.id === di.id)!.files.find((f) => f.path.endsWith('.png'))!;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(recorded.sha256);
  });

  it('refuses a file outside the award: another award\'s credential, a path for a kind, a recorded path issue never writes, a changed file', async () => {
    const people = (await fixture.value('people.list', {})).people;
    const mine = await fixture.value('people.award', { awardId: people[0]!.awards[0]!.id });
    const other = await fixture.value('people.award', { awardId: people[1]!.awards[0]!.id });
    const foreign = await fixture.call('people.download', { awardId: mine.id, credential: other.credentials[0]!.id, kind: 'json' });
    expect(!foreign.ok && foreign.error.code).toBe('ERR_AWARD_FILE_NOT_FOUND');

    const asPath = await fixture.call('people.download', { awardId: mine.id, credential: mine.credentials[0]!.id, kind: '../../../etc/passwd' as 'json' });
    expect(!asPath.ok && asPath.error.code).toBe('ERR_IPC_BAD_REQUEST');

    const victim = mine.credentials[0]!;
    const issuance = listIssuances(db(), { awardId: mine.id }).find((i) => i.id === victim.id)!;
    const original = JSON.stringify(issuance.files);
    const secret = `${fixture.root}/secret.json`;
    writeFileSync(secret, '{"secret":true}');
    const forged = issuance.files.map((f) => (f.path.endsWith('.json') ? { ...f, path: secret, sha256: createHash('sha256').update('{"secret":true}').digest('hex') } : f));
    db().prepare('UPDATE issuances SET files = ? WHERE id = ?').run(JSON.stringify(forged), victim.id);
    try {
      const result = await fixture.call('people.download', { awardId: mine.id, credential: victim.id, kind: 'json' });
      expect(!result.ok && result.error.code).toBe('ERR_AWARD_FILE_INVALID');
    } finally {
      db().prepare('UPDATE issuances SET files = ? WHERE id = ?').run(original, victim.id);
    }

    const json = issuance.files.find((f) => f.path.endsWith('.json'))!;
    const before = readFileSync(json.path);
    writeFileSync(json.path, Buffer.concat([before, Buffer.from(' ')]));
    try {
      const changed = await fixture.call('people.download', { awardId: mine.id, credential: victim.id, kind: 'json' });
      expect(!changed.ok && changed.error.code).toBe('ERR_AWARD_FILE_CHANGED');
    } finally {
      writeFileSync(json.path, before);
    }
  });
});

describe('people.revoke', () => {
  it('revokes every format of an award at once with its reason; again changes nothing', async () => {
    const [chloe] = (await fixture.value('people.list', { search: 'chloé' })).people;
    const awardId = chloe!.awards[0]!.id;
    const result = await fixture.value('people.revoke', { awardId, reason: 'Formation non suivie.' });
    expect(result.revoked).toBe(4);
    expect(result.award.status).toBe('revoked');
    expect(result.award.credentials.every((c) => c.revoked && c.revocationReason === 'Formation non suivie.')).toBe(true);
    expect(listIssuances(db(), { awardId }).every((i) => i.revoked)).toBe(true);
    const again = await fixture.value('people.revoke', { awardId, reason: 'autre' });
    expect(again).toMatchObject({ revoked: 0, alreadyRevoked: 4 });
    const listed = (await fixture.value('people.list', { search: 'chloé' })).people[0]!.awards[0]!;
    expect(listed.status).toBe('revoked');
  });

  it('says which award is unknown and refuses an over-long reason', async () => {
    const missing = await fixture.call('people.revoke', { awardId: 'ffffffff-0000', reason: '' });
    expect(!missing.ok && missing.error.code).toBe('ERR_AWARD_NOT_FOUND');
    const [anais] = (await fixture.value('people.list', { search: 'anaïs' })).people;
    const long = await fixture.call('people.revoke', { awardId: anais!.awards[0]!.id, reason: 'x'.repeat(501) });
    expect(!long.ok && long.error.code).toBe('ERR_IPC_BAD_REQUEST');
  });
});
