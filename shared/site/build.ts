import { SVG_CSP } from '../bake/sanitize.js';
import { BadgeError } from '../errors.js';
import {
  achievementDocument,
  didDocument,
  issuerImagePath,
  issuerProfileDocument,
  jwkDocument,
  ob2BadgeClassDocument,
  ob2IssuerDocument,
  ob2KeyDocument,
  ob2RevocationListDocument,
  ob2RevokedAssertionDocument,
} from './documents.js';
import type { CredentialFileKind, SiteContent, SiteEntry, SiteModel, TextDigest } from './model.js';
import type { QrEncoder } from './qr.js';
import { badgePagesFingerprint, credentialPageInputs } from './page-inputs.js';
import { renderBadgePage, renderCredentialPage, renderIndex, renderNotFound, renderReadme, STYLESHEET_PATH, type PageContext } from './pages.js';
import { SITE_CSS } from './style.js';
import { FAVICON_PATH, faviconSvg } from './favicon.js';
import { siteLayout } from './urls.js';
import { validateSiteModel } from './validate.js';
import { renderVerifierPage, VERIFIER_SCRIPT_PATH } from './verifier-page.js';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const MISSING_VERIFIER = `document.getElementById('result').textContent = 'The verifier script was not bundled into this build (run npm run build, then site build again).';\n`;

/**
 * Badge artwork is sanitised SVG; hosts that read these files also serve every SVG under a policy
 * that forbids any load (Netlify / Cloudflare Pages `_headers`, Apache `.htaccess`).
 */
const HOST_HEADERS = `# Badge artwork (SVG) may load nothing (Netlify, Cloudflare Pages).
/*.svg
  Content-Security-Policy: ${SVG_CSP}
  X-Content-Type-Options: nosniff
`;
const APACHE_HEADERS = `# Badge artwork (SVG) may load nothing (Apache shared hosting with mod_headers).
<IfModule mod_headers.c>
  <FilesMatch "\\.svg$">
    Header set Content-Security-Policy "${SVG_CSP}"
    Header set X-Content-Type-Options "nosniff"
  </FilesMatch>
</IfModule>
`;

export interface BuildSiteOptions {
  /**
   * With a digest, credential pages are returned as LazyContent (rendered only if the writer needs
   * them: a rebuild keeps pages whose inputs did not change). Without, every page is rendered.
   */
  digest?: TextDigest;
  /** With an encoder, each credential page shows a QR code of its own address. */
  qr?: QrEncoder;
}

/**
 * The whole site as a list of files, sorted by path. Pure and deterministic: the same model gives
 * the same entries, byte for byte. Credential files given as FileRefs are passed through for the
 * writer to copy.
 */
export async function buildSite(model: SiteModel, options: BuildSiteOptions = {}): Promise<SiteEntry[]> {
  const { digest, qr } = options;
  validateSiteModel(model);
  const layout = siteLayout(model.issuer.siteUrl);
  if (layout.did !== model.issuer.did) {
    throw new BadgeError('ERR_SITE_MODEL_INVALID', `The issuer DID ${model.issuer.did} does not match its site URL ${layout.siteUrl} (expected ${layout.did}).`);
  }
  const ctx: PageContext = { layout, issuer: model.issuer, ...(qr ? { qr } : {}) };
  const files = new Map<string, SiteContent>();
  const add = (path: string, content: SiteContent): void => {
    if (files.has(path)) throw new BadgeError('ERR_SITE_MODEL_INVALID', `Two documents would be published at ${path}.`);
    files.set(path, content);
  };

  add(layout.didDocument, json(didDocument(layout, model.keys)));
  add(layout.profile, json(issuerProfileDocument(layout, model.issuer)));
  const issuerImage = issuerImagePath(model.issuer);
  if (issuerImage && model.issuer.image) add(issuerImage, model.issuer.image.content);
  for (const key of model.keys) {
    add(layout.keyJwk(key.id), json(jwkDocument(layout, key)));
    if (key.type === 'RSA') add(layout.ob2Key(key.id), json(await ob2KeyDocument(layout, key)));
  }
  add(layout.ob2Issuer, json(ob2IssuerDocument(layout, model.issuer, model.keys)));
  const revoked = model.credentials.filter((c) => c.revoked && c.format.startsWith('ob2-'));
  add(layout.ob2RevocationList, json(ob2RevocationListDocument(layout, revoked.map((c) => ({ credentialId: c.credentialId, reason: c.revocationReason })))));
  for (const list of model.statusLists) add(layout.statusList(list.id), json(list.credential));

  const badges = new Map(model.badges.map((badge) => [badge.id, badge]));
  // People, not files: the formats of one person's award count once.
  const awarded = new Map<string, Set<string>>();
  for (const credential of model.credentials) {
    const people = awarded.get(credential.badgeId) ?? new Set<string>();
    people.add(credential.awardId ?? credential.id);
    awarded.set(credential.badgeId, people);
  }
  const counts = new Map([...awarded].map(([badgeId, people]) => [badgeId, people.size]));
  for (const badge of model.badges) {
    add(layout.badgePage(badge.id), renderBadgePage(ctx, badge, counts.get(badge.id) ?? 0));
    add(layout.achievement(badge.id), json(achievementDocument(layout, badge)));
    add(layout.ob2BadgeClass(badge.id), json(ob2BadgeClassDocument(layout, badge)));
    if (badge.image) add(layout.badgeImage(badge.id, badge.image.extension), badge.image.content);
  }

  const fingerprints = new Map<string, string>();
  for (const credential of model.credentials) {
    const badge = badges.get(credential.badgeId);
    if (!badge) throw new BadgeError('ERR_SITE_MODEL_INVALID', `Credential ${credential.id} refers to the unknown badge ${credential.badgeId}.`);
    if (digest) {
      let fingerprint = fingerprints.get(badge.id);
      if (fingerprint === undefined) fingerprints.set(badge.id, (fingerprint = badgePagesFingerprint(ctx, badge, digest)));
      const inputs = credentialPageInputs(fingerprint, credential, digest);
      add(layout.credential(credential.id, 'html'), { kind: 'lazy', inputs, render: () => renderCredentialPage(ctx, badge, credential) });
    } else {
      add(layout.credential(credential.id, 'html'), renderCredentialPage(ctx, badge, credential));
    }
    for (const [kind, content] of Object.entries(credential.files) as [CredentialFileKind, SiteContent | undefined][]) {
      if (content === undefined) continue;
      // A revoked hosted assertion is replaced by the revoked stub at the same URL (static hosts cannot answer 410).
      const published = kind === 'json' && credential.format === 'ob2-hosted' && credential.revoked ? json(ob2RevokedAssertionDocument(credential.credentialId, credential.revocationReason)) : content;
      add(layout.credential(credential.id, kind), published);
    }
  }

  add(layout.index, renderIndex(ctx, model.badges, counts, issuerImage));
  add(layout.verifier, renderVerifierPage(ctx));
  add(VERIFIER_SCRIPT_PATH, model.verifierScript ?? MISSING_VERIFIER);
  add(STYLESHEET_PATH, SITE_CSS);
  add(FAVICON_PATH, faviconSvg(model.issuer.name));
  add('404.html', renderNotFound(ctx));
  add('README.txt', renderReadme(ctx));
  add('.nojekyll', '');
  add('_headers', HOST_HEADERS);
  add('.htaccess', APACHE_HEADERS);

  return [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, content]) => ({ path, content }));
}
