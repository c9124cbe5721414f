/**
 * `app-first-paint`: ms from the loopback server's "ready" line (npm start without Electron) to the
 * Home screen rendered in Chromium with the workspace's figures, target ≤ 1,000 ms. The browser
 * is started beforehand (its launch is not the app's); each run is a fresh server on the same app
 * folder (the sample association remembered as the last workspace) and a fresh browser context.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, round, type Bench } from './measure.js';

interface Server {
  child: ChildProcess;
  url: string;
  readyAt: number;
}

function startServer(appDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['out/serve.js'], {
    env: {
      ...process.env,
      BADGESMITH_APP_DIR: appDir,
      BADGESMITH_WORKSPACE: join(appDir, 'association'),
      BADGESMITH_NO_BROWSER: '1',
      BADGESMITH_INSECURE_TEST_KDF: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] as string, readyAt: performance.now() });
    });
    child.on('exit', (code) =>
      reject(new Error(`ERR_BENCH_FAILED: out/serve.js exited with ${code}`)),
    );
  });
}

async function stop(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

async function callApi(server: Server, channel: string): Promise<void> {
  const url = new URL(server.url);
  const token = /token=([\w-]+)/.exec(url.hash)?.[1] ?? '';
  const response = await fetch(new URL(`/api/call/${channel}`, url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-badgesmith-token': token },
    body: '{}',
  });
  const result = (await response.json()) as { ok: boolean; error?: { code: string } };
  if (!result.ok) throw new Error(`ERR_BENCH_FAILED: ${channel} answered ${result.error?.code}`);
}

export const appFirstPaintBench: Bench = {
  name: 'app-first-paint',
  async run({ quick }) {
    const scratch = benchDir('bs-bench-app-');
    // Loaded here, not at the top: Playwright adds ~70 MB to every bench process, and rss-100k measures its own.
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const setup = await startServer(scratch.path);
      await callApi(setup, 'workspace.openSample');
      await stop(setup);
      const times: number[] = [];
      for (let run = 0; run < (quick ? 3 : 7); run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const server = await startServer(scratch.path);
        try {
          await page.goto(server.url);
          await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
          await page.locator('.stats').first().waitFor();
          times.push(performance.now() - server.readyAt);
        } finally {
          await stop(server);
          await context.close();
        }
      }
      const sorted = [...times].sort((a, b) => a - b);
      return {
        name: 'app-first-paint',
        value: round(sorted[Math.floor(sorted.length / 2)] as number),
        unit: 'ms',
        target_ms: 1000,
        runs: times.map(round),
      };
    } finally {
      await browser.close();
      scratch.remove();
    }
  },
};
