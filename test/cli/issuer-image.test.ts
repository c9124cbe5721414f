import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'issuer-image-passphrase' };

describe('issuer update --image (built CLI)', () => {
  const root = tempDir('bs-issuer-image-');
  const ws = join(root, 'ws');

  beforeAll(() => {
    const run = badgesmith(
      [
        'init',
        '--name',
        'Atelier',
        '--url',
        'https://atelier.example.org',
        '--site-url',
        'https://badges.example.org/atelier',
        '--workspace',
        ws,
        '--json',
      ],
      { env },
    );
    expect(run.status).toBe(0);
  });

  it('stores the logo cleaned, says what was removed on stderr, replaces and removes it', () => {
    const svg = join(root, 'logo.svg');
    writeFileSync(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><circle cx="5" cy="5" r="4"/></svg>',
    );
    const run = badgesmith(['issuer', 'update', '--image', svg, '--workspace', ws, '--json'], {
      env,
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ image: 'issuer.svg' });
    expect(run.stderr).toMatch(/^.*logo\.svg: .*script/);
    expect(readFileSync(join(ws, 'artwork', 'issuer.svg'), 'utf8')).not.toContain('alert');

    const none = badgesmith(['issuer', 'update', '--image', 'none', '--workspace', ws, '--json'], {
      env,
    });
    expect(JSON.parse(none.stdout)).toMatchObject({ image: null });
    expect(existsSync(join(ws, 'artwork', 'issuer.svg'))).toBe(false);
  });

  it('refuses a file that is not an image, and a bad e-mail, changing nothing', () => {
    const text = join(root, 'notes.txt');
    writeFileSync(text, 'hello');
    expect(
      badgesmith(['issuer', 'update', '--image', text, '--workspace', ws], { env }).stderr,
    ).toMatch(/^ERR_IMAGE_UNSUPPORTED/);
    expect(
      badgesmith(['issuer', 'update', '--email', 'contact@', '--workspace', ws], { env }).stderr,
    ).toMatch(/^ERR_ISSUER_EMAIL_INVALID/);
    expect(
      JSON.parse(badgesmith(['issuer', 'show', '--workspace', ws, '--json'], { env }).stdout),
    ).toMatchObject({ image: null, email: null });
  });
});
