import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { appServerForFile, callInPage, noSeriousViolations, openSampleHome } from './app-api.js';
import {
  SMTP_PASSWORD,
  SMTP_USER,
  startSmtpServer,
  type TestSmtpServer,
} from '../main/services/smtp-test-server.js';

const server = appServerForFile();
let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startSmtpServer();
});
test.afterAll(async () => {
  await smtp.close();
});

const NEW_GUIDES =
  'email,name\nmaya.roche@example.org,Maya Roche\nlucas.petit@example.org,Lucas Petit\n';

function emlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml'));
}

/** Issues two new guides through the same channel the Issue screen uses, and waits for the run to finish. */
async function issueGuides(page: Page): Promise<void> {
  await callInPage(page, 'issue.start', {
    badgeId: 'guide-benevole',
    formats: ['ob3-di'],
    bake: ['png'],
    csv: { name: 'guides.csv', base64: Buffer.from(NEW_GUIDES).toString('base64') },
  });
  await expect
    .poll(
      async () =>
        (await callInPage<{ job: { state: string } | null }>(page, 'issue.status', {})).job?.state,
      { timeout: 60_000 },
    )
    .toBe('finished');
}

test('Send to earners: drafts on disk, sending through a local SMTP server with a refused address and Try again, a certificate PDF from People; in French', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openSampleHome(page, server.url);
  await issueGuides(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Issue', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Send to earners' });
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText("4 people in this badge's list")).toBeVisible();
  await expect(panel.getByText('not sent yet: 4')).toBeVisible();

  // Drafts: written to the folder shown, one .eml per person.
  await panel.getByRole('button', { name: 'Save e-mail drafts' }).click();
  const saved = panel.getByText('Saved 4 drafts in this folder:');
  await expect(saved).toBeVisible({ timeout: 30_000 });
  const draftsDir = (await panel.locator('.delivery-folder code').first().textContent()) ?? '';
  expect(emlFiles(draftsDir)).toHaveLength(4);
  const eml = readFileSync(join(draftsDir, emlFiles(draftsDir)[0]!), 'utf8');
  expect(eml).toContain('X-Unsent: 1');
  await expect(panel.getByText('draft saved: 4')).toBeVisible();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/delivery-issue-en.png', fullPage: true });

  // Send through the local SMTP server: one address refused, then Try again sends only that one.
  smtp.refuse.add('lucas.petit@example.org');
  await panel.getByRole('button', { name: 'Send by e-mail…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send by e-mail' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Mail server (SMTP)').fill('127.0.0.1');
  await dialog.getByRole('combobox', { name: /^Encryption/ }).selectOption('none');
  await dialog.getByRole('textbox', { name: 'Port', exact: true }).fill(String(smtp.port));
  await dialog.getByLabel('User name', { exact: true }).fill(SMTP_USER);
  await dialog.getByRole('textbox', { name: /^Password/ }).fill('not the password');
  await dialog.getByRole('button', { name: 'Check the account' }).click();
  await expect(dialog.getByRole('alert')).toContainText('refused the login');
  await expect(
    dialog.getByText(/^In this window: check the User name and Password above/),
  ).toBeVisible();
  await dialog.getByRole('textbox', { name: /^Password/ }).fill(SMTP_PASSWORD);
  await dialog.getByRole('button', { name: 'Check the account' }).click();
  await expect(dialog.getByText('The account works. 4 messages would be sent.')).toBeVisible();
  await noSeriousViolations(page);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.getByText('Sent: 3 messages.')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByText('Failed: 1 address.')).toBeVisible();
  await expect(
    dialog.getByText(/lucas\.petit@example\.org: The mail server refused this address/),
  ).toBeVisible();
  expect(smtp.received).toHaveLength(3);
  await page.screenshot({ path: 'test-results/app/delivery-smtp-en.png' });
  smtp.refuse.clear();
  await dialog
    .getByRole('button', { name: 'Try again (only what failed or was not sent)' })
    .click();
  await expect(dialog.getByText('Sent: 1 message.')).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByText('Already sent before: 3.')).toBeVisible();
  expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
    'anais.noel@example.org',
    'jerome.dupre@example.org',
    'lucas.petit@example.org',
    'maya.roche@example.org',
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(panel.getByText('sent: 4')).toBeVisible();

  // People: the tag in the list, the state in the award dialog, the certificate PDF.
  await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await page.getByLabel('Search by name or e-mail').fill('maya');
  const row = page.locator('.people-table tbody tr').filter({ hasText: 'Maya Roche' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.delivery-tag')).toHaveText(/sent$/);
  await row.getByRole('button', { name: 'Open Guide bénévole of Maya Roche' }).click();
  const award = page.getByRole('dialog', { name: 'Guide bénévole — Maya Roche' });
  await expect(award.getByText(/^sent on /)).toBeVisible();
  const pdfDownload = page.waitForEvent('download');
  await award.getByRole('button', { name: 'Download certificate (PDF)' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^guide-benevole-.+\.pdf$/);
  expect(
    readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  const emlDownload = page.waitForEvent('download');
  await award.getByRole('button', { name: 'Download e-mail draft (.eml)' }).click();
  const draft = readFileSync((await (await emlDownload).path())!, 'utf8');
  expect(draft).toMatch(/^To: .*maya\.roche@example\.org/m);
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/delivery-people-en.png' });
  await award.getByRole('button', { name: 'Close' }).click();

  // French.
  await page.getByLabel('Language').selectOption('fr');
  await expect(row.locator('.delivery-tag')).toHaveText(/envoyé$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Émettre', exact: true }).click();
  const panelFr = page.getByRole('region', { name: 'Envoyer aux titulaires' });
  await expect(panelFr).toBeVisible({ timeout: 30_000 });
  await expect(panelFr.getByText('envoyés : 4')).toBeVisible();
  await panelFr.getByRole('button', { name: 'Envoyer par e-mail…' }).click();
  const dialogFr = page.getByRole('dialog', { name: 'Envoyer par e-mail' });
  await expect(dialogFr.getByLabel('Serveur d’envoi (SMTP)')).toHaveValue('127.0.0.1');
  await expect(dialogFr.getByRole('textbox', { name: /^Mot de passe/ })).toHaveValue('');
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/delivery-smtp-fr.png' });
  await dialogFr.getByRole('button', { name: 'Fermer' }).click();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/delivery-issue-fr.png', fullPage: true });
});
