/**
 * `people-list-10k`: the People screen's first query after a change (people.list: every award read,
 * grouped by person and sorted, one page of 50) on a workspace of 10,000 people with 15,000 awards in
 * two formats each, target ≤ 1 s; `people-search-10k`: a search while nothing changed (what each
 * debounced keystroke or page turn costs: the grouped list is kept), target ≤ 100 ms.
 * Medians of five runs. Rows are inserted directly (no signing or files: the list reads only the database).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { insertBadge, type BadgeClass } from '../main/db/repos/badges.js';
import { ensureAward } from '../main/db/repos/awards.js';
import { insertIssuance, markIssuanceDone } from '../main/db/repos/issuances.js';
import { upsertRecipient } from '../main/db/repos/recipients.js';
import { listPeople } from '../main/services/people.js';
import { createIssuer, createWorkspace } from '../main/services/workspace.js';
import { benchDir, round, type Bench } from './measure.js';

const NOW = '2026-05-01T12:00:00Z';

function badge(id: string, name: string): BadgeClass {
  return {
    id,
    name,
    description: name,
    criteriaNarrative: name,
    criteriaUrl: null,
    image: null,
    tags: [],
    alignments: [],
    achievementType: 'Badge',
    expiresAfter: null,
    formats: ['ob3-di', 'ob2-hosted'],
    showRecipientName: false,
    endorsements: [],
    created: NOW,
    updated: NOW,
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export const peopleBench: Bench = {
  name: 'people-list-10k',
  async run({ quick }) {
    const people = quick ? 1000 : 10_000;
    const scratch = benchDir('bs-bench-people-');
    try {
      const workspace = createWorkspace(join(scratch.path, 'workspace'), { clock: () => new Date(NOW) });
      createIssuer(workspace, { name: 'Bench', url: 'https://bench.example.org/', siteUrl: 'https://bench.example.org/badges/', email: null, description: null, language: 'fr' });
      const badges = [badge('atelier', 'Atelier'), badge('benevole', 'Bénévole')];
      for (const b of badges) insertBadge(workspace.db, b);
      workspace.db.transaction(() => {
        for (let i = 0; i < people; i++) {
          const recipient = upsertRecipient(workspace.db, { email: `personne.${i}@example.org`, name: `Personne Numéro ${i}`, did: null }, NOW);
          for (const b of i % 2 === 0 ? badges : badges.slice(0, 1)) {
            const awardId = ensureAward(workspace.db, { badgeId: b.id, recipientId: recipient.id, recipientKey: `email:${i}`, created: NOW });
            for (const format of b.formats) {
              const id = randomUUID();
              insertIssuance(workspace.db, { id, credentialId: `urn:uuid:${id}`, badgeId: b.id, recipientId: recipient.id, format, keyId: null, issuedOn: NOW, validUntil: null, statusList: null, statusIndex: null, batchId: null, rowKey: null, created: NOW, awardId });
              markIssuanceDone(workspace.db, id, [{ path: `/issued/${b.id}/${id}.json`, sha256: '0'.repeat(64), bytes: 1 }]);
            }
          }
        }
      })();
      const median5 = (run: () => number) => {
        const runs: number[] = [];
        let total = 0;
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          total = run();
          runs.push(performance.now() - start);
        }
        return { ms: round(median(runs)), total };
      };
      // Cold: the first query after a change (every award read and grouped); a revocation between runs forces it.
      let victim = 0;
      const cold = median5(() => {
        workspace.db.prepare('UPDATE issuances SET revoked = 1, revoked_at = ? WHERE rowid = ?').run(NOW, ++victim);
        return listPeople(workspace, { limit: 50 }).total;
      });
      // Warm: each debounced keystroke or page turn while nothing changed.
      const search = median5(() => listPeople(workspace, { search: 'numero 42', limit: 50 }).total);
      workspace.close();
      return [
        { name: quick ? 'people-list-1k' : 'people-list-10k', value: cold.ms, unit: 'ms', target_ms: 1000, people: cold.total },
        { name: quick ? 'people-search-1k' : 'people-search-10k', value: search.ms, unit: 'ms', target_ms: 100, matches: search.total },
      ];
    } finally {
      scratch.remove();
    }
  },
};
