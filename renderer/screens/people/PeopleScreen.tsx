import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../ui/use-call.js';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { formatNumber } from '../../../shared/messages/index.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';
import { AwardDialog } from './AwardDialog.js';
import './people.css';

type Page = ResValue<'people.list'>;
type DeliveryState = ResValue<'delivery.states'>['states'][number]['state'];
export type Person = Page['people'][number];

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 250;

/** Every earner with all their badges: searched and filtered on the server, one page at a time. */
export function PeopleScreen() {
  const { t } = useTranslation('people');
  const lang = currentLang();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [badgeId, setBadgeId] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [open, setOpen] = useState<{ awardId: string; person: Person } | null>(null);
  const [delivery, setDelivery] = useState<Map<string, DeliveryState>>(new Map());
  const list = useCall('people.list');
  const run = list.run;

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search);
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const load = useCallback(async () => {
    const result = await run({
      ...(query.trim() ? { search: query } : {}),
      ...(badgeId ? { badgeId } : {}),
      offset,
      limit: PAGE_SIZE,
    });
    if (!result) return;
    setPage(result);
    // The delivery state of every award on the page, for its small tag.
    const awardIds = result.people.flatMap((p) => p.awards.map((a) => a.id));
    const states = awardIds.length ? await call('delivery.states', { awardIds }) : null;
    setDelivery(
      new Map(states?.ok ? states.value.states.map((s) => [s.awardId, s.state] as const) : []),
    );
  }, [run, query, badgeId, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  const total = page?.total ?? 0;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + PAGE_SIZE, total);

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <div className="people-filters card" role="search">
        <label className="people-search">
          {t('search')}
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            aria-describedby="people-search-hint"
            autoComplete="off"
          />
          <small id="people-search-hint">{t('searchHint')}</small>
        </label>
        <label>
          {t('badgeFilter')}
          <select
            value={badgeId}
            onChange={(event) => {
              setBadgeId(event.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('allBadges')}</option>
            {page?.badges.map((badge) => (
              <option key={badge.id} value={badge.id}>
                {badge.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={list.error} />
      <p className="people-count" role="status" aria-live="polite">
        {page
          ? `${t('count', { count: total, n: formatNumber(total, lang) })}, ${t('awardCount', { count: page.awards, n: formatNumber(page.awards, lang) })}`
          : t('loading')}
      </p>
      {page && total === 0 ? (
        <p className="muted">{query.trim() ? t('noMatch', { search: query.trim() }) : t('none')}</p>
      ) : (
        <div className="table-wrap" aria-busy={list.pending}>
          <table className="people-table">
            <thead>
              <tr>
                <th scope="col">{t('columns.person')}</th>
                <th scope="col">{t('columns.email')}</th>
                <th scope="col">{t('columns.badges')}</th>
              </tr>
            </thead>
            <tbody>
              {page?.people.map((person) => (
                <tr key={person.key}>
                  <th scope="row">{person.name ?? person.email ?? person.did}</th>
                  <td>{person.email ?? person.did ?? ''}</td>
                  <td>
                    <ul className="award-chips">
                      {person.awards.map((award) => (
                        <li key={award.id}>
                          <button
                            type="button"
                            className={`award-chip status-${award.status}`}
                            aria-label={t('openAward', {
                              badge: award.badge.name,
                              person: person.name ?? person.email ?? '',
                            })}
                            onClick={() => setOpen({ awardId: award.id, person })}
                          >
                            {award.badge.name}
                            {award.status !== 'valid' && (
                              <span className="chip-status">{t(`status.${award.status}`)}</span>
                            )}
                          </button>
                          {delivery.has(award.id) && (
                            <span
                              className={`delivery-tag state-${delivery.get(award.id)}`}
                              title={t('delivery.tag', {
                                state: t(`deliveryState.${delivery.get(award.id)}`),
                              })}
                            >
                              <span className="visually-hidden">
                                {t('delivery.tag', { state: '' })}
                              </span>
                              {t(`deliveryState.${delivery.get(award.id)}`)}
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && (
        <nav className="pager" aria-label={t('range', { from, to, total })}>
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            <ChevronLeft aria-hidden size={16} /> {t('previous')}
          </button>
          <span>
            {t('range', {
              from: formatNumber(from, lang),
              to: formatNumber(to, lang),
              total: formatNumber(total, lang),
            })}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={to >= total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('next')} <ChevronRight aria-hidden size={16} />
          </button>
        </nav>
      )}
      {open && (
        <AwardDialog
          awardId={open.awardId}
          personName={open.person.name ?? open.person.email ?? ''}
          onClose={() => setOpen(null)}
          onChanged={() => void load()}
        />
      )}
    </>
  );
}
