import { describe, expect, it } from 'vitest';
import { base64urlEncode, utf8Encode } from '../../../shared/bytes.js';
import { verifyBytes, verifyText } from '../../../shared/verify/index.js';
import { mapResolver } from './helpers.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const DEPTH = 100_000;
const deepArray = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const credential = (extra: string) =>
  `{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"did:web:example.org","type":["Profile"]},"evidence":${extra}}`;

/** [[…[]…]] nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('verify: deep JSON is a report with ERR_JSON_TOO_DEEP, and the report always serialises', () => {
  it.each([
    ['JSON text', () => verifyText(credential(deepArray), { now: NOW })],
    ['JSON bytes', () => verifyBytes(utf8Encode(credential(deepArray)), { now: NOW })],
    ['a JWS payload', () => verifyText(`eyJhbGciOiJFZERTQSJ9.${base64urlEncode(utf8Encode(credential(deepArray)))}.c2ln`, { now: NOW })],
  ])('%s', async (_name, run) => {
    const report = await run();
    expect(report.verified).toBe(false);
    expect(report.checks.map((c) => c.code)).toEqual(['ERR_JSON_TOO_DEEP']);
    expect(() => JSON.stringify(report)).not.toThrow();
  });

  it('a credential nested 64 levels is verified as usual (not refused as too deep)', async () => {
    const report = await verifyText(credential(JSON.stringify(nested(60))), { now: NOW });
    expect(report.checks.map((c) => c.code)).not.toContain('ERR_JSON_TOO_DEEP');
    expect(report.format).toBe('ob3-di');
  });

  it.each([
    ['as text', deepArray.replace('[', '{"a":[').concat('}')],
    ['already parsed', { id: 'https://example.org/a.json', type: 'Assertion', x: nested(DEPTH) }],
  ])('a resolver answering a deep document (%s): unresolvable, never a crash', async (_name, answer) => {
    const report = await verifyText('https://example.org/a.json', { now: NOW, resolve: mapResolver({ 'https://example.org/a.json': answer }) });
    expect(report.verified).toBe(false);
    expect(report.checks.map((c) => c.code)).not.toContain('ERR_VERIFY_INTERNAL');
    expect(report.checks.find((c) => c.id === 'hosted')).toMatchObject({ ok: false });
    expect(() => JSON.stringify(report)).not.toThrow();
  });
});
