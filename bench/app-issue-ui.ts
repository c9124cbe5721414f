/**
 * app-issue-10k-ui: 10,000 rows issued from the Issue screen in Chromium, through the loopback
 * server, as a user would (drop the CSV, choose OB 3.0 + baked PNG, press Issue, wait for the
 * result). Measures the progress events the page receives per second (target ≥ 5) and the longest
 * main-thread task in the page while issuing (PerformanceObserver 'longtask'; target ≤ 100 ms).
 */
import { startAppServer } from '../test/e2e/app-server.js';
import { round, type Bench, type BenchLine } from './measure.js';

const CHROMIUM = '/usr/bin/chromium';

declare global {
  interface Window {
    __longestTask?: number;
    __tasks?: { start: number; duration: number }[];
  }
}

function csv(rows: number): Buffer {
  const lines = ['email;nom'];
  for (let i = 0; i < rows; i++) lines.push(`participant.${i}@example.org;Participant ${i}`);
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Counts the `issue.progress` events on the same stream the page listens to. */
async function countProgressEvents(origin: string, token: string, signal: AbortSignal) {
  const seen: number[] = [];
  const response = await fetch(`${origin}/api/events`, {
    headers: { 'x-badgesmith-token': token },
    signal,
  });
  const done = (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return;
        buffer += value;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.includes('"issue.progress"')) seen.push(performance.now());
        }
      }
    } catch {
      // Aborted at the end of the measure.
    }
  })();
  return { seen, done };
}

export const appIssueUiBench: Bench = {
  name: 'app-issue-10k-ui',
  async run({ quick }): Promise<BenchLine[]> {
    const rows = quick ? 1000 : 10_000;
    const { chromium } = await import('@playwright/test');
    const server = await startAppServer();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const stopEvents = new AbortController();
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        window.__longestTask = 0;
        window.__tasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            window.__longestTask = Math.max(window.__longestTask ?? 0, entry.duration);
            window.__tasks?.push({ start: entry.startTime, duration: entry.duration });
          }
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Open the sample' }).click();
      await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 60_000 });
      await page.getByRole('navigation').getByRole('link', { name: 'Issue', exact: true }).click();

      await page.getByRole('heading', { name: 'Issue', level: 1 }).waitFor();
      await page.evaluate(() => {
        window.__longestTask = 0;
      });
      const previewStart = performance.now();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: csv(rows) });
      const issueButton = page.getByRole('button', { name: /^Issue to / });
      await issueButton.waitFor();
      const previewMs = performance.now() - previewStart;
      const previewLongest = await page.evaluate(() => window.__longestTask ?? 0);

      await page.locator('#issue-badge').selectOption('premiers-secours');
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

      const events = await countProgressEvents(server.origin, server.token, stopEvents.signal);
      const issueFrom = await page.evaluate(() => {
        window.__longestTask = 0;
        return performance.now();
      });
      const started = performance.now();
      await issueButton.click();
      await page.getByRole('heading', { name: /^Done: / }).waitFor({ timeout: 600_000 });
      const seconds = (performance.now() - started) / 1000;
      const issuingLongest = await page.evaluate(() => window.__longestTask ?? 0);
      const tasks = await page.evaluate(
        (from) => (window.__tasks ?? []).filter((t) => t.start >= from),
        issueFrom,
      );
      const people = await page.locator('.result-counts').innerText();
      stopEvents.abort();
      await events.done;
      const first = events.seen[0] ?? started;
      const last = events.seen.at(-1) ?? first;
      const span = Math.max((last - first) / 1000, 1e-3);
      const perSecond = events.seen.length > 1 ? (events.seen.length - 1) / span : 0;
      const name = quick ? 'app-issue-1k-ui' : 'app-issue-10k-ui';
      return [
        {
          name: `${name}-progress-events`,
          value: round(perSecond),
          unit: 'events/s',
          target_min: 5,
          events: events.seen.length,
          rows,
          seconds: round(seconds),
          rows_per_s: round(rows / seconds),
          result: people.replace(/\s+/g, ' ').trim(),
        },
        {
          name: `${name}-longest-task`,
          value: round(issuingLongest),
          unit: 'ms',
          target_max: 100,
          long_tasks: tasks.length,
          tasks_ms: tasks.map((t) => Math.round(t.duration)).slice(0, 20),
          preview_longest_task_ms: round(previewLongest),
          preview_ms: round(previewMs),
        },
      ];
    } finally {
      stopEvents.abort();
      await browser.close();
      await server.stop();
    }
  },
};
