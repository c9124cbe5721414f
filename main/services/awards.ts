/**
 * Awards, as people see them: one badge class earned by one person, with every format it was
 * issued in. `credentials list`, `revoke --award` and the app's People screen all read them
 * from here (plain Node, no CLI concerns).
 */
import { BadgeError } from '../../shared/errors.js';
import { normalizeEmail } from '../../shared/ob3/identity.js';
import { siteLayout, type SiteLayout } from '../../shared/site/urls.js';
import { findAwardsByEmail, findAwardsByPrefix, getAward, type Award } from '../db/repos/awards.js';
import { listBadges, requireBadge, type CredentialFormat } from '../db/repos/badges.js';
import { listAwardRows, type AwardRow } from '../db/repos/issuances.js';
import { getIssuer } from '../db/repos/issuer.js';
import type { Workspace } from './workspace.js';

/** Formats in the order an award shows them; the first one present gives the award's page. */
export const FORMAT_ORDER: readonly CredentialFormat[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];

/**
 * `valid`: every format issued and none revoked; `revoked`: every format revoked;
 * `partly-revoked`: some formats revoked (revoked one at a time with `--credential`);
 * `pending`: a format was reserved but its files not written yet (run `issue` again);
 * `expired`: past its `validUntil`.
 */
export type AwardStatus = 'valid' | 'revoked' | 'partly-revoked' | 'pending' | 'expired';

export interface AwardCredential {
  /** Short id, as in file names and site URLs. */
  id: string;
  credentialId: string;
  format: CredentialFormat;
  state: 'pending' | 'done';
  revoked: boolean;
  revocationReason: string | null;
  revokedAt: string | null;
  /** The credential's human page on the published site, when the workspace has an issuer. */
  pageUrl: string | null;
  files: string[];
}

export interface AwardView {
  id: string;
  badge: { id: string; name: string };
  recipient: { email: string | null; name: string | null; did: string | null };
  formats: CredentialFormat[];
  status: AwardStatus;
  issuedOn: string;
  validUntil: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  /** The page to send the earner: the first format's credential page on the site. */
  pageUrl: string | null;
  credentials: AwardCredential[];
}

export interface AwardFilter {
  badgeId?: string;
  /** Matched, ignoring case and accents, inside the earner's name or e-mail. */
  search?: string;
}

/** Lower case without accents, so that "elodie" finds "Élodie". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The awards of the workspace (or of one badge), oldest first, optionally filtered by a search text. */
export function listAwards(workspace: Workspace, filter: AwardFilter = {}): AwardView[] {
  if (filter.badgeId !== undefined) requireBadge(workspace.db, filter.badgeId);
  const rows = listAwardRows(workspace.db, filter.badgeId !== undefined ? { badgeId: filter.badgeId } : {});
  const needle = filter.search?.trim() ? foldForSearch(filter.search.trim()) : null;
  const matching = needle === null ? rows : rows.filter((row) => foldForSearch(`${row.recipientName ?? ''}\n${row.recipientEmail ?? ''}`).includes(needle));
  return groupAwards(workspace, matching);
}

/** One award by its full id or an unambiguous prefix of at least 8 characters. */
export function requireAward(workspace: Workspace, idOrPrefix: string): Award {
  const text = idOrPrefix.trim().toLowerCase();
  const exact = getAward(workspace.db, text);
  if (exact) return exact;
  const found = text.length >= 8 ? findAwardsByPrefix(workspace.db, text, 2) : [];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new BadgeError(
      'ERR_AWARD_AMBIGUOUS',
      `More than one award id starts with "${idOrPrefix}". Give more of it: \`badgesmith credentials list --json\` prints the full ids.`,
    );
  }
  throw new BadgeError(
    'ERR_AWARD_NOT_FOUND',
    `No award "${idOrPrefix}" in this workspace. Run \`badgesmith credentials list\` to see the award ids (the first column).`,
  );
}

export function getAwardView(workspace: Workspace, awardId: string): AwardView {
  const view = groupAwards(workspace, listAwardRows(workspace.db, { awardId }))[0];
  if (!view) throw new BadgeError('ERR_AWARD_NOT_FOUND', `Award ${awardId} has no credential. Run \`badgesmith credentials list\` to see the awards.`);
  return view;
}

/** The awards of a badge earned by the person with this e-mail address (normalised as when issuing). */
export function requireAwardsOf(workspace: Workspace, badgeId: string, email: string): Award[] {
  requireBadge(workspace.db, badgeId);
  const found = findAwardsByEmail(workspace.db, badgeId, normalizeEmail(email));
  if (found.length === 0) {
    throw new BadgeError(
      'ERR_AWARD_NOT_FOUND',
      `Nobody with the e-mail address "${email.trim()}" has badge ${badgeId}. Check the spelling with \`badgesmith credentials list --badge ${badgeId} --search TEXT\`.`,
    );
  }
  return found;
}

function siteLayoutOf(workspace: Workspace): SiteLayout | null {
  const issuer = getIssuer(workspace.db);
  return issuer ? siteLayout(issuer.siteUrl) : null;
}

function statusOf(credentials: AwardCredential[], validUntil: string | null, now: string): AwardStatus {
  const revoked = credentials.filter((c) => c.revoked).length;
  if (revoked === credentials.length) return 'revoked';
  if (revoked > 0) return 'partly-revoked';
  if (credentials.some((c) => c.state === 'pending')) return 'pending';
  if (validUntil !== null && Date.parse(validUntil) <= Date.parse(now)) return 'expired';
  return 'valid';
}

/** Groups issuance rows (oldest first) into awards, in the order of each award's first credential. */
function groupAwards(workspace: Workspace, rows: readonly AwardRow[]): AwardView[] {
  const layout = siteLayoutOf(workspace);
  const badgeNames = new Map(listBadges(workspace.db).map((badge) => [badge.id, badge.name]));
  const groups = new Map<string, AwardRow[]>();
  for (const row of rows) {
    const key = row.awardId ?? `issuance:${row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const now = workspace.now();
  return [...groups.entries()].map(([id, group]) => {
    const sorted = [...group].sort((a, b) => FORMAT_ORDER.indexOf(a.format) - FORMAT_ORDER.indexOf(b.format));
    const first = sorted[0]!;
    const credentials: AwardCredential[] = sorted.map((row) => ({
      id: row.id,
      credentialId: row.credentialId,
      format: row.format,
      state: row.state,
      revoked: row.revoked,
      revocationReason: row.revocationReason,
      revokedAt: row.revokedAt,
      pageUrl: layout ? layout.url(layout.credential(row.id, 'html')) : null,
      files: row.files.map((file) => file.path),
    }));
    // The person as last recorded (the most recent credential's recipient row holds the same person).
    const person = group[group.length - 1]!;
    const validUntil = sorted.map((row) => row.validUntil).reduce<string | null>((latest, v) => (v === null ? latest : latest === null || v > latest ? v : latest), null);
    const revokedRows = sorted.filter((row) => row.revoked);
    return {
      id,
      badge: { id: first.badgeId, name: badgeNames.get(first.badgeId) ?? first.badgeId },
      recipient: { email: person.recipientEmail, name: person.recipientName, did: person.recipientDid },
      formats: sorted.map((row) => row.format),
      status: statusOf(credentials, validUntil, now),
      issuedOn: sorted.map((row) => row.issuedOn).sort()[0]!,
      validUntil,
      revokedAt: revokedRows.map((row) => row.revokedAt ?? '').sort()[0] || null,
      revocationReason: revokedRows.find((row) => row.revocationReason !== null)?.revocationReason ?? null,
      pageUrl: credentials[0]?.pageUrl ?? null,
      credentials,
    };
  });
}
