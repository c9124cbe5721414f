/** bake refuses active SVG artwork and warns about unsigned credentials; unbake of an unbaked image is a negative answer (exit 1). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

describe('bake and unbake say what to do', () => {
  let dir: string;
  let unsigned: string;
  let clean: string;
  beforeAll(() => {
    dir = tempDir();
    unsigned = join(dir, 'unsigned.json');
    writeFileSync(unsigned, JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }));
    clean = join(dir, 'clean.svg');
    writeFileSync(clean, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>');
  });

  it.each([
    ['a script', '<script>alert(1)</script>'],
    ['an event handler', '<circle r="2" onclick="alert(1)"/>'],
    ['an outside image', '<image href="https://tracker.example/p.png" width="1" height="1"/>'],
  ])('refuses SVG artwork with %s (ERR_SVG_UNSAFE, exit 2, nothing written)', (_what, element) => {
    const svg = join(dir, 'active.svg');
    writeFileSync(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${element}<circle r="4"/></svg>`);
    const out = join(dir, 'refused.svg');
    const run = badgesmith(['bake', '--image', svg, '--credential', unsigned, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ERR_SVG_UNSAFE: .*badge add --image/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('bakes an unsigned credential with a warning that it will not verify', () => {
    const out = join(dir, 'baked.svg');
    const run = badgesmith(['bake', '--image', clean, '--credential', unsigned, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^Warning: .*has no proof.*badgesmith sign/);
  });

  it('unbake of an image with no badge: ERR_NOT_BAKED with the fix, exit 1 (also with --json)', () => {
    const run = badgesmith(['unbake', clean]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^ERR_NOT_BAKED: .*choose the baked image/);
    const json = badgesmith(['unbake', clean, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'ERR_NOT_BAKED' } });
  });
});
