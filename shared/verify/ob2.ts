import { compactVerify, importSPKI } from 'jose';
import { checkValidityWindow } from './dates.js';
import { checkOb2Endorsements } from './endorsements.js';
import type { DecodedJws } from './jws.js';
import { checkOb2Recipient } from './recipient.js';
import type { BadgeSummary, IssuerSummary, JsonObject, VerificationCheck, VerificationReport, VerifyOptions } from './types.js';
import { asArray, describeValue, errorMessage, fail, guard, idOf, isObject, jsonEqual, pass, resolveDocument, say, typesOf, unresolvable } from './util.js';

export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/** OB 2.0 Assertion: the Assertion type, or the v2 context on an untyped document with a recipient. */
export function isOb2Assertion(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typesOf(value).includes('Assertion')) return true;
  return asArray(value['@context']).includes(OB2_CONTEXT) && value.type === undefined && value.recipient !== undefined;
}

/** Another OB 2.0 document (BadgeClass, Profile, CryptographicKey…): its type, for a clear message. */
export function ob2DocumentType(value: unknown): string | undefined {
  if (!isObject(value) || !asArray(value['@context']).includes(OB2_CONTEXT)) return undefined;
  return typesOf(value)[0] ?? 'document';
}

/** OB 0.5 / 1.0 assertion: a recipient and a badge, no JSON-LD context. */
export function isOb1Assertion(value: unknown): boolean {
  if (!isObject(value) || value['@context'] !== undefined) return false;
  return (value.badge !== undefined && (value.recipient !== undefined || value.identity !== undefined)) || isObject(value.verify);
}

/** The host (with port) of an http(s) URL, lower-cased; undefined for anything else. */
export function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

interface Node {
  value: JsonObject;
  /** Obtained from its own URL (trusted) rather than embedded in another document. */
  hosted: boolean;
}

/** An IRI or an embedded object: the hosted copy when the resolver has it, else the embedded one. */
async function loadNode(reference: unknown, options: VerifyOptions): Promise<Node | undefined> {
  const id = idOf(reference);
  if (id !== undefined) {
    const resolved = await resolveDocument(options.resolve, id);
    if (isObject(resolved)) return { value: resolved, hosted: true };
  }
  return isObject(reference) ? { value: reference, hosted: false } : undefined;
}

const ASSERTION_REQUIRED = ['id', 'type', 'recipient', 'badge', 'verification', 'issuedOn'];
const BADGE_CLASS_REQUIRED = ['id', 'name', 'description', 'image', 'criteria', 'issuer'];
const ISSUER_REQUIRED = ['id', 'name', 'url', 'email'];

function verificationOf(assertion: JsonObject): JsonObject | undefined {
  const verification = assertion.verification ?? assertion.verify;
  return isObject(verification) ? verification : undefined;
}

function checkAssertionShape(assertion: JsonObject): VerificationCheck {
  if (assertion.revoked === true) return pass('schema', say('verify.schema.revokedAssertion'));
  const shaped: JsonObject = { ...assertion, verification: assertion.verification ?? assertion.verify };
  const missing = ASSERTION_REQUIRED.filter((key) => shaped[key] === undefined);
  if (missing.length > 0) return fail('schema', 'ERR_ASSERTION_INVALID', say('verify.schema.ob2Missing', { properties: missing.join(', ') }));
  if (!typesOf(assertion).includes('Assertion')) return fail('schema', 'ERR_ASSERTION_INVALID', 'The assertion type must be "Assertion".');
  if (!isObject(assertion.recipient) || typeof assertion.recipient.identity !== 'string') {
    return fail('schema', 'ERR_ASSERTION_INVALID', 'The assertion recipient must be an IdentityObject with an identity.');
  }
  return pass('schema', say('verify.schema.ob2'));
}

interface Graph {
  badgeClass?: Node;
  issuer?: Node;
  check: VerificationCheck;
}

/** BadgeClass and issuer Profile, embedded or resolved, with their required properties. */
async function loadGraph(assertion: JsonObject, options: VerifyOptions): Promise<Graph> {
  const badgeClass = await loadNode(assertion.badge, options);
  if (!badgeClass) return { check: unresolvable('issuer', 'badgeClass', describeValue(idOf(assertion.badge) ?? assertion.badge)) };
  const issuer = await loadNode(badgeClass.value.issuer, options);
  if (!issuer) return { badgeClass, check: unresolvable('issuer', 'issuerProfile', describeValue(idOf(badgeClass.value.issuer) ?? '(none)')) };
  const missingClass = BADGE_CLASS_REQUIRED.filter((key) => badgeClass.value[key] === undefined);
  const missingIssuer = ISSUER_REQUIRED.filter((key) => issuer.value[key] === undefined);
  const problems = [
    ...(missingClass.length ? [`the BadgeClass lacks ${missingClass.join(', ')}`] : []),
    ...(missingIssuer.length ? [`the issuer profile lacks ${missingIssuer.join(', ')}`] : []),
  ];
  if (problems.length > 0) return { badgeClass, issuer, check: fail('issuer', 'ERR_ISSUER_INVALID', say('verify.issuer.ob2Incomplete', undefined, problems.join('; '))) };
  const name = typeof issuer.value.name === 'string' ? `${issuer.value.name} (${String(issuer.value.id)})` : String(issuer.value.id);
  return { badgeClass, issuer, check: pass('issuer', say('verify.issuer.ob2', { badge: String(badgeClass.value.name), issuer: name })) };
}

function checkDates(assertion: JsonObject, now: Date): VerificationCheck {
  return checkValidityWindow({ from: { name: 'issuedOn', value: assertion.issuedOn }, until: { name: 'expires', value: assertion.expires } }, now);
}

/** Revoked flag on the hosted copy, then the issuer's RevocationList when it has one. */
async function checkRevocation(assertion: JsonObject, issuer: Node | undefined, options: VerifyOptions): Promise<VerificationCheck> {
  if (assertion.revoked === true) {
    const reason = typeof assertion.revocationReason === 'string' ? assertion.revocationReason : undefined;
    return fail('revocation', 'ERR_REVOKED', reason === undefined ? say('verify.revoked') : say('verify.revokedReason', { reason }));
  }
  const listUrl = issuer ? idOf(issuer.value.revocationList) : undefined;
  if (listUrl === undefined) {
    return pass('revocation', say(issuer ? 'verify.revocation.notMarkedNoList' : 'verify.revocation.notMarked'));
  }
  const list = await loadNode(issuer?.value.revocationList, options);
  if (!list) return unresolvable('revocation', 'revocationList', listUrl);
  if (!Array.isArray(list.value.revokedAssertions)) {
    return fail('revocation', 'ERR_REVOCATION_LIST_INVALID', `The revocation list ${listUrl} has no revokedAssertions array.`);
  }
  for (const entry of list.value.revokedAssertions) {
    const id = typeof entry === 'string' ? entry : isObject(entry) ? (entry.id ?? entry.uid) : undefined;
    if (id === undefined || (id !== assertion.id && id !== assertion.uid)) continue;
    const reason = isObject(entry) && typeof entry.revocationReason === 'string' ? entry.revocationReason : undefined;
    return fail('revocation', 'ERR_REVOKED', say(reason === undefined ? 'verify.revokedList' : 'verify.revokedListReason', { url: listUrl, ...(reason === undefined ? {} : { reason }) }));
  }
  return pass('revocation', say('verify.revocation.listClear', { url: listUrl }));
}

/**
 * Hosted verification scope (OB 2.0 §HostedBadge Verification, as VCORE implements it): the issuer's
 * `verification` policy, else the issuer id's host; `startsWith` prefixes and `allowedOrigins` hosts.
 */
function checkHostedScope(assertion: JsonObject, issuer: Node | undefined): VerificationCheck {
  if (!issuer) return fail('origin', 'ERR_UNRESOLVABLE', 'The hosting scope cannot be checked without the issuer profile.');
  const assertionId = String(assertion.id);
  const policy = isObject(issuer.value.verification) ? issuer.value.verification : undefined;
  const issuerHost = hostOf(issuer.value.id);
  if (!policy && issuerHost === undefined) {
    return pass('origin', say('verify.origin.notHttp', { issuer: describeValue(issuer.value.id) }));
  }
  const prefixes = asArray(policy?.startsWith).filter((p): p is string => typeof p === 'string');
  if (prefixes.length > 0 && !prefixes.some((prefix) => assertionId.startsWith(prefix))) {
    return fail('origin', 'ERR_ORIGIN_MISMATCH', `The assertion ${assertionId} is outside the issuer's allowed scope (it must start with ${prefixes.join(' or ')}).`);
  }
  const allowed = policy?.allowedOrigins !== undefined ? asArray(policy.allowedOrigins).map((o) => String(o).toLowerCase()) : issuerHost ? [issuerHost] : [];
  const host = hostOf(assertionId);
  if (allowed.length > 0 && (host === undefined || !allowed.includes(host))) {
    return fail('origin', 'ERR_ORIGIN_MISMATCH', `The assertion is hosted on ${host ?? assertionId}, which the issuer does not allow (allowed: ${allowed.join(', ')}).`);
  }
  return pass('origin', allowed.length ? say('verify.origin.scope', { hosts: allowed.join(', ') }) : say('verify.origin.scopeAny'));
}

/** Fetches the hosted copy by the assertion's id; the hosted copy is the one that counts. */
async function loadHostedCopy(given: JsonObject, options: VerifyOptions): Promise<{ check: VerificationCheck; assertion?: JsonObject }> {
  const id = given.id;
  if (typeof id !== 'string') return { check: fail('hosted', 'ERR_ASSERTION_INVALID', 'A hosted assertion needs an id URL where it is published.') };
  const hosted = await resolveDocument(options.resolve, id);
  if (hosted === undefined) return { check: unresolvable('hosted', 'assertion', id) };
  if (!isObject(hosted)) return { check: fail('hosted', 'ERR_HOSTED_INVALID', `The document published at ${id} is not a JSON assertion.`) };
  if (hosted.id !== id) {
    return { check: fail('hosted', 'ERR_HOSTED_MISMATCH', `The document published at ${id} has the id ${describeValue(hosted.id)}.`) };
  }
  if (hosted.revoked !== true) {
    const type = verificationOf(hosted)?.type;
    if (type !== undefined && type !== 'hosted' && type !== 'HostedBadge') {
      return { check: fail('hosted', 'ERR_HOSTED_INVALID', `The published assertion asks for ${describeValue(type)} verification, not hosted.`) };
    }
  }
  const same = jsonEqual(hosted, given);
  return {
    assertion: hosted,
    check: pass('hosted', say(same ? 'verify.hosted.matches' : 'verify.hosted.differs', { url: id })),
  };
}

/** OB 2.0 hosted verification. */
export async function verifyOb2Hosted(given: JsonObject, options: VerifyOptions): Promise<VerificationReport> {
  const checks: VerificationCheck[] = [pass('format', say('verify.format.ob2Hosted'))];
  const hosted = await loadHostedCopy(given, options);
  const assertion = hosted.assertion ?? given;
  checks.push(await guard('schema', () => checkAssertionShape(assertion)));
  const graph = assertion.revoked === true ? undefined : await loadGraph(assertion, options);
  if (graph) checks.push(graph.check);
  checks.push(hosted.check);
  if (graph) checks.push(checkHostedScope(assertion, graph.issuer), await guard('dates', () => checkDates(assertion, options.now)));
  checks.push(await guard('revocation', () => checkRevocation(assertion, graph?.issuer, options)));
  await addCommonChecks(checks, assertion, graph, options);
  const confirmed = checks.every((c) => c.ok || !['hosted', 'origin', 'issuer'].includes(c.id));
  return { verified: checks.every((c) => c.ok), format: 'ob2-hosted', credential: assertion, ...publishedNames(graph, confirmed), checks };
}

/** OB 2.0 signed verification: JWS RS256, key from verification.creator, linked both ways with the issuer. */
export async function verifyOb2Signed(jws: DecodedJws, options: VerifyOptions): Promise<VerificationReport> {
  const assertion = jws.payload as JsonObject;
  const checks: VerificationCheck[] = [pass('format', say('verify.format.ob2Signed'))];
  checks.push(await guard('schema', () => checkAssertionShape(assertion)));
  const graph = await loadGraph(assertion, options);
  checks.push(graph.check);
  const key = await loadSigningKey(assertion, graph.issuer, options);
  checks.push(checkKeyAuthorized(key, graph.issuer));
  checks.push(await guard('proof', () => checkSignature(jws, key)));
  checks.push(checkKeyOrigin(assertion, graph.issuer));
  checks.push(await guard('dates', () => checkDates(assertion, options.now)));
  checks.push(await guard('revocation', () => checkRevocation(assertion, graph.issuer, options)));
  await addCommonChecks(checks, assertion, graph, options);
  const confirmed = checks.every((c) => c.ok || !['key', 'proof', 'origin', 'issuer'].includes(c.id));
  return { verified: checks.every((c) => c.ok), format: 'ob2-signed', credential: assertion, ...publishedNames(graph, confirmed), checks };
}

/**
 * Who issued the badge and what it is called, from the issuer profile and BadgeClass fetched from their
 * own URLs, and only when the assertion is bound to that issuer (signature by its key, or hosted in its
 * scope). Otherwise just the issuer id, unconfirmed: never names the assertion merely claims.
 */
function publishedNames(graph: Graph | undefined, confirmed: boolean): { issuer?: IssuerSummary; badge?: BadgeSummary } {
  const issuer = graph?.issuer;
  const issuerId = idOf(issuer?.value.id);
  if (!issuer || issuerId === undefined) return {};
  if (!confirmed || !issuer.hosted) return { issuer: { id: issuerId, confirmed: false } };
  const name = typeof issuer.value.name === 'string' && issuer.value.name.trim() !== '' ? issuer.value.name : undefined;
  const url = typeof issuer.value.url === 'string' && /^https?:\/\//.test(issuer.value.url) ? issuer.value.url : undefined;
  const summary: IssuerSummary = { id: issuerId, confirmed: true, ...(name ? { name } : {}), ...(url ? { url } : {}) };
  const badgeClass = graph?.badgeClass;
  const badgeName = badgeClass?.hosted && typeof badgeClass.value.name === 'string' ? badgeClass.value.name.trim() : '';
  const badgeId = idOf(badgeClass?.value.id);
  return { issuer: summary, ...(badgeName !== '' && badgeId !== undefined ? { badge: { id: badgeId, name: badgeName } } : {}) };
}

async function addCommonChecks(checks: VerificationCheck[], assertion: JsonObject, graph: Graph | undefined, options: VerifyOptions): Promise<void> {
  const holders: [string, JsonObject | undefined][] = [
    ['assertion', assertion],
    ['badge class', graph?.badgeClass?.value],
    ['issuer', graph?.issuer?.value],
  ];
  const endorsed = holders.filter((h): h is [string, JsonObject] => h[1] !== undefined && h[1].endorsement !== undefined);
  if (endorsed.length > 0) checks.push(await guard('endorsements', () => checkOb2Endorsements(endorsed, options)));
  const recipient = options.recipient;
  if (recipient !== undefined) checks.push(await guard('recipient', () => checkOb2Recipient(assertion.recipient, recipient)));
}

function creatorOf(assertion: JsonObject): string | undefined {
  const creator = verificationOf(assertion)?.creator;
  return idOf(creator);
}

/** The key named by verification.creator, else the issuer's only declared publicKey. */
function signingKeyId(assertion: JsonObject, issuer: Node | undefined): string | undefined {
  const declared = asArray(issuer?.value.publicKey).map(idOf).filter((id): id is string => id !== undefined);
  return creatorOf(assertion) ?? (declared.length === 1 ? declared[0] : undefined);
}

interface SigningKey {
  id: string;
  document?: JsonObject;
  check?: VerificationCheck;
}

async function loadSigningKey(assertion: JsonObject, issuer: Node | undefined, options: VerifyOptions): Promise<SigningKey | undefined> {
  const id = signingKeyId(assertion, issuer);
  if (id === undefined) return undefined;
  const key = await resolveDocument(options.resolve, id);
  if (key === undefined) return { id, check: unresolvable('key', 'signingKey', id) };
  if (!isObject(key) || typeof key.publicKeyPem !== 'string') {
    return { id, check: fail('key', 'ERR_KEY_INVALID', `The document at ${id} is not a CryptographicKey with a publicKeyPem.`) };
  }
  return { id, document: key };
}

/** The key must be published and linked both ways with the hosted issuer profile (owner ↔ publicKey). */
function checkKeyAuthorized(key: SigningKey | undefined, issuer: Node | undefined): VerificationCheck {
  if (!key) {
    return fail('key', 'ERR_KEY_MISSING', 'The assertion names no signing key (verification.creator) and its issuer does not declare exactly one publicKey.');
  }
  if (key.check) return key.check;
  if (!issuer) return fail('key', 'ERR_UNRESOLVABLE', `The key ${key.id} cannot be trusted without the hosted issuer profile that lists it.`);
  const issuerId = idOf(issuer.value.id);
  if (!issuer.hosted) {
    return fail('key', 'ERR_UNRESOLVABLE', `The issuer profile ${describeValue(issuerId)} is only embedded in the badge; its hosted copy is needed to trust its keys.`);
  }
  const owner = key.document?.owner;
  if (owner !== undefined && idOf(owner) !== issuerId) {
    return fail('key', 'ERR_KEY_NOT_AUTHORIZED', say('verify.key.otherOwner', { key: key.id, owner: describeValue(idOf(owner)), issuer: describeValue(issuerId) }));
  }
  const declared = asArray(issuer.value.publicKey).map(idOf);
  if (!declared.includes(key.id)) {
    return fail('key', 'ERR_KEY_NOT_AUTHORIZED', say('verify.key.notListed', { issuer: describeValue(issuerId), key: key.id }));
  }
  return pass('key', say('verify.key.published', { key: key.id, issuer: describeValue(issuerId) }));
}

async function checkSignature(jws: DecodedJws, key: SigningKey | undefined): Promise<VerificationCheck> {
  if (jws.header.alg !== 'RS256') {
    return fail('proof', 'ERR_JWT_ALG_UNSUPPORTED', `The assertion is signed with ${describeValue(jws.header.alg)}; Open Badges 2.0 verifiers accept RS256.`);
  }
  const pem = key?.document?.publicKeyPem;
  if (!key || typeof pem !== 'string') return fail('proof', 'ERR_KEY_UNAVAILABLE', 'The signature cannot be checked without the signing key (see the key check).');
  let publicKey;
  try {
    publicKey = await importSPKI(pem, 'RS256');
  } catch (error) {
    return fail('proof', 'ERR_KEY_INVALID', `The key ${key.id} is not a usable RSA public key: ${errorMessage(error)}`);
  }
  try {
    await compactVerify(jws.compact, publicKey, { algorithms: ['RS256'] });
  } catch {
    return fail('proof', 'ERR_PROOF_INVALID', say('verify.proof.changed', { key: key.id }));
  }
  return pass('proof', say('verify.proof.rs256', { key: key.id }));
}

/** The key URL and the issuer id must be on the same host (scheme ignored, as VCORE does). */
function checkKeyOrigin(assertion: JsonObject, issuer: Node | undefined): VerificationCheck {
  const creator = signingKeyId(assertion, issuer);
  const keyHost = hostOf(creator);
  const issuerHost = hostOf(issuer?.value.id);
  if (keyHost === undefined || issuerHost === undefined) {
    return fail('origin', 'ERR_ORIGIN_MISMATCH', `The key ${describeValue(creator ?? '(none)')} and the issuer ${describeValue(issuer?.value.id ?? '(unknown)')} must both be http(s) URLs on the same host.`);
  }
  if (keyHost !== issuerHost) {
    return fail('origin', 'ERR_ORIGIN_MISMATCH', say('verify.origin.keyHostMismatch', { keyHost, issuerHost }));
  }
  return pass('origin', say('verify.origin.keyHost', { host: keyHost }));
}

/** OB 0.5 / 1.x: only the hosted copy, dates and the recipient can be checked. */
export async function verifyOb1(given: JsonObject, options: VerifyOptions): Promise<VerificationReport> {
  const checks: VerificationCheck[] = [pass('format', say('verify.format.ob1'))];
  const url = isObject(given.verify) ? given.verify.url : undefined;
  let assertion = given;
  if (typeof url !== 'string') {
    checks.push(fail('hosted', 'ERR_UNVERIFIABLE', 'The legacy assertion has no verify.url, so there is nothing to verify it against.'));
  } else {
    const hosted = await resolveDocument(options.resolve, url);
    if (hosted === undefined) checks.push(unresolvable('hosted', 'assertion', url));
    else if (!isObject(hosted)) checks.push(fail('hosted', 'ERR_HOSTED_INVALID', `The document published at ${url} is not a JSON assertion.`));
    else if (hosted.revoked === true) checks.push(fail('revocation', 'ERR_REVOKED', say('verify.revoked')));
    else if (!jsonEqual(hosted, given)) checks.push(fail('hosted', 'ERR_HOSTED_MISMATCH', say('verify.hosted.badgeDiffers', { url })));
    else {
      assertion = hosted;
      checks.push(pass('hosted', say('verify.hosted.badgeMatches', { url })));
    }
  }
  checks.push(await guard('dates', () => checkValidityWindow({ from: { name: 'issuedOn', value: legacyDate(assertion.issuedOn ?? assertion.issued_on) }, until: { name: 'expires', value: legacyDate(assertion.expires) } }, options.now)));
  const recipient = options.recipient;
  if (recipient !== undefined) checks.push(await guard('recipient', () => checkOb2Recipient(legacyIdentity(assertion), recipient)));
  return { verified: checks.every((c) => c.ok), format: 'ob1', credential: given, checks };
}

/** OB 1.0 allowed Unix timestamps (seconds) besides ISO dates. */
function legacyDate(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && /^\d{9,11}$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  return value;
}

/** The 0.5 / 1.0 recipient shapes as an OB 2.0 IdentityObject. */
function legacyIdentity(assertion: JsonObject): unknown {
  if (isObject(assertion.recipient)) return assertion.recipient;
  if (isObject(assertion.identity)) {
    const identity = assertion.identity;
    return { type: identity.type ?? 'email', hashed: identity.hashed === true, salt: identity.salt, identity: identity.recipient ?? identity.identity };
  }
  if (typeof assertion.recipient === 'string') {
    const hashed = /^(sha256|md5)\$/i.test(assertion.recipient);
    return { type: 'email', hashed, salt: assertion.salt, identity: assertion.recipient };
  }
  return undefined;
}
