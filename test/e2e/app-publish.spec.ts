import { expect, test } from '@playwright/test';
import { appServerForFile, callInPage, noSeriousViolations, openSampleHome } from './app-api.js';

const server = appServerForFile();

test('Publish: build the site with progress, see what changed, preview it inside the app; in French', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openSampleHome(page, server.url);
  // A change to publish: one award revoked (the People screen's own spec does it through the UI).
  const list = await callInPage<{ people: { awards: { id: string }[] }[] }>(page, 'people.list', {
    search: 'françois',
  });
  await callInPage(page, 'people.revoke', {
    awardId: list.people[0]!.awards[0]!.id,
    reason: 'Erreur.',
  });

  await page.getByRole('navigation').getByRole('link', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { name: 'Publish', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Last built on /)).toBeVisible();
  await noSeriousViolations(page);

  // Remember every progress bar and progress sentence the build shows, however quick it is.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar]');
      if (bar) seen.push(`bar:${bar.getAttribute('aria-label') ?? ''}`);
      const text = document.querySelector('.build-progress [role=status]')?.textContent;
      if (text) seen.push(text);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  await page.getByRole('button', { name: 'Build the site' }).click();
  await expect(page.getByRole('heading', { name: 'What changed' })).toBeVisible({
    timeout: 60_000,
  });
  const seen = await page.evaluate(
    () => (window as unknown as { seenProgress: string[] }).seenProgress,
  );
  expect(seen).toContain('bar:Building the site');
  expect(
    seen.some((text) =>
      /Reading the workspace|Building the pages|Checking the previous site|Writing files/.test(
        text,
      ),
    ),
  ).toBe(true);

  const stats = page.locator('.build-result .stat');
  await expect(stats.filter({ hasText: 'written' })).not.toContainText(/^0/);
  await page.getByText(/^Files written/).click();
  await expect(page.locator('.path-list').first()).toContainText('status/1.json');
  await expect(page.getByText('The site is up to date.')).toBeVisible();
  await page.screenshot({ path: 'test-results/app/publish-built-en.png', fullPage: true });

  await page.getByRole('button', { name: 'Preview the site' }).click();
  const frame = page.frameLocator('iframe[title="Preview of your verification site"]');
  await expect(frame.getByRole('heading', { level: 1 })).toContainText(
    'Association des Randonneurs du Vercors',
  );
  await expect(page.getByRole('link', { name: 'Open the preview in a new tab' })).toHaveAttribute(
    'href',
    /^http:\/\/127\.0\.0\.1:\d+\/randonneurs\/$/,
  );
  await expect(page.locator('.folder-path')).toContainText('sample');
  await expect(page.getByRole('button', { name: 'Copy the path' })).toBeVisible();
  await expect(page.getByText(/^GitHub Pages: put the folder/)).toBeVisible();
  const zip = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the site as a zip' }).click();
  expect((await zip).suggestedFilename()).toBe('badgesmith-site.zip');
  await expect(page.getByText(/^The zip holds \d+ files/)).toBeVisible();
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/publish-preview-en.png', fullPage: true });

  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Publier', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Construire le site' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Ouvrir l’aperçu dans un nouvel onglet' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Construire le site' }).click();
  await expect(page.getByRole('heading', { name: 'Ce qui a changé' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('.build-result .stat').first()).toHaveText(/^écrits?\s*0$/);
  await noSeriousViolations(page);
  await page.screenshot({ path: 'test-results/app/publish-fr.png', fullPage: true });
  await page.getByRole('button', { name: 'Arrêter l’aperçu' }).click();
  await expect(page.getByRole('button', { name: 'Prévisualiser le site' })).toBeVisible({
    timeout: 15_000,
  });
});
