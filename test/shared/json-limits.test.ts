import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBadgeError } from '../../shared/errors.js';
import { checkJsonDepth, checkJsonText, MAX_JSON_DEPTH, parseJsonLimited } from '../../shared/json-limits.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isBadgeError(error) ? error.code : `not a BadgeError: ${String(error)}`;
  }
}

/** Reference depth, recursive (only used on small values). */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce((max: number, child) => Math.max(max, depthOf(child)), 0);
}

/** [[…[0]…]] nested `depth` deep, built without recursion. */
function nestedArray(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('parseJsonLimited', () => {
  it('refuses the 100,000-deep array of issue 15 with ERR_JSON_TOO_DEEP and a sentence naming the limit', () => {
    const text = `{"evidence":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    let error: unknown;
    try {
      parseJsonLimited(text, { what: 'badge' });
    } catch (caught) {
      error = caught;
    }
    expect(isBadgeError(error) && error.code).toBe('ERR_JSON_TOO_DEEP');
    expect((error as Error).message).toContain(`The badge nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('accepts exactly maxDepth levels, refuses one more, arrays and objects alike', () => {
    const at = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;
    const objects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    expect(depthOf(parseJsonLimited(at(MAX_JSON_DEPTH, '[', ']')))).toBe(MAX_JSON_DEPTH);
    expect(codeOf(() => parseJsonLimited(at(MAX_JSON_DEPTH + 1, '[', ']')))).toBe('ERR_JSON_TOO_DEEP');
    expect(codeOf(() => parseJsonLimited(objects(MAX_JSON_DEPTH)))).toBeUndefined();
    expect(codeOf(() => parseJsonLimited(objects(MAX_JSON_DEPTH + 1)))).toBe('ERR_JSON_TOO_DEEP');
    expect(codeOf(() => parseJsonLimited('[[[1]]]', { maxDepth: 2 }))).toBe('ERR_JSON_TOO_DEEP');
    expect(parseJsonLimited('[[1],[2],[3]]', { maxDepth: 2 })).toEqual([[1], [2], [3]]);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '['.repeat(1000), b: '\\"[[[[[[', c: '"{{{{' });
    expect(parseJsonLimited(text, { maxDepth: 1 })).toEqual(JSON.parse(text));
  });

  it('counts the size in UTF-8 bytes: ERR_JSON_TOO_LARGE one byte past the limit', () => {
    const text = JSON.stringify('é€😀'); // 2 + 2 + 3 + 4 bytes
    expect(new TextEncoder().encode(text).length).toBe(11);
    expect(parseJsonLimited(text, { maxBytes: 11 })).toBe('é€😀');
    expect(codeOf(() => parseJsonLimited(text, { maxBytes: 10 }))).toBe('ERR_JSON_TOO_LARGE');
    expect(codeOf(() => parseJsonLimited('1'.repeat(101), { maxBytes: 100 }))).toBe('ERR_JSON_TOO_LARGE');
  });

  it('reports text that does not parse as ERR_JSON_INVALID naming what it is', () => {
    expect(codeOf(() => parseJsonLimited('{"a":', { what: 'DID document' }))).toBe('ERR_JSON_INVALID');
    expect(() => parseJsonLimited('{"a":', { what: 'DID document' })).toThrow(/^The DID document is not valid JSON/);
    expect(() => parseJsonLimited('{\n  "d": 1 x}', { what: 'key' })).toThrow('The key is not valid JSON (line 2, column 10).');
  });

  it('never quotes the text in a parse error (it may be a private key)', () => {
    expect(() => parseJsonLimited('{"d": "SECRETKEYBYTES" oops}', { what: 'key file' })).toThrow(/^The key file is not valid JSON[^S]*$/);
  });

  it('agrees with the parsed depth for any JSON value (text and value checks give the same answer)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 9 }), (value, maxDepth) => {
        const text = JSON.stringify(value);
        const over = depthOf(value) > maxDepth;
        expect(codeOf(() => checkJsonText(text, { maxDepth }))).toBe(over ? 'ERR_JSON_TOO_DEEP' : undefined);
        expect(codeOf(() => checkJsonDepth(value, { maxDepth }))).toBe(over ? 'ERR_JSON_TOO_DEEP' : undefined);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkJsonDepth', () => {
  it('measures a parsed 100,000-deep value without overflowing the stack', () => {
    expect(codeOf(() => checkJsonDepth(nestedArray(100_000), { what: 'JWS payload' }))).toBe('ERR_JSON_TOO_DEEP');
    expect(codeOf(() => checkJsonDepth(nestedArray(MAX_JSON_DEPTH)))).toBeUndefined();
    expect(codeOf(() => checkJsonDepth({ a: nestedArray(MAX_JSON_DEPTH) }))).toBe('ERR_JSON_TOO_DEEP');
  });

  it('ends on a cyclic value (not JSON, but a resolver could return one)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(codeOf(() => checkJsonDepth(cyclic))).toBe('ERR_JSON_TOO_DEEP');
  });
});
