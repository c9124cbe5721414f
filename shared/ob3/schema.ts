import type { Rule } from './shape.js';

/**
 * Rules mirroring the 1EdTech strict OB 3.0 JSON Schemas (`ob_v3p0_achievementcredential` and
 * `ob_v3p0_endorsementcredential`, draft 2019-09, gh-pages build of 2024-07-30), including
 * their unanchored `ext:` patterns. The agreement with Ajv is checked by the tests.
 */

const string: Rule = { kind: 'string' };
const number: Rule = { kind: 'number' };
const boolean: Rule = { kind: 'boolean' };
const dateTime: Rule = { kind: 'string', format: 'date-time' };
const stringArray: Rule = { kind: 'array', items: string };

/** An array of strings that must contain one of `values` (the schema's `type` arrays). */
function typeArray(...values: string[]): Rule {
  return { kind: 'array', items: string, minItems: 1, contains: [values] };
}

function object(properties: Record<string, Rule>, required: string[] = [], closed = false): Rule {
  return { kind: 'object', properties, required, closed };
}

function arrayOf(rule: () => Rule): Rule {
  return { kind: 'array', items: { kind: 'ref', get: rule } };
}

/** `oneOf: [enum, pattern "(ext:)…"]` used for vocabularies that allow extensions. */
function extensibleEnum(values: readonly string[], describe: string): Rule {
  return {
    kind: 'oneOf',
    describe,
    options: [
      { kind: 'string', enum: values },
      { kind: 'string', pattern: EXTENSION },
    ],
  };
}

// Unanchored on purpose, as in the schema (Ajv tests patterns with RegExp.test).
const EXTENSION = /(ext:)[a-z|A-Z|0-9|.|-|_]+/u;
const COMPACT_JWS = /^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$/u;
const LANGUAGE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/u;
const OB3_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/u;

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

export const IDENTIFIER_TYPES = [
  'name',
  'sourcedId',
  'systemId',
  'productId',
  'userName',
  'accountId',
  'emailAddress',
  'nationalIdentityNumber',
  'isbn',
  'issn',
  'lisSourcedId',
  'oneRosterSourcedId',
  'sisSourcedId',
  'ltiContextId',
  'ltiDeploymentId',
  'ltiToolId',
  'ltiPlatformId',
  'ltiUserId',
  'identifier',
] as const;

export const ACHIEVEMENT_TYPES = [
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const;

export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
] as const;

const RESULT_TYPES = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
  'Status',
] as const;

const RESULT_STATUS = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const;

const contextList: Rule = {
  kind: 'array',
  minItems: 2,
  tuple: [
    { kind: 'string', enum: [VC_V2_CONTEXT] },
    { kind: 'string', pattern: OB3_CONTEXT },
  ],
  items: {
    kind: 'oneOf',
    describe: 'a context URL or an embedded context object',
    options: [string, object({})],
  },
};

const Image: Rule = object({ id: string, type: { kind: 'string', enum: ['Image'] }, caption: string }, ['id', 'type'], true);

const IdentifierEntry: Rule = object(
  {
    type: { kind: 'string', enum: ['IdentifierEntry'] },
    identifier: string,
    identifierType: extensibleEnum(IDENTIFIER_TYPES, 'a known identifier type or an "ext:" extension'),
  },
  ['type', 'identifier', 'identifierType'],
  true,
);

const IdentityObject: Rule = object(
  {
    type: { kind: 'string', enum: ['IdentityObject'] },
    hashed: boolean,
    identityHash: string,
    identityType: extensibleEnum(IDENTIFIER_TYPES, 'a known identity type such as "emailAddress", or an "ext:" extension'),
    salt: string,
  },
  ['type', 'hashed', 'identityHash', 'identityType'],
  true,
);

const GeoCoordinates: Rule = object(
  { type: { kind: 'string', enum: ['GeoCoordinates'] }, latitude: number, longitude: number },
  ['type', 'latitude', 'longitude'],
);

const Address: Rule = object(
  {
    type: typeArray('Address'),
    addressCountry: string,
    addressCountryCode: string,
    addressRegion: string,
    addressLocality: string,
    streetAddress: string,
    postOfficeBoxNumber: string,
    postalCode: string,
    geo: GeoCoordinates,
  },
  ['type'],
);

const jwsArray: Rule = { kind: 'array', items: { kind: 'string', pattern: COMPACT_JWS } };

const Profile: Rule = object(
  {
    id: string,
    type: typeArray('Profile'),
    name: string,
    url: string,
    phone: string,
    description: string,
    endorsement: arrayOf(() => EndorsementCredential),
    endorsementJwt: jwsArray,
    image: Image,
    email: string,
    address: Address,
    otherIdentifier: arrayOf(() => IdentifierEntry),
    official: string,
    parentOrg: { kind: 'ref', get: () => Profile },
    familyName: string,
    givenName: string,
    additionalName: string,
    patronymicName: string,
    honorificPrefix: string,
    honorificSuffix: string,
    familyNamePrefix: string,
    dateOfBirth: { kind: 'string', format: 'date' },
  },
  ['id', 'type'],
);

const ProfileRef: Rule = {
  kind: 'oneOf',
  describe: 'a Profile object (or its URL)',
  options: [string, Profile],
};

const Alignment: Rule = object(
  {
    type: typeArray('Alignment'),
    targetCode: string,
    targetDescription: string,
    targetName: string,
    targetFramework: string,
    targetType: extensibleEnum(ALIGNMENT_TARGET_TYPES, 'a known alignment target type or an "ext:" extension'),
    targetUrl: string,
  },
  ['type', 'targetName', 'targetUrl'],
);

const alignments: Rule = arrayOf(() => Alignment);

const Criteria: Rule = object({ id: string, narrative: string });

const Related: Rule = object(
  { id: string, type: typeArray('Related'), inLanguage: { kind: 'string', pattern: LANGUAGE }, version: string },
  ['id', 'type'],
);

const RubricCriterionLevel: Rule = object(
  {
    id: string,
    type: typeArray('RubricCriterionLevel'),
    alignment: alignments,
    description: string,
    level: string,
    name: string,
    points: string,
  },
  ['id', 'type', 'name'],
);

const ResultDescription: Rule = object(
  {
    id: string,
    type: typeArray('ResultDescription'),
    alignment: alignments,
    allowedValue: stringArray,
    name: string,
    requiredLevel: string,
    requiredValue: string,
    resultType: extensibleEnum(RESULT_TYPES, 'a known result type or an "ext:" extension'),
    rubricCriterionLevel: arrayOf(() => RubricCriterionLevel),
    valueMax: string,
    valueMin: string,
  },
  ['id', 'type', 'name', 'resultType'],
);

const Result: Rule = object(
  {
    type: typeArray('Result'),
    achievedLevel: string,
    alignment: alignments,
    resultDescription: string,
    status: { kind: 'string', enum: RESULT_STATUS },
    value: string,
  },
  ['type'],
);

const Achievement: Rule = object(
  {
    id: string,
    type: typeArray('Achievement'),
    alignment: alignments,
    achievementType: extensibleEnum(ACHIEVEMENT_TYPES, 'a known achievement type such as "Badge", or an "ext:" extension'),
    creator: Profile,
    creditsAvailable: number,
    criteria: Criteria,
    description: string,
    endorsement: arrayOf(() => EndorsementCredential),
    endorsementJwt: jwsArray,
    fieldOfStudy: string,
    humanCode: string,
    image: Image,
    inLanguage: { kind: 'string', pattern: LANGUAGE },
    name: string,
    otherIdentifier: arrayOf(() => IdentifierEntry),
    related: arrayOf(() => Related),
    resultDescription: arrayOf(() => ResultDescription),
    specialization: string,
    tag: stringArray,
    version: string,
  },
  ['id', 'type', 'criteria', 'description', 'name'],
);

const AchievementSubject: Rule = object(
  {
    id: string,
    type: typeArray('AchievementSubject'),
    activityEndDate: dateTime,
    activityStartDate: dateTime,
    creditsEarned: number,
    achievement: Achievement,
    identifier: arrayOf(() => IdentityObject),
    image: Image,
    licenseNumber: string,
    narrative: string,
    result: arrayOf(() => Result),
    role: string,
    source: Profile,
    term: string,
  },
  ['type', 'achievement'],
);

const Evidence: Rule = object(
  { id: string, type: typeArray('Evidence'), narrative: string, name: string, description: string, genre: string, audience: string },
  ['type'],
);

const Proof: Rule = object(
  {
    type: string,
    created: dateTime,
    cryptosuite: string,
    challenge: string,
    domain: string,
    nonce: string,
    proofPurpose: string,
    proofValue: string,
    verificationMethod: string,
  },
  ['type'],
);

const typedLink = (required: string[]): Rule => object({ id: string, type: string }, required);

/** Members shared by both credential kinds (VCDM 2.0 envelope). */
const envelope: Record<string, Rule> = {
  '@context': contextList,
  id: string,
  name: string,
  awardedDate: dateTime,
  issuer: ProfileRef,
  validFrom: dateTime,
  validUntil: dateTime,
  proof: arrayOf(() => Proof),
  credentialSchema: arrayOf(() => typedLink(['id', 'type'])),
  credentialStatus: typedLink(['id', 'type']),
  refreshService: typedLink(['id', 'type']),
  termsOfUse: arrayOf(() => typedLink(['type'])),
};

/** The credential `type` must contain both values (`allOf` of two `contains`). */
function credentialTypes(kinds: string[]): Rule {
  return { kind: 'array', items: string, minItems: 1, contains: [['VerifiableCredential'], kinds] };
}

const EndorsementSubject: Rule = object(
  { id: string, type: typeArray('EndorsementSubject'), endorsementComment: string },
  ['id', 'type'],
);

export const EndorsementCredential: Rule = object(
  { ...envelope, type: credentialTypes(['EndorsementCredential']), description: string, credentialSubject: EndorsementSubject },
  ['@context', 'type', 'id', 'name', 'credentialSubject', 'issuer', 'validFrom'],
);

export const AchievementCredential: Rule = object(
  {
    ...envelope,
    type: credentialTypes(['AchievementCredential', 'OpenBadgeCredential']),
    description: string,
    image: Image,
    credentialSubject: AchievementSubject,
    endorsement: arrayOf(() => EndorsementCredential),
    endorsementJwt: jwsArray,
    evidence: arrayOf(() => Evidence),
  },
  ['@context', 'id', 'type', 'credentialSubject', 'issuer', 'validFrom'],
);
