import { expect, test } from '@playwright/test';
import { appServerForFile, noSeriousViolations, openSampleHome } from './app-api.js';

const server = appServerForFile();

test('People: search a person, open an award, download a file, revoke every format; in French', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openSampleHome(page, server.url);
  await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expect(page.getByText('5 people, 7 awards')).toBeVisible();
  const rows = page.locator('.people-table tbody tr');
  await expect(rows).toHaveCount(5);
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/people-list-en.png', fullPage: true });

  await page.getByLabel('Search by name or e-mail').fill('chloe');
  await expect(page.getByText('1 person, 1 award')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Chloé Béranger');

  await page.getByLabel('Badge').selectOption('guide-benevole');
  await expect(page.getByText('Nobody matches “chloe”')).toBeVisible();
  await page.getByLabel('Badge').selectOption('');

  await page
    .getByRole('button', { name: 'Open Premiers secours en montagne of Chloé Béranger' })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Premiers secours en montagne — Chloé Béranger',
  });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveCount(5);
  const download = page.waitForEvent('download');
  await dialog
    .getByRole('button', { name: /^Download premiers-secours-.*\.png$/ })
    .first()
    .click();
  expect((await download).suggestedFilename()).toMatch(/^premiers-secours-[\w-]+\.png$/);
  // A downloaded e-mail draft counts as drafted, in the dialog and in the list.
  await expect(dialog.getByText('not sent', { exact: true })).toBeVisible();
  const draft = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download e-mail draft (.eml)' }).click();
  expect((await draft).suggestedFilename()).toMatch(/^premiers-secours-[\w-]+\.eml$/);
  await expect(dialog.getByText(/^draft saved on /)).toBeVisible();
  await expect(rows.first().locator('.delivery-tag')).toHaveText(/draft$/);
  const popup = page.waitForEvent('popup');
  await dialog
    .getByRole('button', {
      name: 'Open the page of the Open Badges 3.0 (Data Integrity) credential in the site preview',
    })
    .click();
  const credentialPage = await popup;
  await credentialPage.waitForLoadState();
  expect(credentialPage.url()).toMatch(
    /^http:\/\/127\.0\.0\.1:\d+\/randonneurs\/credentials\/[\w-]+\.html$/,
  );
  await expect(credentialPage.getByText('Premiers secours en montagne').first()).toBeVisible();
  await credentialPage.close();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/people-award-en.png', fullPage: true });

  await dialog.getByRole('button', { name: 'Revoke this award…' }).click();
  const confirm = page.getByRole('alertdialog', {
    name: 'Revoke Premiers secours en montagne of Chloé Béranger?',
  });
  await confirm.getByLabel('Reason (published)').fill('Formation non suivie.');
  await noSeriousViolations(page);
  await confirm.getByRole('button', { name: 'Revoke every format' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    'Revoked: 4 credentials. Publish the site so that verifiers see it.',
  );
  await expect(dialog.locator('tbody .status-pill')).toHaveText([
    'revoked',
    'revoked',
    'revoked',
    'revoked',
  ]);
  await expect(dialog.getByText('Formation non suivie.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Revoke this award…' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(
    page.getByRole('button', { name: 'Open Premiers secours en montagne of Chloé Béranger' }),
  ).toContainText('revoked');

  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Personnes', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Rechercher par nom ou adresse e-mail')).toHaveValue('chloe');
  await expect(
    page.getByRole('button', { name: 'Ouvrir Premiers secours en montagne de Chloé Béranger' }),
  ).toContainText('révoqué');
  await page.getByLabel('Rechercher par nom ou adresse e-mail').fill('');
  await expect(page.getByText('5 personnes, 7 attributions')).toBeVisible();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/people-list-fr.png', fullPage: true });

  // On a phone-sized window the table scrolls inside its frame; the page itself never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(rows).toHaveCount(5);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const frame = page.locator('.table-wrap');
  expect(await frame.evaluate((wrap) => wrap.scrollWidth > wrap.clientWidth)).toBe(true);
  await page.screenshot({ path: 'test-results/app/people-list-fr-390.png', fullPage: true });
});
