/** Pieces the delivery step shares: progress from `delivery.progress`, a folder line, a problem list. */
import { FolderOpen } from 'lucide-react';
import { Progress } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { api } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang, errorText } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';

export type DeliveryReport = ResValue<'delivery.send'>['report'];

export const newJobId = (): string => crypto.randomUUID();

/** The latest progress of one job (null before its first event). */
export function useDeliveryProgress(jobId: string | null): { done: number; total: number } | null {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!jobId) return undefined;
    return api.on('delivery.progress', (event) => {
      if (event.jobId === jobId && !event.finished && event.total !== null) {
        setProgress({ done: event.done, total: event.total });
      }
    });
  }, [jobId]);
  return progress;
}

export function DeliveryProgressBar({
  progress,
  label,
}: {
  progress: { done: number; total: number } | null;
  label: string;
}) {
  const { t } = useTranslation('delivery');
  const lang = currentLang();
  const total = progress?.total ?? 0;
  const percent = progress && total > 0 ? Math.min(100, (progress.done / total) * 100) : 0;
  return (
    <div className="delivery-progress" aria-busy="true">
      <Progress.Root
        className="progress"
        value={progress && total > 0 ? progress.done : null}
        max={total > 0 ? total : 100}
        aria-label={t('progress.label')}
        getValueLabel={(value, max) =>
          t('progress.count', { done: value.toLocaleString(lang), total: max.toLocaleString(lang) })
        }
      >
        <Progress.Indicator className="progress-indicator" style={{ width: `${percent}%` }} />
      </Progress.Root>
      <p role="status" className="muted">
        {progress
          ? `${label} ${t('progress.count', { done: progress.done.toLocaleString(lang), total: total.toLocaleString(lang) })}`
          : label}
      </p>
    </div>
  );
}

/** Where files were written, with Open the folder when this computer can. */
export function FolderLine({
  text,
  path,
  folder,
  canOpen,
}: {
  text: string;
  path: string;
  folder: 'drafts' | 'certificates';
  canOpen: boolean;
}) {
  const { t } = useTranslation('delivery');
  const open = useCall('delivery.openFolder');
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="notice delivery-folder" role="status">
      <p>{text}</p>
      <p className="folder-path">
        <code>{path}</code>
      </p>
      {canOpen && (
        <button
          type="button"
          className="secondary small"
          disabled={open.pending}
          onClick={() =>
            void open
              .run({ folder })
              .then((r) => r && setMessage(r.opened ? t('folder.opened') : t('folder.notOpened')))
          }
        >
          <FolderOpen aria-hidden size={16} /> {t('folder.open')}
        </button>
      )}
      {message && <p>{message}</p>}
      <ErrorNote error={open.error} />
    </div>
  );
}

/** People a run left out or could not reach, each with the reason in the user's language. */
export function ProblemList({
  problems,
  title,
}: {
  problems: { who: string; code: string | null; detail?: string | null }[];
  title: string;
}) {
  const { t } = useTranslation('delivery');
  if (problems.length === 0) return null;
  return (
    <div className="warning delivery-problems">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {problems.map((problem, index) => (
          <li key={`${problem.who}-${index}`}>
            {t('problems.who', {
              who: problem.who,
              reason: problem.code ? errorText({ code: problem.code as `ERR_${string}` }) : '',
            })}
            {problem.detail && (
              <>
                {' '}
                <small>{t('smtp.serverSaid', { text: problem.detail })}</small>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The problems of a delivery report, for ProblemList. */
export function reportProblems(report: DeliveryReport) {
  return report.problems.map((p) => ({
    who: p.email ?? p.name ?? p.award,
    code: p.code,
    detail: p.status === 'failed' ? serverText(p.message) : null,
  }));
}

/** What the mail server answered, from the service's English sentence around it. */
function serverText(message: string | null): string | null {
  const match = message
    ? /The server said: (.*?)(?: It will be tried again.*)?$/s.exec(message)
    : null;
  return match?.[1]?.trim() ?? null;
}
