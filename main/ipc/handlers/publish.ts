/** Handlers for the Publish screen: build the site with progress, preview it, open its folder, zip it, publish it with git. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { MAX_LISTED_PATHS, ZIP_DOWNLOAD_MAX_BYTES } from '../../../shared/ipc/contract/publish.js';
import { BadgeError } from '../../../shared/errors.js';
import { folderOpener, openFolder } from '../../services/open-folder.js';
import { exportSite, type SiteExportProgress } from '../../services/site-export.js';
import { checkGitTarget, readGitTarget, saveGitTarget } from '../../services/publish-target.js';
import {
  publishSite,
  siteFiles,
  zipSite,
  type PublishProgress,
} from '../../services/site-publish.js';
import { startSitePreview, type SitePreview } from '../../services/site-preview.js';
import type { HandlerGroup } from '../dispatch.js';
import type { AppSession } from '../session.js';

type PublishChannel =
  | 'publish.status'
  | 'publish.build'
  | 'publish.preview'
  | 'publish.stopPreview'
  | 'publish.openFolder'
  | 'publish.zip'
  | 'publish.git';

/** Progress events at most this often (plus every change of phase and the end). */
const PROGRESS_INTERVAL_MS = 100;

/** The running preview of each session, with the folder it serves. */
const previews = new WeakMap<AppSession, { dir: string; preview: SitePreview }>();

/** The origin of the session's running site preview (http://127.0.0.1:PORT), which the app may open in a browser. */
export function previewOrigin(session: AppSession): string | undefined {
  const running = previews.get(session);
  return running ? new URL(running.preview.url).origin : undefined;
}

export async function stopPreview(session: AppSession): Promise<boolean> {
  const running = previews.get(session);
  if (!running) return false;
  previews.delete(session);
  await running.preview.close();
  return true;
}

function siteStatus(session: AppSession): ResValue<'publish.status'> {
  const status = session.status();
  const siteDir = session.outputDirs().site;
  const running = previews.get(session);
  return {
    siteDir,
    siteUrl: status.siteUrl,
    built: status.lastSiteBuild !== null,
    lastBuild: status.lastSiteBuild,
    outOfDate: status.siteOutOfDate,
    previewUrl: running && running.dir === siteDir ? running.preview.url : null,
    canOpenFolder: folderOpener() !== null,
    canZip: true,
    gitTarget: readGitTarget(session.requireWorkspace()),
  };
}

/** Reports progress on `site.progress` without flooding the UI: phase changes, the end of a phase, and every PROGRESS_INTERVAL_MS. */
function progressReporter(
  session: AppSession,
  jobId: string,
): (progress: SiteExportProgress) => void {
  let lastPhase = '';
  let lastAt = 0;
  return ({ phase, done, total }) => {
    const now = performance.now();
    const phaseEnd = total !== null && done === total;
    if (phase === lastPhase && !phaseEnd && now - lastAt < PROGRESS_INTERVAL_MS) return;
    lastPhase = phase;
    lastAt = now;
    session.env.emit('site.progress', { jobId, phase, done, total, finished: false });
  };
}

/** The git steps after the build, as `site.progress` phases (the build's own phases come first). */
function gitProgress(session: AppSession, jobId: string): (progress: PublishProgress) => void {
  return ({ phase }) => {
    if (phase === 'fetch' || phase === 'commit' || phase === 'push') {
      session.env.emit('site.progress', { jobId, phase, done: 0, total: null, finished: false });
    }
  };
}

function finished(session: AppSession, jobId: string): void {
  session.env.emit('site.progress', { jobId, phase: 'done', done: 0, total: null, finished: true });
}

export const publishHandlers: HandlerGroup<PublishChannel> = {
  'publish.status': (_req, session) => siteStatus(session),

  'publish.build': async ({ jobId }, session) => {
    const workspace = session.requireWorkspace();
    const keystore = session.requireKeystore();
    const { site, issued } = session.outputDirs();
    let result;
    try {
      result = await exportSite(workspace, keystore, site, {
        issuedDirs: [issued],
        onBuildProgress: progressReporter(session, jobId),
      });
    } finally {
      finished(session, jobId);
    }
    return {
      dir: result.dir,
      siteUrl: result.siteUrl,
      badges: result.badges,
      credentials: result.credentials,
      files: result.total,
      written: result.written.slice(0, MAX_LISTED_PATHS),
      writtenCount: result.written.length,
      unchanged: result.unchanged,
      removed: result.removed.slice(0, MAX_LISTED_PATHS),
      removedCount: result.removed.length,
    };
  },

  'publish.preview': async (_req, session) => {
    const dir = session.outputDirs().site;
    const running = previews.get(session);
    if (running && running.dir === dir) {
      return { url: running.preview.url, siteUrl: running.preview.siteUrl };
    }
    await stopPreview(session);
    if (!existsSync(dir)) {
      throw new BadgeError(
        'ERR_SITE_NOT_BUILT',
        `The site is not built yet in ${dir}. Build it first, then preview it.`,
      );
    }
    const preview = await startSitePreview(dir);
    previews.set(session, { dir, preview });
    return { url: preview.url, siteUrl: preview.siteUrl };
  },

  'publish.zip': async (_req, session) => {
    const dir = session.outputDirs().site;
    if (!existsSync(join(dir, 'badgesmith-site.json'))) {
      throw new BadgeError(
        'ERR_SITE_NOT_BUILT',
        `The site is not built yet in ${dir}. Build it first, then download it.`,
      );
    }
    const temp = await mkdtemp(join(tmpdir(), 'badgesmith-zip-'));
    const zip = await zipSite(dir, join(temp, 'badgesmith-site.zip'));
    if (zip.bytes > ZIP_DOWNLOAD_MAX_BYTES) {
      // Too large to hand to the page: kept in its private temporary folder, for the user to move.
      return { name: 'badgesmith-site.zip', files: zip.files, bytes: zip.bytes, path: zip.file, base64: null };
    }
    try {
      const base64 = (await readFile(zip.file)).toString('base64');
      return { name: 'badgesmith-site.zip', files: zip.files, bytes: zip.bytes, path: zip.file, base64 };
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  },

  'publish.git': async ({ jobId, url, branch }, session) => {
    const workspace = session.requireWorkspace();
    const keystore = session.requireKeystore();
    const target = checkGitTarget(url, branch);
    // Remembered before publishing: after a refused login the volunteer fixes git, not the form.
    await saveGitTarget(workspace, target);
    const { site, issued } = session.outputDirs();
    let result;
    try {
      result = await publishSite(workspace, keystore, {
        outDir: site,
        build: { issuedDirs: [issued], onBuildProgress: progressReporter(session, jobId) },
        git: target,
        onProgress: gitProgress(session, jobId),
      });
    } finally {
      finished(session, jobId);
    }
    const git = result.git!;
    const counted = (status: string) => git.changes.filter((c) => c.status === status).length;
    return {
      url: git.url,
      branch: git.branch,
      commit: git.commit,
      added: counted('A'),
      modified: counted('M'),
      deleted: counted('D'),
      changes: git.changes.slice(0, MAX_LISTED_PATHS),
      changeCount: git.changes.length,
      files: siteFiles(site).length,
    };
  },

  'publish.stopPreview': async (_req, session) => ({ stopped: await stopPreview(session) }),

  'publish.openFolder': async (_req, session) => {
    const dir = session.outputDirs().site;
    return { path: dir, opened: existsSync(dir) && (await openFolder(dir)) };
  },
};
