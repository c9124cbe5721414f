import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importKeys, initKeystore } from '../../../main/services/keystore.js';
import { backupWorkspace } from '../../../main/services/workspace-backup.js';
import { createIssuer, createWorkspace } from '../../../main/services/workspace.js';

const root = mkdtempSync(join(tmpdir(), 'bs-keys-kind-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('keys import given a whole-workspace backup', () => {
  it('says it is a workspace backup and how to restore it, and imports nothing', async () => {
    const clock = () => new Date('2026-11-29T10:00:00Z');
    const source = createWorkspace(join(root, 'source'), { clock });
    createIssuer(source, { name: 'Randonneurs', url: 'https://r.example.org/', siteUrl: 'https://r.example.org/badges/' });
    await initKeystore(source, 'passphrase one', { cost: { N: 2 ** 10 } });
    source.close();
    const file = join(root, 'all.bsw');
    await backupWorkspace({ workspaceDir: join(root, 'source'), outFile: file, passphrase: 'passphrase one' });

    const target = createWorkspace(join(root, 'target'), { clock });
    const keysBefore = target.db.prepare('SELECT count(*) FROM keys').pluck().get();
    await expect(importKeys(target, readFileSync(file), 'passphrase one', 'other passphrase', { cost: { N: 2 ** 10 } })).rejects.toMatchObject({
      code: 'ERR_BACKUP_IS_WORKSPACE',
      message: expect.stringContaining('workspace restore'),
    });
    expect(target.db.prepare('SELECT count(*) FROM keys').pluck().get()).toBe(keysBefore);
    target.close();
  });
});
