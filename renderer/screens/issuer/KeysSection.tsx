import { AlertDialog } from 'radix-ui';
import { KeyRound } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { formatDate } from '../../../shared/messages/index.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';

type KeyInfo = ResValue<'keys.list'>['keys'][number];
type KeyType = KeyInfo['type'];

const KEY_TYPES: KeyType[] = ['Ed25519', 'RSA', 'P-256'];

/** Every signing key, public parts only, and making a new one (the old one stays published). */
export function KeysSection() {
  const { t } = useTranslation('issuer');
  const list = useCall('keys.list');
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const [rotated, setRotated] = useState<ResValue<'keys.rotate'> | null>(null);
  const lang = currentLang();

  const reload = useCallback(async () => {
    const value = await list.run({});
    if (value) setKeys(value.keys);
  }, [list.run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p className="muted">{t('keys.intro')}</p>
      <ErrorNote error={list.error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('keys.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keys.type')}</th>
              <th scope="col">{t('keys.created')}</th>
              <th scope="col">{t('keys.fingerprint')}</th>
              <th scope="col">{t('keys.status')}</th>
              <th scope="col">{t('keys.inUse')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.type}</td>
                <td>{formatDate(key.created, lang)}</td>
                <td>
                  <code className="fingerprint">{key.id}</code>
                </td>
                <td>
                  <span className={`status status-${key.status}`}>{t(`keys.${key.status}`)}</span>
                  {key.retired && (
                    <small> {t('keys.retiredOn', { date: formatDate(key.retired, lang) })}</small>
                  )}
                </td>
                <td>
                  {key.signed > 0 ? t('keys.signed', { count: key.signed }) : t('keys.unused')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rotated && (
        <p className="notice" role="status">
          {t('keys.rotated', { type: rotated.key.type })}
        </p>
      )}
      <RotateKey
        onDone={(result) => {
          setRotated(result);
          void reload();
        }}
      />
    </section>
  );
}

function RotateKey({ onDone }: { onDone(result: ResValue<'keys.rotate'>): void }) {
  const { t } = useTranslation('issuer');
  const { ensureUnlocked } = useApp();
  const rotate = useCall('keys.rotate');
  const [type, setType] = useState<KeyType>('Ed25519');
  const [open, setOpen] = useState(false);

  async function start() {
    rotate.setError(null);
    if (await ensureUnlocked()) setOpen(true);
  }

  async function confirm() {
    const result = await rotate.run({ type });
    if (result) {
      setOpen(false);
      onDone(result);
    }
  }

  return (
    <div className="rotate">
      <label>
        {t('keys.newType')}
        <select value={type} onChange={(event) => setType(event.target.value as KeyType)}>
          {KEY_TYPES.map((option) => (
            <option key={option} value={option}>
              {t(`keys.typeName.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <AlertDialog.Root open={open} onOpenChange={setOpen}>
        <button type="button" onClick={() => void start()}>
          <KeyRound aria-hidden size={16} /> {t('keys.generate')}
        </button>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog">
            <AlertDialog.Title>{t('keys.confirmTitle', { type })}</AlertDialog.Title>
            <AlertDialog.Description>{t('keys.confirmText')}</AlertDialog.Description>
            <ErrorNote error={rotate.error} />
            <div className="actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="secondary">
                  {t('common:cancel')}
                </button>
              </AlertDialog.Cancel>
              <button
                type="button"
                onClick={() => void confirm()}
                disabled={rotate.pending}
                aria-busy={rotate.pending}
              >
                {t('keys.confirm')}
              </button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
