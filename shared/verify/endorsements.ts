import { checkValidityWindow } from './dates.js';
import type { JsonObject, VerificationCheck, VerifyOptions } from './types.js';
import { asArray, describeValue, fail, idOf, isObject, pass, resolveDocument, say, typesOf } from './util.js';

type Problem = { code: `ERR_${string}`; message: string };

/**
 * OB 2.0 Endorsements (OB 2.0 §Endorsement) on the assertion, badge class and issuer: each must be
 * available (embedded or resolvable), be an Endorsement whose claim is about the object carrying it,
 * name an issuer, be within its dates and, when hosted, match its hosted copy.
 */
export async function checkOb2Endorsements(holders: [string, JsonObject][], options: VerifyOptions): Promise<VerificationCheck> {
  const problems: string[] = [];
  let firstCode: `ERR_${string}` | undefined;
  let count = 0;
  for (const [where, holder] of holders) {
    for (const reference of asArray(holder.endorsement)) {
      count += 1;
      const problem = await ob2EndorsementProblem(reference, holder, options);
      if (!problem) continue;
      firstCode ??= problem.code;
      problems.push(`the ${where} endorsement ${describeValue(idOf(reference) ?? '(no id)')}: ${problem.message}`);
    }
  }
  return endorsementsCheck(count, problems, firstCode);
}

/** All endorsements verify, or how many do not (the English message lists why). */
export function endorsementsCheck(total: number, problems: string[], firstCode: `ERR_${string}` | undefined): VerificationCheck {
  if (problems.length === 0) return pass('endorsements', total === 1 ? say('verify.endorsements.one') : say('verify.endorsements.all', { count: total }));
  return fail('endorsements', firstCode ?? 'ERR_ENDORSEMENT_INVALID', say('verify.endorsements.failed', { failed: problems.length, total }, problems.join('; ')));
}

async function ob2EndorsementProblem(reference: unknown, holder: JsonObject, options: VerifyOptions): Promise<Problem | undefined> {
  const id = idOf(reference);
  const hosted = id === undefined ? undefined : await resolveDocument(options.resolve, id);
  const endorsement = isObject(hosted) ? hosted : isObject(reference) ? reference : undefined;
  if (!endorsement) return { code: 'ERR_UNRESOLVABLE', message: 'it is not available offline (provide it with --site or --resolve)' };
  if (!typesOf(endorsement).includes('Endorsement')) return { code: 'ERR_ENDORSEMENT_INVALID', message: 'it is not of type Endorsement' };
  const claimId = idOf(isObject(endorsement.claim) ? endorsement.claim : undefined);
  if (claimId !== holder.id) {
    return { code: 'ERR_ENDORSEMENT_INVALID', message: `its claim is about ${describeValue(claimId ?? '(nothing)')}, not ${describeValue(holder.id)}` };
  }
  if (idOf(endorsement.issuer) === undefined) return { code: 'ERR_ENDORSEMENT_INVALID', message: 'it names no issuer' };
  if (endorsement.revoked === true) return { code: 'ERR_REVOKED', message: 'its issuer revoked it' };
  const dates = checkValidityWindow(
    { from: { name: 'issuedOn', value: endorsement.issuedOn }, until: { name: 'expires', value: endorsement.expires } },
    options.now,
  );
  if (!dates.ok) return { code: dates.code ?? 'ERR_ENDORSEMENT_INVALID', message: dates.message };
  if (isObject(reference) && !isObject(hosted)) {
    return { code: 'ERR_UNRESOLVABLE', message: 'its hosted copy is not available offline, so it cannot be trusted' };
  }
  return undefined;
}
