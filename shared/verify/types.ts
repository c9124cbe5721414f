/** Public shapes of the verifier. Check ids are stable: the CLI and the browser page key on them. */
export type BadgeFormat = 'ob3-di' | 'ob3-jwt' | 'ob2-hosted' | 'ob2-signed' | 'ob1' | 'unknown';

export interface VerificationCheck {
  id: string;
  ok: boolean;
  /** ok, but with something the person should know (the report is "verified with warnings"). */
  warning?: boolean;
  code?: `ERR_${string}`;
  /** The sentence in English. */
  message: string;
  /** The same sentence's key in the message catalogue (shared/messages) and its context, to say it in another language. */
  messageKey?: string;
  params?: Record<string, string | number>;
}

export interface VerificationReport {
  verified: boolean;
  format: BadgeFormat;
  /** The decoded credential / assertion (for hosted badges: the hosted copy). */
  credential?: unknown;
  image?: 'png' | 'svg';
  /** Who issued it, from the issuer's own resolved documents (never from the credential's claims). */
  issuer?: IssuerSummary;
  /** OB 2.0: the badge as its BadgeClass document, fetched from its own URL, names it (only once the issuer is confirmed). */
  badge?: BadgeSummary;
  checks: VerificationCheck[];
}

/** The issuer as its own documents describe it; `confirmed` when they list the signing key. */
export interface IssuerSummary {
  id: string;
  confirmed: boolean;
  name?: string;
  url?: string;
}

export interface BadgeSummary {
  id: string;
  name: string;
}

export type VerificationOutcome = 'verified' | 'verified-with-warnings' | 'not-verified';

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
  /** Conformance testing only (CLI): keys that travel with the credential pass, with a warning, when nothing can confirm them. */
  trustEmbeddedKeys?: boolean;
  /**
   * Results that depend only on the resolver's documents, never on the badge being checked (a status
   * list's proof and bits, an issuer's key binding), kept for the run. Only for a resolver whose
   * answers do not change during the run (see createVerifyMemo).
   */
  memo?: VerifyMemo;
}

/** Per-run memo of the verifier: one entry per key, the first computation shared by every later badge. */
export interface VerifyMemo {
  remember<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export type JsonObject = Record<string, unknown>;
