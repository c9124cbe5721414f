/**
 * People, as the app's People screen lists them: each earner once, with every badge they hold
 * (their awards), found by name or e-mail, one page at a time. Built on the award service.
 */
import { normalizeEmail } from '../../shared/ob3/identity.js';
import { requireBadge } from '../db/repos/badges.js';
import { foldForSearch, listAwards, type AwardView } from './awards.js';
import type { Workspace } from './workspace.js';

export interface PersonView {
  /** Stable while the person's e-mail (or DID) stays the same: the normalised e-mail, the DID, else the award id. */
  key: string;
  name: string | null;
  email: string | null;
  did: string | null;
  /** Oldest first. */
  awards: AwardView[];
}

export interface PeopleQuery {
  /** Matched, ignoring case and accents, inside the name or e-mail. */
  search?: string;
  /** Only people holding this badge (shown with all their badges). */
  badgeId?: string;
  offset?: number;
  limit?: number;
}

export interface PeoplePage {
  /** People matching the query (all pages). */
  total: number;
  /** Their awards (all pages). */
  awards: number;
  offset: number;
  people: PersonView[];
}

export const DEFAULT_PAGE_SIZE = 50;

function personKey(award: AwardView): string {
  const { email, did } = award.recipient;
  if (email) return `email:${normalizeEmail(email)}`;
  if (did) return `did:${did}`;
  return `award:${award.id}`;
}

/** Awards grouped by person, sorted by name (then e-mail), ignoring case and accents. */
export function groupByPerson(awards: readonly AwardView[]): PersonView[] {
  const people = new Map<string, PersonView>();
  for (const award of awards) {
    const key = personKey(award);
    const person = people.get(key);
    if (person) {
      person.awards.push(award);
      // The latest award names the person as last recorded.
      person.name = award.recipient.name ?? person.name;
    } else {
      people.set(key, { key, ...award.recipient, awards: [award] });
    }
  }
  const sortKey = (person: PersonView) => foldForSearch(`${person.name ?? ''}\u0000${person.email ?? person.did ?? ''}`);
  const keyed = [...people.values()].map((person) => ({ person, sort: sortKey(person) }));
  keyed.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
  return keyed.map((entry) => entry.person);
}

interface PeopleIndex {
  fingerprint: string;
  people: { person: PersonView; folded: string }[];
}

/** Every person once per workspace state: a search or a page turn re-reads nothing while the credentials are unchanged. */
const indexes = new WeakMap<Workspace, PeopleIndex>();

/** Changes whenever an issuance is added, finished or revoked (the only writes that change the list). */
function credentialsFingerprint(workspace: Workspace): string {
  const row = workspace.db
    .prepare(
      `SELECT count(*) AS n, max(rowid) AS last, sum(state = 'done') AS done, sum(revoked) AS revoked, max(revoked_at) AS revokedAt,
              (SELECT count(*) FROM recipients) AS recipients, (SELECT max(updated) FROM badge_classes) AS badges
       FROM issuances`,
    )
    .get() as Record<string, unknown>;
  return `${JSON.stringify(row)}|${workspace.now().slice(0, 10)}`;
}

function peopleIndex(workspace: Workspace): PeopleIndex {
  const fingerprint = credentialsFingerprint(workspace);
  const cached = indexes.get(workspace);
  if (cached?.fingerprint === fingerprint) return cached;
  const people = groupByPerson(listAwards(workspace)).map((person) => ({
    person,
    folded: foldForSearch([person.name, person.email, person.did, ...person.awards.map((a) => a.recipient.name)].filter(Boolean).join('\n')),
  }));
  const index = { fingerprint, people };
  indexes.set(workspace, index);
  return index;
}

/** One page of people matching the query. */
export function listPeople(workspace: Workspace, query: PeopleQuery = {}): PeoplePage {
  if (query.badgeId !== undefined) requireBadge(workspace.db, query.badgeId);
  const needle = query.search?.trim() ? foldForSearch(query.search.trim()) : null;
  const badgeId = query.badgeId;
  const people = peopleIndex(workspace)
    .people.filter((entry) => (needle === null || entry.folded.includes(needle)) && (badgeId === undefined || entry.person.awards.some((award) => award.badge.id === badgeId)))
    .map((entry) => entry.person);
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.max(1, query.limit ?? DEFAULT_PAGE_SIZE);
  return {
    total: people.length,
    awards: people.reduce((sum, person) => sum + person.awards.length, 0),
    offset,
    people: people.slice(offset, offset + limit),
  };
}
