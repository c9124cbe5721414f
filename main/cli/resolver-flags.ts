import { BadgeError } from '../../shared/errors.js';
import { readJsonFile } from '../services/files.js';
import { createOfflineResolver, parsePrefixMapping, type OfflineResolver } from '../services/offline-resolver.js';
import { createSiteResolver } from '../services/site-resolver.js';
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

/** An offline resolver from --did-document files, --resolve prefixes and a --site folder (plus any extra resolvers). */
export async function resolverFromFlags(io: CliIo, values: ResolverFlags, extra: readonly OfflineResolver[] = []): Promise<OfflineResolver> {
  const didDocuments: Record<string, unknown>[] = [];
  for (const path of values['did-document'] ?? []) {
    const document = await readJsonFile(resolvePath(io, path), 'DID document');
    if (typeof document !== 'object' || document === null || typeof (document as { id?: unknown }).id !== 'string') {
      throw new BadgeError('ERR_DID_DOCUMENT_INVALID', `${path} is not a DID document (it has no "id").`);
    }
    didDocuments.push(document as Record<string, unknown>);
  }
  const prefixes = (values.resolve ?? []).map((value) => parsePrefixMapping(value, io.cwd));
  const fallbacks: OfflineResolver[] = [...extra];
  if (values.site !== undefined) fallbacks.push((await createSiteResolver(resolvePath(io, values.site))).resolve);
  return createOfflineResolver({ didDocuments, prefixes, fallbacks });
}
