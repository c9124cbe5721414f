/** The workspace at a glance: what the app's Home screen and `badgesmith status` show. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { requireIssuer } from '../db/repos/issuer.js';
import type { Workspace } from './workspace.js';

export interface WorkspaceCounts {
  badges: number;
  people: number;
  awards: number;
  credentials: number;
  revoked: number;
}

export interface WorkspaceStatus extends WorkspaceCounts {
  dir: string;
  issuerName: string;
  siteUrl: string;
  did: string;
  language: 'en' | 'fr';
  readOnly: boolean;
  /** When the site in `siteDir` was last written, or null if it never was. */
  lastSiteBuild: string | null;
  /** True when something the site shows changed after its last build (or it was never built). */
  siteOutOfDate: boolean;
  /** Latest change to anything the site publishes. */
  lastChange: string | null;
}

/** Where the app writes the workspace's site and issued files (the CLI lets the user choose). */
export function appOutputDirs(workspace: Workspace): { site: string; issued: string } {
  return { site: join(workspace.paths.dir, 'site'), issued: join(workspace.paths.dir, 'issued') };
}

export function workspaceCounts(workspace: Workspace): WorkspaceCounts {
  const one = (sql: string): number =>
    Number((workspace.db.prepare(sql).pluck().get() as number | bigint | null) ?? 0);
  return {
    badges: one('SELECT count(*) FROM badge_classes'),
    people: one(
      `SELECT count(DISTINCT recipient_id) FROM awards WHERE id IN (SELECT award_id FROM issuances WHERE state = 'done')`,
    ),
    awards: one(`SELECT count(DISTINCT award_id) FROM issuances WHERE state = 'done'`),
    credentials: one(`SELECT count(*) FROM issuances WHERE state = 'done'`),
    revoked: one(
      `SELECT count(DISTINCT award_id) FROM issuances WHERE state = 'done' AND revoked = 1`,
    ),
  };
}

function lastChange(workspace: Workspace): string | null {
  const row = workspace.db
    .prepare(
      `SELECT max(t) FROM (
         SELECT updated AS t FROM issuer
         UNION ALL SELECT max(updated) FROM badge_classes
         UNION ALL SELECT max(created) FROM issuances WHERE state = 'done'
         UNION ALL SELECT max(revoked_at) FROM issuances
         UNION ALL SELECT max(created) FROM endorsements
         UNION ALL SELECT max(coalesce(rotated, created)) FROM keys
       )`,
    )
    .pluck()
    .get() as string | null;
  return row ?? null;
}

function siteBuiltAt(siteDir: string): string | null {
  try {
    return statSync(join(siteDir, 'badgesmith-site.json'))
      .mtime.toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  } catch {
    return null;
  }
}

export function workspaceStatus(
  workspace: Workspace,
  siteDir = appOutputDirs(workspace).site,
): WorkspaceStatus {
  const issuer = requireIssuer(workspace.db);
  const built = siteBuiltAt(siteDir);
  const changed = lastChange(workspace);
  return {
    dir: workspace.paths.dir,
    issuerName: issuer.name,
    siteUrl: issuer.siteUrl,
    did: issuer.did,
    language: issuer.language,
    readOnly: workspace.readOnly,
    ...workspaceCounts(workspace),
    lastSiteBuild: built,
    siteOutOfDate: built === null || (changed !== null && Date.parse(changed) > Date.parse(built)),
    lastChange: changed,
  };
}
