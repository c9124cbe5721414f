/** Steps shared by the app's specs: a new association made through the welcome wizard, and the axe check. */
import { expect, type Page } from '@playwright/test';
import type { AppServer } from './app-server.js';

export const ASSOCIATION_PASSPHRASE = 'correct horse battery staple';

/** Welcome → Create my association → the wizard, in English; lands on Home with the keys unlocked. */
export async function createAssociation(
  page: Page,
  server: AppServer,
  name = 'Randonneurs du Vercors',
): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Create my association' }).click();
  await page.getByLabel('Association name').fill(name);
  await page.getByLabel('Association website').fill('https://randonneurs.example.org/');
  await page
    .getByLabel('Address of the badge site')
    .fill('https://randonneurs.example.org/badges/');
  await page.getByLabel('Contact e-mail (optional)').fill('contact@randonneurs.example.org');
  await page.getByLabel('Language of badges and site').selectOption('en');
  await page.getByLabel('Passphrase (at least 8 characters)').fill(ASSOCIATION_PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(ASSOCIATION_PASSPHRASE);
  await page.getByRole('button', { name: 'Create the association' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible({
    timeout: 60_000,
  });
}

/** axe on the page as it is now: no serious or critical violation. */
export { noSeriousViolations as expectNoSeriousViolations } from './app-api.js';

export const HOSTILE_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" onload="alert(1)">' +
    '<script>alert(2)</script><circle cx="64" cy="64" r="60" fill="#1e40af"/>' +
    '<circle cx="64" cy="64" r="40" fill="#facc15"/><text x="64" y="74" font-size="28" text-anchor="middle" fill="#1e3a8a">RV</text></svg>',
);
