import { Award, Pencil, Plus } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { useCall } from '../../ui/use-call.js';
import { imageSrc, RemovedNote, type SvgRemovals } from '../issuer/RemovedNote.js';
import { BadgeEditor } from './BadgeEditor.js';
import './badges.css';

type BadgeList = ResValue<'badges.list'>;

const DURATION_PARTS = ['year', 'month', 'week', 'day'] as const;

/** `P2Y6M` → "2 years, 6 months" in the user's language; other ISO durations as written. */
function durationText(iso: string, t: (key: string, options: { count: number }) => string): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  if (!match) return iso;
  const parts = DURATION_PARTS.flatMap((unit, index) => {
    const value = match[index + 1];
    return value ? [t(`duration.${unit}`, { count: Number(value) })] : [];
  });
  return parts.length > 0 ? parts.join(', ') : iso;
}

/** The badge classes, and one of them (or a new one) open in the editor. */
export function BadgesScreen() {
  const { t } = useTranslation('badges');
  const { refresh } = useApp();
  const list = useCall('badges.list');
  const [data, setData] = useState<BadgeList | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<{ name: string; removed: SvgRemovals } | null>(null);

  const reload = useCallback(async () => {
    const value = await list.run({});
    if (value) setData(value);
  }, [list.run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (editing && data) {
    return (
      <BadgeEditor
        key={editing}
        badgeId={editing === 'new' ? null : editing}
        achievementTypes={data.achievementTypes}
        badgeNames={new Map(data.badges.map((badge) => [badge.id, badge.name]))}
        onClose={() => setEditing(null)}
        onSaved={(result) => {
          setSaved(result);
          setEditing(null);
          void reload();
          void refresh();
        }}
      />
    );
  }

  return (
    <>
      <div className="screen-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="lead">{t('intro')}</p>
        </div>
        <button
          type="button"
          onClick={() => {
            setSaved(null);
            setEditing('new');
          }}
          disabled={!data}
        >
          <Plus aria-hidden size={16} /> {t('new')}
        </button>
      </div>
      <ErrorNote error={list.error} />
      {saved && (
        <>
          <p className="notice" role="status">
            {t('saved', { name: saved.name })}
          </p>
          <RemovedNote removed={saved.removed} />
        </>
      )}
      {data && data.badges.length === 0 && (
        <section className="card empty">
          <Award aria-hidden size={32} />
          <p>{t('empty')}</p>
        </section>
      )}
      {data && data.badges.length > 0 && (
        <ul className="badge-list">
          {data.badges.map((badge) => (
            <li key={badge.id} className="card badge-item">
              {badge.image ? (
                <img src={imageSrc(badge.image)} alt="" className="thumb" />
              ) : (
                <span className="thumb placeholder" aria-hidden>
                  <Award size={28} />
                </span>
              )}
              <div className="badge-text">
                <h2>{badge.name}</h2>
                <p className="muted">
                  {t('people', { count: badge.people })}
                  {badge.expiresAfter &&
                    ` · ${t('expires', { duration: durationText(badge.expiresAfter, t) })}`}
                </p>
                <p>
                  {badge.formats.map((format) => (
                    <span key={format} className="tag">
                      {t(`format.${format}`)}
                    </span>
                  ))}
                </p>
              </div>
              <button
                type="button"
                className="secondary"
                onClick={() => setEditing(badge.id)}
                aria-label={t('editNamed', { name: badge.name })}
              >
                <Pencil aria-hidden size={16} /> {t('edit')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
