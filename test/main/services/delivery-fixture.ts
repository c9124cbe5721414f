/** A workspace with issued, baked awards, for the delivery tests (service and CLI). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertBadge, type BadgeClass } from '../../../main/db/repos/badges.js';
import { issueBatch, type IssueSummary } from '../../../main/services/issue-batch.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { createSignPool } from '../../../main/services/sign-pool.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { badgeRecord } from '../badge-record.js';

export const SITE_URL = 'https://badges.example.org/amicale/';
export const PASSPHRASE = 'pw';

export interface DeliveryFixture {
  workspace: Workspace;
  keystore: Keystore;
  out: string;
  issue: (csv: string, badgeId?: string) => Promise<IssueSummary>;
}

export function badgeClass(id: string, name: string): BadgeClass {
  return badgeRecord(id, { name, formats: ['ob3-di', 'ob2-hosted'], showRecipientName: true });
}

export async function createDeliveryFixture(
  root: string,
  options: { language?: 'en' | 'fr'; clock?: () => Date } = {},
): Promise<DeliveryFixture> {
  const workspace = createWorkspace(join(root, 'ws'), {
    clock: options.clock ?? (() => new Date('2026-05-01T12:00:00Z')),
  });
  createIssuer(workspace, {
    name: 'Amicale des Secouristes',
    url: 'https://amicale.example.org/',
    siteUrl: SITE_URL,
    email: 'contact@amicale.example.org',
    language: options.language ?? 'fr',
  });
  const keystore = await initKeystore(workspace, PASSPHRASE, { cost: { N: 2 ** 10 } });
  insertBadge(workspace.db, badgeClass('premiers-secours', 'Premiers secours'));
  insertBadge(workspace.db, badgeClass('guide', 'Guide bénévole'));
  const out = join(root, 'issued');
  const pool = createSignPool({ size: 0 });
  let n = 0;
  const issue = (csv: string, badgeId = 'premiers-secours') => {
    const path = join(root, `people-${(n += 1)}.csv`);
    writeFileSync(path, csv);
    return issueBatch(workspace, keystore, {
      badgeId,
      csvPath: path,
      formats: ['ob3-di', 'ob2-hosted'],
      bake: ['png'],
      outDir: out,
      signPool: pool,
    });
  };
  return { workspace, keystore, out, issue };
}
