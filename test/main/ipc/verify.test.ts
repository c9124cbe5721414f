import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medalPng } from '../../../main/services/artwork.js';
import { listIssuances } from '../../../main/db/repos/issuances.js';
import { messageFor, checkName } from '../../../shared/messages/index.js';
import { createAppFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
beforeAll(async () => {
  fixture = createAppFixture();
  await fixture.value('workspace.openSample', {});
}, 60_000);
afterAll(() => fixture.cleanup());

async function download(credential: string, kind: 'png' | 'json' | 'svg') {
  const issuance = listIssuances(fixture.core.session.requireWorkspace().db).find((i) => i.id === credential)!;
  return fixture.value('people.download', { awardId: issuance.awardId!, credential, kind });
}

function sampleCredential(filter: (i: ReturnType<typeof listIssuances>[number]) => boolean) {
  return listIssuances(fixture.core.session.requireWorkspace().db).find(filter)!;
}

describe('verify.file', () => {
  it('a baked PNG from the sample: verified, issuer resolved from the built site, every check named in the catalogue', async () => {
    const valid = sampleCredential((i) => i.format === 'ob3-di' && !i.revoked && i.badgeId === 'premiers-secours');
    const png = await download(valid.id, 'png');
    const report = await fixture.value('verify.file', { file: { name: png.name, base64: png.base64 }, email: 'francois.muller@example.org' });
    expect(report.resolvedWith).toBe('site');
    expect(report).toMatchObject({ format: 'ob3-di', image: 'png', revoked: false, expired: false });
    expect(report.issuer).toMatchObject({ confirmed: true, name: 'Association des Randonneurs du Vercors (démo)' });
    expect(report.outcome).toBe('verified');
    expect(report.checks.find((c) => c.id === 'recipient')).toMatchObject({ ok: true });
    for (const check of report.checks) expect(checkName(check.id, 'fr')).not.toBe(check.id);
  });

  it('without an e-mail a valid one verifies; the sample credential of Élodie is revoked: not verified, revoked', async () => {
    const valid = sampleCredential((i) => i.format === 'ob3-di' && !i.revoked && i.badgeId === 'guide-benevole');
    const png = await download(valid.id, 'png');
    const ok = await fixture.value('verify.file', { file: { name: png.name, base64: png.base64 } });
    expect(ok.outcome).toBe('verified');
    expect(ok.checks.every((c) => c.ok)).toBe(true);

    const revoked = sampleCredential((i) => i.revoked);
    const revokedPng = await download(revoked.id, 'png');
    const report = await fixture.value('verify.file', { file: { name: revokedPng.name, base64: revokedPng.base64 } });
    expect(report.outcome).toBe('not-verified');
    expect(report.revoked).toBe(true);
    expect(report.checks.find((c) => c.code === 'ERR_REVOKED')).toMatchObject({ ok: false });
  });

  it('a tampered JSON credential is not verified', async () => {
    const valid = sampleCredential((i) => i.format === 'ob3-di' && !i.revoked && i.badgeId === 'guide-benevole');
    const json = await download(valid.id, 'json');
    const credential = JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8')) as { credentialSubject: { achievement: { name: string } } };
    credential.credentialSubject.achievement.name = 'Président d’honneur';
    const report = await fixture.value('verify.file', {
      file: { name: 'tampered.json', base64: Buffer.from(JSON.stringify(credential)).toString('base64') },
    });
    expect(report.outcome).toBe('not-verified');
    expect(report.checks.find((c) => c.id === 'proof')).toMatchObject({ ok: false });
  });

  it('a PNG that is not a badge says so (ERR_NOT_BAKED), in French too', async () => {
    const report = await fixture.value('verify.file', { file: { name: 'medal.png', base64: Buffer.from(medalPng('x', 64)).toString('base64') } });
    expect(report.outcome).toBe('not-verified');
    expect(report.format).toBe('unknown');
    expect(report.checks[0]).toMatchObject({ id: 'format', ok: false, code: 'ERR_NOT_BAKED' });
    expect(messageFor('ERR_NOT_BAKED', 'fr')).not.toBe(messageFor('ERR_NOT_BAKED', 'en'));
  });

  it('a revoke in the app shows once the site is rebuilt; the wrong e-mail is not verified', async () => {
    const target = sampleCredential((i) => i.format === 'ob3-di' && !i.revoked && i.badgeId === 'guide-benevole');
    const png = await download(target.id, 'png');
    await fixture.value('people.revoke', { awardId: target.awardId!, reason: 'Test' });
    await fixture.value('publish.build', { jobId: 'after-revoke' });
    const report = await fixture.value('verify.file', { file: { name: png.name, base64: png.base64 } });
    expect(report).toMatchObject({ outcome: 'not-verified', revoked: true });

    const other = sampleCredential((i) => i.format === 'ob3-di' && !i.revoked && i.badgeId === 'guide-benevole');
    const otherPng = await download(other.id, 'png');
    const wrong = await fixture.value('verify.file', { file: { name: otherPng.name, base64: otherPng.base64 }, email: 'someone.else@example.org' });
    expect(wrong.outcome).toBe('not-verified');
    expect(wrong.checks.find((c) => c.id === 'recipient')).toMatchObject({ ok: false });
  }, 60_000);

  it('refuses bytes that are not base64 with the field named', async () => {
    const bad = await fixture.call('verify.file', { file: { name: 'x.png', base64: '***' } });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'ERR_IPC_BAD_REQUEST', details: { field: 'file.base64' } });
  });
});
