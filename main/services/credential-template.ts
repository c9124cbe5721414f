/**
 * OpenBadgeCredentials for a batch: the first credential of each shape (which optional per-row
 * fields are present) is built and fully validated by buildOpenBadgeCredential; the following ones
 * reuse its validated structure and only check the values that change per row. The per-row values
 * (recipient DID and name, narrative, evidence addresses) are checked for every row, the first
 * included, because the full gate (JSON-LD safe mode) only runs on the first credential of a batch:
 * a value it would refuse must never reach a signing thread.
 */
import { BadgeError } from '../../shared/errors.js';
import { absoluteIriProblem, textProblem } from '../../shared/text.js';
import { buildOpenBadgeCredential, buildStatusEntry, credentialId, dateTimeZ, type OpenBadgeCredentialInput } from '../../shared/ob3/credential.js';
import type { OpenBadgeCredential } from '../../shared/ob3/types.js';

/** The inputs that vary per row; issuer and achievement are fixed for the whole batch. */
export type CredentialRowInput = Omit<OpenBadgeCredentialInput, 'issuer' | 'achievement' | 'name' | 'description' | 'image' | 'endorsement' | 'awardedDate'>;

type Fixed = Pick<OpenBadgeCredentialInput, 'issuer' | 'achievement'>;

function shapeOf(input: CredentialRowInput): string {
  const r = input.recipient;
  return [
    r.id !== undefined,
    r.identifier?.length ?? 0,
    r.name !== undefined,
    input.narrative !== undefined,
    input.evidence?.length ?? 0,
    input.validUntil !== undefined,
    input.credentialStatus !== undefined,
  ].join();
}

function invalid(path: string, problem: string): BadgeError {
  return new BadgeError('ERR_CREDENTIAL_INVALID', `The credential is not valid at ${path}: ${problem}`);
}

/** Throws ERR_CREDENTIAL_INVALID (with the JSON pointer) for a per-row value no credential may hold. */
export function checkRowValues(input: CredentialRowInput): void {
  const { recipient } = input;
  const didProblem = recipient.id === undefined ? null : absoluteIriProblem(recipient.id);
  if (didProblem !== null) throw invalid('/credentialSubject/id', didProblem);
  const nameProblem = recipient.name === undefined ? null : textProblem(recipient.name, 'recipient name');
  if (nameProblem !== null) throw invalid('/credentialSubject/name', nameProblem);
  const narrativeProblem = input.narrative === undefined ? null : textProblem(input.narrative, 'narrative', { multiline: true });
  if (narrativeProblem !== null) throw invalid('/credentialSubject/narrative', narrativeProblem);
  (input.evidence ?? []).forEach((evidence, index) => {
    const problem = evidence.id === undefined ? null : absoluteIriProblem(evidence.id);
    if (problem !== null) throw invalid(`/evidence/${index}/id`, problem);
  });
}

export function createCredentialBuilder(fixed: Fixed): (input: CredentialRowInput) => OpenBadgeCredential {
  const templates = new Map<string, OpenBadgeCredential>();
  return (input) => {
    checkRowValues(input);
    const shape = shapeOf(input);
    const template = templates.get(shape);
    if (!template || (input.evidence ?? []).some((e) => Object.keys(e).length !== 1 || e.id === undefined)) {
      const built = buildOpenBadgeCredential({ ...fixed, ...input });
      if (!template) templates.set(shape, built);
      return built;
    }
    const validFrom = dateTimeZ(input.validFrom, 'validFrom');
    const validUntil = input.validUntil === undefined ? undefined : dateTimeZ(input.validUntil, 'validUntil');
    if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
      throw new BadgeError('ERR_CREDENTIAL_INVALID', `validUntil (${validUntil}) must be later than validFrom (${validFrom}).`);
    }
    const { recipient } = input;
    const subject = { ...template.credentialSubject };
    if (recipient.id !== undefined) subject.id = recipient.id;
    if (recipient.identifier !== undefined && recipient.identifier.length > 0) subject.identifier = recipient.identifier;
    if (recipient.name !== undefined) subject.name = recipient.name;
    if (input.narrative !== undefined) subject.narrative = input.narrative;
    const credential: OpenBadgeCredential = { ...template, id: credentialId(input.id), validFrom, credentialSubject: subject };
    if (validUntil !== undefined) credential.validUntil = validUntil;
    if (input.evidence !== undefined && input.evidence.length > 0) credential.evidence = input.evidence.map((e) => ({ type: ['Evidence'], id: e.id! }));
    if (input.credentialStatus !== undefined) credential.credentialStatus = buildStatusEntry(input.credentialStatus);
    return credential;
  };
}
