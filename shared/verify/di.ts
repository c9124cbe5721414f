import { verifyDataIntegrity } from '../sign/data-integrity.js';
import { isEd25519Multibase } from '../sign/multikey.js';
import type { DocumentLoader } from '../sign/document-loader.js';
import type { JsonObject, VerificationCheck } from './types.js';
import { describeValue, errorMessage, fail, pass } from './util.js';

export interface DiResult {
  proof: VerificationCheck;
  issuerKey: VerificationCheck;
}

/** Embedded Data Integrity proof, and the binding of its verification method to the issuer id. */
export async function checkDataIntegrity(
  document: JsonObject,
  issuerId: string | undefined,
  documentLoader: DocumentLoader,
): Promise<DiResult> {
  let result;
  try {
    result = await verifyDataIntegrity(document, { documentLoader });
  } catch (error) {
    result = { verified: false, code: 'ERR_PROOF_INVALID' as const, message: `The proof could not be checked: ${errorMessage(error)}` };
  }
  const suite = result.cryptosuite ?? result.proofType ?? 'Data Integrity';
  const proof = result.verified
    ? pass('proof', `The ${suite} proof verifies with the key ${result.verificationMethod ?? '(unnamed)'}.`)
    : fail('proof', result.code ?? 'ERR_PROOF_INVALID', result.message);

  let issuerKey: VerificationCheck;
  if (result.controller === undefined) {
    issuerKey = fail(
      'issuer-key',
      'ERR_ISSUER_KEY_UNKNOWN',
      'The signing key could not be linked to the issuer because no verified proof names its controller.',
    );
  } else if (result.controller === issuerId) {
    issuerKey = !result.verified
      ? fail('issuer-key', 'ERR_ISSUER_KEY_UNKNOWN', 'The key is controlled by the issuer, but the proof made with it does not verify.')
      : isFragmentKey(result.verificationMethod)
        ? pass(
            'issuer-key',
            `The key is named by the fragment of ${result.verificationMethod ?? issuerId}; ${issuerId} publishes no key list, so this binding is accepted as the 1EdTech validator accepts it.`,
          )
        : pass('issuer-key', `The signing key belongs to the issuer ${issuerId}.`);
  } else {
    issuerKey = fail(
      'issuer-key',
      'ERR_ISSUER_KEY_MISMATCH',
      `The signing key is controlled by ${result.controller}, not by the issuer ${describeValue(issuerId)}.`,
    );
  }
  return { proof, issuerKey };
}

/** `https://issuer#z6Mk…`: the key is read from the fragment (as the 1EdTech validator does), not from a published document. */
function isFragmentKey(methodId: string | undefined): boolean {
  if (methodId === undefined || !/^https?:\/\//.test(methodId)) return false;
  return isEd25519Multibase(methodId.slice(methodId.indexOf('#') + 1));
}
