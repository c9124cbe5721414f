import { expect, test } from '@playwright/test';
import { appServerForFile, noSeriousViolations, samplePng, openSampleHome } from './app-api.js';

const server = appServerForFile();

test('Verify: a dropped baked PNG is verified, the revoked one is not, check by check, in English and French', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openSampleHome(page, server.url);
  const valid = await samplePng(page, 'anaïs', 'guide-benevole');
  const revoked = await samplePng(page, 'élodie', 'premiers-secours');

  await page.getByRole('navigation').getByRole('link', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Verify', level: 1 })).toBeVisible();
  const input = page.locator('input[type=file]');

  await page.getByLabel("The earner's e-mail address (optional)").fill('anais.noel@example.org');
  await input.setInputFiles(valid);
  await expect(page.getByRole('heading', { name: 'Verified', exact: true })).toBeVisible();
  const checks = page.locator('.verify-checks li');
  await expect(checks.filter({ hasText: 'Signature' })).toContainText(
    'proof verifies with the key',
  );
  await expect(checks.filter({ hasText: 'Recipient' }).first()).toBeVisible();
  await expect(page.locator('.verify-facts')).toContainText(
    'Association des Randonneurs du Vercors (démo)',
  );
  await expect(page.getByText('Checked against your built site, offline.')).toBeVisible();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/verify-verified-en.png', fullPage: true });

  await page.getByLabel("The earner's e-mail address (optional)").fill('');
  await input.setInputFiles(revoked);
  await expect(page.getByRole('heading', { name: 'Not verified', exact: true })).toBeVisible();
  await expect(page.getByText('The issuer has revoked this badge.')).toBeVisible();
  await expect(page.locator('.check-failed')).toContainText('ERR_REVOKED');
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/verify-revoked-en.png', fullPage: true });

  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Vérifier', level: 1 })).toBeVisible();
  await input.setInputFiles(revoked);
  await expect(page.getByRole('heading', { name: 'Non vérifié', exact: true })).toBeVisible();
  await expect(page.getByText('L’émetteur a révoqué ce badge.')).toBeVisible();
  await expect(
    page.locator('.check-passed').filter({ hasText: 'Signature (réussi)' }),
  ).toContainText('se vérifie avec la clé');
  await expect(page.locator('.check-failed')).toContainText('Statut de révocation');
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/verify-revoked-fr.png', fullPage: true });

  await input.setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not a png at all'),
  });
  await expect(page.getByRole('heading', { name: 'Non vérifié', exact: true })).toBeVisible();
  await expect(page.locator('.check-failed')).toContainText('ERR_');
});
