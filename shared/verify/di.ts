import { verifyDataIntegrity } from '../sign/data-integrity.js';
import type { DocumentLoader } from '../sign/document-loader.js';
import { checkIssuerBinding, type BindingContext } from './issuer-binding.js';
import type { IssuerSummary, JsonObject, VerificationCheck } from './types.js';
import { errorMessage, fail, pass, say } from './util.js';

export interface DiResult {
  proof: VerificationCheck;
  issuerKey: VerificationCheck;
  issuer?: IssuerSummary;
}

/** Embedded Data Integrity proof, and the binding of its key to the issuer by the issuer's own documents. */
export async function checkDataIntegrity(
  document: JsonObject,
  issuerId: string | undefined,
  documentLoader: DocumentLoader,
  binding: BindingContext,
): Promise<DiResult> {
  let result;
  try {
    result = await verifyDataIntegrity(document, { documentLoader });
  } catch (error) {
    result = { verified: false, code: 'ERR_PROOF_INVALID' as const, message: `The proof could not be checked: ${errorMessage(error)}` };
  }
  const suite = result.cryptosuite ?? result.proofType ?? 'Data Integrity';
  if (!result.verified || result.publicKey === undefined) {
    return {
      proof: fail('proof', result.code ?? 'ERR_PROOF_INVALID', result.message),
      issuerKey: fail('issuer-key', 'ERR_ISSUER_KEY_UNKNOWN', say('verify.issuerKey.proofFailed')),
    };
  }
  const proof = pass('proof', say('verify.proof.di', { suite, key: result.verificationMethod ?? '(unnamed)' }));
  const bound = await checkIssuerBinding(
    issuerId,
    { ...(result.verificationMethod ? { id: result.verificationMethod } : {}), jwk: { ...result.publicKey }, origin: result.keyOrigin ?? 'resolved' },
    binding,
  );
  return { proof, issuerKey: bound.check, ...(bound.issuer ? { issuer: bound.issuer } : {}) };
}
