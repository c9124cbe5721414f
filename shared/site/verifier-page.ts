import { escapeHtml as h } from './html.js';
import { renderPage, strings, type PageContext } from './pages.js';
import type { Resolver } from '../verify/types.js';
import type { SiteLanguage } from './i18n.js';

export const VERIFIER_SCRIPT_PATH = 'verify/verifier.js';

/** What the browser verifier needs from the page (read from a JSON data block, not code). */
export interface VerifierConfig {
  siteUrl: string;
  did: string;
  /** This site's Open Badges 2.0 issuer profile URL: the issuer id of its OB 2.0 badges. */
  ob2Issuer: string;
  didDocument: string;
  /** Relative URL of the site root as seen from the verify page. */
  root: string;
  /** This site's issuer, as its own profile names it. */
  issuerName: string;
  /** The site's language: check sentences and dates come from the message catalogue in it. */
  lang: SiteLanguage;
  strings: Record<string, string>;
}

export function verifierConfig(ctx: PageContext): VerifierConfig {
  const t = strings(ctx);
  return {
    siteUrl: ctx.layout.siteUrl,
    did: ctx.layout.did,
    ob2Issuer: ctx.layout.url(ctx.layout.ob2Issuer),
    didDocument: ctx.layout.didDocument,
    root: '../',
    issuerName: ctx.issuer.name,
    lang: ctx.issuer.language,
    strings: {
      checking: t.verifierChecking,
      verified: t.verified,
      verifiedWithWarnings: t.verifiedWithWarnings,
      notVerified: t.notVerified,
      revoked: t.revoked,
      otherIssuer: t.otherIssuer,
      issuerUnconfirmed: t.issuerUnconfirmed,
      checks: t.checks,
      issuer: t.issuer,
      badge: t.badge,
      recipient: t.recipient,
      validFrom: t.validFrom,
      validUntil: t.validUntil,
    },
  };
}

/** JSON inside <script type="application/json">: `<` escaped so no text can close the element. */
function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function renderVerifierPage(ctx: PageContext): string {
  const t = strings(ctx);
  const path = ctx.layout.verifier;
  const body = `<h1>${h(t.verifierTitle)}</h1>
<p>${h(t.verifierIntro)}</p>
<p class="help">${h(t.verifierPrivacy)}</p>
<noscript><p class="status-bad">${h(t.verifierNoScript)}</p></noscript>
<form id="verify-form">
<div class="drop" id="drop-zone"><p>${h(t.verifierDrop)}</p>
<label for="badge-file">${h(t.verifierPick)}</label>
<input type="file" id="badge-file" name="badge" accept=".png,.svg,.json,.jws,.jwt,image/png,image/svg+xml,application/json"></div>
<label for="recipient-email">${h(t.verifierEmail)}</label>
<input type="email" id="recipient-email" name="email" autocomplete="off" aria-describedby="email-help">
<p class="help" id="email-help">${h(t.verifierEmailHelp)}</p>
<p><button class="button" type="submit">${h(t.verifierRun)}</button></p>
</form>
<section id="result" aria-live="polite"></section>`;
  const tail = `<script type="application/json" id="verifier-config">${jsonBlock(verifierConfig(ctx))}</script>
<script type="module" src="verifier.js"></script>
`;
  return renderPage(ctx, { path, title: `${t.verifierTitle} · ${ctx.issuer.name}`, body, tail });
}

/** Fetches a same-origin path; resolves to undefined when the file is not there. */
export type FetchText = (relativeUrl: string) => Promise<string | undefined>;

/**
 * The browser verifier's resolver: the issuer's DID and URLs under the site URL map to files of
 * this site (same-origin fetches relative to the site root). Nothing else is ever fetched.
 */
export function createSiteFetchResolver(config: Pick<VerifierConfig, 'siteUrl' | 'did' | 'didDocument' | 'root'>, fetchText: FetchText): Resolver {
  return async (url) => {
    const path = sitePathOf(config, url);
    if (path === undefined) return undefined;
    const text = await fetchText(`${config.root}${path}`);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text.trim();
    }
  };
}

/** The site path a URL or DID maps to, or undefined when it is not part of this site. */
export function sitePathOf(config: Pick<VerifierConfig, 'siteUrl' | 'did' | 'didDocument'>, url: string): string | undefined {
  const base = url.split('#', 1)[0] ?? url;
  if (base === config.did) return config.didDocument;
  if (!base.startsWith(config.siteUrl)) return undefined;
  const rest = base.slice(config.siteUrl.length).split('?', 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return undefined;
  }
  const parts = decoded.split('/');
  if (decoded === '' || decoded.startsWith('/') || parts.some((part) => part === '..' || part === '.' || part === '') || decoded.includes('\\')) return undefined;
  return parts.map(encodeURIComponent).join('/');
}
