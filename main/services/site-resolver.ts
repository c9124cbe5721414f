import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { checkJsonText } from '../../shared/json-limits.js';
import { didDocumentPath } from '../../shared/site/urls.js';
import { sitePathOf } from '../../shared/site/verifier-page.js';
import type { Resolver } from '../../shared/verify/types.js';
import { readSiteManifest } from './site-writer.js';

export interface SiteResolver {
  /** The site URL the tree was built for (from its manifest). */
  baseUrl: string;
  did: string;
  resolve: Resolver;
}

/**
 * Resolves the issuer's DID and every URL under the site URL to the files of an exported site
 * folder, offline. Paths that would leave the folder are refused (undefined), as is anything else.
 */
export async function createSiteResolver(dir: string): Promise<SiteResolver> {
  const manifest = await readSiteManifest(dir);
  if (!manifest) {
    throw new BadgeError('ERR_SITE_NOT_FOUND', `${dir} is not a site built by \`badgesmith site build\` (no badgesmith-site.json in it).`);
  }
  const root = await realpath(dir);
  const config = { siteUrl: manifest.siteUrl, did: manifest.did, didDocument: didDocumentPath(manifest.siteUrl) };
  const resolve: Resolver = async (url) => {
    const path = sitePathOf(config, url);
    if (path === undefined) return undefined;
    const file = resolvePath(root, decodeURIComponent(path));
    const inside = relative(root, file);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
    let real: string;
    try {
      real = await realpath(file);
    } catch {
      return undefined;
    }
    const realInside = relative(root, real);
    if (realInside.startsWith('..') || isAbsolute(realInside)) return undefined;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(real));
    } catch {
      return undefined;
    }
    // Past the JSON limits it throws: the verifier reports the document as unresolvable, never parses it.
    checkJsonText(text, { what: `site file ${real}` });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text.trim();
    }
  };
  return { baseUrl: manifest.siteUrl, did: manifest.did, resolve };
}
