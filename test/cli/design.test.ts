import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

describe('badgesmith design (built CLI)', () => {
  const dir = tempDir('bs-design-cli-');
  const design = join(dir, 'medal.badgesmith.json');

  it('starts from a template and renders a PNG of the asked size and an SVG master', () => {
    expect(badgesmith(['design', 'new', '--template', 'round-volunteer', '--language', 'fr', '--out', design]).status).toBe(0);
    const png = join(dir, 'medal.png');
    const run = badgesmith(['design', 'render', '--design', design, '--out', png, '--size', '200', '--field', 'recipient.name=Anaïs Noël', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'png' });
    const image = PNG.sync.read(readFileSync(png));
    expect([image.width, image.height]).toEqual([200, 200]);
    const svg = join(dir, 'medal.svg');
    expect(badgesmith(['design', 'render', '--design', design, '--out', svg]).status).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [^>]*><title>Round, personalised<\/title>/);
  });

  it('refuses a bad design file, an unknown field and a bad size with their codes (exit 2)', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schemaVersion": 2, "id": "x", "layers": {}}');
    const invalid = badgesmith(['design', 'render', '--design', bad, '--out', join(dir, 'x.png')]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^ERR_DESIGN_INVALID: .*bad\.json/);
    writeFileSync(bad, 'not json');
    expect(badgesmith(['design', 'render', '--design', bad, '--out', join(dir, 'x.png')]).stderr).toMatch(/^ERR_DESIGN_INVALID/);
    expect(badgesmith(['design', 'render', '--design', design, '--out', join(dir, 'x.png'), '--field', 'email=a@b']).stderr).toMatch(/^ERR_USAGE/);
    expect(badgesmith(['design', 'render', '--design', design, '--out', join(dir, 'x.png'), '--size', '5000']).stderr).toMatch(/^ERR_DESIGN_SIZE_INVALID/);
    expect(badgesmith(['design', 'render', '--design', design, '--out', join(dir, 'x.gif')]).stderr).toMatch(/^ERR_USAGE/);
  });
});
