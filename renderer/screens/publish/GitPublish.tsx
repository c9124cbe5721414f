import { GitBranch, Upload } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { formatNumber } from '../../../shared/messages/index.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';
import { SiteProgress, useSiteJob } from './SiteProgress.js';

type Published = ResValue<'publish.git'>;
type Target = ResValue<'publish.status'>['gitTarget'];

const DEFAULT_BRANCH = 'gh-pages';
const HOSTS = ['github', 'gitlab', 'codeberg'] as const;

/**
 * Builds the site and publishes it to a branch of a git repository (GitHub, GitLab or Codeberg
 * Pages): the address and branch are remembered for the workspace; git logs in by itself.
 */
export function GitPublishCard({
  saved,
  onPublished,
}: {
  saved: Target;
  onPublished: () => Promise<void>;
}) {
  const { t } = useTranslation('publish');
  const { ensureUnlocked } = useApp();
  const [url, setUrl] = useState(saved?.url ?? '');
  const [branch, setBranch] = useState(saved?.branch ?? DEFAULT_BRANCH);
  const [published, setPublished] = useState<Published | null>(null);
  const publish = useCall('publish.git');
  const job = useSiteJob();
  const ids = { url: useId(), urlHint: useId(), branch: useId(), branchHint: useId() };
  const code = publish.error?.code ?? '';
  const badAddress = /^ERR_PUBLISH_GIT_(ADDRESS|TOKEN_IN_ADDRESS|NOT_REPOSITORY)$/.test(code);
  const badBranch = /^ERR_PUBLISH_GIT_BRANCH/.test(code);

  async function run() {
    if (!(await ensureUnlocked())) return;
    setPublished(null);
    try {
      const result = await job.track((jobId) => publish.run({ jobId, url, branch }));
      if (result) setPublished(result);
    } finally {
      await onPublished();
    }
  }

  return (
    <section className="card" aria-labelledby="publish-git">
      <h2 id="publish-git">
        <GitBranch aria-hidden size={20} /> {t('git.title')}
      </h2>
      <p>{t('git.intro')}</p>
      <form
        className="form git-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <div className="field">
          <label htmlFor={ids.url}>{t('git.url')}</label>
          <input
            id={ids.url}
            type="text"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="git@github.com:association/badges.git"
            autoComplete="off"
            spellCheck={false}
            required
            aria-invalid={badAddress || undefined}
            aria-describedby={ids.urlHint}
          />
          <small id={ids.urlHint} className="muted">
            {t('git.urlHint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor={ids.branch}>{t('git.branch')}</label>
          <input
            id={ids.branch}
            type="text"
            value={branch}
            onChange={(event) => setBranch(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={badBranch || undefined}
            aria-describedby={ids.branchHint}
          />
          <small id={ids.branchHint} className="muted">
            {t('git.branchHint')}
          </small>
        </div>
        <div className="actions start">
          <button
            type="submit"
            disabled={publish.pending || url.trim() === ''}
            aria-busy={publish.pending}
          >
            <Upload aria-hidden size={16} />{' '}
            {publish.pending ? t('git.publishing') : t('git.button')}
          </button>
        </div>
      </form>
      <SiteProgress progress={job.progress} label={t('git.progressLabel')} />
      <ErrorNote error={publish.error} />
      {published && <GitResult published={published} />}
      <div>
        <p className="muted">{t('git.login')}</p>
        <ul className="upload-ways">
          {HOSTS.map((host) => (
            <li key={host}>{t(`git.hosts.${host}`)}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function GitResult({ published }: { published: Published }) {
  const { t } = useTranslation('publish');
  const lang = currentLang();
  if (published.commit === null) {
    return (
      <p className="notice" role="status">
        {t('git.nothing', { branch: published.branch, url: published.url })}
      </p>
    );
  }
  const counts = [
    ['added', published.added],
    ['modified', published.modified],
    ['deleted', published.deleted],
  ] as const;
  return (
    <div className="build-result">
      <h3>{t('git.resultTitle')}</h3>
      <p className="notice" role="status">
        {t('git.done', { branch: published.branch, url: published.url })}{' '}
        <code title={published.commit}>{published.commit.slice(0, 12)}</code>
      </p>
      <dl className="stats">
        {counts.map(([key, value]) => (
          <div key={key} className="stat card">
            <dt>{t(`git.${key}`, { count: value })}</dt>
            <dd>{formatNumber(value, lang)}</dd>
          </div>
        ))}
      </dl>
      <details className="path-list">
        <summary>
          {t('git.changedList')} ({formatNumber(published.changeCount, lang)})
        </summary>
        <ul>
          {published.changes.map((change) => (
            <li key={change.path}>
              <span className="change-status">
                {t(`git.status.${change.status}`, change.status)}
              </span>{' '}
              <code>{change.path}</code>
            </li>
          ))}
          {published.changeCount > published.changes.length && (
            <li>{t('result.more', { count: published.changeCount - published.changes.length })}</li>
          )}
        </ul>
      </details>
    </div>
  );
}
