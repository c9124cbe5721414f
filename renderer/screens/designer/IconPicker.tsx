import { Dialog } from 'radix-ui';
import { createElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IconNode } from '../../../shared/design/assets.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { useCall } from '../../ui/use-call.js';
import { designAssets } from './shared.js';

const SVG_ATTRIBUTE: Record<string, string> = { 'stroke-width': 'strokeWidth' };

/** An icon drawn from its checked nodes (drawing elements and numeric geometry only). */
export function IconPreview({ nodes, size = 28 }: { nodes: readonly IconNode[]; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      {nodes.map(([tag, attributes], i) =>
        createElement(tag, {
          key: i,
          ...Object.fromEntries(
            Object.entries(attributes).map(([k, v]) => [SVG_ATTRIBUTE[k] ?? k, v]),
          ),
        }),
      )}
    </svg>
  );
}

/** Searches Lucide's icons (by name or English tag) and picks one, with its colour. */
export function IconPicker({
  open,
  replacing,
  initialColour,
  onClose,
  onPick,
}: {
  open: boolean;
  replacing: boolean;
  initialColour: string;
  onClose(): void;
  onPick(icon: string, colour: string): void;
}) {
  const { t } = useTranslation('designer');
  const search = useCall('designs.searchIcons');
  const [query, setQuery] = useState('');
  const [colour, setColour] = useState(initialColour);
  const [results, setResults] = useState<{ id: string; nodes: IconNode[] }[]>([]);
  const runSearch = search.run;

  useEffect(() => setColour(initialColour.slice(0, 7)), [initialColour, open]);
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(async () => {
      const found = await runSearch({ query: query.trim() || 'star', limit: 72 });
      if (found) {
        designAssets.addIcons(found);
        setResults(found);
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [query, open, runSearch]);

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog icon-dialog">
          <Dialog.Title>{replacing ? t('icons.replaceTitle') : t('icons.title')}</Dialog.Title>
          <Dialog.Description className="muted">{t('icons.description')}</Dialog.Description>
          <div className="form">
            <label>
              {t('icons.search')}
              <input
                type="search"
                value={query}
                autoFocus
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
            <label className="field colour">
              <span>{t('icons.colour')}</span>
              <input type="color" value={colour} onChange={(e) => setColour(e.target.value)} />
            </label>
          </div>
          <ErrorNote error={search.error} />
          <ul className="icon-grid" aria-label={t('icons.results')}>
            {results.map((icon) => {
              const name = icon.id.replace(/^lucide:/, '');
              return (
                <li key={icon.id}>
                  <button
                    type="button"
                    className="icon-choice"
                    aria-label={name}
                    title={name}
                    style={{ color: colour }}
                    onClick={() => onPick(icon.id, colour)}
                  >
                    <IconPreview nodes={icon.nodes} />
                  </button>
                </li>
              );
            })}
          </ul>
          {results.length === 0 && !search.pending && <p className="muted">{t('icons.none')}</p>}
          <div className="actions">
            <Dialog.Close asChild>
              <button type="button" className="secondary">
                {t('cancel')}
              </button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
