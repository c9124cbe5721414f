import jsonld from 'jsonld';
import { BadgeError, isBadgeError } from '../errors.js';
import { createDocumentLoader, type DocumentLoader } from '../sign/document-loader.js';
import { jsonType, pointer, type ValidationIssue } from './shape.js';
import { validateEndorsementCredential, validateOpenBadgeCredential } from './validate.js';

let defaultLoader: DocumentLoader | undefined;

/**
 * The pre-sign gate: a credential that fails it is never signed. Checks the strict OB 3.0 schema
 * rules (EndorsementCredential or OpenBadgeCredential by `type`), then expands the document with
 * jsonld in safe mode through the offline loader, so that every term is defined by a context.
 * Throws ERR_CREDENTIAL_INVALID naming the JSON pointer of the first problem.
 */
export async function assertSignable(credential: unknown, documentLoader?: DocumentLoader): Promise<void> {
  if (jsonType(credential) !== 'object') {
    throw new BadgeError('ERR_CREDENTIAL_INVALID', 'The credential is not a JSON object.');
  }
  const document = credential as Record<string, unknown>;
  const types = Array.isArray(document.type) ? document.type : [document.type];
  const issues = types.includes('EndorsementCredential')
    ? validateEndorsementCredential(document)
    : validateOpenBadgeCredential(document);
  rejectIssues(issues);
  rejectIssues(await safeModeIssues(document, documentLoader ?? (defaultLoader ??= createDocumentLoader())));
}

function rejectIssues(issues: ValidationIssue[]): void {
  const first = issues[0];
  if (first === undefined) return;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new BadgeError('ERR_CREDENTIAL_INVALID', `The credential is not valid at ${first.path || '/'}: ${first.message}${more}.`, {
    details: issues,
  });
}

interface JsonLdEvent {
  code?: string;
  message?: string;
  details?: { property?: string; type?: string; id?: string };
}

/** JSON-LD safe-mode expansion; the failure, if any, as a located issue. */
export async function safeModeIssues(document: Record<string, unknown>, documentLoader: DocumentLoader): Promise<ValidationIssue[]> {
  try {
    await jsonld.expand(document as jsonld.JsonLdDocument, { documentLoader, safe: true } as unknown as jsonld.Options.Expand);
    return [];
  } catch (error) {
    const loaderError = findBadgeError(error);
    if (loaderError) throw loaderError;
    const details = (error as { details?: { event?: JsonLdEvent } }).details;
    const event = details?.event;
    if (event === undefined) {
      const message = error instanceof Error ? error.message : String(error);
      return [{ path: '', message: `is not valid JSON-LD (${message.split('. ')[0]})` }];
    }
    return [describeEvent(document, event)];
  }
}

function describeEvent(document: unknown, event: JsonLdEvent): ValidationIssue {
  const { property, type, id } = event.details ?? {};
  if (property !== undefined) {
    return {
      path: findKey(document, property, '') ?? `/${property}`,
      message: `the term "${property}" is not defined by the credential's contexts (JSON-LD safe mode); remove it or add a context that defines it`,
    };
  }
  if (type !== undefined) {
    return {
      path: findValue(document, type, '', 'type') ?? '',
      message: `the type "${type}" is not defined by the credential's contexts (JSON-LD safe mode)`,
    };
  }
  if (id !== undefined) {
    return {
      path: findValue(document, id, '', 'id') ?? '',
      message: `"${id}" is not an absolute IRI (JSON-LD safe mode); use a full URL, a urn: or a did:`,
    };
  }
  return { path: '', message: `fails JSON-LD safe mode: ${event.message ?? event.code ?? 'unknown reason'}` };
}

/** Depth-first search, keys in sorted order (as jsonld expands them), skipping @context. */
function children(value: unknown, path: string): [string, unknown, string][] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item, pointer(path, index)]);
  if (jsonType(value) !== 'object') return [];
  return Object.keys(value as object)
    .filter((key) => key !== '@context')
    .sort()
    .map((key) => [key, (value as Record<string, unknown>)[key], pointer(path, key)]);
}

function findKey(value: unknown, wanted: string, path: string): string | undefined {
  for (const [key, child, childPath] of children(value, path)) {
    if (key === wanted && !Array.isArray(value)) return childPath;
    const found = findKey(child, wanted, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Finds a string value under a key named `member` (directly or inside its array). */
function findValue(value: unknown, wanted: string, path: string, member: string): string | undefined {
  for (const [key, child, childPath] of children(value, path)) {
    if (key === member && !Array.isArray(value)) {
      if (child === wanted) return childPath;
      if (Array.isArray(child)) {
        const index = child.indexOf(wanted);
        if (index >= 0) return pointer(childPath, index);
      }
    }
    const found = findValue(child, wanted, childPath, member);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findBadgeError(error: unknown): BadgeError | undefined {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (isBadgeError(current)) return current;
    const next = current as { cause?: unknown; details?: { cause?: unknown } };
    current = next.details?.cause ?? next.cause;
  }
  return undefined;
}
