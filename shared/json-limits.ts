/**
 * Size and depth limits for JSON that comes from outside (badge files, baked images, key backups,
 * DID documents, site files). JSON.parse copes with any depth, but what comes after it (stringify,
 * JSON-LD, schema checks, the copy a report makes) recurses and overflows the stack past a few
 * thousand levels, and a file of brackets costs ~40 bytes of memory per byte once parsed. So the
 * text is measured first, in one pass and without recursion, and refused with a clear code.
 * Browser-safe: no node: imports.
 */
import { BadgeError } from './errors.js';

/** Real badges, keys, DID documents and status lists nest fewer than a dozen levels. */
export const MAX_JSON_DEPTH = 64;
/** Largest JSON document read from outside (a baked payload is at most 8 MB). */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface JsonLimits {
  /** Deepest nesting of arrays and objects; the top-level value is depth 1. */
  maxDepth?: number;
  /** Largest text, in UTF-8 bytes. */
  maxBytes?: number;
  /** What the text is, for the error message: "badge", "DID document /path/did.json"… */
  what?: string;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

function tooDeep(what: string, maxDepth: number): BadgeError {
  return new BadgeError(
    'ERR_JSON_TOO_DEEP',
    `The ${what} nests arrays or objects more than ${maxDepth} levels deep, which no badge, key or DID document does; it was refused without being read. Check that it is the file you meant.`,
  );
}

function tooLarge(what: string, bytes: number, maxBytes: number): BadgeError {
  return new BadgeError(
    'ERR_JSON_TOO_LARGE',
    `The ${what} is ${megabytes(bytes)} of JSON; the limit is ${megabytes(maxBytes)}. Check that it is the file you meant.`,
  );
}

/**
 * Throws ERR_JSON_TOO_LARGE or ERR_JSON_TOO_DEEP when `text` is over the limits; says nothing about
 * whether it is valid JSON. One pass over the characters, brackets inside strings not counted.
 */
export function checkJsonText(text: string, limits: JsonLimits = {}): void {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxBytes = limits.maxBytes ?? MAX_JSON_BYTES;
  const what = limits.what ?? 'JSON document';
  // A UTF-16 code unit is at least one UTF-8 byte: longer than the limit in code units is over it in bytes.
  if (text.length > maxBytes) throw tooLarge(what, text.length, maxBytes);
  let depth = 0;
  let bytes = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Surrogate halves count 2 bytes each: a pair is the 4 bytes of its code point.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
    if (inString) {
      if (c === 0x5c) {
        i++; // the escaped character cannot end the string (it is ASCII when the JSON is valid)
        bytes++;
      } else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw tooDeep(what, maxDepth);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  if (bytes > maxBytes) throw tooLarge(what, bytes, maxBytes);
}

/**
 * JSON.parse within limits: ERR_JSON_TOO_LARGE, ERR_JSON_TOO_DEEP, or ERR_JSON_INVALID for text
 * that does not parse (with its line and column when the parser gives them).
 */
export function parseJsonLimited(text: string, limits: JsonLimits = {}): unknown {
  checkJsonText(text, limits);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadgeError('ERR_JSON_INVALID', `The ${limits.what ?? 'JSON document'} is not valid JSON${syntaxErrorWhere(text, error)}.`);
  }
}

/**
 * Where a parse error is, as " (line L, column C)", or "" when the parser does not say. Never the
 * parser's message itself: it quotes the text around the error, which may be a private key.
 */
function syntaxErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : message.includes('Unexpected end of JSON input') ? text.length : -1;
  if (offset < 0 || offset > text.length) return '';
  const before = text.slice(0, offset);
  return ` (line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')})`;
}

/**
 * The same depth limit for a value that was parsed elsewhere (a JWS payload, a resolver's answer):
 * ERR_JSON_TOO_DEEP past `maxDepth`. Iterative, so any depth is measured without recursion.
 */
export function checkJsonDepth(value: unknown, limits: Pick<JsonLimits, 'maxDepth' | 'what'> = {}): void {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > maxDepth) throw tooDeep(limits.what ?? 'JSON document', maxDepth);
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}
