import {
  Eye,
  EyeOff,
  GripVertical,
  Image,
  Lock,
  LockOpen,
  Shapes,
  Smile,
  Type,
} from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer, LayerId } from '../../../shared/design/model.js';
import { reorderLayer, updateLayer } from '../../../shared/design/ops.js';
import type { DesignStore, DesignerState } from '../../designer/store.js';

const KIND_ICON = { shape: Shapes, text: Type, icon: Smile, image: Image } as const;

/** Layers top first: select, rename (double click), hide, lock, and drag to restack. */
export function LayersPanel({ store, state }: { store: DesignStore; state: DesignerState }) {
  const { t } = useTranslation('designer');
  const [dragging, setDragging] = useState<LayerId | null>(null);
  const [over, setOver] = useState<LayerId | null>(null);
  const [renaming, setRenaming] = useState<LayerId | null>(null);
  const layers = [...state.document.layers].reverse();
  const selected = new Set(state.session.selection);
  const patch = (id: LayerId, change: Partial<Layer>) =>
    store.apply((d) => updateLayer(d, id, change));

  function drop(target: Layer, carried: string) {
    const moving = (dragging ?? carried) as LayerId;
    if (!moving || moving === target.id || !state.document.layers.some((l) => l.id === moving))
      {return;}
    const index = state.document.layers.findIndex((l) => l.id === target.id);
    store.apply((d) => reorderLayer(d, moving, index));
    setDragging(null);
    setOver(null);
  }

  return (
    <section className="layers" aria-labelledby="layers-title">
      <h2 id="layers-title">{t('layers.title')}</h2>
      <ol className="layer-list" aria-label={t('layers.list')}>
        {layers.map((layer) => {
          const Kind = KIND_ICON[layer.type];
          return (
            <li
              key={layer.id}
              className="layer-row"
              data-selected={selected.has(layer.id)}
              data-over={over === layer.id}
              data-testid={`layer-${layer.id}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', layer.id);
                setDragging(layer.id);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(layer.id);
              }}
              onDragLeave={() => setOver((id) => (id === layer.id ? null : id))}
              onDrop={(e) => {
                e.preventDefault();
                e.stopPropagation();
                drop(layer, e.dataTransfer.getData('text/plain'));
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
            >
              <GripVertical aria-hidden size={14} className="grip" />
              <Kind aria-hidden size={14} />
              {renaming === layer.id ? (
                <input
                  className="layer-name-input"
                  aria-label={t('layers.rename', { name: layer.name })}
                  defaultValue={layer.name}
                  maxLength={200}
                  autoFocus
                  onBlur={(e) => {
                    patch(layer.id, { name: e.target.value.trim() || layer.name });
                    setRenaming(null);
                  }}
                  onKeyDown={(e) => {
                    e.stopPropagation();
                    if (e.key === 'Enter') e.currentTarget.blur();
                    if (e.key === 'Escape') setRenaming(null);
                  }}
                />
              ) : (
                <button
                  type="button"
                  className="layer-name"
                  aria-pressed={selected.has(layer.id)}
                  onClick={(e) =>
                    store.select(
                      e.shiftKey || e.ctrlKey || e.metaKey
                        ? selected.has(layer.id)
                          ? state.session.selection.filter((id) => id !== layer.id)
                          : [...state.session.selection, layer.id]
                        : [layer.id],
                    )
                  }
                  onDoubleClick={() => setRenaming(layer.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'F2') setRenaming(layer.id);
                  }}
                >
                  {layer.name}
                </button>
              )}
              <button
                type="button"
                className="icon-button plain"
                aria-label={t(layer.hidden ? 'layers.show' : 'layers.hide', { name: layer.name })}
                title={t(layer.hidden ? 'layers.show' : 'layers.hide', { name: layer.name })}
                onClick={() => patch(layer.id, { hidden: !layer.hidden })}
              >
                {layer.hidden ? <EyeOff aria-hidden size={16} /> : <Eye aria-hidden size={16} />}
              </button>
              <button
                type="button"
                className="icon-button plain"
                aria-label={t(layer.locked ? 'layers.unlock' : 'layers.lock', { name: layer.name })}
                title={t(layer.locked ? 'layers.unlock' : 'layers.lock', { name: layer.name })}
                onClick={() => patch(layer.id, { locked: !layer.locked })}
              >
                {layer.locked ? <Lock aria-hidden size={16} /> : <LockOpen aria-hidden size={16} />}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="muted small">{t('layers.hint')}</p>
    </section>
  );
}
