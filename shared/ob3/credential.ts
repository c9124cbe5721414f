import { isoSeconds } from '../clock.js';
import { BadgeError } from '../errors.js';
import { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, VC_V2_CONTEXT } from './schema.js';
import { isDateTimeWithZone, type ValidationIssue } from './shape.js';
import type {
  Achievement,
  AchievementSubject,
  Address,
  Alignment,
  BitstringStatusListEntry,
  Criteria,
  EndorsementCredential,
  Evidence,
  IdentityObject,
  Image,
  OpenBadgeCredential,
  Profile,
} from './types.js';
import { validateOpenBadgeCredential } from './validate.js';

/** The contexts of every OB 3.0 credential Badgesmith emits, in the order verifiers require. */
export const OB3_CONTEXTS: readonly string[] = [VC_V2_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

export type DateInput = string | Date;
export type ImageInput = string | { id: string; caption?: string };

export interface ProfileInput {
  id: string;
  name?: string;
  url?: string;
  email?: string;
  phone?: string;
  description?: string;
  image?: ImageInput;
  address?: Omit<Address, 'type'>;
}

export type AlignmentInput = Omit<Alignment, 'type'>;

/** Achievement members as given; the builder adds `type` and turns the convenience forms into objects. */
export interface AchievementInput
  extends Pick<Achievement, 'id' | 'name' | 'description' | 'achievementType' | 'humanCode' | 'fieldOfStudy' | 'specialization' | 'inLanguage' | 'version' | 'creditsAvailable'> {
  /** A narrative (Markdown) or a criteria object with a URL and/or a narrative. */
  criteria: string | Criteria;
  image?: ImageInput;
  alignment?: AlignmentInput[];
  tags?: string[];
  creator?: ProfileInput;
}

export interface EvidenceInput {
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

export interface RecipientInput {
  /** The learner's DID, when known (goes in credentialSubject.id). */
  id?: string;
  /** Hashed identities, e.g. from emailIdentityObject(). */
  identifier?: IdentityObject[];
  /** Only when the issuer opted in to putting the name in the credential. */
  name?: string;
}

export interface StatusEntryInput {
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose?: 'revocation' | 'suspension';
}

export interface OpenBadgeCredentialInput {
  /** A UUID (becomes `urn:uuid:…`) or a full IRI. Injected so builds are reproducible. */
  id: string;
  issuer: ProfileInput;
  achievement: AchievementInput | Achievement;
  recipient: RecipientInput;
  validFrom: DateInput;
  validUntil?: DateInput;
  awardedDate?: DateInput;
  /** Defaults to the achievement's name. */
  name?: string;
  description?: string;
  image?: ImageInput;
  narrative?: string;
  evidence?: EvidenceInput[];
  credentialStatus?: StatusEntryInput;
  endorsement?: EndorsementCredential[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXTENSION = /^ext:[A-Za-z0-9._-]+$/;

/** `urn:uuid:<uuid>` for a bare UUID; other IRIs (with a scheme) are kept as they are. */
export function credentialId(id: string): string {
  if (UUID.test(id)) return `urn:uuid:${id.toLowerCase()}`;
  if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) return id;
  throw new BadgeError('ERR_CREDENTIAL_INVALID', `The id "${id}" is neither a UUID nor an IRI such as urn:uuid:… or https://….`);
}

/** A DateTimeZ string: Dates become UTC seconds, strings must already carry a timezone. */
export function dateTimeZ(value: DateInput, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new BadgeError('ERR_CREDENTIAL_INVALID', `${field} is not a valid date.`);
    return isoSeconds(value);
  }
  if (!isDateTimeWithZone(value)) {
    throw new BadgeError(
      'ERR_CREDENTIAL_INVALID',
      `${field} must be a date-time with a timezone, such as 2025-01-31T09:00:00Z (got "${value}").`,
    );
  }
  return value;
}

export function imageObject(image: ImageInput): Image {
  if (typeof image === 'string') return { id: image, type: 'Image' };
  return withoutUndefined({ id: image.id, type: 'Image' as const, caption: image.caption });
}

export function buildProfile(input: ProfileInput): Profile {
  return withoutUndefined({
    id: input.id,
    type: ['Profile'],
    name: input.name,
    url: input.url,
    email: input.email,
    phone: input.phone,
    description: input.description,
    image: input.image === undefined ? undefined : imageObject(input.image),
    address: input.address === undefined ? undefined : { type: ['Address'], ...withoutUndefined(input.address) },
  });
}

function buildAlignment(input: AlignmentInput): Alignment {
  if (input.targetType !== undefined) {
    checkVocabulary(input.targetType, ALIGNMENT_TARGET_TYPES, 'alignment targetType');
  }
  return withoutUndefined({ type: ['Alignment'], ...input });
}

export function buildAchievement(input: AchievementInput): Achievement {
  if (input.achievementType !== undefined) checkVocabulary(input.achievementType, ACHIEVEMENT_TYPES, 'achievementType');
  const criteria = typeof input.criteria === 'string' ? { narrative: input.criteria } : withoutUndefined({ ...input.criteria });
  return withoutUndefined({
    id: input.id,
    type: ['Achievement'],
    achievementType: input.achievementType,
    name: input.name,
    description: input.description,
    criteria,
    image: input.image === undefined ? undefined : imageObject(input.image),
    alignment: nonEmpty(input.alignment?.map(buildAlignment)),
    tag: nonEmpty(input.tags),
    creator: input.creator === undefined ? undefined : buildProfile(input.creator),
    humanCode: input.humanCode,
    fieldOfStudy: input.fieldOfStudy,
    specialization: input.specialization,
    inLanguage: input.inLanguage,
    version: input.version,
    creditsAvailable: input.creditsAvailable,
  });
}

function buildEvidence(input: EvidenceInput): Evidence {
  return withoutUndefined({ type: ['Evidence'], ...input });
}

export function buildStatusEntry(input: StatusEntryInput): BitstringStatusListEntry {
  if (!Number.isSafeInteger(input.statusListIndex) || input.statusListIndex < 0) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `The status list index must be a non-negative integer (got ${input.statusListIndex}).`);
  }
  return {
    id: `${input.statusListCredential}#${input.statusListIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.statusPurpose ?? 'revocation',
    statusListIndex: String(input.statusListIndex),
    statusListCredential: input.statusListCredential,
  };
}

function isAchievement(value: AchievementInput | Achievement): value is Achievement {
  return Array.isArray((value as Achievement).type);
}

/**
 * An unsigned OpenBadgeCredential in the strict form verifiers accept. Throws
 * ERR_CREDENTIAL_INVALID (naming the path) when the input cannot make a valid credential.
 */
export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): OpenBadgeCredential {
  const { recipient } = input;
  if (recipient.id === undefined && (recipient.identifier?.length ?? 0) === 0) {
    throw new BadgeError('ERR_RECIPIENT_MISSING', 'The credential needs a recipient: an e-mail identity or a DID.');
  }
  const achievement = isAchievement(input.achievement) ? input.achievement : buildAchievement(input.achievement);
  const subject: AchievementSubject = withoutUndefined({
    id: recipient.id,
    type: ['AchievementSubject'],
    identifier: nonEmpty(recipient.identifier),
    name: recipient.name,
    narrative: input.narrative,
    achievement,
  });
  const validFrom = dateTimeZ(input.validFrom, 'validFrom');
  const validUntil = input.validUntil === undefined ? undefined : dateTimeZ(input.validUntil, 'validUntil');
  if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `validUntil (${validUntil}) must be later than validFrom (${validFrom}).`);
  }
  const credential: OpenBadgeCredential = withoutUndefined({
    '@context': [...OB3_CONTEXTS],
    id: credentialId(input.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.name ?? achievement.name,
    description: input.description,
    image: input.image === undefined ? undefined : imageObject(input.image),
    issuer: buildProfile(input.issuer),
    validFrom,
    validUntil,
    awardedDate: input.awardedDate === undefined ? undefined : dateTimeZ(input.awardedDate, 'awardedDate'),
    credentialSubject: subject,
    evidence: nonEmpty(input.evidence?.map(buildEvidence)),
    credentialStatus: input.credentialStatus === undefined ? undefined : buildStatusEntry(input.credentialStatus),
    endorsement: nonEmpty(input.endorsement),
  });
  throwIfInvalid(validateOpenBadgeCredential(credential), 'credential');
  return credential;
}

export function throwIfInvalid(issues: readonly ValidationIssue[], what: string): void {
  const first = issues[0];
  if (first === undefined) return;
  throw new BadgeError('ERR_CREDENTIAL_INVALID', `The ${what} is not valid at ${first.path || '/'}: ${first.message}.`, {
    details: issues,
  });
}

function checkVocabulary(value: string, known: readonly string[], field: string): void {
  if (known.includes(value) || EXTENSION.test(value)) return;
  throw new BadgeError(
    'ERR_CREDENTIAL_INVALID',
    `${field} "${value}" is not one of the Open Badges values (${known.slice(0, 4).join(', ')}, …) nor an "ext:" extension.`,
  );
}

function nonEmpty<T>(items: T[] | undefined): T[] | undefined {
  return items === undefined || items.length === 0 ? undefined : [...items];
}

/** Drops members whose value is undefined, so optional members are omitted rather than null. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
