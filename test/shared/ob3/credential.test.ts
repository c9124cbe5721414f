import { describe, expect, it } from 'vitest';
import { isBadgeError } from '../../../shared/errors.js';
import { buildAchievement, buildOpenBadgeCredential, OB3_CONTEXTS, type OpenBadgeCredentialInput } from '../../../shared/ob3/credential.js';
import { buildEndorsementCredential } from '../../../shared/ob3/endorsement.js';
import { assertSignable } from '../../../shared/ob3/gate.js';
import { emailIdentityObject } from '../../../shared/ob3/identity.js';
import { validateEndorsementCredential, validateOpenBadgeCredential } from '../../../shared/ob3/validate.js';
import { describeOfficial } from '../../fixtures/vectors.js';
import { ajvAchievementCredential, ajvEndorsementCredential } from './ajv.js';

const issuer = { id: 'did:web:badges.example.org', name: 'Example Robotics Club', url: 'https://badges.example.org/' };

const didRecipientInput: OpenBadgeCredentialInput = {
  id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
  issuer,
  achievement: { id: 'https://badges.example.org/a/1', name: 'Helper', description: 'Helped.', criteria: { narrative: 'Help.' } },
  recipient: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  validFrom: '2025-01-01T00:00:00Z',
};

const endorsementInput = {
  id: '9f0b3c8e-5a41-4c7c-9d6e-2b1f4a7e8c90',
  issuer: { id: 'https://partner.example.com/', name: 'Partner School' },
  subjectId: 'https://badges.example.org/achievements/robotics-1',
  name: 'Partner School endorses Robotics Level 1',
  endorsementComment: 'A rigorous badge.',
  validFrom: new Date('2025-02-01T00:00:00Z'),
};

async function fullInput(): Promise<OpenBadgeCredentialInput> {
  return {
    id: '0b7e7a8c-0d3f-4e7a-9a52-3c1c1e9f6a11',
    issuer: { ...issuer, email: 'club@example.org', image: 'https://badges.example.org/logo.png', description: 'A club.' },
    achievement: {
      id: 'https://badges.example.org/achievements/robotics-1',
      name: 'Robotics Level 1',
      description: 'Built and programmed a line-following robot.',
      criteria: 'Build a robot that follows a line for 2 metres.',
      image: { id: 'https://badges.example.org/robotics-1.png', caption: 'A robot' },
      achievementType: 'Badge',
      alignment: [{ targetName: 'Engineering design', targetUrl: 'https://example.org/framework/ed', targetType: 'CFItem' }],
      tags: ['robotics', 'STEM'],
      creator: { id: 'https://badges.example.org/', name: 'Club' },
      inLanguage: 'en-GB',
      creditsAvailable: 1.5,
    },
    recipient: { identifier: [await emailIdentityObject(' Ada@Example.org ', 'pepper')] },
    validFrom: new Date('2025-03-01T09:30:00.250Z'),
    validUntil: '2027-03-01T09:30:00+01:00',
    awardedDate: '2025-03-01T09:30:00Z',
    description: 'Awarded at the spring fair.',
    image: 'https://badges.example.org/robotics-1.png',
    narrative: 'Ada built a robot.',
    evidence: [{ id: 'https://badges.example.org/evidence/1', name: 'Video', description: 'The robot running.' }],
    credentialStatus: { statusListCredential: 'https://badges.example.org/status/1', statusListIndex: 94567 },
  };
}

describe('buildOpenBadgeCredential', () => {
  it('produces a credential that our validator and the JSON-LD safe-mode gate accept', async () => {
    const credential = buildOpenBadgeCredential(await fullInput());
    expect(validateOpenBadgeCredential(credential)).toEqual([]);
    await expect(assertSignable(credential)).resolves.toBeUndefined();
  });

  it('emits the strict shapes verifiers require', async () => {
    const credential = buildOpenBadgeCredential(await fullInput());
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential.id).toBe('urn:uuid:0b7e7a8c-0d3f-4e7a-9a52-3c1c1e9f6a11');
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.issuer.type).toEqual(['Profile']);
    expect(credential.issuer.image).toEqual({ id: 'https://badges.example.org/logo.png', type: 'Image' });
    expect(credential.validFrom).toBe('2025-03-01T09:30:00Z');
    expect(credential.name).toBe('Robotics Level 1');
    const subject = credential.credentialSubject;
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.id).toBeUndefined();
    expect(subject.identifier?.[0]).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'pepper' });
    expect(subject.achievement.criteria).toEqual({ narrative: 'Build a robot that follows a line for 2 metres.' });
    expect(subject.achievement.alignment?.[0]?.type).toEqual(['Alignment']);
    expect(credential.evidence?.[0]?.type).toEqual(['Evidence']);
    expect(credential.credentialStatus).toEqual({
      id: 'https://badges.example.org/status/1#94567',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: 'https://badges.example.org/status/1',
    });
    expect(JSON.stringify(credential)).not.toContain('null');
  });

  it('builds a minimal credential for a DID recipient', () => {
    const credential = buildOpenBadgeCredential(didRecipientInput);
    expect(validateOpenBadgeCredential(credential)).toEqual([]);
    expect(Object.keys(credential).sort()).toEqual(['@context', 'credentialSubject', 'id', 'issuer', 'name', 'type', 'validFrom']);
    expect(credential.credentialSubject.id).toBe('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
  });

  it.each([
    ['a date without timezone', { validFrom: '2025-01-01T00:00:00' }, 'ERR_CREDENTIAL_INVALID', /timezone/],
    ['validUntil before validFrom', { validUntil: '2024-01-01T00:00:00Z' }, 'ERR_CREDENTIAL_INVALID', /later than validFrom/],
    ['no recipient', { recipient: {} }, 'ERR_RECIPIENT_MISSING', /recipient/],
    ['a bad id', { id: 'not an id' }, 'ERR_CREDENTIAL_INVALID', /UUID/],
    ['an achievement language that is not a BCP 47 tag', { achievement: { id: 'x:y', name: 'n', description: 'd', criteria: 'c', inLanguage: 'english' } }, 'ERR_CREDENTIAL_INVALID', /inLanguage/],
  ])('refuses %s', async (_name, change, code, message) => {
    const input = { ...(await fullInput()), ...change } as OpenBadgeCredentialInput;
    try {
      buildOpenBadgeCredential(input);
      expect.unreachable();
    } catch (error) {
      expect(isBadgeError(error) && error.code).toBe(code);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses achievement types outside the enumeration unless ext:', () => {
    const base = { id: 'https://e.org/a', name: 'n', description: 'd', criteria: 'c' };
    expect(() => buildAchievement({ ...base, achievementType: 'Sticker' })).toThrow(/achievementType "Sticker"/);
    expect(buildAchievement({ ...base, achievementType: 'ext:Sticker' }).achievementType).toBe('ext:Sticker');
  });

  it('uses the contexts constant in the required order', () => {
    expect(OB3_CONTEXTS[0]).toBe('https://www.w3.org/ns/credentials/v2');
  });
});

describe('buildEndorsementCredential', () => {
  it('produces an endorsement accepted by our validator and the gate, and embeddable in a credential', async () => {
    const endorsement = buildEndorsementCredential(endorsementInput);
    expect(validateEndorsementCredential(endorsement)).toEqual([]);
    await assertSignable(endorsement);
    expect(endorsement.credentialSubject).toEqual({
      id: 'https://badges.example.org/achievements/robotics-1',
      type: ['EndorsementSubject'],
      endorsementComment: 'A rigorous badge.',
    });
    const credential = buildOpenBadgeCredential({ ...(await fullInput()), endorsement: [endorsement] });
    expect(validateOpenBadgeCredential(credential)).toEqual([]);
    await assertSignable(credential);
  });
});

describeOfficial('what the builders produce, against Ajv and the official OB 3.0 schemas', () => {
  it('Ajv accepts the full credential', async () => {
    const credential = buildOpenBadgeCredential(await fullInput());
    expect(ajvAchievementCredential(credential), JSON.stringify(ajvAchievementCredential.errors)).toBe(true);
  });

  it('Ajv accepts the minimal credential for a DID recipient', () => {
    expect(ajvAchievementCredential(buildOpenBadgeCredential(didRecipientInput))).toBe(true);
  });

  it('Ajv accepts the endorsement, and the credential that embeds it', async () => {
    const endorsement = buildEndorsementCredential(endorsementInput);
    expect(ajvEndorsementCredential(endorsement), JSON.stringify(ajvEndorsementCredential.errors)).toBe(true);
    expect(ajvAchievementCredential(buildOpenBadgeCredential({ ...(await fullInput()), endorsement: [endorsement] }))).toBe(true);
  });
});
