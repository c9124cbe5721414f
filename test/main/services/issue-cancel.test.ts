import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { listIssuances } from '../../../main/db/repos/issuances.js';
import { issueBatch } from '../../../main/services/issue-batch.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { createSignPool } from '../../../main/services/sign-pool.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { tempDir } from '../../cli/helpers.js';
import { orientationBadge } from '../badge-record.js';

const clock = () => new Date('2026-05-01T12:00:00Z');

function addBadge(ws: Workspace, id: string): void {
  insertBadge(ws.db, orientationBadge({ id }));
}

describe('issueBatch: cancel and column mapping', () => {
  const root = tempDir('bs-issue-cancel-');
  let ws: Workspace;
  let keystore: Keystore;

  beforeAll(async () => {
    ws = createWorkspace(join(root, 'ws'), { clock });
    createIssuer(ws, {
      name: 'Club',
      url: 'https://club.example.org/',
      siteUrl: 'https://badges.example.org/club/',
      email: null,
    });
    keystore = await initKeystore(ws, 'pw', { cost: { N: 2 ** 10 } });
  });

  it('stops taking rows when cancelled, and a re-run issues every remaining row exactly once', async () => {
    addBadge(ws, 'orientation');
    const csv = join(root, 'forty.csv');
    const emails = Array.from({ length: 40 }, (_, i) => `coureur.${i}@example.org`);
    writeFileSync(csv, `email,nom\n${emails.map((e, i) => `${e},Coureur ${i}`).join('\n')}\n`);
    const out = join(root, 'out');
    const controller = new AbortController();
    const options = {
      badgeId: 'orientation',
      csvPath: csv,
      formats: ['ob3-di', 'ob2-hosted'] as const,
      bake: [] as const,
      outDir: out,
      chunkSize: 4,
    };
    const cancelled = await issueBatch(ws, keystore, {
      ...options,
      formats: [...options.formats],
      bake: [],
      signPool: createSignPool({ size: 0 }),
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.rows >= 4) controller.abort();
      },
    });
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.issued).toBeGreaterThanOrEqual(4);
    expect(cancelled.issued).toBeLessThan(40);
    // Whatever the cancelled run started, it finished: nothing is left pending.
    expect(listIssuances(ws.db, { badgeId: 'orientation' }).every((i) => i.state === 'done')).toBe(
      true,
    );

    const rerun = await issueBatch(ws, keystore, {
      ...options,
      formats: [...options.formats],
      bake: [],
      signPool: createSignPool({ size: 0 }),
    });
    expect(rerun).toMatchObject({
      cancelled: false,
      rowsRead: 40,
      alreadyIssued: cancelled.issued,
      issued: 40 - cancelled.issued,
      rejected: 0,
    });
    const issuances = listIssuances(ws.db, { badgeId: 'orientation' });
    expect(issuances).toHaveLength(80);
    expect(issuances.every((i) => i.state === 'done')).toBe(true);
    const perRow = new Map<string, string[]>();
    for (const issuance of issuances) {
      perRow.set(issuance.rowKey ?? '', [
        ...(perRow.get(issuance.rowKey ?? '') ?? []),
        issuance.format,
      ]);
    }
    expect(perRow.size).toBe(40);
    expect(
      [...perRow.values()].every((formats) => formats.sort().join() === 'ob2-hosted,ob3-di'),
    ).toBe(true);
    expect(new Set(issuances.map((i) => i.credentialId)).size).toBe(80);
  });

  it('issues from a header it does not recognise once its columns are given by hand', async () => {
    addBadge(ws, 'cartes');
    const csv = join(root, 'odd.csv');
    writeFileSync(csv, 'Contact;Qui\nada@example.org;Ada\nbob@example.org;Bob\n');
    const base = {
      badgeId: 'cartes',
      csvPath: csv,
      formats: ['ob3-di' as const],
      bake: [],
      outDir: join(root, 'out-odd'),
      signPool: createSignPool({ size: 0 }),
    };
    await expect(issueBatch(ws, keystore, base)).rejects.toMatchObject({
      code: 'ERR_CSV_NO_RECIPIENT_COLUMN',
    });
    const summary = await issueBatch(ws, keystore, {
      ...base,
      signPool: createSignPool({ size: 0 }),
      columns: [
        { column: 'contact', field: 'email' },
        { column: 1, field: 'name' },
      ],
    });
    expect(summary).toMatchObject({ issued: 2, rejected: 0, cancelled: false });
  });
});
