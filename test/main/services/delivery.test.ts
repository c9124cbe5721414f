import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDelivery } from '../../../main/db/repos/deliveries.js';
import { listIssuances } from '../../../main/db/repos/issuances.js';
import { listAwards, type AwardView } from '../../../main/services/awards.js';
import {
  exportDrafts,
  selectAwards,
  type DeliveryProgress,
} from '../../../main/services/delivery.js';
import { WORKSPACE_TEMPLATE } from '../../../main/services/delivery-template.js';
import { revokeAward } from '../../../main/services/revoke.js';
import { sendDeliveries, type SmtpSettings } from '../../../main/services/smtp-delivery.js';
import { tempDir } from '../../cli/helpers.js';
import { createDeliveryFixture, SITE_URL, type DeliveryFixture } from './delivery-fixture.js';
import {
  SMTP_PASSWORD,
  SMTP_USER,
  startSmtpServer,
  type TestSmtpServer,
} from './smtp-test-server.js';

const CSV =
  'email,name,did\nelodie.lefevre@example.fr,Élodie Lefèvre,\nfrancois.muller@example.fr,François Muller,\n,Camille Sans Courriel,did:example:camille\nrevoque@example.fr,Révoqué,\n';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/** The baked PNG `issue` wrote for an award (its first format's). */
function bakedPng(fixture: DeliveryFixture, award: AwardView): Buffer {
  const issuance = listIssuances(fixture.workspace.db, { awardId: award.id }).find(
    (i) => i.format === 'ob3-di',
  )!;
  return readFileSync(issuance.files.find((f) => f.path.endsWith('.png'))!.path);
}

describe('deliver: e-mail drafts (.eml)', () => {
  const root = tempDir('bs-deliver-');
  let fixture: DeliveryFixture;
  let batch: string;

  beforeAll(async () => {
    fixture = await createDeliveryFixture(root);
    batch = (await fixture.issue(CSV)).batch;
    const revoked = listAwards(fixture.workspace, { search: 'revoque@' })[0]!;
    revokeAward(fixture.workspace, { awardId: revoked.id }, 'Erreur');
  }, 60_000);

  afterAll(() => fixture.workspace.close());

  it('writes one RFC 5322 draft per person, in the issuer language, with the page link and the baked PNG attached', async () => {
    const outDir = join(root, 'drafts');
    const progress: DeliveryProgress[] = [];
    const report = await exportDrafts(fixture.workspace, {
      selection: { batch },
      outDir,
      onProgress: (p) => progress.push(p),
    });
    expect(report).toMatchObject({ mode: 'eml', total: 4, done: 2, skipped: 2, failed: 0 });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    // The DID-only earner and the revoked award are reported with their codes, not drafted.
    const skipped = Object.fromEntries(
      report.outcomes.filter((o) => o.status === 'skipped').map((o) => [o.code, o.message]),
    );
    expect(skipped.ERR_DELIVERY_NO_EMAIL).toContain('did:example:camille');
    expect(skipped.ERR_DELIVERY_REVOKED).toBeDefined();

    const elodie = listAwards(fixture.workspace, { search: 'elodie' })[0]!;
    const file = report.outcomes.find((o) => o.award === elodie.id)!.file!;
    expect(file).toBe(join(outDir, 'premiers-secours', `${elodie.id}.eml`));
    const mail: ParsedMail = await simpleParser(readFileSync(file));
    expect(addresses(mail.to)).toEqual(['elodie.lefevre@example.fr']);
    expect(addresses(mail.from)).toEqual(['contact@amicale.example.org']);
    expect(mail.subject).toBe('Votre badge « Premiers secours » de Amicale des Secouristes');
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.messageId).toBe(`<badge-${elodie.id}@badges.example.org>`);
    expect(mail.text).toContain('Bonjour Élodie Lefèvre,');
    expect(mail.text).toContain(elodie.pageUrl!);
    expect(mail.text).toContain(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME',
    );
    expect(mail.html).toContain(`<a href="${elodie.pageUrl}">`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('premiers-secours.png');
    expect(mail.attachments[0]!.contentType).toBe('image/png');
    expect(Buffer.compare(mail.attachments[0]!.content, bakedPng(fixture, elodie))).toBe(0);
    expect(getDelivery(fixture.workspace.db, elodie.id)).toMatchObject({
      state: 'none',
      draftFile: file,
      email: 'elodie.lefevre@example.fr',
    });
  });

  it('--only-new leaves out the people already drafted: the next event exports only its new earners', async () => {
    await fixture.issue('email,name\nnouvelle@example.fr,Nouvelle Venue\n');
    const report = await exportDrafts(fixture.workspace, {
      selection: { badge: 'premiers-secours', onlyNew: true },
      outDir: join(root, 'drafts-2'),
    });
    expect(report.outcomes.filter((o) => o.status === 'drafted').map((o) => o.email)).toEqual([
      'nouvelle@example.fr',
    ]);
    expect(report.alreadyDone).toBe(2);
    // Without --only-new, everyone deliverable is drafted again.
    const again = await exportDrafts(fixture.workspace, {
      selection: { badge: 'premiers-secours' },
      outDir: join(root, 'drafts-3'),
      dryRun: true,
    });
    expect(again.outcomes.filter((o) => o.status === 'would-draft')).toHaveLength(3);
  });

  it("uses the issuer's edited template from the workspace, and refuses a broken one with what to fix", async () => {
    const template = join(fixture.workspace.paths.dir, WORKSPACE_TEMPLATE);
    writeFileSync(template, 'Subject: Bravo {{name}} !\n\nVotre badge {{badge}} : {{page_url}}\n');
    const award = listAwards(fixture.workspace, { search: 'muller' })[0]!;
    const report = await exportDrafts(fixture.workspace, {
      selection: { award: award.id.slice(0, 8) },
      outDir: join(root, 'drafts-4'),
    });
    const mail = await simpleParser(readFileSync(report.outcomes[0]!.file!));
    expect(mail.subject).toBe('Bravo François Muller !');
    expect(mail.text?.trim()).toBe(`Votre badge Premiers secours : ${award.pageUrl}`);
    writeFileSync(template, 'Subject: Bravo {{prenom}}\n\nTexte\n');
    await expect(
      exportDrafts(fixture.workspace, {
        selection: { award: award.id },
        outDir: join(root, 'drafts-4'),
      }),
    ).rejects.toMatchObject({
      code: 'ERR_DELIVERY_TEMPLATE_INVALID',
      message: expect.stringContaining('{{prenom}}'),
    });
    writeFileSync(template, 'Bonjour\n');
    await expect(
      exportDrafts(fixture.workspace, {
        selection: { award: award.id },
        outDir: join(root, 'drafts-4'),
      }),
    ).rejects.toMatchObject({ code: 'ERR_DELIVERY_TEMPLATE_INVALID' });
    writeFileSync(template, 'Subject: {{badge}}\n\n{{page_url}}\n');
  });

  it('says which batch or award is unknown, and which folder cannot be written', async () => {
    expect(() => selectAwards(fixture.workspace, { batch: 'ffffffffffff' })).toThrow(
      expect.objectContaining({ code: 'ERR_BATCH_NOT_FOUND' }),
    );
    expect(() => selectAwards(fixture.workspace, { award: '00000000-0000' })).toThrow(
      expect.objectContaining({ code: 'ERR_AWARD_NOT_FOUND' }),
    );
    expect(() => selectAwards(fixture.workspace, { badge: 'nope' })).toThrow(
      expect.objectContaining({ code: 'ERR_BADGE_NOT_FOUND' }),
    );
    expect(() => selectAwards(fixture.workspace, {})).toThrow(
      expect.objectContaining({ code: 'ERR_USAGE' }),
    );
    expect(selectAwards(fixture.workspace, { batch: batch.slice(0, 10) })).toHaveLength(5);
    const aFile = join(root, 'a-file');
    writeFileSync(aFile, 'x');
    await expect(
      exportDrafts(fixture.workspace, { selection: { batch }, outDir: join(aFile, 'drafts') }),
    ).rejects.toMatchObject({ code: 'ERR_DELIVERY_OUT_UNWRITABLE' });
  });

  it('skips an award whose baked image was altered or removed, saying how to restore it', async () => {
    const award = listAwards(fixture.workspace, { search: 'nouvelle@' })[0]!;
    const png = listIssuances(fixture.workspace.db, { awardId: award.id })
      .find((i) => i.format === 'ob3-di')!
      .files.find((f) => f.path.endsWith('.png'))!.path;
    const original = readFileSync(png);
    writeFileSync(png, Buffer.concat([original, Buffer.from('x')]));
    const report = await exportDrafts(fixture.workspace, {
      selection: { award: award.id },
      outDir: join(root, 'drafts-5'),
    });
    expect(report.outcomes[0]).toMatchObject({
      status: 'skipped',
      code: 'ERR_DELIVERY_IMAGE_CHANGED',
    });
    writeFileSync(png, original);
  });
});

describe('deliver --smtp through a real SMTP server', () => {
  const root = tempDir('bs-smtp-');
  let fixture: DeliveryFixture;
  let server: TestSmtpServer;
  let smtp: SmtpSettings;
  const waits: number[] = [];
  const fast = { sleep: async (ms: number) => void waits.push(ms), perMinute: 120 };

  beforeAll(async () => {
    fixture = await createDeliveryFixture(root, { language: 'en' });
    await fixture.issue(
      'email,name\nada@example.org,Ada Lovelace\ngrace@example.org,Grace Hopper\nnobody@example.org,No Body\n',
    );
    server = await startSmtpServer();
    smtp = {
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      user: SMTP_USER,
      password: SMTP_PASSWORD,
    };
  }, 60_000);

  afterAll(async () => {
    await server.close();
    fixture.workspace.close();
  });

  it('a refused login is ERR_SMTP_AUTH and nothing is marked delivered', async () => {
    await expect(
      sendDeliveries(fixture.workspace, {
        selection: { badge: 'premiers-secours' },
        smtp: { ...smtp, password: 'wrong' },
        ...fast,
      }),
    ).rejects.toMatchObject({
      code: 'ERR_SMTP_AUTH',
    });
    expect(server.received).toHaveLength(0);
    for (const award of listAwards(fixture.workspace))
      {expect(getDelivery(fixture.workspace.db, award.id)).toBeUndefined();}
  });

  it('--dry-run connects to nothing and records nothing', async () => {
    const report = await sendDeliveries(fixture.workspace, {
      selection: { badge: 'premiers-secours' },
      smtp: { ...smtp, port: 1 },
      dryRun: true,
      ...fast,
    });
    expect(report).toMatchObject({ dryRun: true, done: 3 });
    expect(server.received).toHaveLength(0);
  });

  it('sends one message per person; a refused address is reported with it, the rest go on; the next run sends only what is left', async () => {
    server.refuse.add('nobody@example.org');
    const report = await sendDeliveries(fixture.workspace, {
      selection: { badge: 'premiers-secours' },
      smtp,
      ...fast,
    });
    expect(report).toMatchObject({ mode: 'smtp', done: 2, failed: 1 });
    const failed = report.outcomes.find((o) => o.status === 'failed')!;
    expect(failed).toMatchObject({
      code: 'ERR_SMTP_RECIPIENT_REFUSED',
      email: 'nobody@example.org',
    });
    expect(failed.message).toContain('nobody@example.org');
    expect(server.received.map((m) => m.to)).toEqual([['ada@example.org'], ['grace@example.org']]);
    expect(server.received.every((m) => m.from === 'contact@amicale.example.org')).toBe(true);
    // Rate limit: a wait before each message after the first (120 a minute → up to 500 ms).
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(500);

    for (const mail of server.received) {
      const parsed = await simpleParser(mail.raw);
      const award = listAwards(fixture.workspace, { search: mail.to[0]! })[0]!;
      expect(addresses(parsed.to)).toEqual(mail.to);
      expect(parsed.subject).toBe('Your badge “Premiers secours” from Amicale des Secouristes');
      expect(parsed.headers.get('x-unsent')).toBeUndefined();
      expect(Buffer.compare(parsed.attachments[0]!.content, bakedPng(fixture, award))).toBe(0);
      expect(parsed.text).toContain(`${SITE_URL}credentials/`);
      expect(getDelivery(fixture.workspace.db, award.id)).toMatchObject({
        state: 'sent',
        messageId: parsed.messageId,
        sentAt: '2026-05-01T12:00:00Z',
      });
    }
    const nobody = listAwards(fixture.workspace, { search: 'nobody@' })[0]!;
    expect(getDelivery(fixture.workspace.db, nobody.id)).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('550'),
    });

    server.refuse.clear();
    const again = await sendDeliveries(fixture.workspace, {
      selection: { badge: 'premiers-secours' },
      smtp,
      ...fast,
    });
    expect(again).toMatchObject({ done: 1, alreadyDone: 2, failed: 0 });
    expect(server.received.map((m) => m.to[0])).toEqual([
      'ada@example.org',
      'grace@example.org',
      'nobody@example.org',
    ]);
    const third = await sendDeliveries(fixture.workspace, {
      selection: { badge: 'premiers-secours' },
      smtp,
      ...fast,
    });
    expect(third).toMatchObject({ done: 0, alreadyDone: 3 });
    expect(server.received).toHaveLength(3);
  });

  it('refuses to send a password unencrypted to another computer, and asks for the missing password', async () => {
    await expect(
      sendDeliveries(fixture.workspace, {
        selection: { badge: 'guide' },
        smtp: { ...smtp, host: 'smtp.example.org' },
      }),
    ).rejects.toMatchObject({ code: 'ERR_SMTP_INSECURE' });
    const { password: _password, ...withoutPassword } = smtp;
    await expect(
      sendDeliveries(fixture.workspace, {
        selection: { badge: 'premiers-secours' },
        smtp: withoutPassword,
      }),
    ).rejects.toMatchObject({ code: 'ERR_SMTP_PASSWORD_MISSING' });
  });

  it('a server whose certificate cannot be trusted is ERR_SMTP_TLS, and nothing is sent or marked', async () => {
    await fixture.issue('email\ntls@example.org\n', 'guide');
    const tls = await startSmtpServer({ secure: true });
    try {
      await expect(sendDeliveries(fixture.workspace, { selection: { badge: 'guide' }, smtp: { ...smtp, port: tls.port, security: 'tls', host: 'localhost' }, ...fast })).rejects.toMatchObject({
        code: 'ERR_SMTP_TLS',
      });
      expect(tls.received).toHaveLength(0);
      for (const award of listAwards(fixture.workspace, { badgeId: 'guide' })) expect(getDelivery(fixture.workspace.db, award.id)).toBeUndefined();
    } finally {
      await tls.close();
    }
  });

  it('a server that cannot be reached is ERR_SMTP_CONNECT', async () => {
    await fixture.issue('email\nlate@example.org\n', 'guide');
    await expect(
      sendDeliveries(fixture.workspace, {
        selection: { badge: 'guide' },
        smtp: { ...smtp, port: 1 },
        ...fast,
      }),
    ).rejects.toMatchObject({ code: 'ERR_SMTP_CONNECT' });
  });
});
