import { unbake } from '../bake/unbake.js';
import { checkJsonText } from '../json-limits.js';
import { decodeCompactJws, looksLikeCompactJws } from './jws.js';
import { isOb1Assertion, isOb2Assertion, ob2DocumentType, verifyOb1, verifyOb2Hosted, verifyOb2Signed } from './ob2.js';
import { isOb3Credential, verifyOb3 } from './ob3.js';
import type { BadgeFormat, VerificationOutcome, VerificationReport, VerifyOptions } from './types.js';
import { credentialFromJwtPayload } from './vc-jwt.js';
import { errorCode, errorMessage, fail, isObject, pass, resolveDocument, say, unresolvable, type Sentence } from './util.js';

export type { BadgeFormat, BadgeSummary, IssuerSummary, Resolver, VerificationCheck, VerificationOutcome, VerificationReport, VerifyOptions } from './types.js';

/** Verified, verified with warnings (a check passed with something the person should know), or not verified. */
export function outcomeOf(report: VerificationReport): VerificationOutcome {
  if (!report.verified) return 'not-verified';
  return report.checks.some((check) => check.warning) ? 'verified-with-warnings' : 'verified';
}

type ErrCode = `ERR_${string}`;
/** What the container said about the payload (baked image keyword / namespace). */
type VersionHint = 'ob3' | 'ob2' | 'ob1' | undefined;

const HTTP_URL = /^https?:\/\/\S+$/i;
/** A baked URL may resolve to another URL once (OB 1.x redirects); never more. */
const MAX_URL_HOPS = 2;

function notABadge(code: ErrCode, message: string | Sentence): VerificationReport {
  return { verified: false, format: 'unknown', checks: [fail('format', code, message)] };
}

/**
 * Verifies a badge file's bytes: a baked PNG/SVG, an OB 3.0 JSON credential or VC-JWT, an OB 2.0
 * JWS or JSON assertion, or a legacy OB 1.x assertion. Never throws: every outcome is a report.
 */
export async function verifyBytes(bytes: Uint8Array, options: VerifyOptions): Promise<VerificationReport> {
  try {
    if (bytes.length === 0) return notABadge('ERR_FILE_EMPTY', say('verify.format.empty'));
    const text = badgeText(bytes);
    if (text !== undefined) return await verifyText(text, options);
    const baked = await unbake(bytes);
    const report = await verifyPayload(baked.payload, options, baked.version, 0);
    return { ...report, image: baked.image };
  } catch (error) {
    return notABadge(errorCode(error, 'ERR_FORMAT_UNKNOWN'), errorMessage(error));
  }
}

/** Verifies a badge given as text: JSON, a compact JWS, or the URL of a hosted assertion. */
export async function verifyText(text: string, options: VerifyOptions): Promise<VerificationReport> {
  try {
    return await verifyPayload(text, options, undefined, 0);
  } catch (error) {
    return notABadge(errorCode(error, 'ERR_VERIFY_INTERNAL'), say('verify.format.unverifiable', undefined, errorMessage(error)));
  }
}

/** The bytes as text when they are UTF-8 JSON, a JWS or a URL; undefined for images and anything else. */
function badgeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const trimmed = stripBom(text).trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || looksLikeCompactJws(trimmed) || HTTP_URL.test(trimmed)) return trimmed;
  return undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function verifyPayload(payload: unknown, options: VerifyOptions, hint: VersionHint, hops: number): Promise<VerificationReport> {
  if (typeof payload !== 'string') return verifyJson(payload, options, hint);
  const text = stripBom(payload).trim();
  if (text === '') return notABadge('ERR_FORMAT_UNKNOWN', say('verify.format.emptyPayload'));
  if (text.startsWith('{') || text.startsWith('[')) {
    checkJsonText(text, { what: 'badge' }); // ERR_JSON_TOO_DEEP / _TOO_LARGE before parsing: nothing downstream recurses into it
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      return notABadge('ERR_JSON_INVALID', say('verify.format.jsonInvalid', undefined, errorMessage(error)));
    }
    return verifyJson(value, options, hint);
  }
  if (looksLikeCompactJws(text)) return verifyJws(text, options);
  if (HTTP_URL.test(text)) return verifyUrl(text, options, hint, hops);
  return notABadge('ERR_FORMAT_UNKNOWN', say('verify.format.notBadge'));
}

async function verifyJws(compact: string, options: VerifyOptions): Promise<VerificationReport> {
  const jws = decodeCompactJws(compact);
  if (isObject(jws.payload) && isOb2Assertion(jws.payload)) return verifyOb2Signed(jws, options);
  const carried = credentialFromJwtPayload(jws.payload);
  if (carried && (carried.legacy || isOb3Credential(carried.credential))) return verifyOb3(carried.credential, { kind: 'jwt', jws }, options);
  return notABadge('ERR_FORMAT_UNKNOWN', say('verify.format.jwsNotBadge'));
}

async function verifyJson(value: unknown, options: VerifyOptions, hint: VersionHint): Promise<VerificationReport> {
  if (!isObject(value)) return notABadge('ERR_FORMAT_UNKNOWN', say('verify.format.notObject'));
  if (isOb3Credential(value)) return verifyOb3(value, { kind: 'di' }, options);
  if (isOb2Assertion(value)) {
    const verification = value.verification ?? value.verify;
    const type = isObject(verification) ? verification.type : undefined;
    if (type === 'signed' || type === 'SignedBadge') {
      return {
        verified: false,
        format: 'ob2-signed',
        credential: value,
        checks: [
          fail('format', 'ERR_UNVERIFIABLE', say('verify.format.ob2PlainSigned')),
        ],
      };
    }
    return verifyOb2Hosted(value, options);
  }
  const ob2Type = ob2DocumentType(value);
  if (ob2Type !== undefined) {
    return notABadge('ERR_FORMAT_UNKNOWN', say('verify.format.ob2Other', { type: ob2Type }));
  }
  if (hint === 'ob1' || isOb1Assertion(value)) return verifyOb1(value, options);
  return notABadge('ERR_FORMAT_UNKNOWN', say('verify.format.neither'));
}

/** A baked URL (OB 2.0 hosted, legacy OB 1.x): the hosted document is what gets verified. */
async function verifyUrl(url: string, options: VerifyOptions, hint: VersionHint, hops: number): Promise<VerificationReport> {
  const format: BadgeFormat = hint === 'ob1' ? 'ob1' : 'ob2-hosted';
  const document = hops < MAX_URL_HOPS ? await resolveDocument(options.resolve, url) : undefined;
  if (document === undefined) {
    return {
      verified: false,
      format,
      checks: [pass('format', say('verify.format.urlOnly', { url })), unresolvable('hosted', 'assertion', url)],
    };
  }
  return verifyPayload(document, options, hint, hops + 1);
}
