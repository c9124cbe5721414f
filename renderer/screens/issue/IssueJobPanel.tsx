import { Download } from 'lucide-react';
import { Progress } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { counted } from './counted.js';
import { DeliveryPanel } from './DeliveryPanel.js';
import type { BadgeErrorShape } from '../../../shared/errors.js';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { downloadBase64 } from '../../platform/api.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { call } from '../../ui/use-call.js';

export type JobStatus = ResValue<'issue.status'>['job'] & {};
type JobResult = NonNullable<JobStatus['result']>;
type Person = JobResult['people'][number];

/** A run in progress: a progress bar fed by the progress events, and Cancel. */
export function IssueProgress({
  job,
  onCancel,
  cancelError,
}: {
  job: JobStatus;
  onCancel(): void;
  cancelError: BadgeErrorShape | null;
}) {
  const { t } = useTranslation('issue');
  const lang = currentLang();
  const total = job.total ?? 0;
  const known = job.total !== null && job.total > 0;
  const percent = known ? Math.min(100, (job.done / total) * 100) : 0;
  const cancelling = job.state === 'cancelling';
  return (
    <section className="card issue-progress" aria-labelledby="progress-title" aria-busy="true">
      <h2 id="progress-title">{t('progress.title', { badge: job.badgeName })}</h2>
      <Progress.Root
        className="progress"
        value={known ? job.done : null}
        max={known ? total : 100}
        aria-label={t('progress.label')}
        getValueLabel={(value, max) =>
          t('progress.rows', { done: value.toLocaleString(lang), total: max.toLocaleString(lang) })
        }
      >
        <Progress.Indicator className="progress-indicator" style={{ width: `${percent}%` }} />
      </Progress.Root>
      <p role="status" className="muted">
        {cancelling
          ? t('progress.cancelling')
          : job.phase === 'starting'
            ? t('progress.starting')
            : known
              ? t('progress.rows', {
                  done: job.done.toLocaleString(lang),
                  total: total.toLocaleString(lang),
                })
              : t('progress.rowsUnknown', { done: job.done.toLocaleString(lang) })}
      </p>
      <div className="actions">
        <button type="button" className="danger" onClick={onCancel} disabled={cancelling}>
          {t('progress.cancel')}
        </button>
      </div>
      <ErrorNote error={cancelError} />
    </section>
  );
}

/** What a run did: counts, then one line per person (every format of their badge, their files). */
export function IssueResult({
  job,
  onAgain,
  onResume,
}: {
  job: JobStatus;
  onAgain(): void;
  /** Issues the same list again (after a cancel, while the file is still here). */
  onResume?: () => void;
}) {
  const { t } = useTranslation('issue');
  const { navigate } = useApp();
  const result = job.result;
  const heading =
    job.state === 'finished'
      ? t('result.finished', { badge: job.badgeName })
      : job.state === 'cancelled'
        ? t('result.cancelled')
        : t('result.failed');
  return (
    <>
      <section className="card issue-result" aria-labelledby="result-title">
        <h2 id="result-title" tabIndex={-1}>
          {heading}
        </h2>
        {job.error && <ErrorNote error={job.error as BadgeErrorShape} />}
        {result && (
          <>
            <ul className="result-counts">
              <li className="tag ok">{t('result.issued', counted(result.issued))}</li>
              {result.alreadyIssued > 0 && (
                <li className="tag">{t('result.already', counted(result.alreadyIssued))}</li>
              )}
              {result.rejected > 0 && (
                <li className="tag bad">{t('result.rejected', counted(result.rejected))}</li>
              )}
              {result.notReached > 0 && (
                <li className="tag">{t('result.notReached', counted(result.notReached))}</li>
              )}
            </ul>
            {result.people.length > 0 && <PeopleTable people={result.people} />}
            {result.peopleTotal > result.people.length && (
              <p className="muted">
                {t('result.morePeople', counted(result.peopleTotal - result.people.length))}
              </p>
            )}
            <p className="muted small-path">{t('result.report', { path: result.report })}</p>
          </>
        )}
        <div className="actions">
          {onResume && (
            <button type="button" onClick={onResume}>
              {t('result.resume')}
            </button>
          )}
          <button type="button" className={onResume ? 'secondary' : undefined} onClick={onAgain}>
            {job.state === 'finished' ? t('result.again') : t('result.back')}
          </button>
          <button type="button" className="secondary" onClick={() => navigate('people')}>
            {t('result.openPeople')}
          </button>
        </div>
      </section>
      {result && result.issued + result.alreadyIssued > 0 && (
        <DeliveryPanel badgeId={job.badgeId} />
      )}
    </>
  );
}

function PeopleTable({ people }: { people: Person[] }) {
  const { t } = useTranslation('issue');
  const [error, setError] = useState<BadgeErrorShape | null>(null);

  async function download(person: Person, file: Person['files'][number]) {
    setError(null);
    const result = await call('people.download', {
      awardId: person.awardId,
      credential: file.credential,
      kind: file.kind,
    });
    if (result.ok) downloadBase64(result.value.name, result.value.base64, result.value.type);
    else setError(result.error);
  }

  return (
    <>
      <ErrorNote error={error} />
      <div className="table-wrap">
        <table className="people-result">
          <caption className="visually-hidden">{t('result.people')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('result.name')}</th>
              <th scope="col">{t('result.email')}</th>
              <th scope="col">{t('result.badge')}</th>
              <th scope="col">{t('result.formats')}</th>
              <th scope="col">{t('result.outcome')}</th>
              <th scope="col">{t('result.files')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.awardId}>
                <th scope="row">{person.name ?? '—'}</th>
                <td>{person.email ?? person.did ?? '—'}</td>
                <td>{person.badge.name}</td>
                <td>
                  {person.formats.map((format) => (
                    <span key={format} className="tag">
                      {format}
                    </span>
                  ))}
                </td>
                <td>
                  {person.outcome === 'issued'
                    ? t('result.outcomeIssued')
                    : t('result.outcomeAlready')}
                </td>
                <td className="files">
                  {person.files.map((file) => (
                    <button
                      key={`${file.credential}.${file.kind}`}
                      type="button"
                      className="link"
                      onClick={() => void download(person, file)}
                      aria-label={t('result.download', { name: file.name })}
                      title={file.name}
                    >
                      <Download aria-hidden size={14} /> {file.kind.toUpperCase()}{' '}
                      <small>({file.format})</small>
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
