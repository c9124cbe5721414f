import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './app-association.js';
import { appServerForFile, openSampleHome } from './app-api.js';

const server = appServerForFile();

const FIVE_ROWS =
  'Courriel;Nom\n' +
  'ines.martin@example.fr;Inès Martin\n' +
  'paul.girard@example.fr;Paul Girard\n' +
  'pas-une-adresse;Jean Sansmail\n' +
  'lea.roux@example.fr;Léa Roux\n' +
  'omar.benali@example.fr;Omar Benali\n';

function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function openIssue(page: Page): Promise<void> {
  await openSampleHome(page, server.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Issue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Issue', level: 1 })).toBeVisible();
}

/** Only OB 3.0 Data Integrity, baked into a PNG. */
async function chooseOb3DiPng(page: Page): Promise<void> {
  await page
    .getByLabel('Badge', { exact: true })
    .selectOption({ label: 'Premiers secours en montagne' });
  for (const name of [
    'Open Badges 3.0 (VC-JWT)',
    'Open Badges 2.0 (hosted)',
    'Open Badges 2.0 (signed)',
    'SVG image',
  ]) {
    await page.getByRole('checkbox', { name }).uncheck();
  }
  await page.getByRole('checkbox', { name: /Open Badges 3\.0 \(Data Integrity\)/ }).check();
  await page.getByRole('checkbox', { name: 'PNG image' }).check();
}

test('Issue: drop a CSV with a bad row, see why it is rejected, issue OB 3.0 + baked PNG, see the people; in French', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openIssue(page);
  await page.locator('input[type=file]').setInputFiles(csvFile('inscrits.csv', FIVE_ROWS));
  await expect(page.getByText('inscrits.csv: 5 rows, separator “;”.')).toBeVisible();
  await expect(page.getByLabel('Column “Courriel” holds')).toHaveValue('email');
  await expect(page.getByLabel('Column “Nom” holds')).toHaveValue('name');
  const rejected = page.getByRole('region', { name: '1 row will not be issued' });
  await expect(rejected).toBeVisible();
  const bad = rejected.getByRole('row').filter({ hasText: 'pas-une-adresse' });
  await expect(bad.getByRole('rowheader')).toHaveText('4');
  await expect(bad).toContainText('The e-mail address is not valid');
  await expect(bad).toContainText('ERR_CSV_EMAIL_INVALID');
  await chooseOb3DiPng(page);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issue-preview-en.png', fullPage: true });

  await page.getByRole('button', { name: 'Issue to 4 people' }).click();
  await expect(
    page.getByRole('heading', { name: 'Done: Premiers secours en montagne issued.' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('4 people got the badge')).toBeVisible();
  await expect(page.getByText('1 row rejected')).toBeVisible();
  const people = page.locator('.people-result tbody tr');
  await expect(people).toHaveCount(4);
  await expect(people.first()).toContainText('Inès Martin');
  await expect(people.first()).toContainText('ines.martin@example.fr');
  await expect(people.first()).toContainText('ob3-di');
  const download = page.waitForEvent('download');
  await people
    .first()
    .getByRole('button', { name: /^Download premiers-secours-.*\.png$/ })
    .click();
  expect((await download).suggestedFilename()).toMatch(/^premiers-secours-[\w-]+\.png$/);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issue-result-en.png', fullPage: true });

  // The result is still there after a reload; then in French.
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Done: Premiers secours en montagne issued.' }),
  ).toBeVisible();
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Émettre', level: 1 })).toBeVisible();
  await expect(page.getByText('4 personnes ont reçu le badge')).toBeVisible();
  await page.getByRole('button', { name: 'Émettre une autre liste' }).click();
  await page.locator('input[type=file]').setInputFiles(csvFile('inscrits.csv', FIVE_ROWS));
  await expect(page.getByRole('region', { name: '1 ligne ne sera pas émise' })).toContainText(
    'L’adresse électronique n’est pas valide',
  );
  await expect(page.getByRole('button', { name: 'Émettre pour 4 personnes' })).toBeEnabled();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issue-preview-fr.png', fullPage: true });
  await page.getByLabel('Langue').selectOption('en');
});

test('Issue: an unknown header is mapped by hand; a long run shows its progress, survives a reload, is cancelled and then completed', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openIssue(page);
  // The screen reopens on the previous test's finished run: start a new list from there.
  const again = page.getByRole('button', { name: 'Issue another list' });
  await expect(
    again.or(page.getByText('Drop a CSV file here, or click to choose one')),
  ).toBeVisible();
  if (await again.isVisible()) await again.click();
  const rows = Array.from({ length: 3000 }, (_, i) => `marcheur.${i}@example.org,Marcheur ${i}`);
  await page
    .locator('input[type=file]')
    .setInputFiles(csvFile('liste.csv', `Contact,Qui\n${rows.join('\n')}\n`));
  await expect(page.getByText('Badgesmith does not recognise the column names')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Issue to/ })).toBeDisabled();
  await page.getByLabel('Column “Contact” holds').selectOption('email');
  await page.getByLabel('Column “Qui” holds').selectOption('name');
  await expect(page.getByRole('button', { name: 'Issue to 3,000 people' })).toBeEnabled();
  await chooseOb3DiPng(page);
  await page.getByRole('button', { name: 'Issue to 3,000 people' }).click();

  const bar = page.getByRole('progressbar', { name: 'Issuing progress' });
  await expect(bar).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.reload();
  await expect(bar).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Issuing Premiers secours en montagne' }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/app/issue-progress-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: /^Cancelled\./ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(/rows? not reached/)).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/issue-cancelled-en.png', fullPage: true });

  // The reload dropped the file: drop it again, map the columns again, and issue the rest.
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles(csvFile('liste.csv', `Contact,Qui\n${rows.join('\n')}\n`));
  await page.getByLabel('Column “Contact” holds').selectOption('email');
  await chooseOb3DiPng(page);
  await page.getByRole('button', { name: 'Issue to 3,000 people' }).click();
  await expect(
    page.getByRole('heading', { name: 'Done: Premiers secours en montagne issued.' }),
  ).toBeVisible({ timeout: 120_000 });
  const counts = page.locator('.result-counts');
  const number = (pattern: RegExp, text: string) =>
    Number(pattern.exec(text)?.[1]?.replace(/\D/g, ''));
  const text = await counts.innerText();
  const issued = number(/([\d,]+) (?:people|person) got/, text);
  const already = number(/([\d,]+) (?:people|person) already/, text);
  expect(issued + already).toBe(3000);
  expect(already).toBeGreaterThan(0);
});
