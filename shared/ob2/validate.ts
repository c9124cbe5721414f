import { isDateTimeWithZone, jsonType, validateRule, type Rule, type ValidationIssue } from '../ob3/shape.js';
import { OB2_CONTEXT } from './build.js';

export type { ValidationIssue } from '../ob3/shape.js';

/**
 * OB 2.0 Assertion rules (spec §Assertion, §BadgeClass, §Profile, §IdentityObject,
 * §VerificationObject), with the stricter habits of the 1EdTech Python validator (VCORE) that
 * make badges fail in practice: `recipient.hashed` required, `verification.creator` required for
 * signed badges, no data URI as Assertion image, issuer name/url/email required.
 */

const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const iri: Rule = { kind: 'string', pattern: IRI };
const string: Rule = { kind: 'string' };
const dateTime: Rule = { kind: 'string', format: 'date-time' };

/** `"X"` or an array containing `"X"` (JSON-LD allows both). */
function typed(...names: string[]): Rule {
  return {
    kind: 'oneOf',
    describe: `${names.map((n) => JSON.stringify(n)).join(' or ')} (or an array containing it)`,
    options: [
      { kind: 'string', enum: names },
      { kind: 'array', items: string, minItems: 1, contains: [names] },
    ],
  };
}

function oneOrMany(rule: Rule, describe: string): Rule {
  return { kind: 'oneOf', describe, options: [rule, { kind: 'array', items: rule, minItems: 1 }] };
}

function iriOr(object: Rule, describe: string): Rule {
  return { kind: 'oneOf', describe, options: [iri, object] };
}

const context: Rule = {
  kind: 'oneOf',
  describe: `"${OB2_CONTEXT}" (or an array or object including it)`,
  options: [
    { kind: 'string', enum: [OB2_CONTEXT] },
    { kind: 'array', minItems: 1, contains: [[OB2_CONTEXT]] },
    { kind: 'object', properties: {} },
  ],
};

const image: Rule = iriOr({ kind: 'object', properties: { id: iri, caption: string, author: iri }, required: ['id'] }, 'an image URL or Image object');

const Recipient: Rule = {
  kind: 'object',
  properties: {
    type: { kind: 'string', enum: ['email', 'url', 'telephone', 'id'] },
    hashed: { kind: 'boolean' },
    identity: string,
    salt: string,
  },
  required: ['type', 'hashed', 'identity'],
};

const Verification: Rule = {
  kind: 'object',
  properties: {
    type: typed('HostedBadge', 'hosted', 'SignedBadge', 'signed'),
    creator: iri,
    verificationProperty: string,
    startsWith: oneOrMany(string, 'a URL prefix or a list of them'),
    allowedOrigins: oneOrMany(string, 'a host name or a list of them'),
  },
  required: ['type'],
};

const Profile: Rule = {
  kind: 'object',
  properties: {
    '@context': context,
    id: iri,
    type: typed('Issuer', 'Profile'),
    name: string,
    url: iri,
    email: string,
    telephone: string,
    description: string,
    image,
    publicKey: oneOrMany(iri, 'a key URL or a list of them'),
    revocationList: iri,
  },
  required: ['id', 'type', 'name', 'url', 'email'],
};

const Criteria: Rule = iriOr({ kind: 'object', properties: { id: iri, narrative: string } }, 'a criteria URL or Criteria object');

const Alignment: Rule = {
  kind: 'object',
  properties: { targetName: string, targetUrl: iri, targetDescription: string, targetFramework: string, targetCode: string },
  required: ['targetName', 'targetUrl'],
};

const BadgeClass: Rule = {
  kind: 'object',
  properties: {
    '@context': context,
    id: iri,
    type: typed('BadgeClass'),
    name: string,
    description: string,
    image,
    criteria: Criteria,
    issuer: iriOr(Profile, 'an issuer URL or Profile object'),
    alignment: oneOrMany(Alignment, 'an AlignmentObject or a list of them'),
    tags: oneOrMany(string, 'a tag or a list of tags'),
  },
  required: ['id', 'type', 'name', 'description', 'image', 'criteria', 'issuer'],
};

const Evidence: Rule = iriOr({ kind: 'object', properties: { id: iri, narrative: string, name: string, description: string } }, 'an evidence URL or Evidence object');

const Assertion: Rule = {
  kind: 'object',
  properties: {
    '@context': context,
    id: iri,
    type: typed('Assertion'),
    recipient: Recipient,
    badge: iriOr(BadgeClass, 'a BadgeClass URL or BadgeClass object'),
    verification: Verification,
    verify: Verification,
    issuedOn: dateTime,
    expires: dateTime,
    image,
    evidence: oneOrMany(Evidence, 'evidence (a URL, an object, or a list of them)'),
    narrative: string,
    revoked: { kind: 'boolean' },
    revocationReason: string,
  },
  required: ['@context', 'id', 'type', 'recipient', 'badge', 'issuedOn'],
};

const HASH = /^(sha256\$[0-9a-f]{64}|md5\$[0-9a-f]{32})$/i;

/** Checks an OB 2.0 Assertion (hosted or signed). [] = valid; paths are JSON pointers. */
export function validateOb2Assertion(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  validateRule(Assertion, value, '', issues);
  if (jsonType(value) !== 'object') return issues;
  const assertion = value as Record<string, unknown>;

  const verificationKey = assertion.verification !== undefined ? 'verification' : 'verify';
  const verification = assertion[verificationKey];
  if (verification === undefined) issues.push({ path: '/verification', message: 'is required but missing' });
  if (jsonType(verification) === 'object') {
    const { type, creator } = verification as Record<string, unknown>;
    const types = Array.isArray(type) ? type : [type];
    if ((types.includes('SignedBadge') || types.includes('signed')) && creator === undefined) {
      issues.push({
        path: `/${verificationKey}/creator`,
        message: 'is required for a signed badge: the URL of the CryptographicKey (the 1EdTech validator refuses badges without it)',
      });
    }
  }

  const recipient = assertion.recipient as Record<string, unknown> | undefined;
  if (recipient?.hashed === true && typeof recipient.identity === 'string' && !HASH.test(recipient.identity)) {
    issues.push({ path: '/recipient/identity', message: 'must be sha256$ followed by 64 hex digits (or md5$ and 32) when hashed is true' });
  }
  const image = assertion.image;
  const imageId = typeof image === 'string' ? image : jsonType(image) === 'object' ? (image as { id?: unknown }).id : undefined;
  if (typeof imageId === 'string' && imageId.startsWith('data:')) {
    issues.push({ path: typeof image === 'string' ? '/image' : '/image/id', message: 'must be a URL: validators refuse data URIs as Assertion image' });
  }
  if (
    typeof assertion.issuedOn === 'string' &&
    typeof assertion.expires === 'string' &&
    isDateTimeWithZone(assertion.issuedOn) &&
    isDateTimeWithZone(assertion.expires) &&
    Date.parse(assertion.expires) <= Date.parse(assertion.issuedOn)
  ) {
    issues.push({ path: '/expires', message: 'must be later than issuedOn' });
  }
  return issues;
}
