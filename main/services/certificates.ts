/**
 * `certificate`: a printable PDF per award, `<out>/<badge>/<award>.pdf`, with the QR code of the
 * award's credential page. The earner's name is the one inside the signed credential (else the
 * name the workspace holds for the person); every date is the issuance's, so the same award
 * always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { signedRecipientName } from '../../shared/site/signed-name.js';
import { siteLayout } from '../../shared/site/urls.js';
import { requireBadge, type BadgeClass } from '../db/repos/badges.js';
import { listIssuances, type Issuance } from '../db/repos/issuances.js';
import { requireIssuer } from '../db/repos/issuer.js';
import { badgeArtwork } from './artwork.js';
import { createPersonalisedRenderer, type PersonalisedRenderer } from './design-render.js';
import { BADGE_PNG_SIZE } from './designs.js';
import { earnerFields, imageDesign } from './personalised-artwork.js';
import type { AwardView } from './awards.js';
import { prepareArtwork, type CertificateInput, type Paper, type PreparedArtwork } from './certificate-pdf.js';
import { createCertificatePool } from './certificate-pool.js';
import { requireWritableFolder, selectAwards, type DeliverySelection } from './delivery.js';
import { qrMatrix } from './qr-code.js';
import type { Workspace } from './workspace.js';

export interface CertificateOutcome {
  award: string;
  badge: string;
  name: string | null;
  status: 'written' | 'skipped';
  file?: string;
  code?: string;
  message?: string;
  /** Where the name printed comes from. */
  nameSource?: 'credential' | 'workspace';
}

export interface CertificateReport {
  total: number;
  written: number;
  skipped: number;
  paper: Paper;
  outcomes: CertificateOutcome[];
}

export interface CertificateOptions {
  selection: Omit<DeliverySelection, 'onlyNew'>;
  outDir: string;
  paper?: Paper;
  /** Folders to look in for issued files that moved (same layout as `issue --out`). */
  issuedDirs?: readonly string[];
  /** Certificates in flight per thread (pdf-lib waits on timers between steps; several keep a processor busy). */
  concurrency?: number;
  /** Worker threads; default one per core; 0 renders on this thread. */
  threads?: number;
  onProgress?: (progress: { done: number; total: number; outcome: CertificateOutcome }) => void;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The issued file of a credential, wherever it is now, checked against the hash recorded when it was issued. */
function issuedFile(issuance: Issuance, extension: string, dirs: readonly string[]): Buffer | undefined {
  const file = issuance.files.find((f) => extname(f.path).toLowerCase() === extension);
  if (!file) return undefined;
  for (const path of [file.path, ...dirs.flatMap((dir) => [join(dir, issuance.badgeId, basename(file.path)), join(dir, basename(file.path))])]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue;
    }
    if (sha256(bytes) === file.sha256.toLowerCase()) return bytes;
  }
  return undefined;
}

/** The name inside the award's signed OB 3.0 credential (the badge class may leave it out). */
function signedName(issuances: readonly Issuance[], dirs: readonly string[]): string | null {
  for (const issuance of issuances) {
    if (issuance.format !== 'ob3-di' && issuance.format !== 'ob3-jwt') continue;
    const bytes = issuedFile(issuance, issuance.format === 'ob3-di' ? '.json' : '.jws', dirs);
    const name = bytes ? signedRecipientName(issuance.format, bytes.toString('utf8')) : null;
    if (name) return name;
  }
  return null;
}

/** The badge's artwork as a PNG: its own PNG (or a design's PNG beside its SVG), its SVG drawn, or the generated medal. */
async function artworkPng(workspace: Workspace, badge: BadgeClass): Promise<Uint8Array> {
  return (await badgeArtwork(workspace, badge, ['png'])).images.png!;
}

function skip(award: AwardView, code: string, message: string): CertificateOutcome {
  return { award: award.id, badge: award.badge.id, name: award.recipient.name, status: 'skipped', code, message };
}

export async function exportCertificates(workspace: Workspace, options: CertificateOptions): Promise<CertificateReport> {
  const paper = options.paper ?? 'a4';
  if (paper !== 'a4' && paper !== 'letter') throw new BadgeError('ERR_USAGE', `--paper must be a4 or letter, not "${String(paper)}".`);
  const awards = selectAwards(workspace, options.selection);
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  const dirs = options.issuedDirs ?? [];
  await requireWritableFolder(options.outDir, { code: 'ERR_CERTIFICATE_OUT_UNWRITABLE', flag: '--out DIR' });
  const artworks = new Map<string, Promise<PreparedArtwork>>();
  const artworkOf = (badgeId: string): Promise<PreparedArtwork> => {
    let prepared = artworks.get(badgeId);
    if (!prepared) artworks.set(badgeId, (prepared = artworkPng(workspace, badgeOf(badgeId)).then(prepareArtwork)));
    return prepared;
  };
  // A badge class that personalises its artwork shows each earner's own image, as their baked badge does.
  const renderers = new Map<string, PersonalisedRenderer | undefined>();
  const rendererOf = (badge: BadgeClass): PersonalisedRenderer | undefined => {
    if (!badge.personalisedArtwork) return undefined;
    if (!renderers.has(badge.id)) {
      const design = imageDesign(workspace, badge);
      renderers.set(badge.id, design ? createPersonalisedRenderer(design, { size: BADGE_PNG_SIZE, format: 'png' }) : undefined);
    }
    return renderers.get(badge.id);
  };
  const earnerArtwork = async (badge: BadgeClass, name: string, issuedOn: string): Promise<PreparedArtwork> => {
    const renderer = rendererOf(badge);
    if (!renderer) return artworkOf(badge.id);
    return prepareArtwork(await renderer.render(earnerFields(badge.name, name, issuedOn, issuer.language)));
  };

  // Read once per badge, not once per award (a query per award scans the whole table each time).
  const badges = new Map<string, BadgeClass>();
  const badgeOf = (id: string): BadgeClass => {
    let badge = badges.get(id);
    if (!badge) badges.set(id, (badge = requireBadge(workspace.db, id)));
    return badge;
  };
  const issuancesByBadge = new Map<string, Map<string, Issuance[]>>();
  const issuancesOf = (award: AwardView): Issuance[] => {
    let byAward = issuancesByBadge.get(award.badge.id);
    if (!byAward) {
      byAward = new Map();
      for (const issuance of listIssuances(workspace.db, { badgeId: award.badge.id })) {
        if (issuance.awardId === null) continue;
        const list = byAward.get(issuance.awardId);
        if (list) list.push(issuance);
        else byAward.set(issuance.awardId, [issuance]);
      }
      issuancesByBadge.set(award.badge.id, byAward);
    }
    return byAward.get(award.id) ?? [];
  };

  const one = async (award: AwardView): Promise<CertificateOutcome> => {
    if (award.status === 'revoked') return skip(award, 'ERR_CERTIFICATE_REVOKED', `Award ${award.id} is revoked: no certificate is made for it.`);
    if (award.status === 'pending') return skip(award, 'ERR_CERTIFICATE_PENDING', `Award ${award.id} was not finished issuing: run the same \`badgesmith issue\` again first.`);
    const order = new Map(award.credentials.map((c, index) => [c.id, index]));
    const issuances = issuancesOf(award)
      .filter((i) => !i.revoked && i.state === 'done')
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const fromCredential = signedName(issuances, dirs);
    const name = fromCredential ?? award.recipient.name;
    if (!name) {
      return skip(
        award,
        'ERR_CERTIFICATE_NO_NAME',
        `No name is known for ${award.recipient.email ?? award.recipient.did ?? award.id} (badge ${award.badge.id}): a certificate needs one. Issue again from a CSV with a name column.`,
      );
    }
    const badge = badgeOf(award.badge.id);
    const pageUrl = layout.url(layout.credential(issuances[0]!.id, 'html'));
    const input: CertificateInput = {
      language: issuer.language,
      paper,
      earnerName: name,
      badgeName: badge.name,
      badgeDescription: badge.description,
      issuerName: issuer.name,
      issuerUrl: issuer.url,
      issuedOn: award.issuedOn,
      validUntil: award.validUntil,
      pageUrl,
      qr: qrMatrix(pageUrl),
      artwork: await earnerArtwork(badge, name, award.issuedOn),
      awardId: award.id,
    };
    const file = join(options.outDir, award.badge.id, `${award.id}.pdf`);
    await pool.write(input, file);
    return { award: award.id, badge: award.badge.id, name, status: 'written', file, nameSource: fromCredential ? 'credential' : 'workspace' };
  };

  const report: CertificateReport = { total: awards.length, written: 0, skipped: 0, paper, outcomes: new Array<CertificateOutcome>(awards.length) };
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < awards.length) {
      const index = next++;
      const outcome = await one(awards[index]!);
      report.outcomes[index] = outcome;
      if (outcome.status === 'written') report.written += 1;
      else report.skipped += 1;
      done += 1;
      options.onProgress?.({ done, total: awards.length, outcome });
    }
  };
  const pool = createCertificatePool(options.threads === undefined ? {} : { size: options.threads });
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min((options.concurrency ?? 16) * Math.max(1, pool.threads), awards.length)) }, worker));
  } finally {
    await Promise.all([pool.close(), ...[...renderers.values()].map((renderer) => renderer?.close())]);
  }
  return report;
}
