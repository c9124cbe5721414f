import { readJsonFile } from './files.js';
import { BadgeError } from '../../shared/errors.js';
import { createOfflineResolver, type OfflineResolver, type PrefixMapping } from './offline-resolver.js';
import { createSiteResolver } from './site-resolver.js';

/**
 * Where the verifier finds other parties' documents offline, as plain data (it crosses to worker
 * threads, which build their own resolver from it).
 */
export interface ResolverSources {
  didDocuments: Record<string, unknown>[];
  prefixes: PrefixMapping[];
  /** An exported site folder. */
  siteDir?: string;
}

export async function readDidDocuments(paths: readonly string[]): Promise<Record<string, unknown>[]> {
  const documents: Record<string, unknown>[] = [];
  for (const path of paths) {
    const document = await readJsonFile(path, 'DID document');
    if (typeof document !== 'object' || document === null || typeof (document as { id?: unknown }).id !== 'string') {
      throw new BadgeError('ERR_DID_DOCUMENT_INVALID', `${path} is not a DID document (it has no "id").`);
    }
    documents.push(document as Record<string, unknown>);
  }
  return documents;
}

export async function resolverFromSources(sources: ResolverSources, extra: readonly OfflineResolver[] = []): Promise<OfflineResolver> {
  const fallbacks: OfflineResolver[] = [...extra];
  if (sources.siteDir !== undefined) fallbacks.push((await createSiteResolver(sources.siteDir)).resolve);
  return createOfflineResolver({ didDocuments: sources.didDocuments, prefixes: sources.prefixes, fallbacks });
}
