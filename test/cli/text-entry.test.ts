import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

const env = { BADGESMITH_PASSPHRASE: 'une phrase secrète', BADGESMITH_NOW: '2026-05-01T12:00:00Z' };

describe('names and texts are checked when entered (built CLI)', () => {
  it('init refuses an escape sequence in the issuer name before creating anything; a retry works', () => {
    const ws = join(tempDir('bs-text-cli-'), 'ws');
    const site = ['--url', 'https://amicale.example.org', '--site-url', 'https://badges.example.org/amicale', '--workspace', ws];
    const bad = badgesmith(['init', '--name', 'Ami\u001b[31mcale', ...site], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^ERR_TEXT_INVALID: The issuer name contains a control character, U\+001B \(ESCAPE\), at position 4/);
    expect(existsSync(join(ws, 'badgesmith.db'))).toBe(false);
    expect(badgesmith(['init', '--name', 'Amicale', ...site], { env }).status).toBe(0);

    const add = badgesmith(['badge', 'add', '--name', 'Bad\u0001Name', '--description', 'd', '--criteria', 'c', '--workspace', ws], { env });
    expect(add.status).toBe(2);
    expect(add.stderr).toMatch(/^ERR_TEXT_INVALID: The badge name contains a control character, U\+0001/);
    const ok = badgesmith(['badge', 'add', '--name', 'Secourisme', '--description', 'd', '--criteria', 'c', '--workspace', ws], { env });
    expect(ok.status, ok.stderr).toBe(0);
    const update = badgesmith(['badge', 'update', 'secourisme', '--description', 'a\u202eb', '--workspace', ws], { env });
    expect(update.status).toBe(2);
    expect(update.stderr).toMatch(/^ERR_TEXT_INVALID: The badge description contains a text-direction override/);
    const issuer = badgesmith(['issuer', 'update', '--name', 'x\u009b1m', '--workspace', ws], { env });
    expect(issuer.stderr).toMatch(/^ERR_TEXT_INVALID: /);
  }, 120_000);
});
