import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import jsQRModule from 'jsqr';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBadge } from '../../../main/db/repos/badges.js';
import { listAwards } from '../../../main/services/awards.js';
import { PAPER_SIZES, prepareArtwork, renderCertificate, type CertificateInput } from '../../../main/services/certificate-pdf.js';
import { qrMatrix } from '../../../main/services/qr-code.js';
import { exportCertificates } from '../../../main/services/certificates.js';
import { revokeAward } from '../../../main/services/revoke.js';
import { tempDir } from '../../cli/helpers.js';
import { badgeClass, createDeliveryFixture, type DeliveryFixture } from './delivery-fixture.js';

const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

/** Reads the certificate's vector QR code back: its rectangles drawn again as SVG, rendered, decoded by jsQR. */
async function scanQr(pdfBytes: Uint8Array): Promise<string | null> {
  const doc = await PDFDocument.load(pdfBytes);
  const xobjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const form = xobjects
    .keys()
    .map((key) => xobjects.lookup(key))
    .find((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype'))?.toString() === '/Form')!;
  const side = Number(form.dict.lookup(PDFName.of('BBox'))!.toString().match(/\d+/g)![2]);
  const content = inflateSync(form.getContents()).toString('latin1');
  const rects = [...content.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map(([, x, y, w]) => `<rect x="${x}" y="${side - Number(y) - 1}" width="${w}" height="1"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>${rects.join('')}</svg>`;
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: 300 } }).render();
  return jsQR(new Uint8ClampedArray(rendered.pixels), rendered.width, rendered.height)?.data ?? null;
}

describe('certificate: printable PDFs', () => {
  const root = tempDir('bs-cert-');
  let fixture: DeliveryFixture;

  beforeAll(async () => {
    fixture = await createDeliveryFixture(root);
    insertBadge(fixture.workspace.db, { ...badgeClass('dessin', 'Dessin vectoriel'), image: 'dessin.svg', showRecipientName: false });
    writeFileSync(join(fixture.workspace.paths.artwork, 'dessin.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="45" fill="#c0392b"/></svg>');
    await fixture.issue('email,name\nelodie.lefevre@example.fr,Élodie Lefèvre-Łukasiewicz\nsans.nom@example.fr,\nrevoque@example.fr,Révoqué\n');
    await fixture.issue('email,name\nzoe@example.fr,Zoé Ångström\n', 'dessin');
    revokeAward(fixture.workspace, { awardId: listAwards(fixture.workspace, { search: 'revoque@' })[0]!.id }, 'Erreur');
  }, 60_000);

  afterAll(() => fixture.workspace.close());

  it('one A4 landscape PDF per award: the signed name, fonts embedded, dates from the issuance, a QR code that opens the credential page', async () => {
    const out = join(root, 'pdf');
    const report = await exportCertificates(fixture.workspace, { selection: { badge: 'premiers-secours' }, outDir: out });
    expect(report).toMatchObject({ total: 3, written: 1, skipped: 2, paper: 'a4' });
    const codes = report.outcomes.filter((o) => o.status === 'skipped').map((o) => o.code);
    expect(codes.sort()).toEqual(['ERR_CERTIFICATE_NO_NAME', 'ERR_CERTIFICATE_REVOKED']);
    const written = report.outcomes.find((o) => o.status === 'written')!;
    expect(written).toMatchObject({ name: 'Élodie Lefèvre-Łukasiewicz', nameSource: 'credential' });
    const award = listAwards(fixture.workspace, { search: 'elodie' })[0]!;
    expect(written.file).toBe(join(out, 'premiers-secours', `${award.id}.pdf`));

    const bytes = readFileSync(written.file!);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([width, height]).toEqual([...PAPER_SIZES.a4]);
    expect(doc.getTitle()).toBe('Certificat – Premiers secours – Élodie Lefèvre-Łukasiewicz');
    expect(doc.getAuthor()).toBe('Amicale des Secouristes');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-05-01T12:00:00.000Z');
    // Embedded TrueType subsets (Latin, and Latin Extended for the Ł), never a font the reader must have.
    const text = bytes.toString('latin1');
    expect(text.match(/\/FontFile2/g)!.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Montserrat-Regular');
    expect(text).toContain('PlayfairDisplay-Bold');
    expect(await scanQr(bytes)).toBe(award.pageUrl);
  });

  it('is deterministic (same award, same bytes), and Letter paper when asked', async () => {
    const selection = { award: listAwards(fixture.workspace, { search: 'elodie' })[0]!.id };
    const a = await exportCertificates(fixture.workspace, { selection, outDir: join(root, 'a') });
    const b = await exportCertificates(fixture.workspace, { selection, outDir: join(root, 'b') });
    expect(Buffer.compare(readFileSync(a.outcomes[0]!.file!), readFileSync(b.outcomes[0]!.file!))).toBe(0);
    const letter = await exportCertificates(fixture.workspace, { selection, outDir: join(root, 'letter'), paper: 'letter' });
    const doc = await PDFDocument.load(readFileSync(letter.outcomes[0]!.file!));
    expect(Object.values(doc.getPage(0).getSize())).toEqual([...PAPER_SIZES.letter]);
  });

  it('gives a certificate the same bytes whatever was made before it in the same thread (the fonts embedded hold every character of their file, never the other names)', async () => {
    const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1565c0"/></svg>').render().asPng();
    const input = (earnerName: string): CertificateInput => ({
      language: 'en',
      paper: 'a4',
      earnerName,
      badgeName: 'First aid',
      badgeDescription: 'Knows the first steps.',
      issuerName: 'Amicale',
      issuerUrl: 'https://amis.example.org',
      issuedOn: '2026-05-01T12:00:00Z',
      validUntil: null,
      pageUrl: 'https://amis.example.org/c/1.html',
      qr: qrMatrix('https://amis.example.org/c/1.html'),
      artwork: prepareArtwork(png),
      awardId: 'award-1',
    });
    const first = await renderCertificate(input('Ana Bo'));
    await renderCertificate(input('Zoé Ångström-Łukasiewicz Œuvre ÿ €'));
    expect(Buffer.compare(Buffer.from(await renderCertificate(input('Ana Bo'))), Buffer.from(first))).toBe(0);
    // The widths list only the glyphs the page draws (a few dozen per font), not every glyph embedded.
    const doc = await PDFDocument.load(first);
    const widths = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Subtype'))?.toString() === '/CIDFontType2')
      .map((font) => font.lookup(PDFName.of('W'), PDFArray).asArray().filter((entry) => entry instanceof PDFArray).reduce((sum, run) => sum + (run as PDFArray).size(), 0));
    expect(widths.length).toBeGreaterThanOrEqual(3);
    for (const count of widths) expect(count).toBeLessThan(60);
  });

  it("draws SVG artwork with resvg, and prints the workspace's name when the credential leaves it out", async () => {
    const report = await exportCertificates(fixture.workspace, { selection: { badge: 'dessin' }, outDir: join(root, 'svg') });
    expect(report.outcomes[0]).toMatchObject({ status: 'written', name: 'Zoé Ångström', nameSource: 'workspace' });
    const doc = await PDFDocument.load(readFileSync(report.outcomes[0]!.file!));
    const xobjects = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const image = xobjects.keys().map((key) => xobjects.lookup(key)).find((o) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype'))?.toString() === '/Image') as PDFRawStream;
    expect(image.dict.get(PDFName.of('Width'))?.toString()).toBe('512');
    // The red of the drawing, not the generated medal.
    const rgb = inflateSync(image.getContents());
    const centre = (256 * 512 + 256) * 3;
    expect([...rgb.subarray(centre, centre + 3)]).toEqual([0xc0, 0x39, 0x2b]);
  });

  it('bad input: an unknown award or batch, a folder that cannot be written', async () => {
    await expect(exportCertificates(fixture.workspace, { selection: { award: '00000000-0000' }, outDir: join(root, 'x') })).rejects.toMatchObject({ code: 'ERR_AWARD_NOT_FOUND' });
    await expect(exportCertificates(fixture.workspace, { selection: { batch: 'ffffffffffff' }, outDir: join(root, 'x') })).rejects.toMatchObject({ code: 'ERR_BATCH_NOT_FOUND' });
    const aFile = join(root, 'a-file');
    writeFileSync(aFile, '');
    await expect(exportCertificates(fixture.workspace, { selection: { badge: 'dessin' }, outDir: join(aFile, 'pdf') })).rejects.toMatchObject({ code: 'ERR_CERTIFICATE_OUT_UNWRITABLE' });
  });
});
