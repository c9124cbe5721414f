import { readJsonFile } from './files.js';
import { BadgeError } from '../../shared/errors.js';
import {
  createOfflineResolver,
  type OfflineResolver,
  type PrefixMapping,
} from './offline-resolver.js';
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

export async function readDidDocuments(
  paths: readonly string[],
): Promise<Record<string, unknown>[]> {
  const documents: Record<string, unknown>[] = [];
  for (const path of paths) {
    const document = await readJsonFile(path, 'DID document');
    if (
      typeof document !== 'object' ||
      document === null ||
      typeof (document as { id?: unknown }).id !== 'string'
    ) {
      throw new BadgeError(
        'ERR_DID_DOCUMENT_INVALID',
        `${path} is not a DID document (it has no "id").`,
      );
    }
    documents.push(document as Record<string, unknown>);
  }
  return documents;
}

export async function resolverFromSources(
  sources: ResolverSources,
  extra: readonly OfflineResolver[] = [],
): Promise<OfflineResolver> {
  const fallbacks: OfflineResolver[] = [...extra];
  if (sources.siteDir !== undefined)
    {fallbacks.push((await createSiteResolver(sources.siteDir)).resolve);}
  return createOfflineResolver({
    didDocuments: sources.didDocuments,
    prefixes: sources.prefixes,
    fallbacks,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Documents kept by a snapshot resolver: the ones many badges share stay, one-off ones (hosted assertions) go. */
const SNAPSHOT_ENTRIES = 256;

/**
 * The resolver's answers kept for the length of a run over many badges: each shared document
 * (issuer, DID document, status list) is read and parsed once, and frozen, since badges share it.
 */
export function snapshotResolver(resolve: OfflineResolver): OfflineResolver {
  const known = new Map<string, Promise<unknown>>();
  return (url) => {
    let answer = known.get(url);
    if (answer === undefined) {
      answer = resolve(url).then(deepFreeze);
      if (known.size >= SNAPSHOT_ENTRIES) known.delete(known.keys().next().value as string);
    } else {
      known.delete(url); // most recently used last
    }
    known.set(url, answer);
    return answer;
  };
}
