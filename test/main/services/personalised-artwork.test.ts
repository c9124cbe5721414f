import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bake } from '../../../shared/bake/prepare.js';
import { unbake } from '../../../shared/bake/unbake.js';
import type { BadgeDesign } from '../../../shared/design/model.js';
import { serializeDesign } from '../../../shared/design/restore.js';
import { templateDesign } from '../../../shared/design/templates.js';
import { verifyBytes } from '../../../shared/verify/index.js';
import { badgeAddCommand, badgeUpdateCommand } from '../../../main/cli/commands/badge.js';
import type { CliIo } from '../../../main/cli/command.js';
import { MIGRATIONS } from '../../../main/db/migrations.js';
import { migrate } from '../../../main/db/open.js';
import { getBadge, requireBadge, updateBadge } from '../../../main/db/repos/badges.js';
import { addBadgeClass, updateBadgeClass, type BadgeDraft } from '../../../main/services/badge-classes.js';
import { createPersonalisedRenderer, renderDesignPng } from '../../../main/services/design-render.js';
import { exportCertificates } from '../../../main/services/certificates.js';
import { badgeDesign, linkDesignToBadge, saveDesign } from '../../../main/services/designs.js';
import { issueBatch, type IssueSummary, type RowReport } from '../../../main/services/issue-batch.js';
import { initKeystore, type Keystore } from '../../../main/services/keystore.js';
import { earnerFields } from '../../../main/services/personalised-artwork.js';
import { exportSite } from '../../../main/services/site-export.js';
import { createSiteResolver } from '../../../main/services/site-resolver.js';
import { createSignPool } from '../../../main/services/sign-pool.js';
import { createIssuer, createWorkspace, openWorkspace, type Workspace } from '../../../main/services/workspace.js';
import { tempDir } from '../../cli/helpers.js';
import { badgeDraft } from '../badge-record.js';

const clock = () => new Date('2026-03-01T09:00:00Z');
const NOW = new Date('2026-03-02T00:00:00Z');

const DRAFT: BadgeDraft = badgeDraft({ showRecipientName: true });

const EARNERS = [
  { email: 'elodie.lefevre@example.fr', name: 'Élodie Lefèvre' },
  { email: 'francois.muller@example.fr', name: 'François Müller' },
];

const pixels = (bytes: Uint8Array): Buffer => PNG.sync.read(Buffer.from(bytes)).data;

/** The largest difference of one channel between two images of the same size. */
function maxDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Channels that differ by more than anti-aliasing rounding. */
function differingChannels(a: Buffer, b: Buffer): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 2) count++;
  return count;
}

/** A digest of the artwork embedded in a certificate PDF (its image's pixels, as pdf-lib stored them). */
async function pdfImageDigest(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  const xobjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const image = xobjects
    .keys()
    .map((key) => xobjects.lookup(key))
    .find((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype'))?.toString() === '/Image')!;
  return createHash('sha256').update(image.getContents()).digest('hex');
}

function report(summary: IssueSummary): RowReport[] {
  return (JSON.parse(readFileSync(summary.report, 'utf8')) as { rows: RowReport[] }).rows;
}

/** The issued file of a row's credential in that format, by kind. */
function fileOf(summary: IssueSummary, row: RowReport, format: string, kind: string): string {
  const credential = row.credentials.find((c) => c.format === format)!;
  return join(summary.out, credential.files.find((f) => f.endsWith(`.${kind}`))!);
}

function io(workspace: string, out: string[]): CliIo {
  return { stdout: (text) => out.push(text), stderr: (text) => out.push(text), env: { BADGESMITH_WORKSPACE: workspace }, cwd: workspace };
}

describe('personalised artwork at issue time', () => {
  const root = tempDir('bs-personal-');
  const csv = join(root, 'benevoles.csv');
  const out = join(root, 'out');
  const site = join(root, 'site');
  let ws: Workspace;
  let keystore: Keystore;
  const designs: Record<string, BadgeDesign> = {};
  let personal: IssueSummary;
  let discreet: IssueSummary;
  let plain: IssueSummary;

  /** A badge class whose image is the "round, personalised" template (it has {{recipient.name}} on its rim). */
  async function designedBadge(id: string, draft: Partial<BadgeDraft> = {}): Promise<void> {
    await addBadgeClass(ws, { ...DRAFT, ...draft }, { id });
    designs[id] = templateDesign('round-volunteer', 'fr', `d-${id}` as BadgeDesign['id'])!;
    saveDesign(ws, designs[id]);
    await linkDesignToBadge(ws, `d-${id}`, id);
  }

  const issue = (badgeId: string) =>
    issueBatch(ws, keystore, { badgeId, csvPath: csv, formats: ['ob3-di', 'ob2-hosted'], bake: ['png', 'svg'], outDir: out, signPool: createSignPool({ size: 0 }) });

  beforeAll(async () => {
    writeFileSync(csv, `email;nom\n${EARNERS.map((e) => `${e.email};${e.name}`).join('\n')}\n`);
    ws = createWorkspace(join(root, 'ws'), { clock });
    createIssuer(ws, { name: 'Les Amis du Vercors', url: 'https://amis.example.org/', siteUrl: 'https://badges.example.org/amis/', language: 'fr' });
    keystore = await initKeystore(ws, 'pw', { cost: { N: 2 ** 10 } });
    await designedBadge('benevole');
    await updateBadgeClass(ws, 'benevole', { ...DRAFT, personalisedArtwork: true });
    await designedBadge('discret', { name: 'Bénévole discret', showRecipientName: false });
    await updateBadgeClass(ws, 'discret', { ...DRAFT, name: 'Bénévole discret', showRecipientName: false, personalisedArtwork: true });
    await designedBadge('classique', { name: 'Bénévole classique' });
    personal = await issue('benevole');
    discreet = await issue('discret');
    plain = await issue('classique');
    await exportSite(ws, keystore, site, { issuedDirs: [out] });
  }, 120_000);

  it('is off by default and stored per badge class', () => {
    expect(requireBadge(ws.db, 'classique').personalisedArtwork).toBe(false);
    expect(requireBadge(ws.db, 'benevole').personalisedArtwork).toBe(true);
    expect(personal).toMatchObject({ issued: 2, rejected: 0, credentials: 4 });
  });

  it("bakes each earner's own rendering of the design: their name, the badge name, the date in the issuer's language", () => {
    const rows = report(personal);
    const images = rows.map((row, index) => {
      const png = new Uint8Array(readFileSync(fileOf(personal, row, 'ob3-di', 'png')));
      const issuedOn = JSON.parse(readFileSync(fileOf(personal, row, 'ob3-di', 'json'), 'utf8')).validFrom as string;
      const fields = earnerFields('Bénévole de l’année', EARNERS[index]!.name, issuedOn, 'fr');
      expect(fields.issued_on).toBe('1er mars 2026');
      const expected = renderDesignPng(designs.benevole!, { size: 512, fields, missingFields: 'blank' });
      // The same drawing as a whole render of the design with those fields (within edge rounding).
      expect(maxDifference(pixels(png), pixels(expected)), `${EARNERS[index]!.name}'s image`).toBeLessThanOrEqual(2);
      // Every format of one person carries the same image.
      expect(pixels(new Uint8Array(readFileSync(fileOf(personal, row, 'ob2-hosted', 'png')))).equals(pixels(png))).toBe(true);
      return pixels(png);
    });
    // The names differ: many pixels, not rounding.
    expect(differingChannels(images[0]!, images[1]!)).toBeGreaterThan(1000);
    const master = pixels(new Uint8Array(readFileSync(join(ws.paths.artwork, 'benevole.png'))));
    expect(images.every((image) => differingChannels(image, master) > 1000)).toBe(true);
    const svgs = rows.map((row) => readFileSync(fileOf(personal, row, 'ob3-di', 'svg'), 'utf8'));
    expect(svgs[0]).not.toBe(svgs[1]);
    expect(svgs[0]!.length).toBeLessThan(2_000_000);
  });

  it('signs the credential as before: it unbakes from the personalised PNG and SVG and verifies, with nothing personal added', async () => {
    const { resolve } = await createSiteResolver(site);
    for (const summary of [personal, discreet]) {
      for (const row of report(summary)) {
        const json = readFileSync(fileOf(summary, row, 'ob3-di', 'json'), 'utf8');
        const credential = JSON.parse(json) as { credentialSubject: Record<string, unknown> };
        expect(credential.credentialSubject.image).toBeUndefined();
        expect((credential.credentialSubject.achievement as { image: { id: string } }).image.id).toBe(`https://badges.example.org/amis/badges/${summary.badge}/image.svg`);
        if (summary === discreet) expect(json).not.toContain(row.name!);
        for (const kind of ['png', 'svg']) {
          const bytes = new Uint8Array(readFileSync(fileOf(summary, row, 'ob3-di', kind)));
          expect(JSON.parse(unbake(bytes).payload)).toEqual(JSON.parse(json));
          const result = await verifyBytes(bytes, { now: NOW, resolve });
          expect(result.checks.filter((check) => !check.ok), `${summary.badge} ${row.name} ${kind}`).toEqual([]);
          expect(result.verified).toBe(true);
        }
        const hosted = new Uint8Array(readFileSync(fileOf(summary, row, 'ob2-hosted', 'png')));
        expect((await verifyBytes(hosted, { now: NOW, resolve })).verified).toBe(true);
      }
    }
  });

  it("leaves an opted-out class's baked images exactly the class master with the credential baked in", () => {
    for (const row of report(plain)) {
      for (const [format, version] of [['ob3-di', 'ob3'], ['ob2-hosted', 'ob2']] as const) {
        const text = JSON.stringify(JSON.parse(readFileSync(fileOf(plain, row, format, 'json'), 'utf8')));
        for (const kind of ['png', 'svg']) {
          const master = new Uint8Array(readFileSync(join(ws.paths.artwork, `classique.${kind}`)));
          expect(Buffer.from(bake(master, text, version)).equals(readFileSync(fileOf(plain, row, format, kind)))).toBe(true);
        }
      }
    }
  });

  it("shows the earner's own image on their page when the badge shows names, and publishes no image when it hides them", () => {
    const [elodie] = report(personal);
    const id = elodie!.credentials[0]!.issuanceId;
    const page = readFileSync(join(site, 'credentials', `${id}.html`), 'utf8');
    expect(page).toMatch(new RegExp(`<div class="hero"><img src="${id}\\.png"`));
    expect(page).toContain('Élodie Lefèvre');
    const hidden = report(discreet)[0]!.credentials[0]!.issuanceId;
    const hiddenPage = readFileSync(join(site, 'credentials', `${hidden}.html`), 'utf8');
    expect(hiddenPage).not.toContain('Élodie');
    expect(hiddenPage).toContain('../badges/discret/image.svg');
    expect(existsSync(join(site, 'credentials', `${hidden}.png`))).toBe(false);
    expect(existsSync(join(site, 'credentials', `${hidden}.json`))).toBe(true);
    const plainId = report(plain)[0]!.credentials[0]!.issuanceId;
    expect(readFileSync(join(site, 'credentials', `${plainId}.html`), 'utf8')).toContain('../badges/classique/image.svg');
    expect(existsSync(join(site, 'credentials', `${plainId}.png`))).toBe(true);
  });

  // `issue` restores a lost or damaged file only when it comes out byte for byte as recorded, so the
  // renderer's PNG must depend on the fields alone, never on what that renderer (or thread) drew before.
  it('restores a lost personalised image byte for byte on the next run', async () => {
    const file = fileOf(personal, report(personal)[1]!, 'ob3-di', 'png');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    rmSync(file);
    const again = await issue('benevole');
    // Rendering the same earner again must give the same bytes, whatever was rendered before it.
    expect(again, 'ERR_RESTORE_NOT_IDENTICAL: the personalised PNG is not the same bytes when rendered again').toMatchObject({ issued: 0, alreadyIssued: 2, restored: 1, notRestored: 0 });
    expect(createHash('sha256').update(readFileSync(file)).digest('hex'), 'a personalised image rendered again must be the same bytes').toBe(before);
  });

  it('is refused with ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN when the image does not come from a design', async () => {
    const png = new Uint8Array(readFileSync(join(ws.paths.artwork, 'classique.png')));
    await expect(addBadgeClass(ws, { ...DRAFT, personalisedArtwork: true }, { id: 'nouveau' })).rejects.toMatchObject({ code: 'ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN' });
    expect(getBadge(ws.db, 'nouveau')).toBeUndefined();
    await addBadgeClass(ws, DRAFT, { id: 'fichier', image: png });
    await expect(updateBadgeClass(ws, 'fichier', { ...DRAFT, personalisedArtwork: true })).rejects.toMatchObject({ code: 'ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN' });
    // Set behind the service's back (an older copy, a hand edit): issuing refuses before writing anything.
    updateBadge(ws.db, 'fichier', { personalisedArtwork: true }, '2026-03-01T09:00:00Z');
    await expect(issue('fichier')).rejects.toMatchObject({ code: 'ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN' });
    expect(existsSync(join(out, 'fichier'))).toBe(false);
  });

  it("puts each earner's own artwork on their certificate; a badge that does not personalise shows its one image", async () => {
    const images = async (badge: string): Promise<string[]> => {
      const report = await exportCertificates(ws, { selection: { badge }, outDir: join(root, `certificates-${badge}`), issuedDirs: [out], threads: 0 });
      expect(report.written).toBe(2);
      return Promise.all(report.outcomes.map(async (outcome) => pdfImageDigest(readFileSync(outcome.file!))));
    };
    const [elodie, francois] = await images('benevole');
    expect(elodie).not.toBe(francois);
    const [first, second] = await images('classique');
    expect(first).toBe(second);
    expect(first).not.toBe(elodie);
  });

  it('turns off, and the design is unlinked, when the badge is given an image file instead', async () => {
    await designedBadge('remplace');
    await updateBadgeClass(ws, 'remplace', { ...DRAFT, personalisedArtwork: true });
    const png = new Uint8Array(readFileSync(join(ws.paths.artwork, 'classique.png')));
    await expect(updateBadgeClass(ws, 'remplace', { ...DRAFT, personalisedArtwork: true }, { image: png })).rejects.toMatchObject({ code: 'ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN' });
    const saved = await updateBadgeClass(ws, 'remplace', DRAFT, { image: png });
    expect(saved.badge).toMatchObject({ image: 'remplace.png', personalisedArtwork: false });
    expect(badgeDesign(ws, 'remplace')).toBeUndefined();
  });

  it('CLI: badge add|update --design FILE --personalised-artwork / --no-personalised-artwork', async () => {
    const lines: string[] = [];
    const file = join(root, 'medaille.badgesmith.json');
    writeFileSync(file, serializeDesign(templateDesign('round-volunteer', 'fr', 'd-cli' as BadgeDesign['id'])!));
    const base = ['--name', 'Guide', '--description', 'Guide de rando.', '--criteria', 'Trois sorties.'];
    const dir = ws.paths.dir;
    await expect(badgeAddCommand.run([...base, '--id', 'sans-design', '--personalised-artwork'], io(dir, lines))).rejects.toMatchObject({ code: 'ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN' });
    await expect(badgeAddCommand.run([...base, '--id', 'x', '--personalised-artwork', '--no-personalised-artwork'], io(dir, lines))).rejects.toMatchObject({ code: 'ERR_USAGE' });
    expect(await badgeAddCommand.run([...base, '--id', 'guide', '--design', file, '--personalised-artwork'], io(dir, lines))).toBe(0);
    // The same file for a second badge: a copy of the design, so the first badge keeps its own.
    expect(await badgeAddCommand.run([...base, '--id', 'guide-2', '--design', file], io(dir, lines))).toBe(0);
    const check = openWorkspace(dir);
    try {
      expect(requireBadge(check.db, 'guide')).toMatchObject({ image: 'guide.svg', personalisedArtwork: true });
      expect(badgeDesign(check, 'guide')?.id).toBe('d-cli');
      expect(badgeDesign(check, 'guide-2')?.id).toMatch(/^(?!d-cli$)/);
      expect(badgeDesign(check, 'guide-2')?.layers).toEqual(badgeDesign(check, 'guide')?.layers);
    } finally {
      check.close();
    }
    expect(await badgeUpdateCommand.run(['guide', '--no-personalised-artwork', '--json'], io(dir, lines))).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ id: 'guide', personalisedArtwork: false });
    expect(await badgeUpdateCommand.run(['guide', '--personalised-artwork'], io(dir, lines))).toBe(0);
    expect(lines.at(-1)).toMatch(/Personalised: yes/);
    await expect(badgeUpdateCommand.run(['fichier', '--no-personalised-artwork', '--personalised-artwork'], io(dir, lines))).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });
});

describe('the renderer issuing uses', () => {
  it('gives the same PNG bytes for the same fields, whatever it rendered before (restoring a lost file needs it)', async () => {
    const design = templateDesign('round-volunteer', 'fr', 'd-bytes' as BadgeDesign['id'])!;
    const fields = (name: string) => earnerFields('Bénévole de l’année', name, '2026-03-01T09:00:00Z', 'fr');
    const busy = createPersonalisedRenderer(design, { size: 512 });
    const fresh = createPersonalisedRenderer(design, { size: 512 });
    try {
      await busy.render(fields('Élodie Lefèvre'));
      const after = await busy.render(fields('François Müller'));
      const alone = await fresh.render(fields('François Müller'));
      expect(pixels(after).equals(pixels(alone))).toBe(true);
      expect(Buffer.from(after).equals(Buffer.from(alone)), 'same pixels but different PNG bytes: the encoding depends on the previous render').toBe(true);
    } finally {
      await busy.close();
      await fresh.close();
    }
  });
});

describe('migration 5: personalised artwork on an existing workspace', () => {
  it('adds the setting, off, and keeps the badge classes', () => {
    const db = new Database(join(tempDir('bs-personal-migrate-'), 'badgesmith.db'));
    for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql);
    db.pragma('user_version = 4');
    db.exec(
      `INSERT INTO badge_classes (id, name, description, criteria_narrative, image, formats, show_recipient_name, created, updated)
       VALUES ('guide', 'Guide', 'Guide de rando.', 'Trois sorties.', 'guide.svg', '["ob3-di","ob2-hosted"]', 1, 't', 't')`,
    );
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(getBadge(db, 'guide')).toMatchObject({ name: 'Guide', image: 'guide.svg', formats: ['ob3-di', 'ob2-hosted'], showRecipientName: true, personalisedArtwork: false });
    expect(() => db.prepare("UPDATE badge_classes SET personalised_artwork = 2 WHERE id = 'guide'").run()).toThrow(/CHECK/);
    db.close();
  });

  it("writes issued_on in the issuer's language and leaves a missing name blank", () => {
    expect(earnerFields('Guide', null, '2026-11-29T10:00:00Z', 'en')).toEqual({ 'recipient.name': '', 'badge.name': 'Guide', issued_on: 'November 29, 2026' });
    expect(earnerFields('Guide', 'Zoé', '2026-11-29', 'fr').issued_on).toBe('29 novembre 2026');
  });
});
