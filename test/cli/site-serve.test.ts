import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgesmith, repoRoot, tempDir } from './helpers.js';

describe('badgesmith site serve', () => {
  it('prints the loopback URL of the demo site, serves its verifier page, and stops cleanly on Ctrl+C', async () => {
    const dir = tempDir('badgesmith-serve-');
    expect(badgesmith(['demo', '--out', dir]).status).toBe(0);
    const child = spawn(process.execPath, [join(repoRoot, 'bin/badgesmith.js'), 'site', 'serve', join(dir, 'site'), '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = await new Promise<{ url: string; siteUrl: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('}')) resolve(JSON.parse(out) as { url: string; siteUrl: string });
      });
      child.on('exit', (code) => reject(new Error(`site serve exited with ${code}`)));
    });
    expect(started.siteUrl).toBe('https://badges.example.org/randonneurs/');
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/randonneurs\/$/);
    const verifier = await fetch(`${started.url}verify/`);
    expect(verifier.status).toBe(200);
    expect(await verifier.text()).toContain('<script');
    const root = await fetch(new URL('/', started.url), { redirect: 'manual' });
    expect(root.status).toBe(301);
    expect(root.headers.get('location')).toBe('/randonneurs/');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a folder that is not a site and a bad port, with one line and exit 2', () => {
    const notSite = badgesmith(['site', 'serve', tempDir()]);
    expect(notSite.status).toBe(2);
    expect(notSite.stderr).toMatch(/^ERR_SITE_NOT_FOUND: .+\n$/);
    const badPort = badgesmith(['site', 'serve', tempDir(), '--port', '99999']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/^ERR_USAGE: --port/);
  });
});
