/** Publish: build the site (progress on `site.progress`), what changed, its preview, its folder, a zip. */
import * as v from 'valibot';
import { count, isoDateTime, nonEmpty, text, type ChannelSpec } from '../schemas.js';

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
  /** The git repository and branch this workspace's site was last published to (never a password). */
  gitTarget: v.nullable(v.object({ url: v.string(), branch: v.string() })),
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

/** A git publish: the build, then the commit (null when the branch already held this site). */
export const gitPublishResult = v.object({
  url: v.string(),
  branch: v.string(),
  commit: v.nullable(v.string()),
  added: count,
  modified: count,
  deleted: count,
  /** Changed paths with git's status letter (A, M, D), at most MAX_LISTED_PATHS. */
  changes: v.array(v.object({ status: v.string(), path: v.string() })),
  changeCount: count,
  /** Files of the site folder, all on the branch now. */
  files: count,
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
  /**
   * Builds the site, then commits what changed onto a branch of a git repository and pushes it
   * (progress on `site.progress`: the build's phases, then fetch, commit, push). The address and
   * branch are remembered for the workspace. Logins are git's own (credential helper, SSH key).
   */
  'publish.git': {
    req: v.strictObject({ jobId: nonEmpty(100), url: nonEmpty(2000), branch: text(200) }),
    res: gitPublishResult,
  },
  'publish.stopPreview': { req: v.strictObject({}), res: v.object({ stopped: v.boolean() }) },
  'publish.openFolder': {
    req: v.strictObject({}),
    res: v.object({ path: v.string(), opened: v.boolean() }),
  },
  /**
   * The built site as one zip (the same bytes as `site publish --zip`), for Netlify drop or a hosting panel: its bytes for a download; above ZIP_DOWNLOAD_MAX_BYTES, `base64` is null and
   * the zip stays at `path` (a private temporary folder) for the user to take.
   */
  'publish.zip': {
    req: v.strictObject({}),
    res: v.object({ name: v.string(), files: count, bytes: count, path: v.string(), base64: v.nullable(v.string()) }),
  },
} satisfies Record<string, ChannelSpec>;

/** Past this size a site zip is not sent to the page as a download (a string that large fails in a browser): it is saved for the user to take. */
export const ZIP_DOWNLOAD_MAX_BYTES = 200 * 1024 * 1024;
