/**
 * The badge page of a draft badge class, rendered by the same page builder as the published site,
 * made self-contained for a sandboxed preview frame: the site's stylesheet inlined, the image as a
 * data: URL, links inert, and a policy that loads nothing from anywhere.
 */
import { escapeHtml, relativeHref } from '../../shared/site/html.js';
import type { SiteBadge, SiteImage } from '../../shared/site/model.js';
import { badgeImagePath, renderBadgePage, type PageContext } from '../../shared/site/pages.js';
import { SITE_CSS } from '../../shared/site/style.js';
import { siteLayout } from '../../shared/site/urls.js';
import { getBadge } from '../db/repos/badges.js';
import { requireIssuer } from '../db/repos/issuer.js';
import { importArtwork, type ArtworkKind } from './artwork.js';
import { peopleByBadge, slugify, type BadgeDraft } from './badge-classes.js';
import { siteBadgeFields } from './badge-model.js';
import { siteBadge } from './site-export.js';
import type { Workspace } from './workspace.js';

const PREVIEW_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const MIME: Record<ArtworkKind, string> = { png: 'image/png', svg: 'image/svg+xml' };

export interface PreviewOptions {
  /** The badge class being edited (its endorsements, people count and stored image show). */
  badgeId?: string;
  /** A newly dropped image, shown instead of the stored one (sanitised like when it is saved). */
  image?: Uint8Array;
}

function imageBytes(image: SiteImage | undefined): Uint8Array | undefined {
  return image && image.content instanceof Uint8Array ? image.content : undefined;
}

/** Renders the badge page of `draft` as the site would publish it, for an `<iframe sandbox srcdoc>`. */
export async function renderBadgePreview(
  workspace: Workspace,
  draft: BadgeDraft,
  options: PreviewOptions = {},
): Promise<string> {
  const issuer = requireIssuer(workspace.db);
  const layout = siteLayout(issuer.siteUrl);
  const stored =
    options.badgeId !== undefined ? getBadge(workspace.db, options.badgeId) : undefined;
  const id = stored?.id ?? slugify(draft.name);
  const base = stored ? await siteBadge(workspace, stored) : undefined;
  let image = base?.image;
  if (options.image) {
    const artwork = importArtwork(options.image);
    image = { extension: artwork.kind, content: artwork.bytes };
  }
  const badge: SiteBadge = {
    ...siteBadgeFields({ ...draft, id, image: null, endorsements: [], created: '', updated: '' }),
    ...(image ? { image } : {}),
    endorsements: base?.endorsements ?? [],
  };
  // The profile as the site model has it (the issuer's logo is not on a badge page).
  const { image: _image, created: _created, updated: _updated, ...siteIssuer } = issuer;
  const ctx: PageContext = { layout, issuer: siteIssuer };
  const count = stored ? (peopleByBadge(workspace).get(stored.id) ?? 0) : 0;
  const pagePath = layout.badgePage(id);
  let html = renderBadgePage(ctx, badge, count);
  html = html.replace(
    /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_POLICY}">`,
  );
  html = html.replace(/<link rel="stylesheet" href="[^"]*">/, `<style>${SITE_CSS}</style>`);
  const bytes = imageBytes(image);
  const imagePath = badgeImagePath(ctx, badge);
  if (bytes && image && imagePath) {
    const src = `src="${escapeHtml(relativeHref(pagePath, imagePath))}"`;
    html = html
      .split(src)
      .join(`src="data:${MIME[image.extension]};base64,${Buffer.from(bytes).toString('base64')}"`);
  }
  // A preview is not a place to browse from: links keep their text and lose their target.
  return html.replace(/<a\b([^>]*?)\shref="[^"]*"/g, '<a$1');
}
