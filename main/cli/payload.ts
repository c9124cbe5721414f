import { BadgeError } from '../../shared/errors.js';
import { base64urlDecode } from '../../shared/bytes.js';
import { checkJsonText, parseJsonLimited } from '../../shared/json-limits.js';
import type { BadgeVersion } from '../../shared/bake/unbake.js';

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function isOb2(document: Record<string, unknown>): boolean {
  const context = document['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  if (contexts.some((c) => typeof c === 'string' && c.startsWith('https://w3id.org/openbadges/v2'))) return true;
  const type = document.type;
  return type === 'Assertion' || (Array.isArray(type) && type.includes('Assertion'));
}

/** Tells whether a .json or .jws payload is OB 3.0 or OB 2.0 (it decides the baking keyword). */
export function badgeVersionOfPayload(payload: string, source: string): BadgeVersion {
  let document: unknown;
  if (payload.startsWith('{')) {
    document = parseJsonLimited(payload, { what: `credential ${source}` });
  } else if (JWS.test(payload)) {
    const body = base64urlDecode(payload.split('.')[1]!);
    const text = body && new TextDecoder().decode(body);
    if (text) checkJsonText(text, { what: `payload of the JWS ${source}` });
    try {
      document = text && JSON.parse(text);
    } catch {
      document = undefined;
    }
    if (typeof document !== 'object' || document === null) {
      throw new BadgeError('ERR_CREDENTIAL_INVALID', `${source} looks like a JWS but its payload is not a JSON object.`);
    }
  } else {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `${source} is neither a JSON credential nor a compact JWS.`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', `${source} does not contain a credential object.`);
  }
  const record = document as Record<string, unknown>;
  if (record.vc !== undefined || isVerifiableCredential(record)) return 'ob3';
  if (isOb2(record)) return 'ob2';
  throw new BadgeError(
    'ERR_CREDENTIAL_INVALID',
    `${source} is not an Open Badges credential: it has neither the type VerifiableCredential (OB 3.0) nor Assertion (OB 2.0).`,
  );
}

function isVerifiableCredential(document: Record<string, unknown>): boolean {
  const type = document.type;
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => t === 'VerifiableCredential' || t === 'OpenBadgeCredential' || t === 'AchievementCredential');
}
