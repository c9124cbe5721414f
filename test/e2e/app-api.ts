/** Calls a channel from inside the page, through the same loopback API the UI uses (for setting up a spec). */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startAppServer, type AppServer } from './app-server.js';

export async function callInPage<T>(page: Page, channel: string, request: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([name, body]) => {
      const token = sessionStorage.getItem('badgesmith.token') ?? '';
      const response = await fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-badgesmith-token': token },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    [channel, request] as const,
  );
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.code}`);
  return result.value as T;
}

interface Award {
  id: string;
  badge: { id: string };
  credentials: {
    id: string;
    format: string;
    revoked: boolean;
    files: { kind: string; name: string }[];
  }[];
}

/** A baked PNG of the sample: the OB 3.0 credential of `person`'s `badgeId` award. */
export async function samplePng(
  page: Page,
  person: string,
  badgeId: string,
): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const list = await callInPage<{ people: { awards: { id: string; badge: { id: string } }[] }[] }>(
    page,
    'people.list',
    { search: person },
  );
  const summary = list.people[0]!.awards.find((award) => award.badge.id === badgeId)!;
  const award = await callInPage<Award>(page, 'people.award', { awardId: summary.id });
  const credential = award.credentials.find((c) => c.format === 'ob3-di')!;
  const file = await callInPage<{ name: string; base64: string }>(page, 'people.download', {
    awardId: award.id,
    credential: credential.id,
    kind: 'png',
  });
  return { name: file.name, mimeType: 'image/png', buffer: Buffer.from(file.base64, 'base64') };
}

/** axe on the page as it is now: no serious or critical violation. */
export async function noSeriousViolations(page: Page): Promise<void> {
  // Frames are left out: the app frames only previews of the site's own pages (checked by site-phone.spec.ts),
  // and a sandboxed preview without scripts cannot host axe; legacy mode runs in the page itself, with no
  // helper page (opening one hung beside the sandboxed preview).
  const { violations } = await new AxeBuilder({ page })
    .options({ iframes: false })
    .setLegacyMode()
    .analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/**
 * Goes to the app and lands on Home with the sample open: waits for the first screen to paint (Welcome or Home)
 * before deciding, since the sample button only exists once the app knows no workspace is open.
 */
export async function openSampleHome(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(
    page.getByRole('heading', { name: /^(Welcome to Badgesmith|Home)$/, level: 1 }),
  ).toBeVisible({ timeout: 60_000 });
  const sample = page.getByRole('button', { name: 'Open the sample' });
  if (await sample.isVisible()) await sample.click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible({
    timeout: 90_000,
  });
}

/**
 * The app server of one spec file: started before its first test and stopped after its last. Its
 * properties are read when a test runs (the server does not exist while the file is loaded). Here,
 * not in app-server.ts: the benches import that file, and must not load Playwright (~70 MB) with it.
 */
export function appServerForFile(env: Record<string, string> = {}): AppServer {
  let started: AppServer | undefined;
  test.beforeAll(async () => {
    started = await startAppServer(env);
  });
  test.afterAll(async () => {
    await started?.stop();
  });
  const current = (): AppServer => {
    if (!started) throw new Error('The app server starts in beforeAll: read it inside a test.');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get origin() {
      return current().origin;
    },
    get token() {
      return current().token;
    },
    get appDir() {
      return current().appDir;
    },
    get workspaceDir() {
      return current().workspaceDir;
    },
    stop: () => current().stop(),
  };
}
