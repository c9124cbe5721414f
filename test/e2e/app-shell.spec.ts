import { expect, test } from '@playwright/test';
import { appServerForFile } from './app-api.js';

const server = appServerForFile();

test('first run offers the sample; the sample opens on Home with its counts, in English and French', async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Badgesmith' })).toBeVisible();
  await page.getByRole('button', { name: 'Open the sample' }).click();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('people', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/app/home-en.png', fullPage: true });
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Accueil' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Accueil' })).toBeVisible();
  await page.getByLabel('Langue').selectOption('en');

  // Switch workspace: back to the welcome screen, where the sample is in the recent list.
  await page.getByRole('button', { name: 'Switch workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Badgesmith' })).toBeVisible();
  await page.getByRole('button', { name: /sample[\\/]workspace$/ }).click();
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unlock the keys' })).toBeVisible();
});
