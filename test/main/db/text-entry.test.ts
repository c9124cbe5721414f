import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insertBadge, requireBadge, updateBadge, type BadgeClass } from '../../../main/db/repos/badges.js';
import { requireIssuer, updateIssuer } from '../../../main/db/repos/issuer.js';
import { createIssuer, createWorkspace } from '../../../main/services/workspace.js';
import { tempDir } from '../../cli/helpers.js';

const clock = () => new Date('2026-05-01T12:00:00Z');
const workspace = createWorkspace(join(tempDir('bs-text-entry-'), 'ws'), { clock });
afterAll(() => workspace.close());

const badge = (changes: Partial<BadgeClass> = {}): BadgeClass => ({
  id: 'secourisme',
  name: 'Secourisme',
  description: 'Gestes qui sauvent.\nDeux jours.',
  criteriaNarrative: 'Présence.',
  criteriaUrl: null,
  image: null,
  tags: ['santé'],
  alignments: [],
  achievementType: 'Badge',
  expiresAfter: null,
  formats: ['ob3-di'],
  showRecipientName: false,
  endorsements: [],
  created: '2026-05-01T12:00:00Z',
  updated: '2026-05-01T12:00:00Z',
  ...changes,
});

describe('names and texts are checked when entered', () => {
  it('refuses control, escape, bidi-override and invisible characters in badge texts, naming the character', () => {
    const cases: [Partial<BadgeClass>, RegExp][] = [
      [{ name: 'Bad\u0001Name' }, /badge name contains a control character, U\+0001, at position 4/],
      [{ name: 'Red\u001b[31m' }, /U\+001B \(ESCAPE\)/],
      [{ name: 'Title\u009d0;x' }, /U\+009D/],
      [{ name: 'Two\nlines' }, /badge name contains a line break/],
      [{ description: 'abc\u202edef' }, /badge description contains a text-direction override/],
      [{ criteriaNarrative: 'a\u200bb' }, /badge criteria contains an invisible character, U\+200B/],
      [{ tags: ['ok', 'b\u0000'] }, /tag contains a control character/],
      [{ alignments: [{ targetName: 'PSC\u0007', targetUrl: 'https://example.org/' }] }, /alignment name/],
    ];
    for (const [changes, message] of cases) {
      expect(() => insertBadge(workspace.db, badge(changes)), message.source).toThrow(expect.objectContaining({ code: 'ERR_TEXT_INVALID', message: expect.stringMatching(message) }));
    }
  });

  it('accepts ordinary text (accents, emoji sequences, multi-line descriptions) and checks updates', () => {
    insertBadge(workspace.db, badge({ name: 'Pompière 👩‍🚒 niveau 2', description: 'Ligne 1\r\nLigne 2\tfin' }));
    expect(requireBadge(workspace.db, 'secourisme').name).toBe('Pompière 👩‍🚒 niveau 2');
    expect(() => updateBadge(workspace.db, 'secourisme', { name: 'x\u0001' }, '2026-05-02T00:00:00Z')).toThrow(expect.objectContaining({ code: 'ERR_TEXT_INVALID' }));
    expect(requireBadge(workspace.db, 'secourisme').name).toBe('Pompière 👩‍🚒 niveau 2');
  });

  it('refuses the same characters in the issuer name and description', () => {
    expect(() => createIssuer(workspace, { name: 'Ami\u001b[31mcale', url: 'https://a.example.org', siteUrl: 'https://badges.example.org/a' })).toThrow(
      expect.objectContaining({ code: 'ERR_TEXT_INVALID', message: expect.stringContaining('issuer name') }),
    );
    createIssuer(workspace, { name: 'Amicale', url: 'https://a.example.org', siteUrl: 'https://badges.example.org/a' });
    expect(() => updateIssuer(workspace.db, { description: 'x\u2066y' }, '2026-05-02T00:00:00Z')).toThrow(expect.objectContaining({ code: 'ERR_TEXT_INVALID' }));
    expect(requireIssuer(workspace.db).description).toBeNull();
  });
});
