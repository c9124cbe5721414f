import { BadgeError } from '../../../shared/errors.js';
import { assertText } from '../../../shared/text.js';
import { isObjectArray, isStringArray, readJson, writeJson, type Guard } from '../json-column.js';
import type { Db } from '../open.js';

export type CredentialFormat = 'ob3-di' | 'ob3-jwt' | 'ob2-hosted' | 'ob2-signed';
export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];

export interface Alignment {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  [member: string]: unknown;
}

export interface BadgeClass {
  /** URL-safe slug, e.g. `first-aid-2026`. */
  id: string;
  name: string;
  description: string;
  criteriaNarrative: string | null;
  criteriaUrl: string | null;
  /** File name inside the workspace's artwork/ folder. */
  image: string | null;
  tags: string[];
  alignments: Alignment[];
  achievementType: string;
  /** ISO 8601 duration (`P1Y`, `P6M`…) or null for no expiry. */
  expiresAfter: string | null;
  formats: CredentialFormat[];
  showRecipientName: boolean;
  /**
   * Each earner's baked image is the linked design rendered with their name (names are personal
   * data: off unless chosen; only for an image that comes from a design). Absent means off.
   */
  personalisedArtwork?: boolean;
  /** Endorsement credentials attached to the badge class, embedded in credentials issued afterwards. */
  endorsements: Record<string, unknown>[];
  created: string;
  updated: string;
}

interface BadgeRow {
  id: string;
  name: string;
  description: string;
  criteria_narrative: string | null;
  criteria_url: string | null;
  image: string | null;
  tags: string;
  alignments: string;
  achievement_type: string;
  expires_after: string | null;
  formats: string;
  show_recipient_name: number;
  personalised_artwork: number;
  endorsements: string;
  created: string;
  updated: string;
}

const isAlignments: Guard<Alignment[]> = (value): value is Alignment[] =>
  isObjectArray(value) && value.every((a) => typeof a.targetName === 'string' && typeof a.targetUrl === 'string');

const isFormats: Guard<CredentialFormat[]> = (value): value is CredentialFormat[] =>
  isStringArray(value) && value.length > 0 && value.every((f) => (CREDENTIAL_FORMATS as readonly string[]).includes(f));

export const BADGE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function fromRow(row: BadgeRow): BadgeClass {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    criteriaNarrative: row.criteria_narrative,
    criteriaUrl: row.criteria_url,
    image: row.image,
    tags: readJson('badge_classes', row.id, 'tags', row.tags, isStringArray),
    alignments: readJson('badge_classes', row.id, 'alignments', row.alignments, isAlignments),
    achievementType: row.achievement_type,
    expiresAfter: row.expires_after,
    formats: readJson('badge_classes', row.id, 'formats', row.formats, isFormats),
    showRecipientName: row.show_recipient_name === 1,
    personalisedArtwork: row.personalised_artwork === 1,
    endorsements: readJson('badge_classes', row.id, 'endorsements', row.endorsements, isObjectArray),
    created: row.created,
    updated: row.updated,
  };
}

function toRow(badge: BadgeClass): BadgeRow {
  return {
    id: badge.id,
    name: badge.name,
    description: badge.description,
    criteria_narrative: badge.criteriaNarrative,
    criteria_url: badge.criteriaUrl,
    image: badge.image,
    tags: writeJson(badge.tags),
    alignments: writeJson(badge.alignments),
    achievement_type: badge.achievementType,
    expires_after: badge.expiresAfter,
    formats: writeJson(badge.formats),
    show_recipient_name: badge.showRecipientName ? 1 : 0,
    personalised_artwork: badge.personalisedArtwork ? 1 : 0,
    endorsements: writeJson(badge.endorsements),
    created: badge.created,
    updated: badge.updated,
  };
}

/**
 * Refuses control, escape, text-direction and invisible characters in the texts of a badge class
 * (ERR_TEXT_INVALID), when they are entered: they would reach every credential, page and baked SVG.
 */
export function checkBadgeTexts(badge: BadgeUpdate): void {
  assertText(badge.name, 'badge name');
  assertText(badge.description, 'badge description', { multiline: true });
  assertText(badge.criteriaNarrative, 'badge criteria', { multiline: true });
  assertText(badge.achievementType, 'achievement type');
  for (const tag of badge.tags ?? []) assertText(tag, 'tag');
  for (const alignment of badge.alignments ?? []) {
    assertText(alignment.targetName, 'alignment name');
    for (const key of ['targetCode', 'targetFramework'] as const) {
      if (typeof alignment[key] === 'string') assertText(alignment[key], `alignment ${key.slice(6).toLowerCase()}`);
    }
    if (typeof alignment.targetDescription === 'string') assertText(alignment.targetDescription, 'alignment description', { multiline: true });
  }
}

export function insertBadge(db: Db, badge: BadgeClass): void {
  checkBadgeTexts(badge);
  if (!BADGE_ID_PATTERN.test(badge.id)) {
    throw new BadgeError('ERR_BADGE_ID_INVALID', `"${badge.id}" is not a valid badge id: use lower-case letters, digits and dashes.`);
  }
  if (getBadge(db, badge.id)) throw new BadgeError('ERR_BADGE_EXISTS', `A badge with id "${badge.id}" already exists; pick another name or use \`badge update\`.`);
  db.prepare(
    `INSERT INTO badge_classes (id, name, description, criteria_narrative, criteria_url, image, tags, alignments,
       achievement_type, expires_after, formats, show_recipient_name, personalised_artwork, endorsements, created, updated)
     VALUES (@id, @name, @description, @criteria_narrative, @criteria_url, @image, @tags, @alignments,
       @achievement_type, @expires_after, @formats, @show_recipient_name, @personalised_artwork, @endorsements, @created, @updated)`,
  ).run(toRow(badge));
}

export function getBadge(db: Db, id: string): BadgeClass | undefined {
  const row = db.prepare('SELECT * FROM badge_classes WHERE id = ?').get(id) as BadgeRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function requireBadge(db: Db, id: string): BadgeClass {
  const badge = getBadge(db, id);
  if (!badge) throw new BadgeError('ERR_BADGE_NOT_FOUND', `No badge with id "${id}". Run \`badgesmith badge list\` to see the ids.`);
  return badge;
}

export function listBadges(db: Db): BadgeClass[] {
  return (db.prepare('SELECT * FROM badge_classes ORDER BY created, id').all() as BadgeRow[]).map(fromRow);
}

export type BadgeUpdate = Partial<Omit<BadgeClass, 'id' | 'created' | 'updated'>>;

export function updateBadge(db: Db, id: string, changes: BadgeUpdate, updated: string): BadgeClass {
  checkBadgeTexts(changes);
  const next: BadgeClass = { ...requireBadge(db, id), ...changes, id, updated };
  db.prepare(
    `UPDATE badge_classes SET name = @name, description = @description, criteria_narrative = @criteria_narrative,
       criteria_url = @criteria_url, image = @image, tags = @tags, alignments = @alignments,
       achievement_type = @achievement_type, expires_after = @expires_after, formats = @formats,
       show_recipient_name = @show_recipient_name, personalised_artwork = @personalised_artwork, endorsements = @endorsements, updated = @updated
     WHERE id = @id`,
  ).run(toRow(next));
  return next;
}
