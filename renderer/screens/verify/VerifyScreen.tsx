import {
  CircleAlert,
  CircleCheck,
  CircleX,
  ShieldAlert,
  ShieldCheck,
  ShieldX,
  Upload,
} from 'lucide-react';
import { useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { checkName, checkSentence } from '../../../shared/messages/index.js';
import { fileToBase64 } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';
import './verify.css';

type Report = ResValue<'verify.file'>;

const ACCEPT = {
  'image/png': ['.png'],
  'image/svg+xml': ['.svg'],
  'application/json': ['.json'],
  'application/jose': ['.jws', '.jwt'],
};

const OUTCOME_ICONS = {
  verified: ShieldCheck,
  'verified-with-warnings': ShieldAlert,
  'not-verified': ShieldX,
} as const;

/** Drop a badge file, optionally the earner's e-mail; the report check by check in the user's language. */
export function VerifyScreen() {
  const { t } = useTranslation('verify');
  const [email, setEmail] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const verify = useCall('verify.file');

  async function check(next: File) {
    setFile(next);
    setReport(null);
    const result = await verify.run({
      file: { name: next.name, base64: await fileToBase64(next) },
      ...(email.trim() ? { email: email.trim() } : {}),
    });
    if (result) setReport(result);
  }

  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    accept: ACCEPT,
    multiple: false,
    onDrop: (accepted, rejected) => {
      const chosen = accepted[0] ?? rejected[0]?.file;
      if (chosen) void check(chosen);
    },
  });

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <div className="card verify-input">
        <div {...getRootProps({ className: 'dropzone', 'data-active': isDragActive })}>
          <input {...getInputProps({ 'aria-label': t('drop') })} />
          <Upload aria-hidden size={28} />
          <p>
            <strong>{isDragActive ? t('dropActive') : t('drop')}</strong>
          </p>
          <p className="muted">{t('dropHint')}</p>
        </div>
        <div className="form">
          <label>
            {t('email')}
            <input
              type="email"
              value={email}
              autoComplete="off"
              onChange={(event) => setEmail(event.target.value)}
              aria-describedby="verify-email-hint"
            />
            <small id="verify-email-hint">{t('emailHint')}</small>
          </label>
          {file && (
            <div className="actions start">
              <button
                type="button"
                className="secondary"
                onClick={() => void check(file)}
                disabled={verify.pending}
              >
                {t('again')}
              </button>
            </div>
          )}
        </div>
      </div>
      {verify.pending && file && (
        <p role="status" aria-live="polite">
          {t('checking', { name: file.name })}
        </p>
      )}
      <ErrorNote error={verify.error} />
      {report && <VerifyReport report={report} />}
    </>
  );
}

function VerifyReport({ report }: { report: Report }) {
  const { t } = useTranslation('verify');
  const lang = currentLang();
  const Icon = OUTCOME_ICONS[report.outcome];
  return (
    <section
      className={`card verify-report outcome-${report.outcome}`}
      aria-labelledby="verify-outcome"
    >
      <header className="verify-head">
        <Icon aria-hidden size={40} />
        <div>
          <h2 id="verify-outcome">{t(`outcome.${report.outcome}`)}</h2>
          <p>{t(`outcomeText.${report.outcome}`)}</p>
        </div>
      </header>
      {report.revoked && <p className="verify-flag revoked">{t('revoked')}</p>}
      {report.expired && <p className="verify-flag expired">{t('expired')}</p>}
      <dl className="verify-facts">
        <div>
          <dt>{t('fileLabel')}</dt>
          <dd>
            {report.name} — {t(`format.${report.format}`)}
            {report.image && <>, {t('baked', { image: report.image.toUpperCase() })}</>}
          </dd>
        </div>
        {report.issuer && (
          <div>
            <dt>{t('issuer')}</dt>
            <dd>
              {report.issuer.name && <strong>{report.issuer.name} </strong>}
              <code>{report.issuer.id}</code>
              {report.issuer.url && <> ({report.issuer.url})</>}
              <br />
              <small>
                {report.issuer.confirmed ? t('issuerConfirmed') : t('issuerUnconfirmed')}
              </small>
            </dd>
          </div>
        )}
        {report.badge && (
          <div>
            <dt>{t('badge')}</dt>
            <dd>{report.badge.name}</dd>
          </div>
        )}
      </dl>
      <h3>{t('checks')}</h3>
      <ul className="verify-checks">
        {report.checks.map((check, index) => {
          const state = !check.ok ? 'failed' : check.warning ? 'warning' : 'passed';
          const CheckIcon =
            state === 'failed' ? CircleX : state === 'warning' ? CircleAlert : CircleCheck;
          return (
            <li key={`${check.id}-${index}`} className={`check-${state}`}>
              <CheckIcon aria-hidden size={18} />
              <div>
                <strong>{checkName(check.id, lang)}</strong>{' '}
                <span className="visually-hidden">
                  ({t(`check${state[0]!.toUpperCase()}${state.slice(1)}`)})
                </span>
                <p>
                  {checkSentence(
                    {
                      id: check.id,
                      ok: check.ok,
                      message: check.message,
                      ...(check.warning !== undefined ? { warning: check.warning } : {}),
                      ...(check.code ? { code: check.code as `ERR_${string}` } : {}),
                      ...(check.messageKey ? { messageKey: check.messageKey } : {}),
                      ...(check.params ? { params: check.params } : {}),
                    },
                    lang,
                  )}
                  {check.code && (!check.ok || check.warning) && (
                    <>
                      {' '}
                      <code className="error-code">{check.code}</code>
                    </>
                  )}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      <p className="muted">{t(`resolvedWith.${report.resolvedWith}`)}</p>
    </section>
  );
}
