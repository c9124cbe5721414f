import { describe, expect, it } from 'vitest';
import { checkName, checkSentence, messageTemplate } from '../../../shared/messages/index.js';
import { checkValidityWindow } from '../../../shared/verify/dates.js';
import { verifyText } from '../../../shared/verify/index.js';

const now = new Date('2026-11-29T12:00:00Z');

describe('verifier checks in the reader’s language', () => {
  it('says a check through its catalogue sentence, dates in words', () => {
    const check = checkValidityWindow(
      {
        from: { name: 'validFrom', value: '2026-05-31T10:00:00Z' },
        until: { name: 'validUntil', value: '2027-05-31T10:00:00Z' },
      },
      now,
    );
    expect(check.message).toBe('Valid from 2026-05-31T10:00:00Z until 2027-05-31T10:00:00Z.');
    expect(checkSentence(check, 'fr')).toBe('Valide du 31 mai 2026 au 31 mai 2027.');
    expect(checkSentence(check, 'en')).toBe('Valid from May 31, 2026 until May 31, 2027.');
    expect(checkName(check.id, 'fr')).toBe('Dates');
  });

  it('a failed check keeps its context in French', async () => {
    const check = checkValidityWindow(
      { until: { name: 'validUntil', value: '2026-01-01T00:00:00Z' } },
      now,
    );
    expect(check.code).toBe('ERR_EXPIRED');
    expect(checkSentence(check, 'fr')).toBe('Ce badge a expiré le 1er janvier 2026 (validUntil).');
    const report = await verifyText('{"name": "not a badge"}', { now });
    const format = report.checks[0]!;
    expect(format.messageKey).toBe('verify.format.neither');
    expect(checkSentence(format, 'fr')).toBe(messageTemplate('verify.format.neither', 'fr'));
  });

  it('a check with English words only falls back to its code’s sentence in French, never English', () => {
    const check = {
      id: 'schema',
      ok: false,
      code: 'ERR_CREDENTIAL_INVALID' as const,
      message: 'The credential has a problem only English can say.',
    };
    expect(checkSentence(check, 'fr')).toBe(messageTemplate('ERR_CREDENTIAL_INVALID', 'fr'));
    expect(checkSentence(check, 'en')).toBe(check.message);
    expect(checkSentence({ id: 'proof', ok: true, message: 'Fine.' }, 'fr')).toBe(
      messageTemplate('check.proof.ok', 'fr'),
    );
  });
});
