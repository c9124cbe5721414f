import { expect, it } from 'vitest';
import { validateEndorsementCredential, validateOpenBadgeCredential } from '../../../shared/ob3/validate.js';
import { describeOfficial } from '../../fixtures/vectors.js';
import { ajvAchievementCredential, ajvEndorsementCredential, readVector } from './ajv.js';

type Json = Record<string, any>;

const VALID_VECTORS = [
  'ob3/1edtech-impl-guide-testvector/unsigned-credential.json',
  'ob3/1edtech-validator/complete.json',
  'ob3/1edtech-validator/simple.json',
  'ob3/1edtech-validator/simple-multiple-proofs.json',
  'ob3/1edtech-validator/simple-did-key-method.json',
];
const INVALID_VECTORS = [
  'ob3/1edtech-impl-guide-testvector/signed-credential.json', // proof is an object
  'ob3/1edtech-validator/simple-did-web-method.json',
  'ob3/1edtech-validator/bit-string-list_credential-status-revoked.json',
  'ob3/1edtech-validator/simple_v1.json', // VCDM 1.1
  'ob3/1edtech-validator/simple-noproof.json',
  'ob3/1edtech-validator/credential-status-revoked.json',
  'ob3/1edtech-validator/simple-eddsa-2022.json',
];

function agree(credential: unknown): { ours: string[]; ajv: boolean } {
  const ours = validateOpenBadgeCredential(credential).map((issue) => `${issue.path}: ${issue.message}`);
  const ajv = ajvAchievementCredential(credential);
  expect(ours.length === 0, `ours=${JSON.stringify(ours)} ajv=${JSON.stringify(ajvAchievementCredential.errors)}`).toBe(ajv);
  return { ours, ajv };
}

describeOfficial('validateOpenBadgeCredential against Ajv and the official schema', () => {
  it.each(VALID_VECTORS)('accepts %s like Ajv', (file) => {
    expect(agree(readVector(file)).ajv).toBe(true);
  });

  it.each(INVALID_VECTORS)('rejects %s like Ajv', (file) => {
    expect(agree(readVector(file)).ajv).toBe(false);
  });

  const base = readVector('ob3/1edtech-validator/complete.json');
  const mutations: [string, string, (c: Json) => void][] = [
    ['missing type', '/type', (c) => delete c.type],
    ['type as a string', '/type', (c) => (c.type = 'OpenBadgeCredential')],
    ['type without OpenBadgeCredential', '/type', (c) => (c.type = ['VerifiableCredential'])],
    ['contexts in the wrong order', '/@context/0', (c) => c['@context'].reverse()],
    ['a single context', '/@context', (c) => (c['@context'] = ['https://www.w3.org/ns/credentials/v2'])],
    ['validFrom without timezone', '/validFrom', (c) => (c.validFrom = '2024-01-01T00:00:00')],
    ['validFrom as a date only', '/validFrom', (c) => (c.validFrom = '2024-01-01')],
    ['validUntil on 30 February', '/validUntil', (c) => (c.validUntil = '2024-02-30T00:00:00Z')],
    ['missing validFrom', '/validFrom', (c) => delete c.validFrom],
    ['issuer without type', '/issuer/type', (c) => delete c.issuer.type],
    ['issuer as a number', '/issuer', (c) => (c.issuer = 42)],
    ['credential image as a string', '/image', (c) => (c.image = 'https://example.org/i.png')],
    ['achievement image object missing type', '/credentialSubject/achievement/image/type', (c) => (c.credentialSubject.achievement.image = { id: 'https://example.org/i.png' })],
    ['image with an extra key', '/credentialSubject/achievement/image/alt', (c) => (c.credentialSubject.achievement.image = { id: 'x', type: 'Image', alt: 'y' })],
    ['identityType email', '/credentialSubject/identifier/0/identityType', (c) => (c.credentialSubject.identifier = [{ type: 'IdentityObject', identityType: 'email', hashed: true, identityHash: 'sha256$00' }])],
    ['identifier missing hashed', '/credentialSubject/identifier/0/hashed', (c) => (c.credentialSubject.identifier = [{ type: 'IdentityObject', identityType: 'emailAddress', identityHash: 'a@b.org' }])],
    ['identifier as an object', '/credentialSubject/identifier', (c) => (c.credentialSubject.identifier = { type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'a@b.org' })],
    ['achievement description as a number', '/credentialSubject/achievement/description', (c) => (c.credentialSubject.achievement.description = 42)],
    ['issuer description as an array', '/issuer/description', (c) => (c.issuer.description = ['x'])],
    ['achievement missing criteria', '/credentialSubject/achievement/criteria', (c) => delete c.credentialSubject.achievement.criteria],
    ['achievement type empty string', '/credentialSubject/achievement/type', (c) => (c.credentialSubject.achievement.type = '')],
    ['unknown achievementType', '/credentialSubject/achievement/achievementType', (c) => (c.credentialSubject.achievement.achievementType = 'Sticker')],
    ['proof as an object', '/proof', (c) => (c.proof = c.proof[0])],
    ['proof without type', '/proof/0/type', (c) => delete c.proof[0].type],
    ['tag as a string', '/credentialSubject/achievement/tag', (c) => (c.credentialSubject.achievement.tag = 'robots')],
    ['evidence as an object', '/evidence', (c) => (c.evidence = { type: ['Evidence'] })],
    ['alignment missing targetUrl', '/credentialSubject/achievement/alignment/0/targetUrl', (c) => (c.credentialSubject.achievement.alignment = [{ type: ['Alignment'], targetName: 'x' }])],
    ['inLanguage badly cased', '/credentialSubject/achievement/inLanguage', (c) => (c.credentialSubject.achievement.inLanguage = 'EN-us')],
    ['credentialStatus without id', '/credentialStatus/id', (c) => (c.credentialStatus = { type: 'BitstringStatusListEntry' })],
    ['creditsAvailable as a string', '/credentialSubject/achievement/creditsAvailable', (c) => (c.credentialSubject.achievement.creditsAvailable = '3')],
    ['issuer dateOfBirth as a date-time', '/issuer/dateOfBirth', (c) => (c.issuer.dateOfBirth = '2000-01-01T00:00:00Z')],
  ];

  it.each(mutations)('rejects %s at %s, like Ajv', (_name, path, mutate) => {
    const credential = structuredClone(base) as Json;
    mutate(credential);
    const { ours } = agree(credential);
    expect(ours.some((issue) => issue.startsWith(`${path}: `)), ours.join('\n')).toBe(true);
  });

  const accepted: [string, (c: Json) => void][] = [
    ['issuer as a URL string', (c) => (c.issuer = c.issuer.id)],
    ['validFrom with an offset', (c) => (c.validFrom = '2024-01-01T10:00:00+02:00')],
    ['validFrom with fractional seconds', (c) => (c.validFrom = '2024-01-01T10:00:00.123Z')],
    ['an ext: achievementType', (c) => (c.credentialSubject.achievement.achievementType = 'ext:Sticker')],
    ['an extra context object', (c) => c['@context'].push({ foo: 'https://example.org/foo' })],
    ['AchievementCredential type', (c) => (c.type = ['VerifiableCredential', 'AchievementCredential'])],
    ['extra top-level members', (c) => (c.custom = { anything: true })],
  ];

  it.each(accepted)('accepts %s, like Ajv', (_name, mutate) => {
    const credential = structuredClone(base) as Json;
    mutate(credential);
    expect(agree(credential).ajv).toBe(true);
  });

  it('rejects non-objects', () => {
    for (const value of [null, 'x', 1, []]) expect(validateOpenBadgeCredential(value)).toEqual([{ path: '', message: expect.stringContaining('must be an object') }]);
  });
});

describeOfficial('validateEndorsementCredential against Ajv and the official schema', () => {
  const endorsement = readVector('ob3/1edtech-validator/endorsement-valid.json');

  it('accepts the official endorsement like Ajv', () => {
    expect(ajvEndorsementCredential(endorsement)).toBe(true);
    expect(validateEndorsementCredential(endorsement)).toEqual([]);
  });

  it.each([
    ['missing name', '/name', (c: Json) => delete c.name],
    ['subject without id', '/credentialSubject/id', (c: Json) => delete c.credentialSubject.id],
    ['type without EndorsementCredential', '/type', (c: Json) => (c.type = ['VerifiableCredential'])],
  ])('rejects %s like Ajv', (_name, path, mutate) => {
    const credential = structuredClone(endorsement) as Json;
    mutate(credential);
    expect(ajvEndorsementCredential(credential)).toBe(false);
    expect(validateEndorsementCredential(credential).map((i) => i.path)).toContain(path);
  });

  it('checks embedded endorsements of a credential', () => {
    const credential = structuredClone(readVector('ob3/1edtech-validator/complete.json')) as Json;
    const bad = structuredClone(endorsement) as Json;
    delete bad.validFrom;
    credential.endorsement = [bad];
    expect(ajvAchievementCredential(credential)).toBe(false);
    expect(validateOpenBadgeCredential(credential).map((i) => i.path)).toContain('/endorsement/0/validFrom');
  });
});

