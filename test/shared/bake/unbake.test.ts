import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { detectImageType, unbake } from '../../../shared/bake/unbake.js';
import { bytesOf, errorCode, vector } from './fixtures.js';

describe('unbake: the baked images in shared/vectors/baked (README expectations)', () => {
  it.each([
    ['ob3/1edtech-validator_simple-json.png', 'png'],
    ['ob3/1edtech-validator_simple-json.svg', 'svg'],
  ] as const)('%s holds the OB 3.0 JSON credential', (file, image) => {
    const result = unbake(vector(file));
    expect(result).toMatchObject({ image, version: 'ob3' });
    if (image === 'png') expect(result.keyword).toBe('openbadgecredential');
    const credential = JSON.parse(result.payload);
    expect(credential.type).toContain('OpenBadgeCredential');
    expect(credential.proof[0] ?? credential.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
  });

  it.each([
    'ob3/1edtech-validator_simple-jwt.png',
    'ob3/1edtech-validator_simple-jwt.svg',
    'ob3/1edtech-validator_simple-jwt_v1.png',
    'ob3/1edtech-validator_simple-jwt_v1.svg',
  ])('%s holds a compact JWS that jose verifies with its embedded jwk', async (file) => {
    const result = unbake(vector(file));
    expect(result.version).toBe('ob3');
    const header = decodeProtectedHeader(result.payload);
    expect(header.alg).toBe('RS256');
    const { payload } = await compactVerify(result.payload, await importJWK(header.jwk!, 'RS256'));
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(file.includes('_v1') ? claims.vc.type : claims.type).toContain('OpenBadgeCredential');
  });

  it('reads the OB 2.0 hosted assertion from the iTXt chunk after IHDR', () => {
    const result = unbake(vector('ob2/1edtech-validator_simple-badge.png'));
    expect(result).toMatchObject({ image: 'png', version: 'ob2', keyword: 'openbadges' });
    expect(JSON.parse(result.payload)).toMatchObject({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion' });
  });

  it('reads the legacy OB 1.x images (JSON in iTXt openbadges; SVG with verify + CDATA)', () => {
    const png = unbake(vector('legacy/concentricsky_baked_heart.png'));
    expect(png).toMatchObject({ image: 'png', version: 'ob1', keyword: 'openbadges' });
    expect(JSON.parse(png.payload)).toMatchObject({ uid: '123' });
    const svg = unbake(vector('legacy/concentricsky_baked_example.svg'));
    expect(svg).toMatchObject({ image: 'svg', version: 'ob1' });
    expect(JSON.parse(svg.payload)).toMatchObject({ uid: 'abcdef12345', verify: { type: 'hosted' } });
    const mozilla = unbake(vector('legacy/mozilla_baked.svg'));
    expect(JSON.parse(mozilla.payload)).toEqual({ verify: { url: 'http://example.org' } });
  });

  it.each([
    'legacy/concentricsky_public_domain_heart_UNBAKED.png',
    'legacy/concentricsky_unbaked_example.svg',
    'legacy/mozilla_unbaked.png',
    'legacy/mozilla_unbaked.svg',
    'ob2/1edtech-validator_robotics-badge_UNBAKED.png',
  ])('%s is not baked', (file) => {
    expect(errorCode(() => unbake(vector(file)))).toBe('ERR_NOT_BAKED');
  });
});

describe('detectImageType and unsupported input', () => {
  it('recognises PNG, SVG (with BOM, XML declaration, prefix), JPEG, GIF', () => {
    expect(detectImageType(vector('legacy/mozilla_unbaked.png'))).toBe('png');
    expect(detectImageType(bytesOf('\uFEFF<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(detectImageType(bytesOf('<s:svg xmlns:s="http://www.w3.org/2000/svg"></s:svg>'))).toBe('svg');
    expect(detectImageType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16))).toBe('jpeg');
    expect(detectImageType(bytesOf('GIF89a\x01\x00'))).toBe('gif');
    expect(detectImageType(bytesOf('{"a":1}'))).toBe('unknown');
    expect(detectImageType(bytesOf('<html><body/></html>'))).toBe('unknown');
    expect(detectImageType(new Uint8Array())).toBe('unknown');
  });

  it('gives ERR_IMAGE_UNSUPPORTED for JPEG, GIF, empty and text files', () => {
    for (const bytes of [Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), bytesOf('GIF89a......'), new Uint8Array(), bytesOf('hello')]) {
      expect(errorCode(() => unbake(bytes))).toBe('ERR_IMAGE_UNSUPPORTED');
    }
  });

  it('gives ERR_IMAGE_TOO_LARGE past 20 MB without reading the image', () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(vector('legacy/mozilla_unbaked.png'));
    expect(errorCode(() => unbake(big))).toBe('ERR_IMAGE_TOO_LARGE');
  });

  it('refuses a DOCTYPE with entities (XXE, billion laughs) but reads one naming the SVG DTD', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>';
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg">&lol2;</svg>';
    expect(errorCode(() => unbake(bytesOf(xxe)))).toBe('ERR_SVG_DOCTYPE');
    expect(errorCode(() => unbake(bytesOf(lol)))).toBe('ERR_SVG_DOCTYPE');
    const external = '<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>';
    expect(errorCode(() => unbake(bytesOf(external)))).toBe('ERR_SVG_INVALID'); // the entity is undefined: nothing is loaded
  });

  it('gives ERR_SVG_INVALID for malformed XML, a non-svg root and invalid UTF-8', () => {
    expect(errorCode(() => unbake(bytesOf('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => unbake(bytesOf('<x><svg/></x>')))).toBe('ERR_SVG_INVALID');
    expect(errorCode(() => unbake(Uint8Array.of(...bytesOf('<svg>'), 0xff, 0xfe, ...bytesOf('</svg>'))))).toBe('ERR_SVG_INVALID');
  });
});
