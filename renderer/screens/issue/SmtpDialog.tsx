import { Send } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Req, ResValue } from '../../../shared/ipc/contract/index.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { call, useCall } from '../../ui/use-call.js';
import { counted } from './counted.js';
import {
  DeliveryProgressBar,
  newJobId,
  ProblemList,
  reportProblems,
  useDeliveryProgress,
  type DeliveryReport,
} from './delivery-parts.js';
import { Checkbox } from '../../ui/Checkbox.js';

type Status = ResValue<'delivery.status'>;

/** Errors whose catalogue sentence speaks of the command line: the dialog adds where to fix them here. */
const HINTED = new Set([
  'ERR_SMTP_AUTH',
  'ERR_SMTP_TLS',
  'ERR_SMTP_CONNECT',
  'ERR_SMTP_SENDER_REFUSED',
  'ERR_SMTP_INSECURE',
  'ERR_SMTP_PASSWORD_MISSING',
  'ERR_DELIVERY_FROM_MISSING',
]);
type Security = Req<'delivery.send'>['smtp']['security'];

/**
 * Sending through the association's SMTP account: the account (password for this run only),
 * Check the account (log in, count), then Send with progress and Stop, and the result with
 * every refused address and Try again.
 */
export function SmtpDialog({
  status,
  onClose,
  onSent,
}: {
  status: Status;
  onClose(): void;
  onSent(): void;
}) {
  const { t } = useTranslation('delivery');
  const saved = status.smtp;
  const [host, setHost] = useState(saved?.host ?? '');
  const [port, setPort] = useState(saved?.port ? String(saved.port) : '');
  const [security, setSecurity] = useState<Security>(saved?.security ?? 'starttls');
  const [user, setUser] = useState(saved?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(saved?.from ?? '');
  const [remember, setRemember] = useState(true);
  const [checked, setChecked] = useState<DeliveryReport | null>(null);
  const [result, setResult] = useState<DeliveryReport | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const check = useCall('delivery.checkAccount');
  const send = useCall('delivery.send');
  const progress = useDeliveryProgress(jobId);

  const smtp = (): Req<'delivery.send'>['smtp'] => ({
    host: host.trim(),
    security,
    ...(port.trim() ? { port: Number(port) } : {}),
    ...(user.trim() ? { user: user.trim(), password } : {}),
    ...(from.trim() ? { from: from.trim() } : {}),
  });

  async function checkAccount() {
    setChecked(null);
    const value = await check.run({ batch: status.batch, smtp: smtp() });
    if (value) setChecked(value.report);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = newJobId();
    setJobId(id);
    setCancelling(false);
    setResult(null);
    const value = await send.run({ jobId: id, batch: status.batch, smtp: smtp(), remember });
    setJobId(null);
    if (value) setResult(value.report);
    onSent();
  }

  async function cancel() {
    if (!jobId) return;
    setCancelling(true);
    await call('delivery.cancel', { jobId });
  }

  const sending = send.pending;
  const accountError = check.error ?? send.error;
  const stopped = result?.stopped;
  return (
    <Dialog.Root open onOpenChange={(next) => !next && !sending && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog smtp-dialog">
          <Dialog.Title>{t('smtp.title')}</Dialog.Title>
          <Dialog.Description className="muted">{t('smtp.description')}</Dialog.Description>
          <form className="form" onSubmit={submit}>
            <fieldset
              disabled={sending}
              className="smtp-fields"
              hidden={sending || result !== null}
            >
              <label>
                {t('smtp.host')}
                <input
                  value={host}
                  required
                  autoComplete="off"
                  placeholder="smtp.example.org"
                  onChange={(e) => setHost(e.target.value)}
                />
              </label>
              <div className="smtp-row">
                <label>
                  {t('smtp.security')}
                  <select
                    value={security}
                    onChange={(e) => setSecurity(e.target.value as Security)}
                  >
                    <option value="starttls">{t('smtp.starttls')}</option>
                    <option value="tls">{t('smtp.tls')}</option>
                    <option value="none">{t('smtp.none')}</option>
                  </select>
                </label>
                <label className="smtp-port">
                  {t('smtp.port')}
                  <input
                    value={port}
                    inputMode="numeric"
                    pattern="[0-9]*"
                    placeholder={security === 'tls' ? '465' : security === 'none' ? '25' : '587'}
                    onChange={(e) => setPort(e.target.value)}
                  />
                </label>
              </div>
              <label>
                {t('smtp.user')}
                <input value={user} autoComplete="off" onChange={(e) => setUser(e.target.value)} />
              </label>
              <label>
                {t('smtp.password')}
                <input
                  type="password"
                  value={password}
                  autoComplete="off"
                  required={user.trim() !== ''}
                  aria-describedby="smtp-password-hint"
                  onChange={(e) => setPassword(e.target.value)}
                />
                <small id="smtp-password-hint">{t('smtp.passwordHint')}</small>
              </label>
              <label>
                {t('smtp.from')}
                <input
                  type="email"
                  value={from}
                  autoComplete="off"
                  placeholder={status.issuerEmail ?? ''}
                  aria-describedby="smtp-from-hint"
                  onChange={(e) => setFrom(e.target.value)}
                />
                <small id="smtp-from-hint">
                  {t('smtp.fromHint', { email: status.issuerEmail ?? '—' })}
                </small>
              </label>
              <Checkbox checked={remember} onChange={setRemember}>
                {t('smtp.remember')}
              </Checkbox>
            </fieldset>
            <ErrorNote error={accountError} />
            {accountError && HINTED.has(accountError.code) && (
              <p className="muted">{t(`hints.${accountError.code}`)}</p>
            )}
            {checked && !sending && !result && (
              <div className="notice" role="status">
                <p>
                  {t('smtp.checked', counted(checked.done))}{' '}
                  {checked.alreadyDone > 0 && t('smtp.already', counted(checked.alreadyDone))}{' '}
                  {checked.skipped > 0 && t('smtp.skipped', counted(checked.skipped))}
                </p>
              </div>
            )}
            {checked && !result && (
              <ProblemList problems={reportProblems(checked)} title={t('problems.title')} />
            )}
            {sending && (
              <>
                <DeliveryProgressBar
                  progress={progress}
                  label={cancelling ? t('smtp.cancelling') : t('smtp.sending')}
                />
                <div className="actions">
                  <button
                    type="button"
                    className="danger"
                    disabled={cancelling}
                    onClick={() => void cancel()}
                  >
                    {t('smtp.cancel')}
                  </button>
                </div>
              </>
            )}
            {result && (
              <section aria-labelledby="smtp-result" className="smtp-result">
                <h3 id="smtp-result">{t('smtp.resultTitle')}</h3>
                <ul className="result-counts">
                  <li className="tag ok">{t('smtp.sent', counted(result.done))}</li>
                  {result.failed > 0 && (
                    <li className="tag bad">{t('smtp.failed', counted(result.failed))}</li>
                  )}
                  {result.alreadyDone > 0 && (
                    <li className="tag">{t('smtp.alreadyDone', counted(result.alreadyDone))}</li>
                  )}
                  {result.unconfirmed > 0 && (
                    <li className="tag bad">
                      {t('smtp.unconfirmed', counted(result.unconfirmed))}
                    </li>
                  )}
                </ul>
                {stopped && (
                  <ErrorNote
                    error={{ code: stopped.code as `ERR_${string}`, message: stopped.message }}
                  />
                )}
                {stopped && HINTED.has(stopped.code) && (
                  <p className="muted">{t(`hints.${stopped.code}`)}</p>
                )}
                <ProblemList problems={reportProblems(result)} title={t('problems.title')} />
              </section>
            )}
            {!sending && (
              <div className="actions">
                <Dialog.Close asChild>
                  <button type="button" className="secondary">
                    {t('smtp.close')}
                  </button>
                </Dialog.Close>
                {!result && (
                  <button
                    type="button"
                    className="secondary"
                    disabled={check.pending || host.trim() === ''}
                    onClick={() => void checkAccount()}
                  >
                    {check.pending ? t('smtp.checking') : t('smtp.check')}
                  </button>
                )}
                <button type="submit">
                  <Send aria-hidden size={16} /> {result ? t('smtp.again') : t('smtp.send')}
                </button>
              </div>
            )}
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
