/**
 * Badge classes as the app and the CLI edit them: a draft with every field checked (each refusal
 * has its own ERR_ code), a free id from the name, artwork stored through the sanitiser, and the
 * number of people who hold each badge.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { ACHIEVEMENT_TYPES } from '../../shared/ob3/schema.js';
import type { SvgRemoval } from '../../shared/bake/sanitize.js';
import {
  BADGE_ID_PATTERN,
  CREDENTIAL_FORMATS,
  checkBadgeTexts,
  getBadge,
  insertBadge,
  requireBadge,
  updateBadge,
  type Alignment,
  type BadgeClass,
  type BadgeUpdate,
} from '../db/repos/badges.js';
import { importArtwork } from './artwork.js';
import { writeFileAtomic } from './files.js';
import { forgetImageDesign, imageDesign, personalisedArtworkNeedsDesign } from './personalised-artwork.js';
import type { Workspace } from './workspace.js';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** ISO 8601 duration with at least one part (`P1Y`, `P6M`, `P90D`, `PT12H`). */
export const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** `Premiers secours (niveau 1)` → `premiers-secours-niveau-1`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug || 'badge';
}

/** `base`, or `base-2`, `base-3`… whichever no badge uses yet. */
export function freeBadgeId(workspace: Workspace, base: string): string {
  let id = base;
  for (let n = 2; getBadge(workspace.db, id); n += 1) id = `${base}-${n}`;
  return id;
}

export function isAchievementType(text: string): boolean {
  return (
    (ACHIEVEMENT_TYPES as readonly string[]).includes(text) || /^ext:[A-Za-z0-9._-]+$/.test(text)
  );
}

export { ACHIEVEMENT_TYPES };

/** Everything a person edits about a badge class (the app's form; the CLI's flags once parsed). */
export type BadgeDraft = Pick<
  BadgeClass,
  | 'name'
  | 'description'
  | 'criteriaNarrative'
  | 'criteriaUrl'
  | 'tags'
  | 'alignments'
  | 'achievementType'
  | 'expiresAfter'
  | 'formats'
  | 'showRecipientName'
  | 'personalisedArtwork'
>;

function webAddress(text: string, code: `ERR_${string}`, what: string): string {
  try {
    const url = new URL(text.trim());
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // reported below
  }
  throw new BadgeError(
    code,
    `The ${what} "${text.slice(0, 200)}" is not a web address (https://…).`,
    { details: { value: text.slice(0, 200) } },
  );
}

/** A duration that is not zero: a zero one would make every credential expire as it is issued. */
export function checkDuration(text: string): string {
  if (!DURATION.test(text) || (text.match(/\d+/g) ?? []).every((digits) => Number(digits) === 0)) {
    throw new BadgeError(
      'ERR_DURATION_INVALID',
      `"${text.slice(0, 40)}" is not an ISO 8601 duration such as P1Y, P6M or P90D (and not zero).`,
    );
  }
  return text;
}

/** Checks and normalises a draft: trimmed texts, web addresses, a known type, a non-zero duration, at least one format. */
export function checkBadgeDraft(draft: BadgeDraft): BadgeDraft {
  const name = draft.name.trim();
  const description = draft.description.trim();
  if (!name) throw new BadgeError('ERR_BADGE_NAME_REQUIRED', 'The badge needs a name.');
  if (!description) {
    throw new BadgeError('ERR_BADGE_DESCRIPTION_REQUIRED', 'The badge needs a description.');
  }
  const criteriaNarrative = draft.criteriaNarrative?.trim() || null;
  const criteriaUrl = draft.criteriaUrl?.trim()
    ? webAddress(draft.criteriaUrl, 'ERR_BADGE_URL_INVALID', 'criteria address')
    : null;
  if (!criteriaNarrative && !criteriaUrl) {
    throw new BadgeError(
      'ERR_BADGE_CRITERIA_REQUIRED',
      'Say what earns the badge: criteria text, a criteria web address, or both.',
    );
  }
  const achievementType = draft.achievementType.trim() || 'Badge';
  if (!isAchievementType(achievementType)) {
    throw new BadgeError(
      'ERR_ACHIEVEMENT_TYPE_INVALID',
      `Unknown achievement type "${achievementType}"; use an Open Badges value such as Badge, Certificate, Course, or ext:YourType.`,
    );
  }
  const formats = [...new Set(draft.formats)];
  if (
    formats.length === 0 ||
    formats.some((f) => !(CREDENTIAL_FORMATS as readonly string[]).includes(f))
  ) {
    throw new BadgeError(
      'ERR_BADGE_FORMATS_REQUIRED',
      `Choose at least one credential format (${CREDENTIAL_FORMATS.join(', ')}).`,
    );
  }
  const alignments = draft.alignments.map((alignment): Alignment => {
    const targetName = alignment.targetName.trim();
    if (!targetName) {
      throw new BadgeError(
        'ERR_ALIGNMENT_NAME_REQUIRED',
        'Each alignment needs the name of the framework or standard it points to.',
      );
    }
    const optional = (key: 'targetCode' | 'targetDescription' | 'targetFramework') => {
      const value = typeof alignment[key] === 'string' ? (alignment[key] as string).trim() : '';
      return value ? { [key]: value } : {};
    };
    return {
      targetName,
      targetUrl: webAddress(alignment.targetUrl, 'ERR_BADGE_URL_INVALID', 'alignment address'),
      ...optional('targetCode'),
      ...optional('targetDescription'),
      ...optional('targetFramework'),
    };
  });
  const checked: BadgeDraft = {
    name,
    description,
    criteriaNarrative,
    criteriaUrl,
    tags: [...new Set(draft.tags.map((t) => t.trim()).filter(Boolean))],
    alignments,
    achievementType,
    expiresAfter: draft.expiresAfter?.trim() ? checkDuration(draft.expiresAfter.trim()) : null,
    formats,
    showRecipientName: draft.showRecipientName,
    ...(draft.personalisedArtwork !== undefined ? { personalisedArtwork: draft.personalisedArtwork } : {}),
  };
  checkBadgeTexts(checked);
  return checked;
}

export interface StoredArtwork {
  /** File name inside the workspace's artwork folder. */
  image: string;
  /** What the SVG sanitiser removed (empty for a PNG or a clean SVG). */
  removed: SvgRemoval[];
}

/** Checks PNG/SVG artwork (an SVG is sanitised) and stores it as artwork/<base>.<png|svg>. */
export async function storeArtwork(
  workspace: Workspace,
  base: string,
  bytes: Uint8Array,
): Promise<StoredArtwork> {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new BadgeError(
      'ERR_IMAGE_TOO_LARGE',
      `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB; export a smaller one.`,
    );
  }
  const artwork = importArtwork(bytes);
  const image = `${base}.${artwork.kind}`;
  await writeFileAtomic(join(workspace.paths.artwork, image), artwork.bytes);
  // The other kind beside it was drawn from the image this one replaces (a design's PNG, say).
  await rm(join(workspace.paths.artwork, `${base}.${artwork.kind === 'png' ? 'svg' : 'png'}`), { force: true });
  return { image, removed: artwork.removed };
}

export interface SavedBadge {
  badge: BadgeClass;
  removed: SvgRemoval[];
}

/** Adds a badge class: the id given (ERR_BADGE_EXISTS when taken) or a free one from the name. */
export async function addBadgeClass(
  workspace: Workspace,
  input: BadgeDraft,
  options: { id?: string; image?: Uint8Array } = {},
): Promise<SavedBadge> {
  const draft = checkBadgeDraft(input);
  if (options.id !== undefined && !BADGE_ID_PATTERN.test(options.id)) {
    throw new BadgeError(
      'ERR_BADGE_ID_INVALID',
      `"${options.id}" is not a valid badge id: use lower-case letters, digits and dashes.`,
    );
  }
  const id = options.id ?? freeBadgeId(workspace, slugify(draft.name));
  // A new badge class has no design yet: its image is a file, or the designer links one later.
  if (draft.personalisedArtwork) throw personalisedArtworkNeedsDesign(id);
  if (getBadge(workspace.db, id)) {
    throw new BadgeError(
      'ERR_BADGE_EXISTS',
      `A badge with id "${id}" already exists; pick another id.`,
      { details: { id } },
    );
  }
  const artwork = options.image ? await storeArtwork(workspace, id, options.image) : undefined;
  const now = workspace.now();
  const badge: BadgeClass = {
    id,
    ...draft,
    image: artwork?.image ?? null,
    endorsements: [],
    created: now,
    updated: now,
  };
  insertBadge(workspace.db, badge);
  return { badge, removed: artwork?.removed ?? [] };
}

/**
 * Replaces a badge class's editable fields (credentials already issued keep what they were issued with).
 * A new image file replaces a design's: the design is unlinked and personalised artwork turns off.
 */
export async function updateBadgeClass(
  workspace: Workspace,
  id: string,
  input: BadgeDraft,
  options: { image?: Uint8Array } = {},
): Promise<SavedBadge> {
  const current = requireBadge(workspace.db, id);
  const changes: BadgeUpdate = checkBadgeDraft(input);
  if (changes.personalisedArtwork && (options.image || !imageDesign(workspace, current))) {
    throw personalisedArtworkNeedsDesign(id);
  }
  const artwork = options.image ? await storeArtwork(workspace, id, options.image) : undefined;
  if (artwork) {
    changes.image = artwork.image;
    changes.personalisedArtwork = false;
    forgetImageDesign(workspace, id);
  }
  return {
    badge: updateBadge(workspace.db, id, changes, workspace.now()),
    removed: artwork?.removed ?? [],
  };
}

/** People holding each badge (an award counts once, whatever its formats), by badge id. */
export function peopleByBadge(workspace: Workspace): Map<string, number> {
  const rows = workspace.db
    .prepare(
      "SELECT badge_id AS badgeId, count(DISTINCT award_id) AS people FROM issuances WHERE state = 'done' GROUP BY badge_id",
    )
    .all() as { badgeId: string; people: number }[];
  return new Map(rows.map((row) => [row.badgeId, row.people]));
}
