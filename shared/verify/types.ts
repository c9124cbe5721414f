/** Public shapes of the verifier. Check ids are stable: the CLI and the browser page key on them. */
export type BadgeFormat = 'ob3-di' | 'ob3-jwt' | 'ob2-hosted' | 'ob2-signed' | 'ob1' | 'unknown';

export interface VerificationCheck {
  id: string;
  ok: boolean;
  code?: `ERR_${string}`;
  message: string;
}

export interface VerificationReport {
  verified: boolean;
  format: BadgeFormat;
  /** The decoded credential / assertion (for hosted badges: the hosted copy). */
  credential?: unknown;
  image?: 'png' | 'svg';
  checks: VerificationCheck[];
}

/**
 * Offline resolution of URLs (DID documents by DID, JWK by kid URL, status list credentials, OB 2.0 issuer /
 * badge class / key / revocation list / hosted assertion by URL). undefined → not available offline.
 * A resolver may return parsed JSON or text (a compact JWS, JSON text).
 */
export type Resolver = (url: string) => Promise<unknown | undefined>;

export interface VerifyOptions {
  now: Date;
  resolve?: Resolver;
  /** Email address of the expected recipient; adds the `recipient` check. */
  recipient?: string;
}

export type JsonObject = Record<string, unknown>;
