import { decodeStatusList, getStatusBit } from '../ob3/status-list.js';
import type { DocumentLoader } from '../sign/document-loader.js';
import { checkDataIntegrity } from './di.js';
import { decodeCompactJws, looksLikeCompactJws } from './jws.js';
import { rememberedShared } from './memo.js';
import type { JsonObject, Resolver, VerificationCheck, VerifyMemo } from './types.js';
import { verifyVcJwt } from './vc-jwt.js';
import { asArray, describeValue, errorCode, errorMessage, fail, idOf, isObject, pass, resolveDocument, say, typesOf } from './util.js';

export interface StatusContext {
  resolve?: Resolver | undefined;
  trustEmbeddedKeys?: boolean | undefined;
  memo?: VerifyMemo | undefined;
  documentLoader: DocumentLoader;
}

const LIST_TYPES: Record<string, string> = {
  BitstringStatusListEntry: 'BitstringStatusListCredential',
  StatusList2021Entry: 'StatusList2021Credential',
};

/** Checks every credentialStatus entry; the first failure is reported. */
export async function checkCredentialStatus(credential: JsonObject, ctx: StatusContext): Promise<VerificationCheck> {
  const passed: VerificationCheck[] = [];
  for (const entry of asArray(credential.credentialStatus)) {
    const check = await checkStatusEntry(entry, credential, ctx);
    if (!check.ok) return check;
    passed.push(check);
  }
  return passed.length === 1 && passed[0] ? passed[0] : pass('status', passed.map((check) => check.message).join(' '));
}

async function checkStatusEntry(entry: unknown, credential: JsonObject, ctx: StatusContext): Promise<VerificationCheck> {
  const type = typesOf(entry)[0];
  if (!isObject(entry) || type === undefined) return fail('status', 'ERR_STATUS_INVALID', 'credentialStatus has no type.');
  if (type === '1EdTechRevocationList') return checkRevocationList(entry, credential, ctx);
  if (type in LIST_TYPES) return checkStatusList(entry, type, credential, ctx);
  return fail('status', 'ERR_STATUS_UNSUPPORTED', say('verify.status.unsupported', { type }));
}

const unavailable = (url: string): VerificationCheck => fail('status', 'ERR_STATUS_UNAVAILABLE', say('verify.status.unavailable', { url }));

async function checkStatusList(entry: JsonObject, type: string, credential: JsonObject, ctx: StatusContext): Promise<VerificationCheck> {
  const listUrl = entry.statusListCredential;
  if (typeof listUrl !== 'string') return fail('status', 'ERR_STATUS_INVALID', `The ${type} has no statusListCredential URL.`);
  const indexText = String(entry.statusListIndex);
  if (!/^\d+$/.test(indexText)) {
    return fail('status', 'ERR_STATUS_INVALID', `statusListIndex ${describeValue(entry.statusListIndex)} is not a non-negative integer.`);
  }
  const index = Number(indexText);
  const trusted = await rememberedShared(ctx.memo, `status-list\n${ctx.trustEmbeddedKeys === true}\n${listUrl}`, () => trustedStatusList(listUrl, ctx));
  if ('failed' in trusted) return structuredClone(trusted.failed);
  const { list } = trusted;
  const issuerId = idOf(credential.issuer);

  const expectedType = LIST_TYPES[type] ?? '';
  if (!typesOf(list).includes(expectedType)) return invalidList(listUrl, `its type is not ${expectedType}`);
  if (idOf(list.issuer) !== issuerId) {
    return invalidList(listUrl, `it was issued by ${describeValue(idOf(list.issuer))}, not by the badge issuer ${describeValue(issuerId)}`);
  }
  const subject = list.credentialSubject;
  if (!isObject(subject) || typeof subject.encodedList !== 'string') return invalidList(listUrl, 'it has no encodedList');
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : 'revocation';
  if (subject.statusPurpose !== undefined && !asArray(subject.statusPurpose).includes(purpose)) {
    return invalidList(listUrl, `its purpose is ${describeValue(subject.statusPurpose)}, not ${purpose}`);
  }
  const encodedList = subject.encodedList;
  let bits: Uint8Array;
  try {
    bits = await rememberedShared(ctx.memo, `status-bits\n${ctx.trustEmbeddedKeys === true}\n${listUrl}`, () => decodeStatusList(encodedList));
  } catch (error) {
    return fail('status', errorCode(error, 'ERR_STATUS_LIST_INVALID'), say('verify.status.untrusted', { url: listUrl }, `it cannot be decoded: ${errorMessage(error)}`));
  }
  if (index >= bits.length * 8) {
    return invalidList(listUrl, `it has ${bits.length * 8} entries, fewer than the index ${index}`);
  }
  if (!getStatusBit(bits, index)) {
    if (purpose === 'revocation') return pass('status', say('verify.status.notRevoked'));
    if (purpose === 'suspension') return pass('status', say('verify.status.notSuspended'));
    return pass('status', `The issuer's status list shows this badge as not flagged (${purpose}).`);
  }
  if (purpose === 'revocation') return fail('status', 'ERR_REVOKED', say('verify.revoked'));
  if (purpose === 'suspension') return fail('status', 'ERR_SUSPENDED', say('verify.suspended'));
  return pass('status', `The issuer's status list sets the ${purpose} flag for this badge.`);
}

/** The status list credential at `listUrl` once its proof and its key's binding to its issuer check out. */
async function trustedStatusList(listUrl: string, ctx: StatusContext): Promise<{ list: JsonObject } | { failed: VerificationCheck }> {
  const resolved = await resolveDocument(ctx.resolve, listUrl);
  if (resolved === undefined) return { failed: unavailable(listUrl) };
  if (typeof resolved === 'string' && looksLikeCompactJws(resolved)) {
    const jwt = await verifyVcJwt(decodeCompactJws(resolved), ctx);
    if (!jwt) return { failed: invalidList(listUrl, 'it is not a credential') };
    if (!jwt.proof.ok) return { failed: invalidList(listUrl, jwt.proof.message) };
    if (!jwt.issuerKey.ok) return { failed: invalidList(listUrl, jwt.issuerKey.message) };
    return { list: jwt.credential };
  }
  if (!isObject(resolved)) return { failed: invalidList(listUrl, 'it is not a credential') };
  const { proof, issuerKey } = await checkDataIntegrity(resolved, idOf(resolved.issuer), ctx.documentLoader, ctx);
  if (!proof.ok) return { failed: invalidList(listUrl, `its proof does not verify (${proof.message})`) };
  if (!issuerKey.ok) return { failed: invalidList(listUrl, issuerKey.message) };
  return { list: resolved };
}

function invalidList(url: string, reason: string): VerificationCheck {
  return fail('status', 'ERR_STATUS_LIST_INVALID', say('verify.status.untrusted', { url }, reason));
}

/** 1EdTech Revocation List: a JSON document whose `revokedCredential` lists revoked credential ids. */
async function checkRevocationList(entry: JsonObject, credential: JsonObject, ctx: StatusContext): Promise<VerificationCheck> {
  const url = entry.id;
  if (typeof url !== 'string') return fail('status', 'ERR_STATUS_INVALID', 'The 1EdTechRevocationList status has no id URL.');
  const list = await resolveDocument(ctx.resolve, url);
  if (list === undefined) return unavailable(url);
  if (!isObject(list) || !Array.isArray(list.revokedCredential)) {
    return fail('status', 'ERR_STATUS_LIST_INVALID', `The revocation list ${url} has no revokedCredential array.`);
  }
  for (const item of list.revokedCredential) {
    if (!isObject(item) || item.id !== credential.id || item.revoked === false) continue;
    const reason = typeof item.revocationReason === 'string' ? item.revocationReason : undefined;
    return fail('status', 'ERR_REVOKED', reason === undefined ? say('verify.revoked') : say('verify.revokedReason', { reason }));
  }
  return pass('status', say('verify.status.revocationListClear'));
}
