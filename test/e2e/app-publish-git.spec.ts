import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appServerForFile, callInPage, noSeriousViolations, openSampleHome } from './app-api.js';

const server = appServerForFile();
let remotes: string;
test.beforeAll(() => {
  remotes = mkdtempSync(join(tmpdir(), 'bs-e2e-git-'));
});
test.afterAll(() => {
  rmSync(remotes, { recursive: true, force: true });
});

const gitIn = (repo: string, ...args: string[]): string =>
  execFileSync('git', [`--git-dir=${repo}`, ...args], { encoding: 'utf8' });

test('Publish to a git repository: the first publish adds the site, then nothing changes, an error says what to fix, a revocation publishes only what changed; in French', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const remote = join(remotes, 'site.git');
  execFileSync('git', ['init', '--quiet', '--bare', remote]);
  await openSampleHome(page, server.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { name: 'Publish to a git repository' })).toBeVisible();
  const address = page.getByLabel('Repository address');
  await expect(page.getByLabel('Branch')).toHaveValue('gh-pages');
  await expect(page.getByText(/^GitLab Pages:/)).toBeVisible();
  await expect(page.getByText(/^Codeberg Pages:/)).toBeVisible();

  await address.fill(remote);
  await page.getByRole('button', { name: 'Build and publish' }).click();
  await expect(page.getByRole('heading', { name: 'Published', level: 3 })).toBeVisible({
    timeout: 90_000,
  });
  const files = gitIn(remote, 'ls-tree', '-r', '--name-only', 'gh-pages').trim().split('\n');
  expect(files).toContain('index.html');
  const commit = gitIn(remote, 'rev-parse', 'gh-pages').trim();
  await expect(page.getByRole('status').filter({ hasText: 'Published on gh-pages' })).toContainText(
    commit.slice(0, 12),
  );
  const stats = page.locator('#publish-git ~ * .stat, section:has(#publish-git) .stat');
  await expect(stats.filter({ hasText: 'files added' })).toContainText(String(files.length));
  await expect(stats.filter({ hasText: 'files deleted' })).toContainText('0');
  await noSeriousViolations(page);
  await page.locator('section:has(#publish-git)').screenshot({
    path: 'test-results/app/publish-git-en.png',
  });

  await page.getByRole('button', { name: 'Build and publish' }).click();
  await expect(
    page.getByText(/^Nothing changed: .* \(gh-pages\) already holds this site\.$/),
  ).toBeVisible({
    timeout: 90_000,
  });
  expect(gitIn(remote, 'rev-list', '--count', 'gh-pages').trim()).toBe('1');

  // An address with no repository: the sentence says what to do, the typed address stays.
  const missing = join(remotes, 'missing.git');
  await address.fill(missing);
  await page.getByRole('button', { name: 'Build and publish' }).click();
  const alert = page.locator('section:has(#publish-git)').getByRole('alert');
  await expect(alert).toContainText('There is no git repository at that address', {
    timeout: 90_000,
  });
  await expect(alert).toContainText('ERR_PUBLISH_GIT_NOT_REPOSITORY');
  await expect(address).toHaveValue(missing);
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await noSeriousViolations(page);
  await page.locator('section:has(#publish-git)').screenshot({
    path: 'test-results/app/publish-git-error-en.png',
  });

  // A revocation, then the same publish in French: only what changed goes.
  const list = await callInPage<{ people: { awards: { id: string }[] }[] }>(page, 'people.list', {
    search: 'françois',
  });
  await callInPage(page, 'people.revoke', {
    awardId: list.people[0]!.awards[0]!.id,
    reason: 'Erreur.',
  });
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Publier dans un dépôt git' })).toBeVisible();
  const adresse = page.getByLabel('Adresse du dépôt');
  await adresse.fill(remote);
  await page.getByRole('button', { name: 'Construire et publier' }).click();
  await expect(page.getByRole('heading', { name: 'Publié', level: 3 })).toBeVisible({
    timeout: 90_000,
  });
  expect(gitIn(remote, 'rev-list', '--count', 'gh-pages').trim()).toBe('2');
  const changed = gitIn(remote, 'diff', '--name-only', 'gh-pages~1', 'gh-pages').trim().split('\n');
  expect(changed).toContain('status/1.json');
  expect(changed.length).toBeLessThan(files.length / 4);
  await expect(stats.filter({ hasText: /fichiers? modifiés?/ })).toContainText(
    String(changed.length),
  );
  await expect(page.getByText(/^GitHub Pages : créez un dépôt/)).toBeVisible();
  await noSeriousViolations(page);
  await page.locator('section:has(#publish-git)').screenshot({
    path: 'test-results/app/publish-git-fr.png',
  });

  // The address and branch are remembered for the workspace.
  await page.reload();
  await expect(page.getByLabel('Adresse du dépôt')).toHaveValue(remote, { timeout: 60_000 });
  await expect(page.getByLabel('Branche')).toHaveValue('gh-pages');
});
