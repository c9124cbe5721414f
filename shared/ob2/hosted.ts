/**
 * OB 2.0 hosted verification scope (spec §HostedBadge Verification, as the 1EdTech validators
 * implement it): the issuer's `verification` policy, or by default the issuer id's host, decides
 * which assertion URLs the issuer vouches for.
 */

export interface HostedScopeResult {
  ok: boolean;
  /** Why, in a sentence; also set when the check had to be skipped. */
  reason: string;
  skipped?: boolean;
}

/** `host[:port]` of an http(s) URL (scheme ignored, as the validators do), or undefined. */
export function urlAuthority(url: string): string | undefined {
  const match = /^https?:\/\/([^/?#@]*@)?([^/?#]+)/i.exec(url);
  return match?.[2]?.toLowerCase();
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Is `assertionId` within the hosted-verification scope the issuer profile declares? */
export function hostedScopeAllows(assertionId: string, issuer: { id?: unknown; verification?: unknown }): HostedScopeResult {
  const issuerId = typeof issuer.id === 'string' ? issuer.id : '';
  const policy = typeof issuer.verification === 'object' && issuer.verification !== null ? (issuer.verification as Record<string, unknown>) : {};
  const startsWith = list(policy.startsWith);
  if (startsWith.length > 0 && !startsWith.some((prefix) => assertionId.startsWith(prefix))) {
    return { ok: false, reason: `The assertion URL ${assertionId} does not start with any of the issuer's allowed prefixes (${startsWith.join(', ')}).` };
  }
  let allowed = list(policy.allowedOrigins).map((origin) => origin.toLowerCase());
  if (allowed.length === 0) {
    const issuerHost = urlAuthority(issuerId);
    if (issuerHost === undefined) {
      return { ok: true, skipped: true, reason: `The issuer id ${issuerId || '(none)'} is not an http(s) URL, so the hosting origin could not be checked.` };
    }
    allowed = [issuerHost];
  }
  const host = urlAuthority(assertionId);
  if (host === undefined || !allowed.includes(host)) {
    return { ok: false, reason: `The assertion is hosted on ${host ?? 'no web origin'}, which the issuer does not allow (${allowed.join(', ')}).` };
  }
  return { ok: true, reason: `The assertion is hosted on ${host}, an origin the issuer allows.` };
}
