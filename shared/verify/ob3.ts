import { validateEndorsementCredential, validateOpenBadgeCredential } from '../ob3/validate.js';
import type { DocumentLoader } from '../sign/document-loader.js';
import { checkValidityWindow } from './dates.js';
import { checkDataIntegrity } from './di.js';
import { endorsementsCheck } from './endorsements.js';
import { createVerifyDocumentLoader } from './loader.js';
import type { DecodedJws } from './jws.js';
import { decodeCompactJws, looksLikeCompactJws } from './jws.js';
import { checkOb3Recipient } from './recipient.js';
import { checkCredentialStatus } from './status.js';
import type { BindingContext } from './issuer-binding.js';
import type { IssuerSummary, JsonObject, VerificationCheck, VerificationReport, VerifyOptions } from './types.js';
import { verifyVcJwt } from './vc-jwt.js';
import { asArray, describeValue, errorMessage, fail, guard, idOf, isObject, pass, say, typesOf, warn } from './util.js';

export const CREDENTIALS_V1 = 'https://www.w3.org/2018/credentials/v1';
export const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB3_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];
const OB3_CONTEXT = /^https:\/\/(purl\.imsglobal\.org\/spec\/ob\/v3p0\/|imsglobal\.github\.io\/openbadges-specification\/)/;

/** OB 3.0 credential: a VC context plus an OB 3.0 context, or an OB 3.0 credential type. */
export function isOb3Credential(value: unknown): boolean {
  if (!isObject(value)) return false;
  const contexts = asArray(value['@context']).filter((c): c is string => typeof c === 'string');
  const vc = contexts.includes(CREDENTIALS_V2) || contexts.includes(CREDENTIALS_V1);
  if (vc && contexts.some((c) => OB3_CONTEXT.test(c))) return true;
  return typesOf(value).some((t) => OB3_TYPES.includes(t));
}

function isLegacyVcdm(credential: JsonObject): boolean {
  const contexts = asArray(credential['@context']);
  return contexts.includes(CREDENTIALS_V1) && !contexts.includes(CREDENTIALS_V2);
}

interface Ob3Context {
  options: VerifyOptions;
  documentLoader: DocumentLoader;
  binding: BindingContext;
}

export type Ob3Proof = { kind: 'di' } | { kind: 'jwt'; jws: DecodedJws };

/** OB 3.0 verification (OBS verification.md §OpenBadgeCredential Verification). */
export async function verifyOb3(input: JsonObject, proofKind: Ob3Proof, options: VerifyOptions): Promise<VerificationReport> {
  const ctx: Ob3Context = {
    options,
    documentLoader: createVerifyDocumentLoader(options.resolve),
    binding: { resolve: options.resolve, trustEmbeddedKeys: options.trustEmbeddedKeys, memo: options.memo },
  };
  const format = proofKind.kind === 'jwt' ? 'ob3-jwt' : 'ob3-di';
  let credential = input;
  let proof: VerificationCheck;
  let issuerKey: VerificationCheck;
  let issuer: IssuerSummary | undefined;
  if (proofKind.kind === 'jwt') {
    const jwt = await verifyVcJwt(proofKind.jws, ctx.binding);
    if (!jwt) {
      return { verified: false, format: 'unknown', checks: [fail('format', 'ERR_FORMAT_UNKNOWN', say('verify.format.jwtNoCredential'))] };
    }
    ({ credential, proof, issuerKey, issuer } = jwt);
  } else {
    ({ proof, issuerKey, issuer } = await checkDataIntegrity(credential, idOf(credential.issuer), ctx.documentLoader, ctx.binding));
  }
  const legacy = isLegacyVcdm(credential);
  const checks: VerificationCheck[] = [
    pass('format', say(proofKind.kind === 'jwt' ? 'verify.format.ob3Jwt' : credential.proof === undefined ? 'verify.format.ob3Unsigned' : 'verify.format.ob3Embedded', { vcdm: legacy ? '1.1' : '2.0' })),
    await guard('schema', () => checkSchema(credential, legacy)),
    await guard('subject', () => checkSubject(credential)),
    await guard('issuer', () => checkIssuer(credential)),
    proof,
    issuerKey,
    await guard('dates', () => checkDates(credential, legacy, options.now)),
  ];
  if (credential.credentialStatus !== undefined) {
    checks.push(await guard('status', () => checkCredentialStatus(credential, { ...ctx.binding, documentLoader: ctx.documentLoader })));
  }
  const endorsements = collectEndorsements(credential);
  if (endorsements.length > 0) checks.push(await guard('endorsements', () => checkEndorsements(endorsements, ctx)));
  const recipient = options.recipient;
  if (recipient !== undefined) checks.push(await guard('recipient', () => checkOb3Recipient(credential.credentialSubject, recipient)));
  const issuerSummary = issuer ?? (idOf(credential.issuer) ? { id: idOf(credential.issuer) ?? '', confirmed: false } : undefined);
  return { verified: checks.every((c) => c.ok), format, credential, ...(issuerSummary ? { issuer: issuerSummary } : {}), checks };
}

function checkSchema(credential: JsonObject, legacy: boolean): VerificationCheck {
  const isEndorsement = typesOf(credential).includes('EndorsementCredential');
  const what = isEndorsement ? 'EndorsementCredential' : 'OpenBadgeCredential';
  if (legacy) {
    const missing = ['@context', 'type', 'issuer', 'credentialSubject'].filter((key) => credential[key] === undefined);
    if (missing.length > 0) {
      return fail('schema', 'ERR_CREDENTIAL_INVALID', say('verify.schema.missing', { properties: missing.join(', ') }));
    }
    return warn('schema', 'ERR_CREDENTIAL_LEGACY', say('verify.schema.legacy', { type: what }));
  }
  // A single proof object is valid VCDM 2.0; the strict schema wants an array, and the proof is checked on its own.
  const shaped = isObject(credential.proof) ? { ...credential, proof: [credential.proof] } : credential;
  const issues = isEndorsement ? validateEndorsementCredential(shaped) : validateOpenBadgeCredential(shaped);
  const first = issues[0];
  if (first) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    return fail('schema', 'ERR_CREDENTIAL_INVALID', say('verify.schema.invalid', { type: what }, `at ${first.path || '/'}: ${first.message}${more}`));
  }
  return pass('schema', say('verify.schema.ob3', { type: what }));
}

function checkSubject(credential: JsonObject): VerificationCheck {
  const subject = credential.credentialSubject;
  if (!isObject(subject)) return fail('subject', 'ERR_SUBJECT_MISSING', say('verify.subject.missing'));
  if (typeof subject.id === 'string' && subject.id !== '') return pass('subject', say('verify.subject.id', { id: subject.id }));
  const identifiers = asArray(subject.identifier).filter(isObject);
  if (identifiers.length > 0) {
    const kinds = [...new Set(identifiers.map((i) => String(i.identityType ?? 'identifier')))].join(', ');
    return pass('subject', say(identifiers.some((i) => i.hashed === true) ? 'verify.subject.identifierHashed' : 'verify.subject.identifier', { kinds }));
  }
  // The specification asks for one, but a credential without it is still the issuer's: a bearer badge.
  return warn('subject', 'ERR_SUBJECT_UNIDENTIFIED', say('verify.subject.unidentified'));
}

/** The issuer the credential names. Its claimed name is not repeated: who the issuer is comes from its own documents (issuer-key). */
function checkIssuer(credential: JsonObject): VerificationCheck {
  const issuer = credential.issuer;
  const id = idOf(issuer);
  if (id === undefined || id === '') return fail('issuer', 'ERR_ISSUER_MISSING', say('verify.issuer.missing'));
  if (!isObject(issuer)) {
    return pass('issuer', say('verify.issuer.namedBareUrl', { issuer: id }));
  }
  if (!typesOf(issuer).includes('Profile')) {
    return pass('issuer', say('verify.issuer.namedNoProfile', { issuer: id }));
  }
  return pass('issuer', say('verify.issuer.named', { issuer: id }));
}

function checkDates(credential: JsonObject, legacy: boolean, now: Date): VerificationCheck {
  const fromName = legacy ? 'issuanceDate' : 'validFrom';
  const untilName = legacy ? 'expirationDate' : 'validUntil';
  return checkValidityWindow(
    { from: { name: fromName, value: credential[fromName] }, until: { name: untilName, value: credential[untilName] } },
    now,
  );
}

type Endorsement = { where: string; value: unknown };

/** Embedded EndorsementCredentials (objects) and endorsementJwt strings on the credential, issuer and achievement. */
function collectEndorsements(credential: JsonObject): Endorsement[] {
  const holders: [string, unknown][] = [['credential', credential], ['issuer', credential.issuer]];
  const subject = credential.credentialSubject;
  if (isObject(subject) && isObject(subject.achievement)) {
    holders.push(['achievement', subject.achievement]);
    holders.push(['achievement creator', subject.achievement.creator]);
  }
  const found: Endorsement[] = [];
  for (const [where, holder] of holders) {
    if (!isObject(holder)) continue;
    for (const value of asArray(holder.endorsement)) found.push({ where, value });
    for (const value of asArray(holder.endorsementJwt)) found.push({ where, value });
  }
  return found;
}

async function checkEndorsements(endorsements: Endorsement[], ctx: Ob3Context): Promise<VerificationCheck> {
  const problems: string[] = [];
  let firstCode: `ERR_${string}` | undefined;
  for (const { where, value } of endorsements) {
    const problem = await endorsementProblem(value, ctx);
    if (problem) {
      firstCode ??= problem.code;
      problems.push(`the ${where} endorsement ${describeValue(idOf(value) ?? '(no id)')}: ${problem.message}`);
    }
  }
  return endorsementsCheck(endorsements.length, problems, firstCode);
}

async function endorsementProblem(value: unknown, ctx: Ob3Context): Promise<{ code: `ERR_${string}`; message: string } | undefined> {
  let checks: VerificationCheck[];
  try {
    if (typeof value === 'string' && looksLikeCompactJws(value)) {
      const jwt = await verifyVcJwt(decodeCompactJws(value), ctx.binding);
      if (!jwt) return { code: 'ERR_ENDORSEMENT_INVALID', message: 'the JWT carries no credential' };
      checks = [jwt.proof, jwt.issuerKey, checkDates(jwt.credential, isLegacyVcdm(jwt.credential), ctx.options.now)];
    } else if (isObject(value)) {
      const legacy = isLegacyVcdm(value);
      const { proof, issuerKey } = await checkDataIntegrity(value, idOf(value.issuer), ctx.documentLoader, ctx.binding);
      checks = [proof, issuerKey, checkDates(value, legacy, ctx.options.now)];
    } else {
      return { code: 'ERR_ENDORSEMENT_INVALID', message: 'it is neither an EndorsementCredential nor a compact JWS' };
    }
  } catch (error) {
    return { code: 'ERR_ENDORSEMENT_INVALID', message: errorMessage(error) };
  }
  const failed = checks.find((c) => !c.ok);
  return failed ? { code: failed.code ?? 'ERR_ENDORSEMENT_INVALID', message: failed.message } : undefined;
}
