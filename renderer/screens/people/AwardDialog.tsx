import { Ban, Download, ExternalLink, FileText, Mail } from 'lucide-react';
import { AlertDialog, Dialog } from 'radix-ui';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BadgeErrorShape } from '../../../shared/errors.js';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { formatDate } from '../../../shared/messages/index.js';
import { downloadBase64 } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { call, useCall } from '../../ui/use-call.js';

type Award = ResValue<'people.award'>;
type Credential = Award['credentials'][number];

function credentialState(
  award: Award,
  credential: Credential,
): 'Valid' | 'Revoked' | 'Expired' | 'Pending' {
  if (credential.revoked) return 'Revoked';
  if (credential.state === 'pending') return 'Pending';
  if (award.status === 'expired') return 'Expired';
  return 'Valid';
}

/** One award: its credentials per format with their state, files to download, its page, and revoking it. */
export function AwardDialog({
  awardId,
  personName,
  onClose,
  onChanged,
}: {
  awardId: string;
  personName: string;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation('people');
  const lang = currentLang();
  const [award, setAward] = useState<Award | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fileError, setFileError] = useState<BadgeErrorShape | null>(null);
  const load = useCall('people.award');
  const run = load.run;

  useEffect(() => {
    void run({ awardId }).then((value) => value && setAward(value));
  }, [run, awardId]);

  async function download(credential: string, kind: Credential['files'][number]['kind']) {
    setFileError(null);
    const result = await call('people.download', { awardId, credential, kind });
    if (result.ok) downloadBase64(result.value.name, result.value.base64, result.value.type);
    else setFileError(result.error);
  }

  async function openPage(page: string) {
    setFileError(null);
    const preview = await call('publish.preview', {});
    if (preview.ok) window.open(new URL(page, preview.value.url).href, '_blank', 'noopener');
    else setFileError(preview.error);
  }

  const title = award
    ? t('award.title', { badge: award.badge.name, person: personName })
    : t('loading');

  return (
    <Dialog.Root open onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog award-dialog" aria-describedby={undefined}>
          <Dialog.Title>{title}</Dialog.Title>
          <ErrorNote error={load.error} />
          {award && (
            <>
              <p className="award-meta">
                <span className={`status-pill status-${award.status}`}>
                  {t(`status.${award.status}`)}
                </span>{' '}
                {t('award.issuedOn', { date: formatDate(award.issuedOn, lang) })}
                {award.validUntil && (
                  <> · {t('award.validUntil', { date: formatDate(award.validUntil, lang) })}</>
                )}
              </p>
              {award.revokedAt && (
                <p className="warning">
                  {award.revocationReason
                    ? t('award.revokedOn', {
                        date: formatDate(award.revokedAt, lang),
                        reason: award.revocationReason,
                      })
                    : t('award.revokedNoReason', { date: formatDate(award.revokedAt, lang) })}
                </p>
              )}
              {notice && (
                <p className="notice" role="status">
                  {notice}
                </p>
              )}
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('award.format')}</th>
                      <th scope="col">{t('award.state')}</th>
                      <th scope="col">{t('award.files')}</th>
                      <th scope="col">{t('award.page')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {award.credentials.map((credential) => {
                      const state = credentialState(award, credential);
                      return (
                        <tr key={credential.id}>
                          <th scope="row">{t(`formats.${credential.format}`)}</th>
                          <td>
                            <span className={`status-pill status-${state.toLowerCase()}`}>
                              {t(`award.credential${state}`)}
                            </span>
                          </td>
                          <td>
                            <div className="file-buttons">
                              {credential.files.map((file) => (
                                <button
                                  key={file.kind}
                                  type="button"
                                  className="secondary small"
                                  aria-label={t('award.download', { name: file.name })}
                                  onClick={() => void download(credential.id, file.kind)}
                                >
                                  <Download aria-hidden size={14} /> {file.kind.toUpperCase()}
                                </button>
                              ))}
                            </div>
                          </td>
                          <td>
                            {credential.sitePage ? (
                              <button
                                type="button"
                                className="link"
                                aria-label={t('award.openPageLabel', {
                                  format: t(`formats.${credential.format}`),
                                })}
                                onClick={() => void openPage(credential.sitePage as string)}
                              >
                                {t('award.openPage')} <ExternalLink aria-hidden size={14} />
                              </button>
                            ) : (
                              <small>{t('award.noPage')}</small>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {award.pageUrl && (
                <p className="muted public-url">{t('award.publicPage', { url: award.pageUrl })}</p>
              )}
              <DeliverySection award={award} onChanged={onChanged} />
              <ErrorNote error={fileError} />
              <div className="actions">
                {award.status !== 'revoked' && (
                  <RevokeDialog
                    award={award}
                    personName={personName}
                    onRevoked={(next, count) => {
                      setAward(next);
                      setNotice(count > 0 ? t('revoke.done', { count }) : t('revoke.already'));
                      onChanged();
                    }}
                  />
                )}
                <Dialog.Close asChild>
                  <button type="button" className="secondary">
                    {t('award.close')}
                  </button>
                </Dialog.Close>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Revoking every format of the award at once, with a published reason, behind a confirmation. */
function RevokeDialog({
  award,
  personName,
  onRevoked,
}: {
  award: Award;
  personName: string;
  onRevoked(award: Award, count: number): void;
}) {
  const { t } = useTranslation('people');
  const { t: common } = useTranslation('common');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useCall('people.revoke');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await revoke.run({ awardId: award.id, reason });
    if (result) {
      setOpen(false);
      setReason('');
      onRevoked(result.award, result.revoked);
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" className="danger">
          <Ban aria-hidden size={16} /> {t('award.revoke')}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>
            {t('revoke.title', { badge: award.badge.name, person: personName })}
          </AlertDialog.Title>
          <AlertDialog.Description>{t('revoke.description')}</AlertDialog.Description>
          <form className="form" onSubmit={submit}>
            <label>
              {t('revoke.reason')}
              <textarea
                value={reason}
                maxLength={500}
                onChange={(event) => setReason(event.target.value)}
              />
            </label>
            <ErrorNote error={revoke.error} />
            <div className="actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="secondary">
                  {common('cancel')}
                </button>
              </AlertDialog.Cancel>
              <button type="submit" className="danger" disabled={revoke.pending}>
                {t('revoke.confirm')}
              </button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

type DeliveryState = ResValue<'delivery.states'>['states'][number];

/** The award's e-mail: what became of it, and its draft and certificate to download. */
function DeliverySection({ award, onChanged }: { award: Award; onChanged(): void }) {
  const { t } = useTranslation('people');
  const lang = currentLang();
  const [state, setState] = useState<DeliveryState | null>(null);
  const [error, setError] = useState<BadgeErrorShape | null>(null);
  const [busy, setBusy] = useState<'draft' | 'certificate' | null>(null);

  const loadState = useCallback(async () => {
    const result = await call('delivery.states', { awardIds: [award.id] });
    if (result.ok) setState(result.value.states[0] ?? null);
    else setError(result.error);
  }, [award.id]);

  useEffect(() => {
    void loadState();
  }, [loadState]);

  async function download(what: 'draft' | 'certificate') {
    setError(null);
    setBusy(what);
    const result =
      what === 'draft'
        ? await call('delivery.awardDraft', { awardId: award.id })
        : await call('delivery.awardCertificate', { awardId: award.id });
    setBusy(null);
    if (result.ok) {
      downloadBase64(
        result.value.name,
        result.value.base64,
        what === 'draft' ? 'message/rfc822' : 'application/pdf',
      );
      // A downloaded draft is recorded as drafted, like the drafts of a whole batch.
      if (what === 'draft') {
        await loadState();
        onChanged();
      }
    } else setError(result.error);
  }

  const date = state?.at ? formatDate(state.at, lang) : '';
  return (
    <section className="award-delivery" aria-labelledby="award-delivery-title">
      <h3 id="award-delivery-title">{t('delivery.title')}</h3>
      {state && (
        <p>
          {t('delivery.label')}:{' '}
          <span className={`delivery-state state-${state.state}`}>
            {state.state === 'none'
              ? t('delivery.none')
              : t(`delivery.${state.state}`, { date, reason: state.reason ?? '' })}
          </span>
        </p>
      )}
      <div className="file-buttons">
        <button
          type="button"
          className="secondary small"
          disabled={busy !== null}
          onClick={() => void download('draft')}
        >
          <Mail aria-hidden size={14} /> {t('delivery.draft')}
        </button>
        <button
          type="button"
          className="secondary small"
          disabled={busy !== null}
          onClick={() => void download('certificate')}
        >
          <FileText aria-hidden size={14} /> {t('delivery.certificate')}
        </button>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
