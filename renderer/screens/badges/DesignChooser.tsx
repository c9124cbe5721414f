import { Palette } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { call, useCall } from '../../ui/use-call.js';

type DesignSummary = ResValue<'designs.list'>[number];

const THUMB_SIZE = 96;

/** A design's picture with the badge's name in it, as the badge would show it. */
function DesignThumb({ id, badgeName }: { id: string; badgeName: string }) {
  const [src, setSrc] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void (async () => {
      const loaded = await call('designs.load', { id });
      if (!loaded.ok || !live) return;
      const drawn = await call('designs.render', {
        document: loaded.value.document,
        format: 'png',
        size: THUMB_SIZE,
        fields: { 'badge.name': badgeName },
        missingFields: 'blank',
      });
      if (drawn.ok && live) setSrc(`data:image/png;base64,${drawn.value.base64}`);
    })();
    return () => {
      live = false;
    };
  }, [id, badgeName]);
  return src ? <img src={src} alt="" className="thumb" width={THUMB_SIZE} height={THUMB_SIZE} /> : <span className="thumb placeholder" aria-hidden />;
}

/**
 * Makes one of the workspace's designs the badge's image (its SVG master and PNG, as the
 * Designer's "Use as the image of badge…" does); a new badge must be saved first.
 */
export function DesignChooser({
  badgeId,
  badgeName,
  badgeNames,
  onLinked,
}: {
  badgeId: string | null;
  badgeName: string;
  /** Names of the other badges, by id, to say which badge a design is the image of now. */
  badgeNames: ReadonlyMap<string, string>;
  onLinked(design: DesignSummary): void;
}) {
  const { t } = useTranslation('badges');
  const { navigate } = useApp();
  const [open, setOpen] = useState(false);
  const list = useCall('designs.list');
  const link = useCall('designs.link');
  const [designs, setDesigns] = useState<DesignSummary[] | null>(null);

  useEffect(() => {
    if (!open) return;
    void list.run({}).then((value) => setDesigns(value ?? null));
  }, [open, list.run]);

  async function choose(design: DesignSummary) {
    if (!badgeId) return;
    const linked = await link.run({ designId: design.id, badgeId });
    if (linked) {
      setOpen(false);
      onLinked(design);
    }
  }

  if (!badgeId) {
    return (
      <div className="design-slot">
        <button type="button" className="secondary" disabled aria-describedby="design-save-first">
          <Palette aria-hidden size={16} /> {t('field.chooseDesign')}
        </button>
        <small id="design-save-first">{t('design.saveFirst')}</small>
      </div>
    );
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <div className="design-slot">
        <Dialog.Trigger asChild>
          <button type="button" className="secondary">
            <Palette aria-hidden size={16} /> {t('field.chooseDesign')}
          </button>
        </Dialog.Trigger>
        <small>{t('design.hint')}</small>
      </div>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog design-chooser">
          <Dialog.Title>{t('design.title', { name: badgeName })}</Dialog.Title>
          <Dialog.Description>{t('design.description')}</Dialog.Description>
          <ErrorNote error={list.error ?? link.error} />
          {designs === null && !list.error && <p className="muted">{t('design.loading')}</p>}
          {designs?.length === 0 && (
            <p>
              {t('design.none')}{' '}
              <button type="button" className="link" onClick={() => navigate('designer')}>
                {t('design.openDesigner')}
              </button>
            </p>
          )}
          {designs && designs.length > 0 && (
            <ul className="design-list">
              {designs.map((design) => {
                const current = design.badgeId === badgeId;
                const other = design.badgeId !== null && !current ? (badgeNames.get(design.badgeId) ?? design.badgeId) : undefined;
                return (
                  <li key={design.id}>
                    <DesignThumb id={design.id} badgeName={badgeName} />
                    <div>
                      <strong>{design.name}</strong>
                      {current && <small>{t('design.current')}</small>}
                      {other !== undefined && <small>{t('design.usedBy', { badge: other })}</small>}
                    </div>
                    <button type="button" disabled={link.pending || current} onClick={() => void choose(design)}>
                      {t('design.use')}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="actions">
            <Dialog.Close asChild>
              <button type="button" className="secondary">
                {t('design.close')}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
