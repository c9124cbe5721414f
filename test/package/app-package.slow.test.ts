/**
 * SLOW (about 30–90 s): packages the app with electron-builder (`--linux dir`) against a stand-in
 * Electron distribution (no download: electronDist points at a folder holding a fake `electron`
 * executable; STACK.md §2), then reads the asar's own index to check what a user would receive:
 * the built app, its production dependencies and unpacked native addons; no sources, tests or
 * development tools. The stand-in cannot run, so this checks the package's contents, not the app.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let work: string;
let unpacked: string;
let files: Map<string, { size: number; unpacked: boolean }>;

interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number;
  unpacked?: boolean;
}

/** The asar header: a pickled size, then a pickled JSON tree of every file. */
function listAsar(path: string): Map<string, { size: number; unpacked: boolean }> {
  const fd = openSync(path, 'r');
  try {
    const prefix = Buffer.alloc(16);
    readSync(fd, prefix, 0, 16, 0);
    const length = prefix.readUInt32LE(12);
    const header = Buffer.alloc(length);
    readSync(fd, header, 0, length, 16);
    const list = new Map<string, { size: number; unpacked: boolean }>();
    const walk = (node: AsarNode, dir: string) => {
      for (const [name, child] of Object.entries(node.files ?? {})) {
        const path = dir ? `${dir}/${name}` : name;
        if (child.files) walk(child, path);
        else list.set(path, { size: child.size ?? 0, unpacked: child.unpacked === true });
      }
    };
    walk(JSON.parse(header.toString('utf8')) as AsarNode, '');
    return list;
  } finally {
    closeSync(fd);
  }
}

beforeAll(() => {
  if (
    !existsSync(join(ROOT, 'out', 'renderer', 'index.html')) ||
    !existsSync(join(ROOT, 'out', 'preload.cjs'))
  ) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }
  work = mkdtempSync(join(tmpdir(), 'bs-package-'));
  const dist = join(work, 'electron-dist');
  mkdirSync(dist);
  writeFileSync(
    join(dist, 'electron'),
    '#!/bin/sh\necho "stand-in Electron, not a real one" >&2\nexit 3\n',
  );
  chmodSync(join(dist, 'electron'), 0o755);
  const run = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'electron-builder'),
    [
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${dist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'release')}`,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' },
    },
  );
  if (run.status !== 0) {
    throw new Error(`electron-builder failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  unpacked = join(work, 'release', 'linux-unpacked');
  files = listAsar(join(unpacked, 'resources', 'app.asar'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const paths = () => [...files.keys()];

describe('the packaged app (electron-builder --dir, stand-in Electron)', () => {
  it('is named Badgesmith and holds one app.asar', () => {
    expect(readdirSync(unpacked).sort()).toEqual(['badgesmith', 'resources']);
    expect(existsSync(join(unpacked, 'resources', 'app.asar'))).toBe(true);
  });

  it('holds the built app: main, preload, UI and package.json', () => {
    for (const file of [
      'out/main.js',
      'out/preload.cjs',
      'out/renderer/index.html',
      'out/serve.js',
      'out/cli.js',
      'out/sign-worker.js',
      'out/verify-worker.js',
      'package.json',
    ]) {
      expect(files.has(file), file).toBe(true);
    }
    expect(paths().some((p) => /^out\/renderer\/assets\/.+\.js$/.test(p))).toBe(true);
  });

  it('holds no sources, tests, benchmarks, source maps or configuration', () => {
    const ours = paths().filter((p) => !p.startsWith('node_modules/'));
    expect(ours.filter((p) => /\.(ts|tsx|mts|cts)$/.test(p))).toEqual([]);
    expect(ours.filter((p) => /\.map$/.test(p))).toEqual([]);
    const topLevel = new Set(ours.map((p) => p.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['out', 'package.json']);
    expect(files.has('out/bench.js')).toBe(false);
  });

  it('carries production dependencies only: React is bundled, dev tools are absent', () => {
    const modules = new Set(
      paths()
        .filter((p) => p.startsWith('node_modules/'))
        .map((p) =>
          p
            .split('/')
            .slice(0, p.split('/')[1]!.startsWith('@') ? 3 : 2)
            .join('/'),
        ),
    );
    for (const dep of ['better-sqlite3', 'jose', 'valibot', 'electron-store', '@resvg/resvg-js']) {
      expect(modules.has(`node_modules/${dep}`), dep).toBe(true);
    }
    for (const dev of [
      'vitest',
      'vite',
      'electron',
      'electron-builder',
      'typescript',
      'eslint',
      'esbuild',
      '@playwright/test',
      'playwright',
      'react',
      'react-dom',
      'radix-ui',
      'i18next',
      'smtp-server',
      'fast-check',
    ]) {
      expect(modules.has(`node_modules/${dev}`), dev).toBe(false);
    }
  });

  it('unpacks the native addons next to the asar, and drops SQLite’s sources', () => {
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(files.get(addon)?.unpacked).toBe(true);
    expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', addon))).toBe(true);
    expect(
      paths()
        .filter((p) => p.endsWith('.node'))
        .every((p) => files.get(p)!.unpacked),
    ).toBe(true);
    expect(paths().some((p) => p.startsWith('node_modules/better-sqlite3/deps/'))).toBe(false);
    expect(files.has('node_modules/lucide-static/icon-nodes.json')).toBe(true);
    expect(files.has('node_modules/lucide-static/tags.json')).toBe(true);
  });
});
