import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SVGS } from '../fixtures/hostile-svg/index.js';
import { badgesmith, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'artwork-test-passphrase' };

describe('badge add --image with hostile SVG artwork (built CLI)', () => {
  const root = tempDir('bs-artwork-cli-');
  const ws = join(root, 'ws');

  beforeAll(() => {
    const run = badgesmith(['init', '--name', 'Atelier', '--url', 'https://atelier.example.org', '--site-url', 'https://badges.example.org/atelier', '--workspace', ws, '--json'], { env });
    expect(run.status).toBe(0);
  });

  it('stores the sanitised SVG and says on stderr what was removed, keeping stdout one JSON document', () => {
    const file = join(root, 'meta-refresh.svg');
    writeFileSync(file, HOSTILE_SVGS.find((h) => h.name === 'xhtml-meta-refresh')!.text);
    const run = badgesmith(['badge', 'add', '--name', 'Soudure', '--description', 'd', '--criteria', 'c', '--image', file, '--workspace', ws, '--json'], { env });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'soudure', image: 'soudure.svg' });
    expect(run.stderr).toBe(`${file}: Removed content that is not plain SVG drawing: meta.\n`);
    const stored = readFileSync(join(ws, 'artwork', 'soudure.svg'), 'utf8');
    expect(stored).not.toContain('evil.example');
    expect(stored).toContain('<rect id="body"');
  });

  it('says nothing about a clean SVG', () => {
    const file = join(root, 'clean.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>');
    const run = badgesmith(['badge', 'add', '--name', 'Propre', '--description', 'd', '--criteria', 'c', '--image', file, '--workspace', ws], { env });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('refuses an SVG nested 80,000 deep with ERR_SVG_TOO_DEEP, storing nothing', () => {
    const file = join(root, 'deep.svg');
    writeFileSync(file, `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(80_000)}${'</g>'.repeat(80_000)}</svg>`);
    const run = badgesmith(['badge', 'add', '--name', 'Profond', '--description', 'd', '--criteria', 'c', '--image', file, '--workspace', ws], { env });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^ERR_SVG_TOO_DEEP: /);
    expect(badgesmith(['badge', 'list', '--workspace', ws, '--json'], { env }).stdout).not.toContain('profond');
  });
});
