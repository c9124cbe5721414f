import type { BadgeClass } from '../../main/db/repos/badges.js';
import type { BadgeDraft } from '../../main/services/badge-classes.js';

/** A badge class for tests (a first-aid course, every field set), with `overrides` on top. */
export function badgeRecord(id: string, overrides: Partial<BadgeClass> = {}): BadgeClass {
  return {
    id,
    name: 'Premiers secours',
    description: 'A suivi la formation aux gestes qui sauvent.',
    criteriaNarrative: 'Présence aux deux journées.',
    criteriaUrl: null,
    image: null,
    tags: [],
    alignments: [],
    achievementType: 'Certificate',
    expiresAfter: null,
    formats: ['ob3-di'],
    showRecipientName: false,
    endorsements: [],
    created: '2026-05-01T12:00:00Z',
    updated: '2026-05-01T12:00:00Z',
    ...overrides,
  };
}

/** The orienteering badge the issuing tests use. */
export function orientationBadge(overrides: Partial<BadgeClass> = {}): BadgeClass {
  return badgeRecord('orientation', {
    name: 'Orientation',
    description: 'Sait lire une carte.',
    criteriaNarrative: 'Parcours réussi.',
    achievementType: 'Badge',
    ...overrides,
  });
}

/** A badge class draft as the badge editor and `badge add` send it (every required field), with `overrides` on top. */
export function badgeDraft(overrides: Partial<BadgeDraft> = {}): BadgeDraft {
  return {
    name: 'Bénévole de l’année',
    description: 'A donné de son temps toute la saison.',
    criteriaNarrative: 'Présent à chaque permanence.',
    criteriaUrl: null,
    tags: [],
    alignments: [],
    achievementType: 'Badge',
    expiresAfter: null,
    formats: ['ob3-di'],
    showRecipientName: false,
    ...overrides,
  };
}
