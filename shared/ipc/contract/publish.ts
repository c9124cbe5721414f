/** Publish: build the site (progress on `site.progress`), what changed, its preview, its folder, a zip. */
import * as v from 'valibot';
import { count, isoDateTime, nonEmpty, type ChannelSpec } from '../schemas.js';

/** Longest list of written or removed paths a build reports (the counts are always complete). */
export const MAX_LISTED_PATHS = 500;

export const publishStatus = v.object({
  siteDir: v.string(),
  siteUrl: v.string(),
  built: v.boolean(),
  lastBuild: v.nullable(isoDateTime),
  outOfDate: v.boolean(),
  /** The preview's address while it runs. */
  previewUrl: v.nullable(v.string()),
  /** Whether this computer has a file manager main can ask to open the folder. */
  canOpenFolder: v.boolean(),
  /** Whether main can make a zip of the site (the publish service is present). */
  canZip: v.boolean(),
});

export const siteBuildResult = v.object({
  dir: v.string(),
  siteUrl: v.string(),
  badges: count,
  credentials: count,
  files: count,
  written: v.array(v.string()),
  writtenCount: count,
  unchanged: count,
  removed: v.array(v.string()),
  removedCount: count,
});

export const publishContract = {
  'publish.status': { req: v.strictObject({}), res: publishStatus },
  'publish.build': {
    req: v.strictObject({ jobId: nonEmpty(100) }),
    res: siteBuildResult,
  },
  'publish.preview': {
    req: v.strictObject({}),
    res: v.object({ url: v.string(), siteUrl: v.string() }),
  },
  'publish.stopPreview': { req: v.strictObject({}), res: v.object({ stopped: v.boolean() }) },
  'publish.openFolder': {
    req: v.strictObject({}),
    res: v.object({ path: v.string(), opened: v.boolean() }),
  },
  /** The built site as one zip (the same bytes as `site publish --zip`), for Netlify drop or a hosting panel. */
  'publish.zip': {
    req: v.strictObject({}),
    res: v.object({ name: v.string(), files: count, base64: v.string() }),
  },
} satisfies Record<string, ChannelSpec>;
