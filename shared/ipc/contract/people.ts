/** People: every earner with their badges, one award opened, its files downloaded, an award revoked. */
import * as v from 'valibot';
import { count, isoDateTime, nonEmpty, text, type ChannelSpec } from '../schemas.js';

const format = v.picklist(['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed']);
export const fileKind = v.picklist(['json', 'jws', 'png', 'svg']);
export const awardStatus = v.picklist(['valid', 'revoked', 'partly-revoked', 'pending', 'expired']);
const awardId = nonEmpty(200);
/** Longest page the People screen asks for. */
export const MAX_PEOPLE_PAGE = 200;

export const awardSummary = v.object({
  id: v.string(),
  badge: v.object({ id: v.string(), name: v.string() }),
  formats: v.array(format),
  status: awardStatus,
  issuedOn: isoDateTime,
  validUntil: v.nullable(isoDateTime),
  revokedAt: v.nullable(isoDateTime),
});

export const person = v.object({
  key: v.string(),
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  did: v.nullable(v.string()),
  awards: v.array(awardSummary),
});

export const awardCredential = v.object({
  id: v.string(),
  credentialId: v.string(),
  format,
  state: v.picklist(['pending', 'done']),
  revoked: v.boolean(),
  revocationReason: v.nullable(v.string()),
  revokedAt: v.nullable(isoDateTime),
  /** Its page on the public site. */
  pageUrl: v.nullable(v.string()),
  /** Its page inside the built site folder (for the preview), when the site has it. */
  sitePage: v.nullable(v.string()),
  files: v.array(v.object({ kind: fileKind, name: v.string() })),
});

export const awardDetail = v.object({
  id: v.string(),
  badge: v.object({ id: v.string(), name: v.string() }),
  recipient: v.object({ email: v.nullable(v.string()), name: v.nullable(v.string()), did: v.nullable(v.string()) }),
  formats: v.array(format),
  status: awardStatus,
  issuedOn: isoDateTime,
  validUntil: v.nullable(isoDateTime),
  revokedAt: v.nullable(isoDateTime),
  revocationReason: v.nullable(v.string()),
  pageUrl: v.nullable(v.string()),
  credentials: v.array(awardCredential),
});

export const peopleContract = {
  'people.list': {
    req: v.strictObject({
      search: v.optional(text(200)),
      badgeId: v.optional(text(200)),
      offset: v.optional(count),
      limit: v.optional(v.pipe(count, v.minValue(1), v.maxValue(MAX_PEOPLE_PAGE))),
    }),
    res: v.object({
      total: count,
      awards: count,
      offset: count,
      people: v.array(person),
      badges: v.array(v.object({ id: v.string(), name: v.string() })),
    }),
  },
  'people.award': { req: v.strictObject({ awardId }), res: awardDetail },
  'people.download': {
    req: v.strictObject({ awardId, credential: nonEmpty(200), kind: fileKind }),
    res: v.object({ name: v.string(), type: v.string(), base64: v.string() }),
  },
  'people.revoke': {
    req: v.strictObject({ awardId, reason: text(500) }),
    res: v.object({ award: awardDetail, revoked: count, alreadyRevoked: count }),
  },
} satisfies Record<string, ChannelSpec>;
