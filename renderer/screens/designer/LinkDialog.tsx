import { Dialog } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { useCall } from '../../ui/use-call.js';

/** "Use as the image of badge…": the design's SVG master and PNG become that badge class's images. */
export function LinkDialog({
  open,
  designId,
  beforeLink,
  onClose,
}: {
  open: boolean;
  designId: string;
  /** Saves the design first, so what is linked is what is on screen. */
  beforeLink(): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation('designer');
  const badges = useCall('designs.badges');
  const link = useCall('designs.link');
  const [list, setList] = useState<ResValue<'designs.badges'>>([]);
  const [badgeId, setBadgeId] = useState('');
  const [done, setDone] = useState<ResValue<'designs.link'> | null>(null);
  const runBadges = badges.run;

  useEffect(() => {
    if (!open) return;
    setDone(null);
    void runBadges({}).then((found) => {
      if (!found) return;
      setList(found);
      setBadgeId((id) => id || (found.find((b) => b.designId === designId) ?? found[0])?.id || '');
    });
  }, [open, runBadges, designId]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    await beforeLink();
    const result = await link.run({ designId, badgeId });
    if (result) setDone(result);
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>{t('link.title')}</Dialog.Title>
          <Dialog.Description className="muted">{t('link.description')}</Dialog.Description>
          {list.length === 0 && !badges.pending ? (
            <p>{t('link.noBadges')}</p>
          ) : (
            <form className="form" onSubmit={submit}>
              <label>
                {t('link.badge')}
                <select value={badgeId} onChange={(e) => setBadgeId(e.target.value)}>
                  {list.map((badge) => (
                    <option key={badge.id} value={badge.id}>
                      {badge.name}
                      {badge.designId === designId ? ` (${t('link.current')})` : ''}
                    </option>
                  ))}
                </select>
              </label>
              <ErrorNote error={badges.error ?? link.error} />
              {done && (
                <p className="notice" role="status">
                  {t('link.done', { badge: done.badge.name, file: done.badge.image })}
                  {done.fields.includes('recipient.name') && ` ${t('link.personal')}`}
                </p>
              )}
              <div className="actions">
                <Dialog.Close asChild>
                  <button type="button" className="secondary">
                    {done ? t('close') : t('cancel')}
                  </button>
                </Dialog.Close>
                <button type="submit" disabled={!badgeId || link.pending}>
                  {t('link.submit')}
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
