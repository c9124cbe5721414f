import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppState } from './app-context.js';
import { ErrorNote } from './ErrorNote.js';
import { useCall } from './use-call.js';
import { Checkbox } from './Checkbox.js';

/** Asks for the workspace passphrase; main keeps the unlocked keys for this session only. */
export function UnlockDialog({
  open,
  canRemember,
  onDone,
}: {
  open: boolean;
  canRemember: boolean;
  onDone(unlocked: AppState['workspace'] | null): void;
}) {
  const { t } = useTranslation('common');
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const unlock = useCall('workspace.unlock');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const summary = await unlock.run({ passphrase, remember });
    if (summary) {
      setPassphrase('');
      onDone(summary);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onDone(null)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>{t('unlock.title')}</Dialog.Title>
          <Dialog.Description>{t('unlock.description')}</Dialog.Description>
          <form onSubmit={submit} className="form">
            <label>
              {t('unlock.passphrase')}
              <input
                type="password"
                autoComplete="current-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                required
                autoFocus
                aria-describedby={unlock.error ? 'unlock-error' : undefined}
              />
            </label>
            {canRemember && (
              <Checkbox checked={remember} onChange={setRemember}>
                {t('unlock.remember')}
              </Checkbox>
            )}
            <ErrorNote error={unlock.error} id="unlock-error" />
            <div className="actions">
              <Dialog.Close asChild>
                <button type="button" className="secondary">
                  {t('cancel')}
                </button>
              </Dialog.Close>
              <button type="submit" disabled={unlock.pending || passphrase === ''}>
                {t('unlock.submit')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
