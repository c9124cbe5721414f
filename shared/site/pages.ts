import { FAVICON_PATH } from './favicon.js';
import { escapeHtml as h, formatDate, paragraphs, relativeHref } from './html.js';
import { siteStrings, type SiteLanguage, type SiteStrings } from './i18n.js';
import type { CredentialFileKind, SiteBadge, SiteCredential, SiteIssuer } from './model.js';
import { qrSvg, type QrEncoder } from './qr.js';
import type { SiteLayout } from './urls.js';

export const STYLESHEET_PATH = 'style.css';

export interface PageContext {
  layout: SiteLayout;
  issuer: SiteIssuer;
  /** Draws a QR code of each credential page's address on the page (computed by the caller's QR library). */
  qr?: QrEncoder;
}

interface PageInput {
  /** Site path of the page itself (links are made relative to it). */
  path: string;
  title: string;
  /** Extra tags for <head> (already escaped). */
  head?: string;
  body: string;
  /** Extra tags before </body> (already escaped). */
  tail?: string;
  /** Served at any URL (404.html): absolute links to the site, no stylesheet. */
  absolute?: boolean;
}

export function strings(ctx: PageContext): SiteStrings {
  return siteStrings(ctx.issuer.language);
}

/** The common page frame: landmarks (header/nav/main/footer), skip link, language, one stylesheet. */
export function renderPage(ctx: PageContext, page: PageInput): string {
  const t = strings(ctx);
  const link = (to: string): string => h(page.absolute ? ctx.layout.url(to) : relativeHref(page.path, to));
  return `<!DOCTYPE html>
<html lang="${ctx.issuer.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">
<meta name="referrer" content="no-referrer">
<title>${h(page.title)}</title>
${page.absolute ? '' : `<link rel="icon" type="image/svg+xml" href="${link(FAVICON_PATH)}">\n<link rel="stylesheet" href="${link(STYLESHEET_PATH)}">\n`}${page.head ?? ''}</head>
<body>
<a class="skip" href="#content">${h(t.skip)}</a>
<header><div class="bar"><nav aria-label="${h(ctx.issuer.name)}"><ul>
<li><a class="site" href="${link(ctx.layout.index)}">${h(ctx.issuer.name)}</a></li>
<li><a href="${link(ctx.layout.index)}">${h(t.home)}</a></li>
<li><a href="${link(ctx.layout.verifier)}">${h(t.verifyNav)}</a></li>
</ul></nav></div></header>
<main id="content">
${page.body}
</main>
<footer><div class="bar"><p>${h(t.footer)}</p></div></footer>
${page.tail ?? ''}</body>
</html>
`;
}

/** An image; with `size` (CSS pixels), its box is reserved before it loads, the same for a PNG and an SVG. */
function imageTag(fromPath: string, toPath: string | undefined, alt: string, className?: string, size?: number): string {
  if (!toPath) return '';
  return `<img src="${h(relativeHref(fromPath, toPath))}" alt="${h(alt)}"${className ? ` class="${className}"` : ''}${size ? ` width="${size}" height="${size}"` : ''}>`;
}

export function badgeImagePath(ctx: PageContext, badge: SiteBadge): string | undefined {
  return badge.image ? ctx.layout.badgeImage(badge.id, badge.image.extension) : undefined;
}

export function renderIndex(ctx: PageContext, badges: readonly SiteBadge[], counts: ReadonlyMap<string, number>, issuerImage?: string): string {
  const t = strings(ctx);
  const path = ctx.layout.index;
  const items = badges
    .map((badge) => {
      const page = ctx.layout.badgePage(badge.id);
      return `<li><a href="${h(relativeHref(path, page))}">${imageTag(path, badgeImagePath(ctx, badge), t.badgeImageAlt(badge.name), 'card-image', 128)}<span>${h(badge.name)}</span></a><p class="help">${h(t.credentialsIssued(counts.get(badge.id) ?? 0))}</p></li>`;
    })
    .join('\n');
  const body = `<h1>${imageTag(path, issuerImage, t.issuerImageAlt(ctx.issuer.name), 'logo')} ${h(ctx.issuer.name)}</h1>
${ctx.issuer.description ? paragraphs(ctx.issuer.description) : ''}
<p><a href="${h(ctx.issuer.url)}">${h(ctx.issuer.url)}</a></p>
<section aria-labelledby="badges-title"><h2 id="badges-title">${h(t.badges)}</h2>
${items ? `<ul class="badges">\n${items}\n</ul>` : `<p>${h(t.noBadges)}</p>`}
</section>`;
  return renderPage(ctx, { path, title: ctx.issuer.name, body });
}

export function renderBadgePage(ctx: PageContext, badge: SiteBadge, count: number): string {
  const t = strings(ctx);
  const path = ctx.layout.badgePage(badge.id);
  const alignments = badge.alignments.length
    ? `<section aria-labelledby="alignments"><h2 id="alignments">${h(t.alignments)}</h2><ul>${badge.alignments
        .map((a) => `<li><a href="${h(a.targetUrl)}">${h(a.targetName)}</a>${a.targetFramework ? ` (${h(a.targetFramework)})` : ''}${a.targetDescription ? `: ${h(a.targetDescription)}` : ''}</li>`)
        .join('')}</ul></section>`
    : '';
  const endorsements = badge.endorsements.length
    ? `<section aria-labelledby="endorsements"><h2 id="endorsements">${h(t.endorsements)}</h2><ul>${badge.endorsements
        .map((e) => `<li>${h(t.endorsedBy)} ${h(e.endorserName)}${e.comment ? `: “${h(e.comment)}”` : ''}</li>`)
        .join('')}</ul></section>`
    : '';
  const tags = badge.tags.length ? `<p><strong>${h(t.tags)}:</strong> ${badge.tags.map(h).join(', ')}</p>` : '';
  const body = `<div class="hero">${imageTag(path, badgeImagePath(ctx, badge), t.badgeImageAlt(badge.name))}<div>
<h1>${h(badge.name)}</h1>
<p>${h(t.issuedBy)} <a href="${h(relativeHref(path, ctx.layout.index))}">${h(ctx.issuer.name)}</a></p>
<p class="help">${h(t.credentialsIssued(count))}</p></div></div>
<section aria-labelledby="description"><h2 id="description">${h(t.description)}</h2>${paragraphs(badge.description)}</section>
<section aria-labelledby="criteria"><h2 id="criteria">${h(t.criteria)}</h2>${badge.criteriaNarrative ? paragraphs(badge.criteriaNarrative) : ''}${
    badge.criteriaUrl ? `<p><a href="${h(badge.criteriaUrl)}">${h(t.criteriaLink)}</a></p>` : ''
  }</section>
${alignments}${endorsements}${tags}
<p class="help"><a href="${h(relativeHref(path, ctx.layout.achievement(badge.id)))}" type="application/ld+json">Open Badges 3.0 (JSON)</a> · <a href="${h(relativeHref(path, ctx.layout.ob2BadgeClass(badge.id)))}" type="application/ld+json">Open Badges 2.0 (JSON)</a></p>`;
  return renderPage(ctx, { path, title: `${badge.name} · ${ctx.issuer.name}`, body, head: socialTags(ctx, path, badge.name, badge.description, badge) });
}

function socialTags(ctx: PageContext, path: string, title: string, description: string, badge: SiteBadge): string {
  const image = badgeImagePath(ctx, badge);
  const short = description.length > 200 ? `${description.slice(0, 197)}…` : description;
  const tags = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', ctx.issuer.name],
    ['property', 'og:title', title],
    ['property', 'og:description', short],
    ['property', 'og:url', ctx.layout.url(path)],
    ...(image ? [['property', 'og:image', ctx.layout.url(image)], ['property', 'og:image:alt', strings(ctx).badgeImageAlt(badge.name)]] : []),
    ['name', 'twitter:card', 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', short],
    ...(image ? [['name', 'twitter:image', ctx.layout.url(image)]] : []),
    ['name', 'description', short],
  ];
  return `${tags.map(([attr, key, value]) => `<meta ${attr}="${h(key!)}" content="${h(value!)}">`).join('\n')}\n`;
}

/** LinkedIn's "add certification to profile" link (a plain link: nothing is loaded from LinkedIn). */
export function linkedInUrl(
  ctx: { layout: SiteLayout; issuer: Pick<SiteIssuer, 'name'> },
  badge: Pick<SiteBadge, 'name'>,
  credential: Pick<SiteCredential, 'id' | 'issuedOn' | 'validUntil'>,
): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: badge.name, organizationName: ctx.issuer.name });
  const issued = /^(\d{4})-(\d{2})/.exec(credential.issuedOn);
  if (issued) {
    params.set('issueYear', issued[1]!);
    params.set('issueMonth', String(Number(issued[2])));
  }
  const expires = credential.validUntil ? /^(\d{4})-(\d{2})/.exec(credential.validUntil) : null;
  if (expires) {
    params.set('expirationYear', expires[1]!);
    params.set('expirationMonth', String(Number(expires[2])));
  }
  params.set('certUrl', ctx.layout.url(ctx.layout.credential(credential.id, 'html')));
  params.set('certId', credential.id);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

/** The earner's name the page shows: what the credential says (read now if deferred), or none. */
export function recipientNameOf(credential: SiteCredential): string | null {
  const name = credential.recipientName;
  return name !== null && typeof name === 'object' ? name.get() : name;
}

const FILE_ORDER: readonly CredentialFileKind[] = ['json', 'jws', 'png', 'svg'];

export function renderCredentialPage(ctx: PageContext, badge: SiteBadge, credential: SiteCredential): string {
  const t = strings(ctx);
  const lang: SiteLanguage = ctx.issuer.language;
  const path = ctx.layout.credential(credential.id, 'html');
  const kinds = FILE_ORDER.filter((kind) => credential.files[kind] !== undefined);
  const downloads = kinds
    .map((kind) => {
      const label = kind === 'json' || kind === 'jws' ? `${t.downloadCredential} (.${kind})` : t.downloadImage(kind.toUpperCase());
      return `<li><a href="${h(relativeHref(path, ctx.layout.credential(credential.id, kind)))}" download>${h(label)}</a></li>`;
    })
    .join('');
  const verifyFile = kinds.find((kind) => kind === 'json' || kind === 'jws') ?? kinds[0];
  const verifyHref = verifyFile
    ? `${relativeHref(path, ctx.layout.verifier)}?url=${encodeURIComponent(ctx.layout.url(ctx.layout.credential(credential.id, verifyFile)))}`
    : relativeHref(path, ctx.layout.verifier);
  const status = credential.revoked
    ? `<span class="status-bad">${h(t.statusRevoked(formatDate(credential.revokedAt ?? credential.issuedOn, lang)))}</span>${
        credential.revocationReason ? ` ${h(t.reason)}: ${h(credential.revocationReason)}` : ''
      }`
    : `<span class="status-ok">${h(t.statusActive)}</span>`;
  const name = recipientNameOf(credential);
  const facts = [
    ...(name ? [[t.awardedTo, h(name)]] : []),
    [t.issuedBy, `<a href="${h(relativeHref(path, ctx.layout.index))}">${h(ctx.issuer.name)}</a>`],
    [t.issuedOn, h(formatDate(credential.issuedOn, lang))],
    [t.expires, h(credential.validUntil ? formatDate(credential.validUntil, lang) : t.noExpiry)],
    [t.status, status],
    [t.format, h(t.formats[credential.format] ?? credential.format)],
  ]
    .map(([term, value]) => `<dt>${h(term!)}</dt><dd>${value}</dd>`)
    .join('\n');
  const title = t.credentialTitle(badge.name);
  const heroImage = credential.artwork && credential.files[credential.artwork] !== undefined ? ctx.layout.credential(credential.id, credential.artwork) : badgeImagePath(ctx, badge);
  const body = `<div class="hero">${imageTag(path, heroImage, t.badgeImageAlt(badge.name))}<div>
<h1>${h(badge.name)}</h1>
<p><a href="${h(relativeHref(path, ctx.layout.badgePage(badge.id)))}">${h(t.criteria)}</a></p>
</div></div>
<dl class="facts">
${facts}
</dl>
<section aria-labelledby="downloads"><h2 id="downloads">${h(t.downloads)}</h2><ul>${downloads}</ul></section>
<p><a class="button" href="${h(verifyHref)}">${h(t.verifyThis)}</a>${
    credential.revoked ? '' : ` <a class="button" href="${h(linkedInUrl(ctx, badge, credential))}" rel="noopener noreferrer">${h(t.linkedIn)}</a>`
  }</p>${
    ctx.qr ? `\n<figure class="qr-code">${qrSvg(ctx.qr(ctx.layout.url(path)), t.qrLabel, h)}<figcaption>${h(t.qrCaption)}</figcaption></figure>` : ''
  }`;
  return renderPage(ctx, { path, title: `${title} · ${ctx.issuer.name}`, body, head: socialTags(ctx, path, title, badge.description, badge) });
}

export function renderNotFound(ctx: PageContext): string {
  const t = strings(ctx);
  // 404.html is served for any missing path, so its links must not be relative: they point to the site URL.
  const body = `<h1>${h(t.notFoundTitle)}</h1><p>${h(t.notFoundText)}</p><p><a href="${h(ctx.layout.url(ctx.layout.index))}">${h(t.home)}</a></p>`;
  return renderPage(ctx, { path: '404.html', title: t.notFoundTitle, body, absolute: true });
}

export function renderReadme(ctx: PageContext): string {
  return `Badgesmith verification site for ${ctx.issuer.name}
==================================================

This folder is a complete static website. Publish ALL of it, unchanged, so that it is
reachable at exactly this address:

    ${ctx.layout.siteUrl}

The issuer identifier (did:web) of every badge depends on that address:

    ${ctx.layout.did}

How to publish ("badgesmith site publish" builds this folder again first, then publishes it):
- GitHub Pages (also GitLab Pages, Codeberg Pages): create an empty repository, then run
      badgesmith site publish --out <this folder> --git git@github.com:YOU/REPO.git --branch gh-pages
  and in the repository's Settings > Pages choose "Deploy from a branch", gh-pages, / (root).
  Each later publish commits only the files that changed. (.nojekyll is included so files
  starting with "." or "_" are served.)
- Netlify: run "badgesmith site publish --out <this folder> --zip site.zip", or simply drag and
  drop this folder onto https://app.netlify.com/drop (Cloudflare Pages: upload it as assets).
- A plain web host (shared hosting, FTP, S3): upload the contents of this folder to the path of
  the address above, or upload site.zip from "--zip site.zip" and unpack it there with the
  host's file manager. Apache hosts read .htaccess; keep it.

Keep HTTPS on. Do not rename or remove files: badges already given out point to them.
After revoking a badge or issuing new ones, publish again (or run "badgesmith site build --out
<this folder>" and upload the changed files it lists); everything else stays the same.

The page verify/index.html checks badges in the visitor's browser; nothing is uploaded.
`;
}
