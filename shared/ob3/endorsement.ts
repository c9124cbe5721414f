import { BadgeError } from '../errors.js';
import {
  OB3_CONTEXTS,
  buildProfile,
  credentialId,
  dateTimeZ,
  throwIfInvalid,
  withoutUndefined,
  type DateInput,
  type ProfileInput,
} from './credential.js';
import type { EndorsementCredential } from './types.js';
import { validateEndorsementCredential } from './validate.js';

export interface EndorsementCredentialInput {
  /** A UUID (becomes `urn:uuid:…`) or a full IRI. */
  id: string;
  /** The endorser. */
  issuer: ProfileInput;
  /** What is endorsed: the id of an Achievement, a Profile or a credential. */
  subjectId: string;
  name: string;
  endorsementComment?: string;
  validFrom: DateInput;
  validUntil?: DateInput;
  awardedDate?: DateInput;
}

/** An unsigned EndorsementCredential; throws ERR_CREDENTIAL_INVALID naming the path when invalid. */
export function buildEndorsementCredential(input: EndorsementCredentialInput): EndorsementCredential {
  if (input.subjectId.trim() === '') {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'An endorsement needs the id of what it endorses.');
  }
  const credential: EndorsementCredential = withoutUndefined({
    '@context': [...OB3_CONTEXTS],
    id: credentialId(input.id),
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: input.name,
    issuer: buildProfile(input.issuer),
    validFrom: dateTimeZ(input.validFrom, 'validFrom'),
    validUntil: input.validUntil === undefined ? undefined : dateTimeZ(input.validUntil, 'validUntil'),
    awardedDate: input.awardedDate === undefined ? undefined : dateTimeZ(input.awardedDate, 'awardedDate'),
    credentialSubject: withoutUndefined({
      id: input.subjectId,
      type: ['EndorsementSubject'],
      endorsementComment: input.endorsementComment,
    }),
  });
  throwIfInvalid(validateEndorsementCredential(credential), 'endorsement');
  return credential;
}
