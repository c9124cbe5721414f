import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgesmith, tempDir } from './helpers.js';

describe('the issuer Profile inside credentials is the one the site publishes', () => {
  it('every OB 3.0 Data Integrity credential of the demo embeds exactly issuer.json (without @context)', () => {
    const dir = tempDir('badgesmith-profile-');
    expect(badgesmith(['demo', '--out', dir]).status).toBe(0);
    const { '@context': _context, ...published } = JSON.parse(readFileSync(join(dir, 'site', 'issuer.json'), 'utf8')) as Record<string, unknown>;
    const credentials = readdirSync(join(dir, 'credentials'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => JSON.parse(readFileSync(join(entry.parentPath, entry.name), 'utf8')) as Record<string, unknown>)
      .filter((credential) => Array.isArray(credential.type) && credential.type.includes('OpenBadgeCredential'));
    expect(credentials.length).toBeGreaterThanOrEqual(5);
    for (const credential of credentials) expect(credential.issuer).toEqual(published);
  });
});
