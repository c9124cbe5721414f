import { FileText, Mail, Send } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { downloadBase64 } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { useCall } from '../../ui/use-call.js';
import { counted } from './counted.js';
import {
  DeliveryProgressBar,
  FolderLine,
  newJobId,
  ProblemList,
  reportProblems,
  useDeliveryProgress,
} from './delivery-parts.js';
import { SmtpDialog } from './SmtpDialog.js';
import './delivery.css';
import { Checkbox } from '../../ui/Checkbox.js';

type Status = ResValue<'delivery.status'>;

/** "Send to earners" after a run: drafts, sending through SMTP, certificates, and the message itself. */
export function DeliveryPanel({ badgeId }: { badgeId: string }) {
  const { t } = useTranslation('delivery');
  const [status, setStatus] = useState<Status | null>(null);
  const [smtpOpen, setSmtpOpen] = useState(false);
  const load = useCall('delivery.status');
  const run = load.run;
  const refresh = useCallback(async () => {
    const value = await run({ badgeId });
    if (value) setStatus(value);
  }, [run, badgeId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!status) {
    return (
      <section className="card delivery-panel" aria-labelledby="delivery-title">
        <h2 id="delivery-title">{t('title')}</h2>
        <ErrorNote error={load.error} />
      </section>
    );
  }

  const summary = (
    [
      ['sent', status.sent],
      ['drafted', status.drafted],
      ['notSent', status.notSent],
      ['failed', status.failed],
      ['unconfirmed', status.unconfirmed],
      ['noEmail', status.noEmail],
    ] as const
  ).filter(([, n]) => n > 0);

  return (
    <section className="card delivery-panel" aria-labelledby="delivery-title">
      <h2 id="delivery-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p className="delivery-summary" role="status">
        {t('summary.total', counted(status.total))}
        {summary.map(([key, n]) => (
          <span
            key={key}
            className={`tag delivery-state state-${key === 'failed' || key === 'unconfirmed' ? 'failed' : key === 'sent' ? 'sent' : 'none'}`}
          >
            {t(`summary.${key}`, counted(n))}
          </span>
        ))}
      </p>
      <div className="delivery-steps">
        <DraftsStep status={status} onDone={() => void refresh()} />
        <div className="delivery-step">
          <h3>
            <Send aria-hidden size={18} /> {t('send.title')}
          </h3>
          <p className="muted">{t('send.text')}</p>
          <div className="actions start">
            <button type="button" onClick={() => setSmtpOpen(true)}>
              {t('send.open')}
            </button>
          </div>
        </div>
        <CertificatesStep status={status} />
      </div>
      <TemplateEditor />
      {smtpOpen && (
        <SmtpDialog
          status={status}
          onClose={() => {
            setSmtpOpen(false);
            void refresh();
          }}
          onSent={() => void refresh()}
        />
      )}
    </section>
  );
}

function DraftsStep({ status, onDone }: { status: Status; onDone(): void }) {
  const { t } = useTranslation('delivery');
  const [all, setAll] = useState(false);
  const [zip, setZip] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ResValue<'delivery.drafts'> | null>(null);
  const drafts = useCall('delivery.drafts');
  const progress = useDeliveryProgress(jobId);

  async function save() {
    const id = newJobId();
    setJobId(id);
    setResult(null);
    const value = await drafts.run({ jobId: id, batch: status.batch, all, zip });
    setJobId(null);
    if (!value) return;
    setResult(value);
    if (value.zip) downloadBase64(value.zip.name, value.zip.base64, 'application/zip');
    onDone();
  }

  return (
    <div className="delivery-step">
      <h3>
        <Mail aria-hidden size={18} /> {t('drafts.title')}
      </h3>
      <p className="muted">{t('drafts.text')}</p>
      <Checkbox checked={all} onChange={setAll}>
        {t('drafts.all')}
      </Checkbox>
      <Checkbox checked={zip} onChange={setZip}>
        {t('drafts.zip')}
      </Checkbox>
      <div className="actions start">
        <button type="button" disabled={drafts.pending} onClick={() => void save()}>
          {t('drafts.save')}
        </button>
      </div>
      {drafts.pending && <DeliveryProgressBar progress={progress} label={t('drafts.saving')} />}
      <ErrorNote error={drafts.error} />
      {result &&
        (result.report.done > 0 ? (
          <FolderLine
            text={t('drafts.saved', counted(result.report.done))}
            path={result.dir}
            folder="drafts"
            canOpen={status.canOpenFolder}
          />
        ) : (
          <p className="notice" role="status">
            {t('drafts.nothingNew')}
          </p>
        ))}
      {result && (
        <ProblemList problems={reportProblems(result.report)} title={t('problems.title')} />
      )}
    </div>
  );
}

function CertificatesStep({ status }: { status: Status }) {
  const { t } = useTranslation('delivery');
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ResValue<'delivery.certificates'> | null>(null);
  const make = useCall('delivery.certificates');
  const progress = useDeliveryProgress(jobId);

  async function start() {
    const id = newJobId();
    setJobId(id);
    setResult(null);
    const value = await make.run({ jobId: id, batch: status.batch });
    setJobId(null);
    if (value) setResult(value);
  }

  return (
    <div className="delivery-step">
      <h3>
        <FileText aria-hidden size={18} /> {t('certificates.title')}
      </h3>
      <p className="muted">{t('certificates.text')}</p>
      <div className="actions start">
        <button type="button" disabled={make.pending} onClick={() => void start()}>
          {t('certificates.make')}
        </button>
      </div>
      {make.pending && <DeliveryProgressBar progress={progress} label={t('certificates.making')} />}
      <ErrorNote error={make.error} />
      {result && (
        <FolderLine
          text={t('certificates.made', counted(result.written))}
          path={result.dir}
          folder="certificates"
          canOpen={status.canOpenFolder}
        />
      )}
      {result && (
        <ProblemList
          title={t('certificates.skipped', counted(result.skipped))}
          problems={result.problems.map((p) => ({ who: p.name ?? p.award, code: p.code }))}
        />
      )}
    </div>
  );
}

function TemplateEditor() {
  const { t } = useTranslation('delivery');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [template, setTemplate] = useState<ResValue<'delivery.template'> | null>(null);
  const [saved, setSaved] = useState(false);
  const load = useCall('delivery.template');
  const save = useCall('delivery.saveTemplate');
  const loadRun = load.run;

  useEffect(() => {
    if (!open || template) return;
    void loadRun({}).then((value) => {
      if (!value) return;
      setTemplate(value);
      setText(value.text);
    });
  }, [open, template, loadRun]);

  async function store(request: { text: string } | { reset: true }) {
    setSaved(false);
    const value = await save.run(request);
    if (!value) return;
    setTemplate(value);
    setText(value.text);
    setSaved(true);
  }

  return (
    <details
      className="delivery-template"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>{t('template.summary')}</summary>
      <p className="muted">{t('template.text')}</p>
      <ErrorNote error={load.error} />
      {template && text !== null && (
        <div className="form">
          <p className="muted">{template.custom ? t('template.custom') : t('template.builtIn')}</p>
          <label>
            {t('template.label')}
            <textarea
              value={text}
              rows={14}
              spellCheck
              aria-describedby="template-fields"
              onChange={(e) => {
                setText(e.target.value);
                setSaved(false);
              }}
            />
            <small id="template-fields">
              {t('template.fields', {
                fields: template.fields.map((f) => `{{${f}}}`).join(' '),
                interpolation: { escapeValue: false },
              })}
            </small>
          </label>
          <ErrorNote error={save.error} />
          {saved && (
            <p className="notice" role="status">
              {t('template.saved')}
            </p>
          )}
          <div className="actions start">
            <button type="button" disabled={save.pending} onClick={() => void store({ text })}>
              {t('template.save')}
            </button>
            {template.custom && (
              <button
                type="button"
                className="secondary"
                disabled={save.pending}
                onClick={() => void store({ reset: true })}
              >
                {t('template.reset')}
              </button>
            )}
          </div>
        </div>
      )}
    </details>
  );
}
