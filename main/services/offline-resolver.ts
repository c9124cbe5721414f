import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve as resolvePath } from 'node:path';
import { BadgeError } from '../../shared/errors.js';
import { checkJsonText } from '../../shared/json-limits.js';

/** Resolves a URL or DID to a document without any network access; undefined when unknown. */
export type OfflineResolver = (url: string) => Promise<unknown | undefined>;

export interface PrefixMapping {
  prefix: string;
  dir: string;
}

/** `did:web:host:path` → `https://host/path/did.json` (host only → `/.well-known/did.json`). */
function didWebDocumentUrl(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const [host, ...path] = parts;
  if (!host) return undefined;
  return path.length === 0 ? `https://${host}/.well-known/did.json` : `https://${host}/${path.join('/')}/did.json`;
}

/** Parses `URL_PREFIX=DIR` from the command line. */
export function parsePrefixMapping(value: string, cwd: string): PrefixMapping {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new BadgeError('ERR_USAGE', `--resolve takes URL_PREFIX=DIR, like https://example.org/badges/=./site (got "${value}").`);
  }
  return { prefix: value.slice(0, at), dir: resolvePath(cwd, value.slice(at + 1)) };
}

async function readMapped(dir: string, rest: string): Promise<unknown | undefined> {
  const clean = decodeURIComponent(rest.split(/[?#]/, 1)[0] ?? '');
  const candidates = clean === '' || clean.endsWith('/') ? [join(clean, 'index.json'), join(clean, 'did.json')] : [clean];
  const root = await realpath(dir).catch(() => undefined);
  if (!root) return undefined;
  for (const candidate of candidates) {
    const file = resolvePath(root, candidate);
    const inside = relative(root, file);
    if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    // Past the JSON limits it throws: the verifier reports the document as unresolvable, never parses it.
    checkJsonText(text, { what: `file ${file}` });
    try {
      return JSON.parse(text);
    } catch {
      return text.trim();
    }
  }
  return undefined;
}

/**
 * The CLI's offline resolver: DID documents given by file, URL prefixes mapped to folders, then
 * any further resolvers (an exported site). Never opens a socket.
 */
export function createOfflineResolver(options: {
  didDocuments?: readonly Record<string, unknown>[];
  prefixes?: readonly PrefixMapping[];
  fallbacks?: readonly OfflineResolver[];
}): OfflineResolver {
  const dids = new Map<string, unknown>();
  for (const document of options.didDocuments ?? []) {
    if (typeof document.id === 'string') dids.set(document.id, document);
  }
  const prefixes = [...(options.prefixes ?? [])].sort((a, b) => b.prefix.length - a.prefix.length);
  return async (url) => {
    const base = url.split('#', 1)[0] ?? url;
    const direct = dids.get(base);
    if (direct !== undefined) return direct;
    const httpUrl = didWebDocumentUrl(base) ?? base;
    for (const { prefix, dir } of prefixes) {
      if (httpUrl.startsWith(prefix)) {
        const found = await readMapped(dir, httpUrl.slice(prefix.length));
        if (found !== undefined) return found;
      }
    }
    for (const fallback of options.fallbacks ?? []) {
      const found = await fallback(url);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}
