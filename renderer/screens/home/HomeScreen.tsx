import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/messages/index.js';
import { useApp, useWorkspace } from '../../ui/app-context.js';
import { currentLang } from '../../ui/messages.js';

/** The workspace at a glance, with the next useful action. */
export function HomeScreen() {
  const { t } = useTranslation('home');
  const { refresh, navigate } = useApp();
  const workspace = useWorkspace();
  const lang = currentLang();

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const next =
    workspace.badges === 0
      ? { route: 'badges', label: t('next.badge') }
      : workspace.credentials === 0
        ? { route: 'issue', label: t('next.issue') }
        : workspace.siteOutOfDate
          ? { route: 'publish', label: t('next.publish') }
          : { route: 'people', label: t('next.people') };

  const stats = [
    ['badges', workspace.badges],
    ['people', workspace.people],
    ['credentials', workspace.credentials],
    ['revoked', workspace.revoked],
  ] as const;

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro', { name: workspace.issuerName })}</p>
      <dl className="stats">
        {stats.map(([key, value]) => (
          <div key={key} className="stat card">
            <dt>{t(`stats.${key}`, { count: value })}</dt>
            <dd>{value.toLocaleString(lang)}</dd>
          </div>
        ))}
      </dl>
      <section className="card">
        <h2>{t('site.title')}</h2>
        <p>
          {workspace.lastSiteBuild
            ? t('site.built', { date: formatDate(workspace.lastSiteBuild, lang) })
            : t('site.never')}{' '}
          {workspace.siteOutOfDate && <strong>{t('site.outOfDate')}</strong>}
        </p>
        <p className="muted">{t('site.url', { url: workspace.siteUrl })}</p>
      </section>
      <section className="card next">
        <h2>{t('next.title')}</h2>
        <button type="button" onClick={() => navigate(next.route)}>
          {next.label}
        </button>
      </section>
    </>
  );
}
