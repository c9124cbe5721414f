import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { peerVerify } from '../../../bench/ob3-di-fixtures.js';
import { unbake } from '../../../shared/bake/unbake.js';
import { buildDidDocument } from '../../../shared/did/web.js';
import { identityMatches } from '../../../shared/ob3/identity.js';
import { createDocumentLoader } from '../../../shared/sign/document-loader.js';
import { insertBadge, type BadgeClass } from '../../../main/db/repos/badges.js';
import { getIssuance, listIssuances } from '../../../main/db/repos/issuances.js';
import { revokedIndexes } from '../../../main/db/repos/status-lists.js';
import {
  addDuration,
  issueBatch,
  type IssueSummary,
  type RowReport,
} from '../../../main/services/issue-batch.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { revokeCredential } from '../../../main/services/revoke.js';
import { exportSite } from '../../../main/services/site-export.js';
import { createSignPool } from '../../../main/services/sign-pool.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { tempDir } from '../../cli/helpers.js';
import { badgeRecord } from '../badge-record.js';

const clock = () => new Date('2026-05-01T12:00:00Z');

function badge(id: string, extra: Partial<BadgeClass> = {}): BadgeClass {
  return badgeRecord(id, { tags: ['secourisme'], expiresAfter: 'P1Y', ...extra });
}

const CSV =
  'Courriel;Nom complet;Date d’émission;Preuve\n' +
  'elodie.lefevre@example.fr;Élodie Lefèvre;01/04/2026;https://example.org/preuve/1\n' +
  'pas-un-courriel;Jean;;\n' +
  'Francois.Muller@Example.fr;François Müller;;\n' +
  'ELODIE.LEFEVRE@example.fr;Doublon;;\n';

function decodeJws(jws: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = jws.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >,
  };
}

function verifyRs256(jws: string, jwk: Record<string, unknown>): boolean {
  const [header, payload, signature] = jws.split('.');
  return nodeVerify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' } as never),
    Buffer.from(signature!, 'base64url'),
  );
}

function readReport(summary: IssueSummary): { rows: RowReport[]; rowsRead: number } {
  return JSON.parse(readFileSync(summary.report, 'utf8')) as {
    rows: RowReport[];
    rowsRead: number;
  };
}

describe('issueBatch', () => {
  const root = tempDir('bs-issue-');
  const csv = join(root, 'participants.csv');
  const out = join(root, 'out');
  let ws: Workspace;
  let keystore: Keystore;
  let first: IssueSummary;

  beforeAll(async () => {
    writeFileSync(csv, CSV);
    ws = createWorkspace(join(root, 'ws'), { clock });
    createIssuer(ws, {
      name: 'Amicale des Secouristes',
      url: 'https://amicale.example.org/',
      siteUrl: 'https://badges.example.org/amicale/',
      email: 'contact@amicale.example.org',
    });
    keystore = await initKeystore(ws, 'pw', { cost: { N: 2 ** 10 } });
    insertBadge(ws.db, badge('premiers-secours'));
    first = await issueBatch(ws, keystore, {
      badgeId: 'premiers-secours',
      csvPath: csv,
      formats: ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'],
      bake: ['png', 'svg'],
      outDir: out,
      signPool: createSignPool({ size: 0 }),
      chunkSize: 1,
    });
  });

  it('issues every format to the valid rows, rejects the bad ones with their line numbers', () => {
    expect(first).toMatchObject({
      rowsRead: 4,
      issued: 2,
      alreadyIssued: 0,
      rejected: 2,
      credentials: 8,
    });
    const report = readReport(first);
    expect(report.rows.map((r) => [r.line, r.status, r.problems?.map((p) => p.code)])).toEqual([
      [2, 'issued', undefined],
      [3, 'rejected', ['ERR_CSV_EMAIL_INVALID']],
      [4, 'issued', undefined],
      [5, 'rejected', ['ERR_CSV_DUPLICATE_ROW']],
    ]);
    expect(report.rows[0]!.credentials.map((c) => c.format)).toEqual([
      'ob3-di',
      'ob3-jwt',
      'ob2-hosted',
      'ob2-signed',
    ]);
    expect(report.rows[0]!.credentials[0]!.files).toHaveLength(3);
  });

  it('writes complete files whose SHA-256 is recorded, and nothing temporary', () => {
    const issuances = listIssuances(ws.db, { badgeId: 'premiers-secours' });
    expect(issuances).toHaveLength(8);
    for (const issuance of issuances) {
      expect(issuance.state).toBe('done');
      expect(issuance.files).toHaveLength(3);
      for (const file of issuance.files) {
        const bytes = readFileSync(file.path);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
        expect(bytes.length).toBe(file.bytes);
      }
    }
    const ob3 = issuances.filter((i) => i.format.startsWith('ob3'));
    expect(new Set(ob3.map((i) => `${i.statusList}:${i.statusIndex}`)).size).toBe(4);
    expect(
      issuances.filter((i) => i.format.startsWith('ob2')).every((i) => i.statusIndex === null),
    ).toBe(true);
    expect(readFileSync(join(out, 'premiers-secours', `${ob3[0]!.id}.json`), 'utf8')).toContain(
      '"proof"',
    );
    const leftovers = readdirSync(out, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('produces credentials that independent code verifies (@digitalbazaar/vc, node:crypto) and that name the recipient', async () => {
    const issuances = listIssuances(ws.db, { badgeId: 'premiers-secours' });
    const did = 'did:web:badges.example.org:amicale';
    const loader = createDocumentLoader({
      documents: new Map([[did, buildDidDocument(did, keystore.list())]]),
    }) as (url: string) => Promise<unknown>;
    const rsa = keystore.activeKey('RSA').publicJwk;
    const elodie = issuances.filter((i) => i.recipientId === issuances[0]!.recipientId);
    for (const issuance of elodie) {
      const main = issuance.files[0]!.path;
      const text = readFileSync(main, 'utf8');
      const baked = unbake(readFileSync(issuance.files[1]!.path));
      if (issuance.format === 'ob3-di') {
        const credential = JSON.parse(text) as Record<string, any>;
        expect(await peerVerify(credential, loader)).toBe(true);
        expect(credential.validFrom).toBe('2026-04-01T00:00:00Z');
        expect(credential.validUntil).toBe('2027-04-01T00:00:00Z');
        expect(credential.credentialSubject.evidence ?? credential.evidence).toEqual([
          { type: ['Evidence'], id: 'https://example.org/preuve/1' },
        ]);
        expect(credential.credentialStatus).toMatchObject({
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: String(issuance.statusIndex),
        });
        expect(
          await identityMatches(
            credential.credentialSubject.identifier[0],
            'elodie.lefevre@example.fr',
          ),
        ).toBe(true);
        expect(JSON.stringify(credential)).not.toContain('Lefèvre');
        expect(baked.payload).toBe(JSON.stringify(credential));
      } else if (issuance.format === 'ob3-jwt' || issuance.format === 'ob2-signed') {
        expect(verifyRs256(text, rsa as Record<string, unknown>)).toBe(true);
        const { header, payload } = decodeJws(text);
        if (issuance.format === 'ob3-jwt') {
          expect(header).toEqual({
            alg: 'RS256',
            kid: `https://badges.example.org/amicale/keys/${issuance.keyId}.json`,
          });
          expect(payload.jti).toBe(issuance.credentialId);
        } else {
          expect(header).toEqual({ alg: 'RS256' });
          expect(payload.verification).toEqual({
            type: 'SignedBadge',
            creator: `https://badges.example.org/amicale/ob2/keys/${issuance.keyId}.json`,
          });
          expect(payload.expires).toBe('2027-04-01T00:00:00Z');
        }
        expect(baked.payload).toBe(text.trim());
      } else {
        const assertion = JSON.parse(text) as Record<string, any>;
        expect(assertion.id).toBe(
          `https://badges.example.org/amicale/credentials/${issuance.id}.json`,
        );
        expect(assertion.verification).toEqual({ type: 'HostedBadge' });
        expect(assertion.badge).toBe(
          'https://badges.example.org/amicale/badges/premiers-secours/ob2.json',
        );
      }
    }
  });

  it('issues nothing new on a re-run and reports the same credential ids', async () => {
    const again = await issueBatch(ws, keystore, {
      badgeId: 'premiers-secours',
      csvPath: csv,
      formats: ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'],
      bake: ['png', 'svg'],
      outDir: out,
      signPool: createSignPool({ size: 0 }),
    });
    expect(again).toMatchObject({
      issued: 0,
      alreadyIssued: 2,
      rejected: 2,
      credentials: 0,
      batch: first.batch,
    });
    const ids = (s: IssueSummary) =>
      readReport(s).rows.flatMap((r) => r.credentials.map((c) => c.credentialId));
    expect(ids(again)).toEqual(ids(first));
    expect(listIssuances(ws.db)).toHaveLength(8);
  });

  it('finishes pending rows with the same ids and status index, and issues only new rows', async () => {
    const victim = listIssuances(ws.db, { badgeId: 'premiers-secours' }).find(
      (i) => i.format === 'ob3-di',
    )!;
    ws.db
      .prepare("UPDATE issuances SET state = 'pending', files = '[]' WHERE id = ?")
      .run(victim.id);
    for (const file of victim.files) rmSync(file.path);
    writeFileSync(join(out, 'premiers-secours', `.${victim.id}.json.abc.tmp`), '{"half":');
    writeFileSync(csv, `${CSV}nouveau@example.fr;Zoé Nouvelle;;\n`);
    const resumed = await issueBatch(ws, keystore, {
      badgeId: 'premiers-secours',
      csvPath: csv,
      formats: ['ob3-di'],
      bake: ['png'],
      outDir: out,
      signPool: createSignPool({ size: 0 }),
    });
    expect(resumed).toMatchObject({ issued: 2, alreadyIssued: 1, rejected: 2, credentials: 2 });
    const after = getIssuance(ws.db, victim.id)!;
    expect(after).toMatchObject({
      state: 'done',
      credentialId: victim.credentialId,
      statusList: victim.statusList,
      statusIndex: victim.statusIndex,
    });
    const credential = JSON.parse(readFileSync(after.files[0]!.path, 'utf8')) as { id: string };
    expect(credential.id).toBe(victim.credentialId);
    expect(existsSync(join(out, 'premiers-secours', `.${victim.id}.json.abc.tmp`))).toBe(false);
    expect(listIssuances(ws.db)).toHaveLength(9);
  });

  it('embeds exactly the Achievement the site publishes, alignments included', async () => {
    const alignments = [
      {
        targetName: 'Référentiel PSC1',
        targetUrl: 'https://example.org/psc1',
        targetCode: 'PSC1',
        targetDescription: '',
        note: 'kept in the workspace only',
      },
    ];
    insertBadge(ws.db, badge('alignes', { alignments }));
    const outAligned = join(root, 'out-aligned');
    const summary = await issueBatch(ws, keystore, {
      badgeId: 'alignes',
      csvPath: csv,
      formats: ['ob3-di'],
      bake: [],
      outDir: outAligned,
      signPool: createSignPool({ size: 0 }),
    });
    expect(summary.issued).toBeGreaterThan(0);
    const site = join(root, 'site');
    await exportSite(ws, keystore, site, { issuedDirs: [out, outAligned] });
    const { '@context': _context, ...published } = JSON.parse(
      readFileSync(join(site, 'badges', 'alignes', 'achievement.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(published.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'Référentiel PSC1',
        targetUrl: 'https://example.org/psc1',
        targetCode: 'PSC1',
      },
    ]);
    const names = readdirSync(join(outAligned, 'alignes')).filter(
      (file) => file.endsWith('.json') && file !== 'report.json',
    );
    expect(names).toHaveLength(summary.credentials);
    for (const name of names) {
      const credential = JSON.parse(readFileSync(join(outAligned, 'alignes', name), 'utf8')) as {
        credentialSubject: { achievement: unknown };
      };
      expect(credential.credentialSubject.achievement).toEqual(published);
    }
  });

  it('records absolute file paths when given a relative output folder, and finds them again', async () => {
    insertBadge(ws.db, badge('relatif'));
    const outRelative = relative(process.cwd(), join(root, 'out-relative'));
    const run = () =>
      issueBatch(ws, keystore, {
        badgeId: 'relatif',
        csvPath: csv,
        formats: ['ob2-hosted'],
        bake: [],
        outDir: `${outRelative}/`,
        signPool: createSignPool({ size: 0 }),
      });
    const first = await run();
    expect(first.out).toBe(join(root, 'out-relative'));
    const recorded = listIssuances(ws.db, { badgeId: 'relatif' }).flatMap((issuance) =>
      issuance.files.map((file) => file.path),
    );
    expect(recorded.length).toBeGreaterThan(0);
    expect(
      recorded.every(
        (path) => isAbsolute(path) && path.startsWith(join(root, 'out-relative', 'relatif')),
      ),
    ).toBe(true);
    rmSync(recorded[0]!);
    expect(await run()).toMatchObject({ issued: 0, restored: 1 });
    expect(existsSync(recorded[0]!)).toBe(true);
  });

  it('revokes without deleting: the index is listed for the status list, twice is a no-op', () => {
    const target = listIssuances(ws.db).find((i) => i.format === 'ob3-di')!;
    const result = revokeCredential(ws, target.credentialId, ' Fraude ');
    expect(result).toMatchObject({
      changed: true,
      publishedBy: 'status-list',
      issuance: { revoked: true, revocationReason: 'Fraude', revokedAt: '2026-05-01T12:00:00Z' },
    });
    expect(revokedIndexes(ws.db, target.statusList!)).toContain(target.statusIndex);
    expect(revokeCredential(ws, target.id).changed).toBe(false);
    const ob2 = listIssuances(ws.db).find((i) => i.format === 'ob2-signed')!;
    expect(revokeCredential(ws, ob2.id).publishedBy).toBe('revocation-list');
    expect(() => revokeCredential(ws, 'urn:uuid:nope')).toThrow(
      expect.objectContaining({ code: 'ERR_CREDENTIAL_NOT_FOUND' }),
    );
    expect(getIssuance(ws.db, target.id)?.files).toEqual(target.files);
  });
});

describe('addDuration', () => {
  it('adds calendar years, months (clamped), weeks, days and times', () => {
    expect(addDuration('2026-04-01T00:00:00Z', 'P1Y')).toBe('2027-04-01T00:00:00Z');
    expect(addDuration('2026-01-31T10:00:00Z', 'P1M')).toBe('2026-02-28T10:00:00Z');
    expect(addDuration('2024-02-29T00:00:00Z', 'P1Y')).toBe('2025-02-28T00:00:00Z');
    expect(addDuration('2026-04-01T00:00:00Z', 'P2W1DT12H30M')).toBe('2026-04-16T12:30:00Z');
    expect(() => addDuration('2026-04-01T00:00:00Z', 'P')).toThrow(
      expect.objectContaining({ code: 'ERR_DURATION_INVALID' }),
    );
    expect(() => addDuration('2026-04-01T00:00:00Z', '1 year')).toThrow(
      expect.objectContaining({ code: 'ERR_DURATION_INVALID' }),
    );
  });
});
