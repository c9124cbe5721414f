/**
 * Verifies a badge file as `verify --site` does, with what the open workspace knows, offline: its
 * built site (DID document, keys, status lists, OB 2.0 documents) when there is one, else its own
 * DID document made from its keys (then revocation cannot be checked). Never the network.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildDidDocument } from '../../shared/did/web.js';
import { SITE_MANIFEST } from '../../shared/site/model.js';
import { outcomeOf, type VerificationOutcome, type VerificationReport } from '../../shared/verify/index.js';
import { getIssuer } from '../db/repos/issuer.js';
import { listKeys } from '../db/repos/keys.js';
import { verifyOneBytes } from './verify-files.js';
import { resolverFromSources, type ResolverSources } from './verify-sources.js';
import type { Workspace } from './workspace.js';

/** What the issuer's documents were resolved from. */
export type ResolvedWith = 'site' | 'workspace-keys' | 'nothing';

export interface WorkspaceVerification {
  report: VerificationReport;
  outcome: VerificationOutcome;
  resolvedWith: ResolvedWith;
}

export function workspaceSources(workspace: Workspace | null, siteDir: string | null): { sources: ResolverSources; resolvedWith: ResolvedWith } {
  if (siteDir !== null && existsSync(join(siteDir, SITE_MANIFEST))) {
    return { sources: { didDocuments: [], prefixes: [], siteDir }, resolvedWith: 'site' };
  }
  const issuer = workspace ? getIssuer(workspace.db) : null;
  if (!workspace || !issuer) return { sources: { didDocuments: [], prefixes: [] }, resolvedWith: 'nothing' };
  const keys = listKeys(workspace.db).map((key) => ({ id: key.id, type: key.type, publicJwk: key.publicJwk }));
  const document = buildDidDocument(issuer.did, keys) as unknown as Record<string, unknown>;
  return { sources: { didDocuments: [document], prefixes: [] }, resolvedWith: 'workspace-keys' };
}

export async function verifyWithWorkspace(
  bytes: Uint8Array,
  context: { workspace: Workspace | null; siteDir: string | null; now: Date; recipient?: string },
): Promise<WorkspaceVerification> {
  const { sources, resolvedWith } = workspaceSources(context.workspace, context.siteDir);
  const resolve = await resolverFromSources(sources);
  const report = await verifyOneBytes(
    bytes,
    { now: context.now.toISOString(), ...(context.recipient ? { recipient: context.recipient } : {}) },
    resolve,
  );
  return { report, outcome: outcomeOf(report), resolvedWith };
}
