/**
 * Personalised artwork: a badge class whose image comes from a linked design may opt in to baking
 * each earner's own rendering of that design (`{{recipient.name}}`, `{{badge.name}}` and
 * `{{issued_on}}` filled). Names are personal data, so it is off unless chosen. Only the baked image
 * changes: the credential is signed exactly as without it, and the badge class's image stays the
 * master (no name in it).
 */
import { BadgeError } from '../../shared/errors.js';
import { prepareImage, type PreparedImage } from '../../shared/bake/prepare.js';
import type { BadgeDesign, FieldValues } from '../../shared/design/model.js';
import { formatDate, type Lang } from '../../shared/messages/index.js';
import type { BadgeClass } from '../db/repos/badges.js';
import { designForBadge, setDesignBadge } from '../db/repos/designs.js';
import type { ArtworkKind } from './artwork.js';
import { shareImage } from './credential-files.js';
import { createPersonalisedRenderer, type PersonalisedRenderer } from './design-render.js';
import { BADGE_PNG_SIZE, badgeDesign, designArtworkNames } from './designs.js';
import type { Workspace } from './workspace.js';

/** The design the badge class's image is made from, when it is (linked, and still its image). */
export function imageDesign(
  workspace: Workspace,
  badge: Pick<BadgeClass, 'id' | 'image'>,
): BadgeDesign | undefined {
  if (badge.image !== designArtworkNames(badge.id).svg) return undefined;
  return badgeDesign(workspace, badge.id);
}

/** A badge class given an image file stops being linked to its design (the design itself is kept). */
export function forgetImageDesign(workspace: Workspace, badgeId: string): void {
  const record = designForBadge(workspace.db, badgeId);
  if (record) setDesignBadge(workspace.db, record.id, null, workspace.now());
}

export function personalisedArtworkNeedsDesign(badgeId: string): BadgeError {
  return new BadgeError(
    'ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN',
    `The image of badge ${badgeId} is not made from a design, so it cannot carry each earner's name. ` +
      `Make its image from a design first (in the Designer: Export, "Use as the image of badge…"; or \`badgesmith badge update ${badgeId} --design FILE.badgesmith.json\`), then turn personalised artwork on.`,
    { details: { badge: badgeId } },
  );
}

/** The linked design of a badge class that personalises its artwork (ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN otherwise). */
export function requireImageDesign(
  workspace: Workspace,
  badge: Pick<BadgeClass, 'id' | 'image'>,
): BadgeDesign {
  const design = imageDesign(workspace, badge);
  if (!design) throw personalisedArtworkNeedsDesign(badge.id);
  return design;
}

/** One earner's field values: their name (blank when the list has none), the badge's name, the issue date in the issuer's language. */
export function earnerFields(
  badgeName: string,
  recipientName: string | null,
  issuedOn: string,
  language: Lang,
): FieldValues {
  return {
    'recipient.name': recipientName ?? '',
    'badge.name': badgeName,
    issued_on: formatDate(issuedOn, language),
  };
}

export interface PersonalisedArtwork {
  /** The earner's images, ready to bake (in shared memory), one per kind in the order given. */
  images(recipientName: string | null, issuedOn: string): Promise<PreparedImage[]>;
  close(): Promise<void>;
}

/**
 * Renders each earner's images from the design, at the size of the badge class's PNG, for a whole
 * issuing run; close it at the end (also when the run fails or is cancelled).
 */
export function createPersonalisedArtwork(
  design: BadgeDesign,
  badge: Pick<BadgeClass, 'name'>,
  kinds: readonly ArtworkKind[],
  language: Lang,
): PersonalisedArtwork {
  const renderers: PersonalisedRenderer[] = [];
  const close = async () => {
    await Promise.all(renderers.map((renderer) => renderer.close()));
  };
  try {
    for (const kind of kinds) {
      renderers.push(createPersonalisedRenderer(design, { size: BADGE_PNG_SIZE, format: kind }));
    }
  } catch (error) {
    void close();
    throw error;
  }
  return {
    async images(recipientName, issuedOn) {
      const fields = earnerFields(badge.name, recipientName, issuedOn, language);
      const rendered = await Promise.all(renderers.map((renderer) => renderer.render(fields)));
      return rendered.map((bytes) => shareImage(prepareImage(bytes)));
    },
    close,
  };
}
