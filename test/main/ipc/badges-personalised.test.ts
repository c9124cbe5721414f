import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/ipc/channels.js';
import type { Req } from '../../../shared/ipc/contract/index.js';
import { createAssociationFixture, type AppFixture } from './app-fixture.js';

let fixture: AppFixture;
afterEach(() => fixture?.cleanup());

type Draft = Req<'badges.create'>['draft'];
const draft: Draft = {
  name: 'Bénévole de l’année',
  description: 'A donné de son temps toute la saison.',
  criteriaNarrative: 'Présent à chaque permanence.',
  criteriaUrl: '',
  tags: [],
  alignments: [],
  achievementType: 'Badge',
  expiresAfter: '',
  formats: ['ob3-di'],
  showRecipientName: true,
};

async function errorCode(channel: Channel, request: unknown): Promise<string | undefined> {
  const result = await fixture.core.call(channel, request);
  return result.ok ? undefined : result.error.code;
}

describe('badges: personalised artwork (the editor checkbox)', () => {
  it('is offered only for an image made from a design, off by default, and saved with the draft', async () => {
    fixture = await createAssociationFixture();
    expect(
      await errorCode('badges.create', { draft: { ...draft, personalisedArtwork: true } }),
    ).toBe('ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN');
    const { badge } = await fixture.value('badges.create', { draft, id: 'benevole' });
    expect(badge).toMatchObject({ personalisedArtwork: false, imageFromDesign: false });
    expect(
      await errorCode('badges.update', {
        id: 'benevole',
        draft: { ...draft, personalisedArtwork: true },
      }),
    ).toBe('ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN');

    const { summary } = await fixture.value('designs.create', {
      template: 'round-volunteer',
      language: 'fr',
    });
    await fixture.value('designs.link', { designId: summary.id, badgeId: 'benevole' });
    expect(await fixture.value('badges.get', { id: 'benevole' })).toMatchObject({
      personalisedArtwork: false,
      imageFromDesign: true,
    });
    const saved = await fixture.value('badges.update', {
      id: 'benevole',
      draft: { ...draft, personalisedArtwork: true },
    });
    expect(saved.badge).toMatchObject({ personalisedArtwork: true, imageFromDesign: true });
    // A draft from an older form (without the field) leaves the setting as it is.
    expect(
      (await fixture.value('badges.update', { id: 'benevole', draft })).badge.personalisedArtwork,
    ).toBe(true);
    expect(
      (
        await fixture.value('badges.update', {
          id: 'benevole',
          draft: { ...draft, personalisedArtwork: false },
        })
      ).badge.personalisedArtwork,
    ).toBe(false);
  });
});
