import { describe, expect, it } from 'vitest';
import { BadgeError } from '../../../shared/errors.js';
import { assertSignable } from '../../../shared/ob3/gate.js';
import { describeOfficial } from '../../fixtures/vectors.js';
import { readVector } from './ajv.js';

type Json = Record<string, any>;

async function refusal(credential: unknown): Promise<BadgeError> {
  try {
    await assertSignable(credential);
  } catch (error) {
    expect(error).toBeInstanceOf(BadgeError);
    return error as BadgeError;
  }
  throw new Error('the gate accepted the credential');
}

describeOfficial('assertSignable: the 1EdTech implementation guide credential', () => {
  it('accepts the official unsigned credential', async () => {
    await expect(assertSignable(readVector('ob3/1edtech-impl-guide-testvector/unsigned-credential.json'))).resolves.toBeUndefined();
  });
});

describe('assertSignable', () => {
  // The same example credential as the implementation guide's, from the Apache-2.0 1EdTech validator.
  const { proof: _proof, ...unsigned } = readVector('ob3/1edtech-validator/simple.json');

  it("accepts the 1EdTech validator's simple.json without its proof", async () => {
    await expect(assertSignable(unsigned)).resolves.toBeUndefined();
  });

  it('refuses a schema problem and names its path', async () => {
    const credential = structuredClone(unsigned) as Json;
    credential.validFrom = '2010-01-01T00:00:00';
    const error = await refusal(credential);
    expect(error.code).toBe('ERR_CREDENTIAL_INVALID');
    expect(error.message).toMatch(/^The credential is not valid at \/validFrom: must be a date-time with a timezone/);
    expect(error.details).toEqual([expect.objectContaining({ path: '/validFrom' })]);
  });

  it('refuses an undefined term (JSON-LD safe mode) and names its path', async () => {
    const credential = structuredClone(unsigned) as Json;
    credential.credentialSubject.achievement.criteria.points = 10;
    const error = await refusal(credential);
    expect(error.code).toBe('ERR_CREDENTIAL_INVALID');
    expect(error.message).toContain('/credentialSubject/achievement/criteria/points');
    expect(error.message).toContain('"points" is not defined');
  });

  it('refuses an undefined type value', async () => {
    const credential = structuredClone(unsigned) as Json;
    credential.credentialSubject.type = ['AchievementSubject', 'Learner'];
    const error = await refusal(credential);
    expect(error.message).toContain('at /credentialSubject/type/1');
  });

  it('refuses a relative IRI', async () => {
    const credential = structuredClone(unsigned) as Json;
    credential.credentialSubject.achievement.image = { id: 'images/robot.png', type: 'Image' };
    const error = await refusal(credential);
    expect(error.message).toContain('at /credentialSubject/achievement/image/id');
  });

  it('refuses an extra unknown context without going to the network', async () => {
    const credential = structuredClone(unsigned) as Json;
    credential['@context'].push('https://example.org/my-context.json');
    const error = await refusal(credential);
    expect(error.code).toBe('ERR_LD_DOCUMENT_UNKNOWN');
  });

  it('uses the EndorsementCredential rules for endorsements', async () => {
    const endorsement = structuredClone(readVector('ob3/1edtech-validator/endorsement-valid.json')) as Json;
    delete endorsement.proof;
    await expect(assertSignable(endorsement)).resolves.toBeUndefined();
    delete endorsement.name;
    expect((await refusal(endorsement)).message).toContain('at /name');
  });

  it('refuses non-objects', async () => {
    expect((await refusal('{}')).code).toBe('ERR_CREDENTIAL_INVALID');
  });
});
