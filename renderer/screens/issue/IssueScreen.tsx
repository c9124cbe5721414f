import { FileSpreadsheet } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import { counted } from './counted.js';
import type { BadgeErrorShape } from '../../../shared/errors.js';
import type { Req, ResValue } from '../../../shared/ipc/contract/index.js';
import { api, fileToBase64 } from '../../platform/api.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { call, useCall } from '../../ui/use-call.js';
import { CsvPreviewPanel, type CsvField, type CsvPreview } from './CsvPreviewPanel.js';
import { IssueProgress, IssueResult, type JobStatus } from './IssueJobPanel.js';
import './issue.css';
import { Checkbox } from '../../ui/Checkbox.js';

type Badge = ResValue<'badges.list'>['badges'][number];
type Format = Badge['formats'][number];
type Bake = 'png' | 'svg';

const FORMATS: readonly Format[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];
/** While a run goes on, its status is also asked for now and then, in case an event was missed. */
const STATUS_POLL_MS = 3000;

/** Drop a CSV, check its columns and rejected rows, choose badge and formats, issue with progress, see who got what. */
export function IssueScreen() {
  const { t } = useTranslation('issue');
  const { ensureUnlocked, refresh } = useApp();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fields, setFields] = useState<(CsvField | null)[]>([]);
  const [mapped, setMapped] = useState(false);
  const previewCall = useCall('issue.preview');
  const [badges, setBadges] = useState<Badge[] | null>(null);
  const [badgeId, setBadgeId] = useState('');
  const [formats, setFormats] = useState<Format[]>(['ob3-di']);
  const [bake, setBake] = useState<Bake[]>(['png']);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [startError, setStartError] = useState<BadgeErrorShape | null>(null);
  const [cancelError, setCancelError] = useState<BadgeErrorShape | null>(null);
  const [starting, setStarting] = useState(false);
  /** The run whose result the user has put away ("Issue another list"). */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const resultHeading = useRef<HTMLDivElement>(null);

  const running = job !== null && (job.state === 'running' || job.state === 'cancelling');

  const readStatus = useCallback(async () => {
    const result = await call('issue.status', {});
    if (result.ok) setJob(result.value.job);
  }, []);

  // The running job (after a reload too) and its progress events.
  useEffect(() => {
    const stop = api.on('issue.progress', (progress) => {
      setJob((current) =>
        current && current.jobId === progress.jobId && !progress.finished
          ? {
              ...current,
              phase: progress.phase,
              done: progress.done,
              total: progress.total,
              state: current.state === 'cancelling' ? 'cancelling' : 'running',
            }
          : current,
      );
      if (progress.finished) void readStatus();
    });
    void readStatus();
    return stop;
  }, [readStatus]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void readStatus(), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [running, readStatus]);

  useEffect(() => {
    if (job && !running && (job.result || job.error)) {
      resultHeading.current?.querySelector('h2')?.focus();
      void refresh();
    }
  }, [job, running, refresh]);

  useEffect(() => {
    void call('badges.list', {}).then((result) => {
      if (!result.ok) return;
      setBadges(result.value.badges);
      const first = result.value.badges[0];
      if (first) {
        setBadgeId((current) => current || first.id);
        setFormats(first.formats.length > 0 ? first.formats : ['ob3-di']);
      }
    });
  }, []);

  const runPreview = useCallback(
    async (csv: { name: string; base64: string }, columns?: Req<'issue.preview'>['columns']) => {
      const result = await previewCall.run({ csv, ...(columns ? { columns } : {}) });
      if (result) {
        setPreview(result);
        setFields(result.columns.map((column) => column.field));
      }
    },
    [previewCall],
  );

  const onDrop = useCallback(
    async (accepted: File[]) => {
      const dropped = accepted[0];
      if (!dropped) return;
      const csv = { name: dropped.name, base64: await fileToBase64(dropped) };
      setFile(csv);
      setPreview(null);
      setMapped(false);
      setStartError(null);
      await runPreview(csv);
    },
    [runPreview],
  );

  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    onDrop: (accepted) => void onDrop(accepted),
    multiple: false,
    accept: { 'text/csv': ['.csv'], 'text/plain': ['.csv', '.txt'] },
    disabled: running,
  });

  const columnChoices = (choice: (CsvField | null)[]) =>
    choice.map((field, column) => ({ column, field }));

  function changeField(index: number, field: CsvField | null) {
    // A field belongs to one column: choosing it here takes it from the column that had it.
    const next = fields.map((current, i) =>
      i === index ? field : field !== null && current === field ? null : current,
    );
    setFields(next);
    setMapped(true);
    if (file) void runPreview(file, columnChoices(next));
  }

  function toggle<T>(list: T[], item: T, on: boolean): T[] {
    return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
  }

  async function issue() {
    if (!file || !badgeId) return;
    setStartError(null);
    if (!(await ensureUnlocked())) return;
    setStarting(true);
    try {
      const request: Req<'issue.start'> = {
        badgeId,
        formats: FORMATS.filter((format) => formats.includes(format)),
        bake,
        csv: file,
        ...(mapped ? { columns: columnChoices(fields) } : {}),
      };
      let result = await call('issue.start', request);
      if (!result.ok && result.error.code === 'ERR_WORKSPACE_LOCKED' && (await ensureUnlocked())) {
        result = await call('issue.start', request);
      }
      if (result.ok) setJob(result.value);
      else setStartError(result.error);
    } finally {
      setStarting(false);
    }
  }

  async function cancel() {
    if (!job) return;
    setCancelError(null);
    const result = await call('issue.cancel', { jobId: job.jobId });
    if (result.ok) setJob(result.value);
    else setCancelError(result.error);
  }

  /** Back to the form: a finished run starts afresh; after a cancel or a failure the list stays, to run it again. */
  function again() {
    if (!job) return;
    setDismissed(job.jobId);
    if (job.state === 'finished') {
      setFile(null);
      setPreview(null);
      setMapped(false);
    }
  }

  const canIssue =
    file !== null &&
    preview !== null &&
    preview.recognised &&
    preview.valid > 0 &&
    badgeId !== '' &&
    formats.length > 0 &&
    !starting &&
    !running;

  if (job && running) {
    return (
      <>
        <h1>{t('title')}</h1>
        <IssueProgress job={job} onCancel={() => void cancel()} cancelError={cancelError} />
      </>
    );
  }

  if (job && job.jobId !== dismissed) {
    return (
      <>
        <h1>{t('title')}</h1>
        <div ref={resultHeading}>
          <IssueResult
            job={job}
            onAgain={again}
            onResume={job.state === 'cancelled' && file ? () => void issue() : undefined}
          />
        </div>
      </>
    );
  }

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <section className="card" aria-labelledby="file-title">
        <h2 id="file-title">{t('file.title')}</h2>
        <div {...getRootProps({ className: 'dropzone', 'data-active': isDragActive })}>
          <input {...getInputProps({ 'aria-label': t('file.drop') })} />
          <FileSpreadsheet aria-hidden size={28} />
          <p>{isDragActive ? t('file.dropActive') : file ? t('file.other') : t('file.drop')}</p>
          <p className="muted">{t('file.hint')}</p>
        </div>
        {previewCall.pending && file && (
          <p role="status">{t('file.reading', { name: file.name })}</p>
        )}
        {file && preview && !previewCall.pending && (
          <p role="status">
            {t('file.chosen', {
              name: file.name,
              ...counted(preview.total),
              separator: preview.separator,
            })}
          </p>
        )}
        <ErrorNote error={previewCall.error} />
      </section>

      {preview && (
        <section className="card" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('preview.title')}</h2>
          <CsvPreviewPanel preview={preview} fields={fields} onFieldChange={changeField} />
        </section>
      )}

      {preview && (
        <section className="card" aria-labelledby="options-title">
          <h2 id="options-title">{t('options.title')}</h2>
          {badges !== null && badges.length === 0 ? (
            <p className="warning">{t('options.noBadges')}</p>
          ) : (
            <div className="form">
              <label htmlFor="issue-badge">{t('options.badge')}</label>
              <select
                id="issue-badge"
                value={badgeId}
                onChange={(event) => {
                  setBadgeId(event.target.value);
                  const chosen = badges?.find((badge) => badge.id === event.target.value);
                  if (chosen && chosen.formats.length > 0) setFormats(chosen.formats);
                }}
              >
                {(badges ?? []).map((badge) => (
                  <option key={badge.id} value={badge.id}>
                    {badge.name}
                  </option>
                ))}
              </select>
              <fieldset>
                <legend>{t('options.formats')}</legend>
                {FORMATS.map((format) => (
                  <Checkbox
                    key={format}
                    checked={formats.includes(format)}
                    onChange={(checked) => setFormats(toggle(formats, format, checked))}
                  >
                    {t(`format.${format}`)}
                  </Checkbox>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t('options.bake')}</legend>
                {(['png', 'svg'] as const).map((kind) => (
                  <Checkbox
                    key={kind}
                    checked={bake.includes(kind)}
                    onChange={(checked) => setBake(toggle(bake, kind, checked))}
                  >
                    {t(`options.${kind}`)}
                  </Checkbox>
                ))}
              </fieldset>
            </div>
          )}
          <div className="actions">
            <button type="button" disabled={!canIssue} onClick={() => void issue()}>
              {t('options.issue', counted(preview.valid))}
            </button>
          </div>
          <ErrorNote error={startError} />
        </section>
      )}
    </>
  );
}
