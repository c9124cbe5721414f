import { expect, test } from '@playwright/test';
import { appServerForFile, callInPage } from './app-api.js';
import { createAssociation, expectNoSeriousViolations, HOSTILE_SVG } from './app-association.js';

const server = appServerForFile();

test('Badges: add a badge class with an image, see its page preview as one types, edit it; in French', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createAssociation(page, server);
  await page.getByRole('navigation').getByRole('link', { name: 'Badges' }).click();
  await expect(page.getByRole('heading', { name: 'Badges', level: 1 })).toBeVisible();
  await expect(page.getByText('No badges yet.')).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByRole('button', { name: 'New badge' }).click();
  await expect(page.getByRole('heading', { name: 'New badge', level: 1 })).toBeVisible();
  const preview = page.frameLocator('iframe[title="Preview of the badge page"]');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('Untitled badge');
  await page.getByLabel('Name', { exact: true }).fill('Premiers secours en montagne');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(
    'Premiers secours en montagne',
  );
  await page.getByLabel('Description').fill('Sait porter secours en montagne.');
  await page.getByLabel('Criteria', { exact: true }).fill('A suivi la formation PSC1 de 7 heures.');
  await expect(preview.getByText('A suivi la formation PSC1 de 7 heures.')).toBeVisible();
  await page
    .locator('.image-row input[type=file]')
    .setInputFiles({ name: 'psc1.svg', mimeType: 'image/svg+xml', buffer: HOSTILE_SVG });
  await expect(preview.getByRole('img', { name: /Premiers secours en montagne/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose a design' })).toBeDisabled();
  const personalise = page.getByRole('checkbox', {
    name: 'Personalise the artwork with each earner’s name',
  });
  await expect(personalise).toBeDisabled();
  await expect(personalise).toHaveAccessibleDescription(/Only an image made from a design/);
  await page.getByLabel('Tags').fill('secourisme, montagne');
  await expect(preview.getByText('secourisme, montagne')).toBeVisible();
  await page.getByRole('button', { name: 'Add an alignment' }).click();
  const alignment = page.getByRole('group', { name: 'Alignment 1' });
  await alignment.getByLabel('Framework or standard').fill('Référentiel PSC1');
  await alignment.getByLabel('Its web address').fill('https://example.org/psc1');
  await expect(preview.getByText('Référentiel PSC1')).toBeVisible();
  await page.getByLabel('Expires').selectOption('P2Y');
  await page.getByLabel('Open Badges 2.0, hosted on your site').check();
  await page.getByLabel('Show the earner’s name on the public credential page').check();
  await expectNoSeriousViolations(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(preview.getByText('Référentiel PSC1')).toBeVisible();
  await page.waitForTimeout(800); // the last keystroke's preview has landed
  await page.screenshot({ path: 'test-results/app/badges-editor-en.png', fullPage: true });

  // A half-typed criteria address is refused on saving, next to the form; nothing typed is lost.
  await page.getByLabel('Web page describing the criteria (optional)').fill('psc1');
  await page
    .getByLabel('Web page describing the criteria (optional)')
    .evaluate((input: HTMLInputElement) => (input.type = 'text'));
  await page.getByRole('button', { name: 'Create the badge' }).click();
  await expect(page.getByRole('alert')).toContainText('ERR_BADGE_URL_INVALID');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(
    'Premiers secours en montagne',
  );
  await page
    .getByLabel('Web page describing the criteria (optional)')
    .fill('https://randonneurs.example.org/psc1');
  await page.getByRole('button', { name: 'Create the badge' }).click();

  await expect(page.getByText('“Premiers secours en montagne” is saved.')).toBeVisible();
  await expect(page.getByText('The image was cleaned before it was saved:')).toBeVisible();
  const item = page.locator('.badge-item').filter({ hasText: 'Premiers secours en montagne' });
  await expect(item).toContainText('0 people hold it · expires after 2 years');
  await expect(item).toContainText('OB 2.0 hosted');
  await expect(item.locator('img.thumb')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/badges-list-en.png', fullPage: true });

  // Editing: every field comes back; the preview follows the change.
  await page.getByRole('button', { name: 'Edit Premiers secours en montagne' }).click();
  await expect(page.getByLabel('Tags')).toHaveValue('secourisme, montagne');
  await expect(page.getByLabel('Open Badges 2.0, hosted on your site')).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Endorsements' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Premiers secours (niveau 1)');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(
    'Premiers secours (niveau 1)',
  );
  await page.getByRole('button', { name: 'Save the badge' }).click();
  await expect(page.getByText('“Premiers secours (niveau 1)” is saved.')).toBeVisible();

  // Its image made from one of the designs, chosen here: the artwork can carry each earner's name.
  const design = await callInPage<{ summary: { name: string } }>(page, 'designs.create', {
    template: 'round-volunteer',
    language: 'fr',
  });
  await page.getByRole('button', { name: 'Edit Premiers secours (niveau 1)' }).click();
  await expect(personalise).toBeDisabled();
  await page.getByRole('button', { name: 'Choose a design' }).click();
  const chooser = page.getByRole('dialog', { name: 'A design for “Premiers secours (niveau 1)”' });
  await expect(chooser.getByText(design.summary.name)).toBeVisible();
  await expect(chooser.locator('img.thumb')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/badges-design-chooser-en.png' });
  await chooser.getByRole('button', { name: 'Use this design' }).click();
  await expect(chooser).toBeHidden();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `The design “${design.summary.name}” is now this badge’s image.` }),
  ).toBeVisible();
  await expect(personalise).toBeEnabled();
  await expect(personalise).not.toBeChecked();
  await personalise.check();
  await page.getByRole('button', { name: 'Save the badge' }).click();
  await expect(page.getByText('“Premiers secours (niveau 1)” is saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Edit Premiers secours (niveau 1)' }).click();
  await expect(personalise).toBeChecked();
  await page.getByRole('button', { name: 'Back to the badges' }).click();

  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Badges', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nouveau badge' })).toBeVisible();
  await expect(page.locator('.badge-item')).toContainText(
    '0 personne le détient · expire après 2 ans',
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/badges-list-fr.png', fullPage: true });
  await page.getByRole('button', { name: 'Modifier Premiers secours (niveau 1)' }).click();
  await expect(page.getByRole('heading', { name: 'Aperçu de la page du badge' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Critères', exact: true })).toHaveValue(
    'A suivi la formation PSC1 de 7 heures.',
  );
  const apercu = page.frameLocator('iframe[title="Aperçu de la page du badge"]');
  await expect(apercu.getByRole('heading', { level: 1 })).toHaveText('Premiers secours (niveau 1)');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/badges-editor-fr.png', fullPage: true });

  // The design dialog on a phone-sized window, in French: the current design is said, nothing overflows.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Choisir un design' }).click();
  const choix = page.getByRole('dialog', {
    name: 'Un design pour « Premiers secours (niveau 1) »',
  });
  await expect(choix.getByText('L’image de ce badge actuellement.')).toBeVisible();
  await expect(choix.getByRole('button', { name: 'Utiliser ce design' })).toBeDisabled();
  expect(await choix.evaluate((dialog) => dialog.scrollWidth <= dialog.clientWidth)).toBe(true);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/badges-design-chooser-fr-390.png' });
  await choix.getByRole('button', { name: 'Fermer' }).click();
  await expect(choix).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 720 });
});
