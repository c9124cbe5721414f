import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerId, TextLayer } from '../../../shared/design/model.js';
import { updateLayer } from '../../../shared/design/ops.js';
import { FabricView } from '../../designer/fabric/view.js';
import type { DesignStore } from '../../designer/store.js';
import { designAssets } from './shared.js';

/** The one component that owns the <canvas> and its fabric view (React never touches fabric elsewhere). */
export function CanvasHost({
  store,
  onError,
  viewRef,
}: {
  store: DesignStore;
  onError(error: unknown): void;
  viewRef: { current: FabricView | null };
}) {
  const { t } = useTranslation('designer');
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [editing, setEditing] = useState<{ id: LayerId; text: string } | null>(null);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  useEffect(() => {
    const host = hostRef.current;
    const element = canvasRef.current;
    if (!host || !element) return;
    const view = new FabricView(element, store, designAssets, {
      onEditText: (id) => {
        const layer = store.getState().document.layers.find((l) => l.id === id) as TextLayer;
        setEditing({ id, text: layer.text });
      },
      onError: (error) => onErrorRef.current(error),
    });
    viewRef.current = view;
    view.setSize(host.clientWidth, host.clientHeight);
    store.setSession({ zoom: Math.max(0.1, Math.min(2, view.fitZoom())) });
    view.centre();
    const observer = new ResizeObserver(() => view.setSize(host.clientWidth, host.clientHeight));
    observer.observe(host);
    return () => {
      observer.disconnect();
      viewRef.current = null;
      view.dispose();
    };
  }, [store, viewRef]);

  const box = editing ? viewRef.current?.screenBox(editing.id) : undefined;

  function finish(commit: boolean) {
    if (editing && commit) {
      const { id, text } = editing;
      store.apply((design) => updateLayer(design, id, { text: text.slice(0, 500) }));
    }
    setEditing(null);
  }

  return (
    <div className="designer-canvas" ref={hostRef}>
      <canvas ref={canvasRef} aria-label={t('canvas.label')} />
      {editing && box && (
        <textarea
          className="text-editor"
          aria-label={t('canvas.editText')}
          autoFocus
          value={editing.text}
          style={{
            left: box.x,
            top: Math.max(0, box.y + box.height / 2 - 40),
            width: Math.max(160, box.width),
          }}
          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
          onBlur={() => finish(true)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') finish(false);
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              finish(true);
            }
          }}
        />
      )}
    </div>
  );
}
