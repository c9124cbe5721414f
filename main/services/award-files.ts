/**
 * The issued files of one award (its credential in each format: JSON, JWS, baked PNG/SVG), read for
 * download. Only a file `issue` wrote for a credential of that award is ever read: the caller names
 * a credential and a kind, never a path, and the recorded path and hash are checked first.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import type { CredentialFileKind } from '../../shared/site/model.js';
import { listIssuances } from '../db/repos/issuances.js';
import { requireAward } from './awards.js';
import { candidatePaths, isIssuedName } from './site-export.js';
import type { Workspace } from './workspace.js';

export const FILE_KINDS: readonly CredentialFileKind[] = ['json', 'jws', 'png', 'svg'];

export const FILE_TYPES: Readonly<Record<CredentialFileKind, string>> = {
  json: 'application/json',
  jws: 'text/plain',
  png: 'image/png',
  svg: 'image/svg+xml',
};

export interface AwardFileRef {
  /** The credential's short id. */
  credential: string;
  kind: CredentialFileKind;
  /** The file name offered for download. */
  name: string;
}

export interface AwardFile extends AwardFileRef {
  type: string;
  bytes: Uint8Array;
}

function kindOf(path: string): CredentialFileKind | undefined {
  const kind = extname(path).slice(1).toLowerCase();
  return (FILE_KINDS as readonly string[]).includes(kind) ? (kind as CredentialFileKind) : undefined;
}

/** The files recorded for a credential of an award, one per kind, as its download list names them. */
export function credentialFileRefs(badgeId: string, credential: { id: string; files: readonly string[] }): AwardFileRef[] {
  const seen = new Set<CredentialFileKind>();
  const refs: AwardFileRef[] = [];
  for (const path of credential.files) {
    const kind = kindOf(path);
    if (kind === undefined || seen.has(kind)) continue;
    seen.add(kind);
    refs.push({ credential: credential.id, kind, name: `${badgeId}-${credential.id}.${kind}` });
  }
  return refs;
}

/**
 * Reads one issued file of an award: the credential must belong to the award, the recorded path must
 * be the name `issue` gives it, and the bytes must match the hash recorded when it was issued.
 * `issuedDirs`: where to look when the file was moved (as `site build --issued`).
 */
export async function readAwardFile(
  workspace: Workspace,
  awardId: string,
  credential: string,
  kind: CredentialFileKind,
  issuedDirs: readonly string[] = [],
): Promise<AwardFile> {
  const award = requireAward(workspace, awardId);
  const issuance = listIssuances(workspace.db, { awardId: award.id }).find((i) => i.id === credential);
  const recorded = issuance?.files.find((file) => kindOf(file.path) === kind);
  if (!issuance || !recorded) {
    throw new BadgeError('ERR_AWARD_FILE_NOT_FOUND', `Award ${award.id} has no ${kind} file for credential ${credential}.`, {
      details: { award: award.id, credential, kind },
    });
  }
  if (!isIssuedName(recorded.path, issuance, kind)) {
    throw new BadgeError(
      'ERR_AWARD_FILE_INVALID',
      `The workspace records ${JSON.stringify(recorded.path.slice(0, 200))} as a file of credential ${issuance.id}, but \`issue\` names its files ${issuance.badgeId}/${issuance.id}.${kind}: that file is not offered.`,
      { details: { credential: issuance.id } },
    );
  }
  const source = candidatePaths(workspace, recorded.path, issuedDirs).find((path) => existsSync(path));
  if (!source) {
    throw new BadgeError('ERR_AWARD_FILE_MISSING', `The issued file ${recorded.path} is not there any more: it was moved or deleted after \`issue\` wrote it.`, {
      details: { file: basename(recorded.path) },
    });
  }
  const bytes = new Uint8Array(await readFile(source));
  if (createHash('sha256').update(bytes).digest('hex') !== recorded.sha256.toLowerCase()) {
    throw new BadgeError('ERR_AWARD_FILE_CHANGED', `The issued file ${source} no longer matches the hash recorded when it was issued; it is not offered.`, {
      details: { file: basename(source) },
    });
  }
  return { credential: issuance.id, kind, name: `${issuance.badgeId}-${issuance.id}.${kind}`, type: FILE_TYPES[kind], bytes };
}
