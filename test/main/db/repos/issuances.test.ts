import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertBadge } from '../../../../main/db/repos/badges.js';
import { ensureBatch } from '../../../../main/db/repos/batches.js';
import { findBatchRow, findBatchRows, insertIssuance } from '../../../../main/db/repos/issuances.js';
import { createIssuer, createWorkspace } from '../../../../main/services/workspace.js';
import { tempDir } from '../../../cli/helpers.js';

describe('findBatchRows', () => {
  const ws = createWorkspace(join(tempDir('bs-issuances-'), 'ws'), { clock: () => new Date('2026-05-01T12:00:00Z') });
  afterAll(() => ws.close());
  createIssuer(ws, { name: 'A', url: 'https://a.example.org/', siteUrl: 'https://badges.example.org/a/' });
  insertBadge(ws.db, {
    id: 'b', name: 'B', description: 'B.', criteriaNarrative: 'B.', criteriaUrl: null, image: null, tags: [], alignments: [],
    achievementType: 'Badge', expiresAfter: null, formats: ['ob3-di'], showRecipientName: false, endorsements: [],
    created: '2026-05-01T12:00:00Z', updated: '2026-05-01T12:00:00Z',
  });
  for (const batch of ['batch-1', 'batch-2']) ensureBatch(ws.db, { id: batch, badgeId: 'b', source: 'x.csv', formats: ['ob3-di', 'ob2-hosted'], created: '2026-05-01T12:00:00Z' });
  const add = (id: string, batchId: string, rowKey: string, format: 'ob3-di' | 'ob2-hosted') =>
    insertIssuance(ws.db, {
      id, credentialId: `urn:uuid:${id}`, badgeId: 'b', recipientId: null, format, keyId: null, issuedOn: '2026-05-01T12:00:00Z',
      validUntil: null, statusList: null, statusIndex: null, batchId, rowKey, created: '2026-05-01T12:00:00Z',
    });
  add('i1', 'batch-1', 'k1', 'ob3-di');
  add('i2', 'batch-1', 'k1', 'ob2-hosted');
  add('i3', 'batch-1', 'k2', 'ob3-di');
  add('i4', 'batch-2', 'k3', 'ob3-di');

  it('finds every format of the given row keys of one batch, as findBatchRow does one at a time', () => {
    const found = findBatchRows(ws.db, 'batch-1', ['k1', 'k2', 'k3', 'missing']);
    expect([...found.keys()].sort()).toEqual(['k1\nob2-hosted', 'k1\nob3-di', 'k2\nob3-di']);
    expect(found.get('k1\nob3-di')).toEqual(findBatchRow(ws.db, 'batch-1', 'k1', 'ob3-di'));
    expect(findBatchRows(ws.db, 'batch-2', ['k1', 'k3']).get('k3\nob3-di')?.id).toBe('i4');
    expect(findBatchRows(ws.db, 'batch-1', []).size).toBe(0);
  });
});
