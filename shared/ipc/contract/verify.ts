/** Verify: a dropped badge file checked offline with the workspace's own documents. */
import * as v from 'valibot';
import { droppedFile, text, type ChannelSpec } from '../schemas.js';

export const verifyCheck = v.object({
  id: v.string(),
  ok: v.boolean(),
  warning: v.optional(v.boolean()),
  code: v.optional(v.string()),
  message: v.string(),
  messageKey: v.optional(v.string()),
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
});

export const verifyReport = v.object({
  name: v.string(),
  outcome: v.picklist(['verified', 'verified-with-warnings', 'not-verified']),
  format: v.picklist(['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed', 'ob1', 'unknown']),
  image: v.optional(v.picklist(['png', 'svg'])),
  issuer: v.optional(
    v.object({ id: v.string(), confirmed: v.boolean(), name: v.optional(v.string()), url: v.optional(v.string()) }),
  ),
  badge: v.optional(v.object({ id: v.string(), name: v.string() })),
  /** The check that says the badge was revoked, or that it expired. */
  revoked: v.boolean(),
  expired: v.boolean(),
  /** Where the issuer's documents came from: the built site, the workspace's keys only, or nothing. */
  resolvedWith: v.picklist(['site', 'workspace-keys', 'nothing']),
  checks: v.array(verifyCheck),
});

export const verifyContract = {
  'verify.file': {
    req: v.strictObject({ file: droppedFile, email: v.optional(text(320)) }),
    res: verifyReport,
  },
} satisfies Record<string, ChannelSpec>;
