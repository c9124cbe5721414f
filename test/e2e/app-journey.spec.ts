/**
 * The whole journey of a new association, through the screens only (loopback transport, real
 * handlers, fresh temporary workspace): create the association, add a badge class with an image,
 * import a CSV of five rows with one bad row, issue OB 3.0 Data Integrity + baked PNG, revoke one
 * award, build the site, verify a downloaded baked PNG (verified) and the revoked one (revoked),
 * switch to French, reload and lose nothing saved.
 */
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { appServerForFile, callInPage } from './app-api.js';
import { createAssociation, expectNoSeriousViolations } from './app-association.js';

const server = appServerForFile();

const BADGE = 'Premiers secours en montagne';
const CSV =
  'Courriel;Nom\n' +
  'ines.martin@example.fr;Inès Martin\n' +
  'paul.girard@example.fr;Paul Girard\n' +
  'pas-une-adresse;Jean Sansmail\n' +
  'lea.roux@example.fr;Léa Roux\n' +
  'omar.benali@example.fr;Omar Benali\n';

/** A 96 px badge picture: a blue disc with a gold ring. */
function badgePng(): Buffer {
  const size = 96;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      const i = (y * size + x) * 4;
      const [red, green, blue, alpha] =
        r < 36 ? [30, 64, 175, 255] : r < 44 ? [251, 191, 36, 255] : [0, 0, 0, 0];
      png.data[i] = red;
      png.data[i + 1] = green;
      png.data[i + 2] = blue;
      png.data[i + 3] = alpha;
    }
  }
  return PNG.sync.write(png);
}

async function go(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

interface PeopleList {
  people: { name: string | null; awards: { id: string; badge: { id: string } }[] }[];
}
interface AwardView {
  id: string;
  credentials: { id: string; format: string }[];
}

/** The baked PNG of a person's OB 3.0 credential, as the People screen would download it. */
async function bakedPng(page: Page, search: string) {
  const list = await callInPage<PeopleList>(page, 'people.list', { search });
  const awardId = list.people[0]!.awards[0]!.id;
  const award = await callInPage<AwardView>(page, 'people.award', { awardId });
  const credential = award.credentials.find((c) => c.format === 'ob3-di')!;
  const file = await callInPage<{ name: string; base64: string }>(page, 'people.download', {
    awardId,
    credential: credential.id,
    kind: 'png',
  });
  return { name: file.name, mimeType: 'image/png', buffer: Buffer.from(file.base64, 'base64') };
}

test('a new association, from the wizard to a verified and a revoked badge, in English and French', async ({
  page,
}) => {
  test.setTimeout(300_000);

  // 1. Create the association.
  await createAssociation(page, server);
  await page.screenshot({ path: 'test-results/app/journey-1-home.png', fullPage: true });

  // 2. A badge class with an image.
  await go(page, 'Badges');
  await page.getByRole('button', { name: 'New badge' }).click();
  await page.getByLabel('Name', { exact: true }).fill(BADGE);
  await page.getByLabel('Description').fill('Sait porter secours en montagne.');
  await page.getByLabel('Criteria', { exact: true }).fill('A suivi la formation PSC1 de 7 heures.');
  await page
    .locator('.image-row input[type=file]')
    .setInputFiles({ name: 'psc1.png', mimeType: 'image/png', buffer: badgePng() });
  await page.getByRole('button', { name: 'Create the badge' }).click();
  await expect(page.getByText(`“${BADGE}” is saved.`)).toBeVisible();
  await page.screenshot({ path: 'test-results/app/journey-2-badge.png', fullPage: true });

  // 3. A CSV of five rows with one bad row: the rejected row and why.
  await go(page, 'Issue');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'inscrits.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  const rejected = page.getByRole('region', { name: '1 row will not be issued' });
  const bad = rejected.getByRole('row').filter({ hasText: 'pas-une-adresse' });
  await expect(bad.getByRole('rowheader')).toHaveText('4');
  await expect(bad).toContainText('The e-mail address is not valid');

  // 4. Issue OB 3.0 Data Integrity + baked PNG, with the progress bar.
  await page.getByLabel('Badge', { exact: true }).selectOption({ label: BADGE });
  for (const name of [
    'Open Badges 3.0 (VC-JWT)',
    'Open Badges 2.0 (hosted)',
    'Open Badges 2.0 (signed)',
    'SVG image',
  ]) {
    const box = page.getByRole('checkbox', { name });
    if (await box.isChecked()) await box.uncheck();
  }
  await page.getByRole('checkbox', { name: /Open Badges 3\.0 \(Data Integrity\)/ }).check();
  await page.getByRole('checkbox', { name: 'PNG image' }).check();
  await page.getByRole('button', { name: 'Issue to 4 people' }).click();
  await expect(page.getByRole('heading', { name: `Done: ${BADGE} issued.` })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.locator('.people-result tbody tr')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/app/journey-3-issued.png', fullPage: true });

  // 5. Revoke Paul's award (every format at once).
  await go(page, 'People');
  await page.getByLabel('Search by name or e-mail').fill('paul');
  await page.getByRole('button', { name: `Open ${BADGE} of Paul Girard` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Revoke this award…' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByLabel('Reason (published)').fill('Formation non suivie.');
  await confirm.getByRole('button', { name: 'Revoke every format' }).click();
  await expect(dialog.getByText('Formation non suivie.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // 6. Build the site.
  await go(page, 'Publish');
  await page.getByRole('button', { name: 'Build the site' }).click();
  await expect(page.getByRole('heading', { name: 'What changed' })).toBeVisible({
    timeout: 90_000,
  });
  await page.screenshot({ path: 'test-results/app/journey-4-published.png', fullPage: true });

  // 7. Verify a downloaded baked PNG, then the revoked one.
  const valid = await bakedPng(page, 'ines');
  const revoked = await bakedPng(page, 'paul');
  await go(page, 'Verify');
  const input = page.locator('input[type=file]');
  await input.setInputFiles(valid);
  await expect(page.getByRole('heading', { name: 'Verified', exact: true })).toBeVisible();
  await expect(page.locator('.verify-facts')).toContainText('Randonneurs du Vercors');
  await input.setInputFiles(revoked);
  await expect(page.getByRole('heading', { name: 'Not verified', exact: true })).toBeVisible();
  await expect(page.getByText('The issuer has revoked this badge.')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/journey-5-verify.png', fullPage: true });

  // 8. In French, and after a reload nothing saved is lost.
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Vérifier', level: 1 })).toBeVisible();
  await input.setInputFiles(revoked);
  await expect(page.getByRole('heading', { name: 'Non vérifié', exact: true })).toBeVisible();
  await page.reload();
  await go(page, 'Accueil');
  await expect(page.locator('.stat').filter({ hasText: 'personnes' })).toContainText('4');
  await expect(page.locator('.stat').filter({ hasText: /badge révoqué/ })).toContainText('1');
  await go(page, 'Badges');
  await expect(page.locator('.badge-item').filter({ hasText: BADGE })).toBeVisible();
  await page.screenshot({ path: 'test-results/app/journey-6-fr.png', fullPage: true });
});
