/**
 * Endorsements: the workspace's issuer signs an EndorsementCredential (Data Integrity) about one
 * of its badge classes or about another issuer; an endorsement received from someone else as a
 * file is attached to a badge class. Both are embedded in credentials issued afterwards.
 */
import { randomUUID } from 'node:crypto';
import { BadgeError } from '../../shared/errors.js';
import { buildDidDocument, verificationMethodId } from '../../shared/did/web.js';
import { buildEndorsementCredential } from '../../shared/ob3/endorsement.js';
import { assertSignable } from '../../shared/ob3/gate.js';
import { validateEndorsementCredential } from '../../shared/ob3/validate.js';
import { signDataIntegrity } from '../../shared/sign/data-integrity.js';
import type { Ed25519PrivateJwk } from '../../shared/sign/ed25519.js';
import { siteLayout } from '../../shared/site/urls.js';
import { outcomeOf, verifyText, type IssuerSummary, type Resolver } from '../../shared/verify/index.js';
import { requireBadge, updateBadge, type BadgeClass } from '../db/repos/badges.js';
import { listKeys } from '../db/repos/keys.js';
import { insertEndorsement, listEndorsements, type Endorsement } from '../db/repos/endorsements.js';
import { requireIssuer } from '../db/repos/issuer.js';
import type { Keystore } from './keystore.js';
import type { Workspace } from './workspace.js';

export interface EndorseInput {
  /** A badge class of this workspace (its id), or another issuer's achievement (its https URL)… */
  badgeId?: string;
  /** …or another issuer (its DID or web address). */
  issuerId?: string;
  /** The endorser: must be this workspace's issuer (its DID, site URL or web address); default it. */
  by?: string;
  comment: string;
}

const MAX_COMMENT = 2000;

function isIri(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(text);
}

export async function endorse(workspace: Workspace, keystore: Keystore, input: EndorseInput): Promise<Endorsement> {
  if ((input.badgeId === undefined) === (input.issuerId === undefined)) {
    throw new BadgeError('ERR_USAGE', 'Endorse either a badge (--badge ID) or an issuer (--issuer ID), not both.');
  }
  const comment = input.comment.trim();
  if (comment === '') throw new BadgeError('ERR_USAGE', 'An endorsement needs a comment (--comment TEXT) saying what you vouch for.');
  if (comment.length > MAX_COMMENT) throw new BadgeError('ERR_USAGE', `The comment is longer than ${MAX_COMMENT} characters.`);
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  if (input.by !== undefined && ![issuer.did, issuer.siteUrl, issuer.url, issuer.name].includes(input.by.trim())) {
    throw new BadgeError(
      'ERR_ENDORSER_UNKNOWN',
      `Only this workspace's issuer (${issuer.did}) can sign endorsements here. To add an endorsement someone else signed, use \`badgesmith badge endorse ID --file FILE\`.`,
    );
  }
  let subjectId: string;
  let name: string;
  let stored: string;
  if (input.badgeId !== undefined && /^https?:\/\//i.test(input.badgeId.trim())) {
    // Another organisation's badge class: they attach the signed file with `badge endorse`.
    subjectId = input.badgeId.trim();
    name = `Endorsement of ${subjectId}`;
    stored = subjectId;
  } else if (input.badgeId !== undefined) {
    const badge = requireBadge(workspace.db, input.badgeId);
    subjectId = layout.url(layout.achievement(badge.id));
    name = `Endorsement of ${badge.name}`;
    stored = badge.id;
  } else {
    const target = input.issuerId!.trim();
    if (!isIri(target)) throw new BadgeError('ERR_USAGE', `--issuer "${target}" is not a DID or web address of an issuer.`);
    if (target === issuer.did) throw new BadgeError('ERR_USAGE', 'An issuer cannot endorse itself.');
    subjectId = target;
    name = `Endorsement of ${target}`;
    stored = target;
  }
  const now = workspace.now();
  const endorser = {
    id: issuer.did,
    name: issuer.name,
    url: issuer.url,
    ...(issuer.email ? { email: issuer.email } : {}),
  };
  const credential = buildEndorsementCredential({ id: randomUUID(), issuer: endorser, subjectId, name, endorsementComment: comment, validFrom: now });
  await assertSignable(credential);
  const key = keystore.activeKey('Ed25519');
  const signed = await signDataIntegrity(credential as unknown as Record<string, unknown>, {
    privateKey: (await keystore.privateJwk(key.id)) as unknown as Ed25519PrivateJwk,
    verificationMethod: verificationMethodId(issuer.did, key),
    created: now,
  });
  const endorsement: Endorsement = {
    id: String(credential.id),
    subjectType: input.badgeId !== undefined ? 'badge' : 'issuer',
    subjectId: stored,
    endorser: { ...endorser, type: ['Profile'] },
    comment,
    credential: signed,
    received: false,
    created: now,
  };
  insertEndorsement(workspace.db, endorsement);
  return endorsement;
}

/** The workspace issuer's DID document, from the public keys it records (no passphrase needed). */
export function workspaceDidDocument(workspace: Workspace): Record<string, unknown> {
  const issuer = requireIssuer(workspace.db);
  return buildDidDocument(issuer.did, listKeys(workspace.db)) as unknown as Record<string, unknown>;
}

/** Codes that mean "the endorser's documents were not given", not "the endorsement is false". */
const MISSING_DOCUMENTS = new Set(['ERR_ISSUER_UNCONFIRMED', 'ERR_DID_UNRESOLVED', 'ERR_VERIFICATION_METHOD_UNKNOWN', 'ERR_JWT_KEY_UNAVAILABLE', 'ERR_UNRESOLVABLE']);

/**
 * Attaches an EndorsementCredential received from another organisation to a badge class. It must
 * be a valid EndorsementCredential about this badge's achievement that verifies now: its proof, a
 * key its endorser's own documents list (resolved offline: this workspace's DID document, or what
 * `resolve` finds, e.g. the endorser's DID document given with --did-document), and its dates.
 */
export async function attachEndorsement(
  workspace: Workspace,
  badgeId: string,
  document: unknown,
  options: { resolve?: Resolver } = {},
): Promise<BadgeClass> {
  const badge = requireBadge(workspace.db, badgeId);
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  const issue = validateEndorsementCredential(document)[0];
  if (issue) throw new BadgeError('ERR_ENDORSEMENT_INVALID', `The file is not a valid EndorsementCredential (at ${issue.path || '/'}: ${issue.message}).`);
  const credential = document as Record<string, unknown> & { credentialSubject: { id?: unknown }; proof?: unknown };
  if (credential.proof === undefined) {
    throw new BadgeError('ERR_ENDORSEMENT_UNSIGNED', 'The endorsement has no proof; ask the endorser for the signed file.');
  }
  const achievement = layout.url(layout.achievement(badge.id));
  if (credential.credentialSubject.id !== achievement) {
    throw new BadgeError(
      'ERR_ENDORSEMENT_SUBJECT',
      `The endorsement is about ${String(credential.credentialSubject.id)}, not about this badge (${achievement}).`,
    );
  }
  const own = workspaceDidDocument(workspace);
  const resolve: Resolver = async (url) => (url.split('#', 1)[0] === issuer.did ? own : await options.resolve?.(url));
  const report = await verifyText(JSON.stringify(credential), { now: new Date(workspace.now()), resolve });
  if (outcomeOf(report) !== 'verified') {
    const failed = report.checks.find((check) => !check.ok || check.warning) ?? report.checks[0];
    const code = failed?.code ?? 'ERR_PROOF_INVALID';
    const hint = MISSING_DOCUMENTS.has(code)
      ? " Give the endorser's DID document (--did-document FILE) or their published site folder (--site DIR) so its key can be checked."
      : ' Ask the endorser for a new signed file.';
    throw new BadgeError('ERR_ENDORSEMENT_UNVERIFIED', `The endorsement does not verify, so it was not attached: ${failed?.message ?? 'no check passed'} (${code}).${hint}`, {
      details: { checks: report.checks },
    });
  }
  if (badge.endorsements.some((existing) => existing.id === credential.id)) return badge;
  const endorser: IssuerSummary = report.issuer ?? { id: String((credential.issuer as { id?: unknown } | undefined)?.id ?? credential.issuer), confirmed: false };
  const subject = credential.credentialSubject as { endorsementComment?: unknown };
  return workspace.db.transaction(() => {
    // What the site says about the endorser comes from the endorser's own documents, as verified now.
    if (!listEndorsements(workspace.db).some((existing) => existing.id === String(credential.id))) {
      insertEndorsement(workspace.db, {
        id: String(credential.id),
        subjectType: 'badge',
        subjectId: badge.id,
        endorser: { id: endorser.id, ...(endorser.name ? { name: endorser.name } : {}), ...(endorser.url ? { url: endorser.url } : {}) },
        comment: typeof subject.endorsementComment === 'string' ? subject.endorsementComment : null,
        credential,
        received: true,
        created: workspace.now(),
      });
    }
    return updateBadge(workspace.db, badge.id, { endorsements: [...badge.endorsements, credential] }, workspace.now());
  }).immediate();
}
