import { expect, test } from '@playwright/test';
import { appServerForFile } from './app-api.js';
import { createAssociation, expectNoSeriousViolations, HOSTILE_SVG } from './app-association.js';

const server = appServerForFile();

test('Issuer & keys: edit the profile and its logo, generate a key, back up the workspace; in French', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createAssociation(page, server);
  await page.getByRole('navigation').getByRole('link', { name: 'Issuer & keys' }).click();
  await expect(page.getByRole('heading', { name: 'Issuer & keys', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Association name')).toHaveValue('Randonneurs du Vercors');

  // The profile: a description and a logo whose script the sanitiser removes, said on screen.
  await page
    .getByLabel('Description (optional)')
    .fill('Sorties en montagne et formations aux premiers secours.');
  await page
    .locator('.issuer-image input[type=file]')
    .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: HOSTILE_SVG });
  await expect(page.getByText('logo.svg')).toBeVisible();
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await expect(page.getByText('The image was cleaned before it was saved:')).toBeVisible();
  await expect(page.getByText(/removed a script or event handler \(script/)).toBeVisible();
  await expect(page.getByRole('img', { name: 'Logo of Randonneurs du Vercors' })).toBeVisible();
  // A bad address is refused next to the form, and what was typed stays.
  await page.getByLabel('Association website').fill('randonneurs');
  await page
    .getByLabel('Association website')
    .evaluate((input: HTMLInputElement) => (input.type = 'text'));
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByRole('alert')).toContainText('ERR_ISSUER_URL_INVALID');
  await expect(page.getByLabel('Association website')).toHaveValue('randonneurs');
  await page.getByLabel('Association website').fill('https://randonneurs.example.org/');
  await page.getByRole('button', { name: 'Save the profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();

  // Keys: three, public parts only; a new Ed25519 key retires the old one.
  const rows = page
    .getByRole('table', { name: 'Signing keys of the association' })
    .locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Active' })).toHaveCount(3);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issuer-en.png', fullPage: true });
  await page.getByLabel('Key type').selectOption('Ed25519');
  await page.getByRole('button', { name: 'Generate a new key' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Generate a new Ed25519 key?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Generate the key' }).click();
  await expect(page.getByText('A new Ed25519 key is active.')).toBeVisible();
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'Retired' })).toHaveCount(1);
  expect(await page.content()).not.toMatch(/"d":|privateJwk/);

  // Back up the whole workspace: written beside the workspace folder, and downloaded.
  await page.getByRole('button', { name: 'Back up the workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Back up the workspace' });
  await expect(dialog.getByLabel('Save the backup as')).toHaveValue(
    /randonneurs-du-vercors-backup-\d{4}-\d{2}-\d{2}\.bsw$/,
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issuer-backup-dialog.png' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Write the backup' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.bsw$/);
  await expect(
    page.getByText(/^Backup written to .*randonneurs-du-vercors-backup-.*\.bsw/),
  ).toBeVisible();
  // The same path again is refused in the dialog, not overwritten.
  await page.getByRole('button', { name: 'Back up the workspace' }).click();
  await dialog.getByRole('button', { name: 'Write the backup' }).click();
  await expect(dialog.getByRole('alert')).toContainText('ERR_FILE_EXISTS');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Keys only: the passphrase typed twice must match.
  await page.getByRole('button', { name: 'Export the keys only' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export the keys only' });
  await exportDialog
    .getByLabel('Backup passphrase (at least 8 characters)')
    .fill('another long phrase');
  await exportDialog.getByLabel('Backup passphrase again').fill('another long phrase!');
  await exportDialog.getByRole('button', { name: 'Export and download' }).click();
  await expect(exportDialog.getByText('The two passphrases differ.')).toBeVisible();
  await exportDialog.getByLabel('Backup passphrase again').fill('another long phrase');
  const keysDownload = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: 'Export and download' }).click();
  expect((await keysDownload).suggestedFilename()).toMatch(/^randonneurs-du-vercors-keys-.*\.bsk$/);
  await expect(page.getByText(/^4 keys exported to/)).toBeVisible();

  // French.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Émetteur et clés', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer le profil' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Empreinte' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sauvegarder l’espace de travail' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issuer-fr.png', fullPage: true });
});
