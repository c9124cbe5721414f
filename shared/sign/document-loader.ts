import { BadgeError } from '../errors.js';
import { KNOWN_CONTEXTS } from './contexts.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * Resolves DIDs and other controller documents offline (the workspace's own DID document,
 * a `--did-document` file, an exported site folder). Returns undefined when unknown.
 */
export type DocumentResolver = (url: string) => Promise<unknown | undefined> | unknown | undefined;

export interface DocumentLoaderOptions {
  /** Extra documents by exact URL (without fragment), e.g. a DID document by its DID. */
  documents?: ReadonlyMap<string, unknown>;
  resolve?: DocumentResolver;
}

/**
 * The only JSON-LD document loader of the app: known contexts from npm packages, then the
 * given documents. Fragment URLs return the matching verification method. Unknown URLs fail
 * with ERR_LD_DOCUMENT_UNKNOWN: there is no network fallback, ever.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  return async (url: string) => {
    const context = KNOWN_CONTEXTS.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };

    const [base = url, fragment] = url.split('#', 2);
    const document = options.documents?.get(base) ?? (await options.resolve?.(base));
    if (document === undefined || document === null) {
      throw new BadgeError(
        url.startsWith('did:') ? 'ERR_DID_UNRESOLVED' : 'ERR_LD_DOCUMENT_UNKNOWN',
        `No offline copy of ${url}. Badgesmith never downloads documents; provide it (for example with --did-document or --site).`,
        { details: { url } },
      );
    }
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
    const method = findVerificationMethod(document, url);
    if (!method) {
      throw new BadgeError('ERR_VERIFICATION_METHOD_UNKNOWN', `The document ${base} does not list the key ${url}.`, {
        details: { url },
      });
    }
    return { contextUrl: null, documentUrl: url, document: method };
  };
}

/** Finds a verification method (with the document's @context) by full id or `#fragment`. */
export function findVerificationMethod(document: unknown, url: string): Record<string, unknown> | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const doc = document as Record<string, unknown>;
  const fragment = url.includes('#') ? url.slice(url.indexOf('#')) : undefined;
  const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : [];
  for (const candidate of methods) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const id = (candidate as Record<string, unknown>).id;
    if (id === url || (fragment !== undefined && id === fragment)) {
      return { '@context': doc['@context'], ...(candidate as Record<string, unknown>), id: url };
    }
  }
  return undefined;
}
