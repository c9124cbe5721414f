/**
 * `designer-drag-200`: frames per second in Chromium while dragging one object across the
 * Designer's canvas among 200 layers (shapes, rim and straight text, icons), target ≥ 50. Frames
 * are counted with requestAnimationFrame in the page during the drag (a slow canvas render
 * delays them), the drag driven by real pointer events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BadgeDesign, Layer } from '../shared/design/model.js';
import { newIcon, newShape, newText } from '../renderer/designer/new-layers.js';
import { benchDir, round, type Bench } from './measure.js';

interface Server {
  child: ChildProcess;
  url: string;
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
      if (match) resolve({ child, url: match[1] as string });
    });
    child.on('exit', (code) =>
      reject(new Error(`ERR_BENCH_FAILED: out/serve.js exited with ${code}`)),
    );
  });
}

async function callApi<T>(server: Server, channel: string, body: unknown): Promise<T> {
  const url = new URL(server.url);
  const token = /token=([\w-]+)/.exec(url.hash)?.[1] ?? '';
  const response = await fetch(new URL(`/api/call/${channel}`, url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-badgesmith-token': token },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { code: string } };
  if (!result.ok) throw new Error(`ERR_BENCH_FAILED: ${channel} answered ${result.error?.code}`);
  return result.value as T;
}

/** 200 layers spread over the badge, and on top a square in the middle: the one dragged. */
function crowdedDesign(base: BadgeDesign): BadgeDesign {
  const layers: Layer[] = [];
  for (let i = 0; i < 199; i++) {
    const x = 40 + ((i * 37) % 400);
    const y = 40 + ((i * 53) % 400);
    const kind = i % 4;
    const layer =
      kind === 0
        ? { ...newShape(base, i % 8 === 0 ? 'star' : 'ellipse'), width: 48, height: 48 }
        : kind === 1
          ? { ...newText(base, `Layer ${i}`), width: 120, height: 30 }
          : kind === 2
            ? { ...newIcon(base, 'lucide:mountain', '#0f766e'), width: 40, height: 40 }
            : { ...newShape(base, 'rect'), width: 60, height: 24, rotation: (i * 13) % 90 };
    layers.push({ ...layer, x, y } as Layer);
  }
  const dragged = {
    ...newShape(base, 'rect'),
    name: 'Dragged',
    x: 216,
    y: 216,
    width: 80,
    height: 80,
  };
  return { ...base, layers: [...layers, dragged] };
}

export const designerDragBench: Bench = {
  name: 'designer-drag-200',
  async run({ quick }) {
    const scratch = benchDir('bs-bench-designer-');
    // Loaded here, not at the top: Playwright adds ~70 MB to every bench process, and rss-100k measures its own.
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    const server = await startServer(scratch.path);
    try {
      const { summary } = await callApi<{ summary: { dir: string } }>(
        server,
        'workspace.openSample',
        {},
      );
      const created = await callApi<{ document: BadgeDesign }>(server, 'designs.create', {
        template: 'round-classic',
        language: 'en',
      });
      const design = crowdedDesign(created.document);
      await callApi(server, 'designs.save', { document: design });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor({ timeout: 60_000 });
      await page.evaluate(
        ([key, id]) => {
          localStorage.setItem(key, id);
          location.hash = '#/designer';
        },
        [`badgesmith.designer.current:${summary.dir}`, design.id] as const,
      );
      await page.getByRole('toolbar', { name: 'Design tools' }).waitFor();
      // Let every layer's bitmap be drawn before measuring.
      await page.waitForTimeout(quick ? 3000 : 5000);
      const box = (await page.locator('.designer-canvas').boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const results: number[] = [];
      let longest = 0;
      for (let run = 0; run < (quick ? 2 : 4); run++) {
        await page.evaluate(() => {
          const w = window as unknown as { __frames: number[]; __counting: boolean };
          w.__frames = [];
          w.__counting = true;
          const tick = (t: number) => {
            if (!w.__counting) return;
            w.__frames.push(t);
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let step = 1; step <= 90; step++) {
          const angle = (step / 90) * Math.PI * 2;
          await page.mouse.move(cx + Math.sin(angle) * 120, cy + (1 - Math.cos(angle)) * 60);
        }
        await page.mouse.up();
        const frames = await page.evaluate(() => {
          const w = window as unknown as { __frames: number[]; __counting: boolean };
          w.__counting = false;
          return w.__frames;
        });
        const seconds = (frames.at(-1)! - frames[0]!) / 1000;
        results.push((frames.length - 1) / seconds);
        for (let i = 1; i < frames.length; i++)
          {longest = Math.max(longest, frames[i]! - frames[i - 1]!);}
      }
      const sorted = [...results].sort((a, b) => a - b);
      return {
        name: 'designer-drag-200',
        value: round(sorted[Math.floor(sorted.length / 2)]!),
        unit: 'fps',
        target_fps: 50,
        layers: design.layers.length,
        longest_frame_ms: round(longest),
        runs: results.map(round),
      };
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      await browser.close();
      scratch.remove();
    }
  },
};
