// Issue 15 §1, in process: whatever fails, issueBatch has stopped its signing threads and removed
// its temporary files by the time it rejects (the CLI's exit backstop is not what ends it).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { issueBatch } from '../../../main/services/issue-batch.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { findSignWorker } from '../../../main/services/sign-pool.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { tempDir } from '../../cli/helpers.js';

const clock = () => new Date('2026-05-01T12:00:00Z');

/** Live worker threads and message ports of this process. */
function threadHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Worker' || name === 'MessagePort').length;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.skipIf(findSignWorker() === undefined)('issueBatch stops its threads on every way out', () => {
  const root = tempDir('bs-issue-ends-');
  let ws: Workspace;
  let keystore: Keystore;

  beforeAll(async () => {
    ws = createWorkspace(join(root, 'ws'), { clock });
    createIssuer(ws, { name: 'Amicale', url: 'https://amicale.example.org/', siteUrl: 'https://badges.example.org/amicale/' });
    keystore = await initKeystore(ws, 'pw', { cost: { N: 2 ** 10 } });
    insertBadge(ws.db, {
      id: 'secourisme', name: 'Secourisme', description: 'Gestes.', criteriaNarrative: 'Présence.', criteriaUrl: null, image: null, tags: [], alignments: [],
      achievementType: 'Certificate', expiresAfter: null, formats: ['ob3-di'], showRecipientName: false, endorsements: [],
      created: '2026-05-01T12:00:00Z', updated: '2026-05-01T12:00:00Z',
    });
  });

  const cases: [string, () => string, string][] = [
    ['a CSV path with a typo', () => join(root, 'nope.csv'), 'ERR_FILE_NOT_FOUND'],
    ['a CSV path that is a folder', () => (mkdirSync(join(root, 'folder.csv'), { recursive: true }), join(root, 'folder.csv')), 'ERR_FILE_IS_DIRECTORY'],
    // Fails after the threads have started: the header has no e-mail column.
    ['a CSV without an e-mail column', () => (writeFileSync(join(root, 'bad.csv'), 'prenom\nAda\n'), join(root, 'bad.csv')), 'ERR_CSV'],
  ];
  it.each(cases)('%s: rejects with its code, no thread left, no temporary file', async (_name, csvPath, code) => {
    const before = threadHandles();
    const out = join(root, `out-${code}`);
    const error = await issueBatch(ws, keystore, { badgeId: 'secourisme', csvPath: csvPath(), formats: ['ob3-di'], bake: [], outDir: out }).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).toMatch(new RegExp(`^${code}`));
    await settle();
    expect(threadHandles()).toBe(before);
    const left = [...readdirSafe(out), ...readdirSafe(join(out, 'secourisme')), ...readdirSafe(root)].filter((name) => name.endsWith('.tmp') || name === 'issue.lock');
    expect(left).toEqual([]);
    expect(readdirSafe(join(root, 'ws'))).not.toContain('issue.lock');
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
