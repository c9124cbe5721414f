import { Copy, Download, ExternalLink, FolderOpen, Hammer, Square } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { formatDate, formatNumber } from '../../../shared/messages/index.js';
import { api, downloadBase64 } from '../../platform/api.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';
import { GitPublishCard } from './GitPublish.js';
import { SiteProgress, useSiteJob } from './SiteProgress.js';
import './publish.css';

type Status = ResValue<'publish.status'>;
type Built = ResValue<'publish.build'>;

/** Build the site with progress, see what changed, preview it, find its folder, and how to upload it. */
export function PublishScreen() {
  const { t } = useTranslation('publish');
  const { refresh, ensureUnlocked } = useApp();
  const lang = currentLang();
  const [status, setStatus] = useState<Status | null>(null);
  const buildJob = useSiteJob();
  const [built, setBuilt] = useState<Built | null>(null);
  const statusCall = useCall('publish.status');
  const build = useCall('publish.build');
  const preview = useCall('publish.preview');
  const readStatus = statusCall.run;

  const reload = useCallback(async () => {
    const next = await readStatus({});
    if (next) setStatus(next);
  }, [readStatus]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function runBuild() {
    if (!(await ensureUnlocked())) return;
    setBuilt(null);
    try {
      const result = await buildJob.track((jobId) => build.run({ jobId }));
      if (result) setBuilt(result);
    } finally {
      await reload();
      await refresh();
    }
  }

  async function startPreview() {
    if (await preview.run({})) await reload();
  }

  async function stopPreview() {
    await api['publish.stopPreview']({});
    await reload();
  }

  if (!status) {
    return (
      <>
        <h1>{t('title')}</h1>
        <ErrorNote error={statusCall.error} />
      </>
    );
  }

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>

      <section className="card" aria-labelledby="publish-build">
        <h2 id="publish-build">{t('build.title')}</h2>
        <p>
          {status.lastBuild
            ? t('build.last', { date: formatDate(status.lastBuild, lang) })
            : t('build.never')}{' '}
          {status.built &&
            (status.outOfDate ? <strong>{t('build.outOfDate')}</strong> : t('build.upToDate'))}
        </p>
        <div className="actions start">
          <button
            type="button"
            onClick={() => void runBuild()}
            disabled={build.pending}
            aria-busy={build.pending}
          >
            <Hammer aria-hidden size={16} />{' '}
            {build.pending ? t('build.building') : t('build.button')}
          </button>
        </div>
        <SiteProgress progress={buildJob.progress} label={t('build.progressLabel')} />
        <ErrorNote error={build.error} />
        {built && <BuildResult built={built} />}
      </section>

      <section className="card" aria-labelledby="publish-preview">
        <h2 id="publish-preview">{t('preview.title')}</h2>
        <p>{t('preview.text')}</p>
        {status.previewUrl ? (
          <>
            <div className="actions start">
              <a
                className="button secondary"
                href={status.previewUrl}
                target="_blank"
                rel="noopener noreferrer"
              >
                <ExternalLink aria-hidden size={16} /> {t('preview.newTab')}
              </a>
              <button type="button" className="secondary" onClick={() => void stopPreview()}>
                <Square aria-hidden size={16} /> {t('preview.stop')}
              </button>
            </div>
            <iframe className="site-preview" src={status.previewUrl} title={t('preview.frame')} />
          </>
        ) : (
          <div className="actions start">
            <button
              type="button"
              className="secondary"
              onClick={() => void startPreview()}
              disabled={!status.built || preview.pending}
            >
              {t('preview.button')}
            </button>
            {!status.built && <span className="muted">{t('preview.notBuilt')}</span>}
          </div>
        )}
        <ErrorNote error={preview.error} />
      </section>

      <FolderCard status={status} />

      <section className="card" aria-labelledby="publish-upload">
        <h2 id="publish-upload">{t('upload.title')}</h2>
        <p>{t('upload.intro', { url: status.siteUrl })}</p>
        <ul className="upload-ways">
          <li>{t('upload.github')}</li>
          <li>{t('upload.netlify')}</li>
          <li>{t('upload.host')}</li>
        </ul>
        <p className="muted">{t('upload.again')}</p>
        {status.canZip && <ZipDownload built={status.built} />}
      </section>

      <GitPublishCard
        saved={status.gitTarget}
        onPublished={async () => {
          await reload();
          await refresh();
        }}
      />
    </>
  );
}

function BuildResult({ built }: { built: Built }) {
  const { t } = useTranslation('publish');
  const lang = currentLang();
  const counts = [
    ['written', built.writtenCount],
    ['unchanged', built.unchanged],
    ['removed', built.removedCount],
  ] as const;
  return (
    <div className="build-result">
      <h3>{t('result.title')}</h3>
      <p>
        {t('result.summary', {
          badges: formatNumber(built.badges, lang),
          credentials: formatNumber(built.credentials, lang),
          files: formatNumber(built.files, lang),
        })}
      </p>
      <dl className="stats">
        {counts.map(([key, value]) => (
          <div key={key} className="stat card">
            <dt>{t(`result.${key}`, { count: value })}</dt>
            <dd>{formatNumber(value, lang)}</dd>
          </div>
        ))}
      </dl>
      <PathList title={t('result.writtenList')} paths={built.written} total={built.writtenCount} />
      <PathList title={t('result.removedList')} paths={built.removed} total={built.removedCount} />
    </div>
  );
}

function PathList({ title, paths, total }: { title: string; paths: string[]; total: number }) {
  const { t } = useTranslation('publish');
  if (total === 0) return null;
  return (
    <details className="path-list">
      <summary>
        {title} ({formatNumber(total, currentLang())})
      </summary>
      <ul>
        {paths.map((path) => (
          <li key={path}>
            <code>{path}</code>
          </li>
        ))}
        {total > paths.length && <li>{t('result.more', { count: total - paths.length })}</li>}
      </ul>
    </details>
  );
}

function FolderCard({ status }: { status: Status }) {
  const { t } = useTranslation('publish');
  const [message, setMessage] = useState<string | null>(null);
  const open = useCall('publish.openFolder');

  async function copy() {
    try {
      await navigator.clipboard.writeText(status.siteDir);
      setMessage(t('folder.copied'));
    } catch {
      setMessage(null);
    }
  }

  async function openFolder() {
    const result = await open.run({});
    if (result) setMessage(result.opened ? t('folder.opened') : t('folder.notOpened'));
  }

  return (
    <section className="card" aria-labelledby="publish-folder">
      <h2 id="publish-folder">{t('folder.title')}</h2>
      <p>{t('folder.text')}</p>
      <p className="folder-path">
        <code>{status.siteDir}</code>
      </p>
      <div className="actions start">
        <button type="button" className="secondary" onClick={() => void copy()}>
          <Copy aria-hidden size={16} /> {t('folder.copy')}
        </button>
        {status.canOpenFolder && (
          <button
            type="button"
            className="secondary"
            onClick={() => void openFolder()}
            disabled={open.pending}
          >
            <FolderOpen aria-hidden size={16} /> {t('folder.open')}
          </button>
        )}
      </div>
      {!status.canOpenFolder && <p className="muted">{t('folder.unavailable')}</p>}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <ErrorNote error={open.error} />
    </section>
  );
}

function ZipDownload({ built }: { built: boolean }) {
  const { t } = useTranslation('publish');
  const zip = useCall('publish.zip');
  const [result, setResult] = useState<ResValue<'publish.zip'> | null>(null);

  async function download() {
    const made = await zip.run({});
    if (!made) return;
    if (made.base64 !== null) downloadBase64(made.name, made.base64, 'application/zip');
    setResult(made);
  }

  return (
    <>
      <div className="actions start">
        <button
          type="button"
          className="secondary"
          onClick={() => void download()}
          disabled={!built || zip.pending}
        >
          <Download aria-hidden size={16} /> {t('upload.zip')}
        </button>
      </div>
      {result && (
        <p className="notice" role="status">
          {t('upload.zipDone', { count: result.files })}
          {result.base64 === null && (
            <>
              {' '}
              {t('upload.zipSaved', { size: formatNumber(Math.round(result.bytes / 1048576), currentLang()) })} <code className="path">{result.path}</code>
            </>
          )}
        </p>
      )}
      <ErrorNote error={zip.error} />
    </>
  );
}
