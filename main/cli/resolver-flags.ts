import { parsePrefixMapping, type OfflineResolver } from '../services/offline-resolver.js';
import { readDidDocuments, resolverFromSources, type ResolverSources } from '../services/verify-sources.js';
import type { CliIo } from './command.js';
import { resolvePath } from './paths.js';

/** The flags that tell a command where to find other parties' documents offline. */
export const RESOLVER_OPTIONS = {
  site: { type: 'string' },
  'did-document': { type: 'string', multiple: true },
  resolve: { type: 'string', multiple: true },
} as const;

export const RESOLVER_USAGE = '[--site DIR] [--did-document FILE]… [--resolve URL_PREFIX=DIR]…';

export interface ResolverFlags {
  site?: string | undefined;
  'did-document'?: string[] | undefined;
  resolve?: string[] | undefined;
}

export async function sourcesFromFlags(io: CliIo, values: ResolverFlags): Promise<ResolverSources> {
  return {
    didDocuments: await readDidDocuments((values['did-document'] ?? []).map((path) => resolvePath(io, path))),
    prefixes: (values.resolve ?? []).map((value) => parsePrefixMapping(value, io.cwd)),
    ...(values.site !== undefined ? { siteDir: resolvePath(io, values.site) } : {}),
  };
}

/** An offline resolver from --did-document files, --resolve prefixes and a --site folder (plus any extra resolvers). */
export async function resolverFromFlags(io: CliIo, values: ResolverFlags, extra: readonly OfflineResolver[] = []): Promise<OfflineResolver> {
  return resolverFromSources(await sourcesFromFlags(io, values), extra);
}
