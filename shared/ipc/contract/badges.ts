/** Badge classes: the list, one badge with every field, saving a draft, its live page preview, endorsements. */
import * as v from 'valibot';
import {
  count,
  droppedFile,
  empty,
  isoDateTime,
  longText,
  nonEmpty,
  text,
  type ChannelSpec,
} from '../schemas.js';
import { imageData, svgRemoval } from './issuer.js';

export const credentialFormats = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'] as const;
export const credentialFormat = v.picklist(credentialFormats);

const badgeId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'ERR_BADGE_ID_INVALID'),
);

export const alignmentInput = v.strictObject({
  targetName: text(500),
  targetUrl: text(2000),
  targetCode: v.optional(text(200)),
  targetFramework: v.optional(text(500)),
  targetDescription: v.optional(text(2000)),
});

/** The form as typed: empty texts mean "none" (no criteria address, no expiry). */
export const badgeDraft = v.strictObject({
  name: text(200),
  description: longText,
  criteriaNarrative: longText,
  criteriaUrl: text(2000),
  tags: v.pipe(v.array(text(100)), v.maxLength(100)),
  alignments: v.pipe(v.array(alignmentInput), v.maxLength(100)),
  achievementType: text(100),
  /** ISO 8601 duration (P1Y, P6M, P90D) or empty for no expiry. */
  expiresAfter: text(40),
  formats: v.pipe(v.array(credentialFormat), v.maxLength(4)),
  showRecipientName: v.boolean(),
  /** Bake each earner's name into their image (only for an image made from a design); unchanged when absent. */
  personalisedArtwork: v.optional(v.boolean()),
});

const alignment = v.object({
  targetName: v.string(),
  targetUrl: v.string(),
  targetCode: v.optional(v.string()),
  targetFramework: v.optional(v.string()),
  targetDescription: v.optional(v.string()),
});

export const endorsementInfo = v.object({
  id: v.string(),
  endorser: v.string(),
  comment: v.nullable(v.string()),
  /** Received from another organisation (a verified file), or signed by this workspace's issuer. */
  received: v.boolean(),
  date: v.nullable(v.string()),
});

const summaryEntries = {
  id: v.string(),
  name: v.string(),
  description: v.string(),
  achievementType: v.string(),
  expiresAfter: v.nullable(v.string()),
  formats: v.array(credentialFormat),
  /** People who hold the badge (one award, whatever its formats). */
  people: count,
  image: v.nullable(imageData),
  updated: isoDateTime,
};

export const badgeSummary = v.object(summaryEntries);

export const badgeDetail = v.object({
  ...summaryEntries,
  criteriaNarrative: v.nullable(v.string()),
  criteriaUrl: v.nullable(v.string()),
  tags: v.array(v.string()),
  alignments: v.array(alignment),
  showRecipientName: v.boolean(),
  personalisedArtwork: v.boolean(),
  /** The image is made from a linked design, so it can be personalised. */
  imageFromDesign: v.boolean(),
  endorsements: v.array(endorsementInfo),
  /** Where the badge page is published. */
  pageUrl: v.string(),
});

const saved = v.object({ badge: badgeDetail, removed: v.array(svgRemoval) });

export const badgesContract = {
  'badges.list': {
    req: empty,
    res: v.object({
      badges: v.array(badgeSummary),
      /** Open Badges achievement types the form offers (others as ext:Name). */
      achievementTypes: v.array(v.string()),
    }),
  },
  'badges.get': { req: v.strictObject({ id: nonEmpty(64) }), res: badgeDetail },
  'badges.create': {
    req: v.strictObject({
      draft: badgeDraft,
      /** The badge's id in web addresses; from the name when absent. */
      id: v.optional(badgeId),
      image: v.optional(droppedFile),
    }),
    res: saved,
  },
  'badges.update': {
    req: v.strictObject({ id: nonEmpty(64), draft: badgeDraft, image: v.optional(droppedFile) }),
    res: saved,
  },
  'badges.preview': {
    req: v.strictObject({
      id: v.optional(nonEmpty(64)),
      draft: badgeDraft,
      image: v.optional(droppedFile),
    }),
    res: v.object({ html: v.string() }),
  },
  'badges.attachEndorsement': {
    req: v.strictObject({
      id: nonEmpty(64),
      file: droppedFile,
      /** The endorser's DID document(s), so its key can be checked offline. */
      didDocuments: v.optional(v.pipe(v.array(droppedFile), v.maxLength(10))),
    }),
    res: badgeDetail,
  },
} satisfies Record<string, ChannelSpec>;
