import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

function parseOneJson(text: string): unknown {
  return JSON.parse(text);
}

describe('acceptance audit regressions', () => {
  it('--json errors still print exactly one JSON document on stdout, and one ERR_ line on stderr', () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const runs = [
      badgesmith(['issue', '--badge', 'x', '--csv', empty, '--out', join(dir, 'out'), '--workspace', join(dir, 'ws'), '--json']),
      badgesmith(['init', '--name', 'X', '--url', 'nope', '--site-url', 'https://x.example/', '--workspace', join(dir, 'ws2'), '--json']),
      badgesmith(['verify', join(dir, 'missing.png'), '--json']),
      badgesmith(['nonsense', '--json']),
    ];
    for (const run of runs) {
      expect(run.status).toBe(2);
      const doc = parseOneJson(run.stdout) as { error: { code: string; message: string } };
      expect(doc.error.code).toMatch(/^ERR_[A-Z_]+$/);
      expect(run.stderr).toBe(`${doc.error.code}: ${doc.error.message}\n`);
      expect(run.stderr).not.toContain('    at ');
    }
  });

  it('without --json an error prints nothing on stdout', () => {
    const run = badgesmith(['verify', '/nonexistent/badge.png']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ERR_[A-Z_]+: .+\n$/);
  });
});
