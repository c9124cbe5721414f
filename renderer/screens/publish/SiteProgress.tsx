import { Progress } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/ipc/contract/index.js';
import { formatNumber } from '../../../shared/messages/index.js';
import { api } from '../../platform/api.js';
import { currentLang } from '../../ui/messages.js';

type SiteProgressEvent = EventPayload<'site.progress'>;

/** Runs one site job (a build or a publish) and keeps its latest `site.progress` event while it runs. */
export function useSiteJob() {
  const [progress, setProgress] = useState<SiteProgressEvent | null>(null);
  async function track<T>(job: (jobId: string) => Promise<T>): Promise<T> {
    const jobId = crypto.randomUUID();
    setProgress({ jobId, phase: 'load', done: 0, total: null, finished: false });
    const stop = api.on('site.progress', (payload) => {
      if (payload.jobId === jobId) setProgress(payload);
    });
    try {
      return await job(jobId);
    } finally {
      stop();
      setProgress(null);
    }
  }
  return { progress, track };
}

/** The bar and the sentence of a running site job. */
export function SiteProgress({
  progress,
  label,
}: {
  progress: SiteProgressEvent | null;
  label: string;
}) {
  const { t } = useTranslation('publish');
  if (!progress) return null;
  const lang = currentLang();
  const percent = progress.total ? Math.round((100 * progress.done) / progress.total) : null;
  return (
    <div className="build-progress">
      <Progress.Root className="progress" value={percent} max={100} aria-label={label}>
        <Progress.Indicator
          className="progress-indicator"
          style={{ width: percent === null ? '15%' : `${percent}%` }}
        />
      </Progress.Root>
      <p role="status" aria-live="polite">
        {t(`build.phase.${progress.phase}`, {
          done: formatNumber(progress.done, lang),
          total: formatNumber(progress.total ?? 0, lang),
        })}
      </p>
    </div>
  );
}
