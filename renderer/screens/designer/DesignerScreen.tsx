import { Download, FilePlus2, Link2 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { BadgeDesign } from '../../../shared/design/model.js';
import { addLayer, updateLayer } from '../../../shared/design/ops.js';
import { designFileStem } from '../../../shared/design/file-name.js';
import { restoreDesign } from '../../../shared/design/restore.js';
import type { BadgeErrorShape } from '../../../shared/errors.js';
import { handleKey } from '../../designer/actions/registry.js';
import { Autosaver, type SaveStatus } from '../../designer/autosave.js';
import type { FabricView } from '../../designer/fabric/view.js';
import { newIcon, newImage } from '../../designer/new-layers.js';
import { designSvg, exportPng } from '../../designer/render.js';
import { DesignStore } from '../../designer/store.js';
import { useDesignerState } from '../../designer/use-store.js';
import { downloadBase64, fileToBase64 } from '../../platform/api.js';
import { useWorkspace } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { call } from '../../ui/use-call.js';
import { CanvasHost } from './CanvasHost.js';
import { IconPicker } from './IconPicker.js';
import { LayersPanel } from './LayersPanel.js';
import { LinkDialog } from './LinkDialog.js';
import { PropertiesPanel } from './PropertiesPanel.js';
import { designAssets, downloadBlob, errorShape } from './shared.js';
import { TemplatePicker, type OpenedDesign } from './TemplatePicker.js';
import { Toolbar } from './Toolbar.js';
import './designer.css';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
/** Longest side of the PNG exported from the page. */
const EXPORT_SIZE = 512;

/** The badge designer: a template to start from, then the canvas, tools, properties and layers. */
export function DesignerScreen() {
  const workspace = useWorkspace();
  const currentKey = `badgesmith.designer.current:${workspace.dir}`;
  const [opened, setOpened] = useState<BadgeDesign | null>(null);
  const [picking, setPicking] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<BadgeErrorShape | null>(null);

  const open = useCallback(
    (design: OpenedDesign) => {
      const restored = restoreDesign(design.document);
      if (!restored.ok) {
        setError(restored.error);
        return;
      }
      localStorage.setItem(currentKey, restored.value.id);
      setOpened(restored.value);
      setPicking(false);
    },
    [currentKey],
  );

  useEffect(() => {
    const id = localStorage.getItem(currentKey);
    if (!id) {
      setLoading(false);
      return;
    }
    void call('designs.load', { id }).then((result) => {
      if (result.ok) open(result.value);
      else localStorage.removeItem(currentKey);
      setLoading(false);
    });
  }, [currentKey, open]);

  if (loading) return null;
  if (!opened || picking) {
    return (
      <>
        <ErrorNote error={error} />
        <TemplatePicker onOpen={open} onCancel={opened ? () => setPicking(false) : undefined} />
      </>
    );
  }
  return <DesignerEditor key={opened.id} initial={opened} onStart={() => setPicking(true)} />;
}

function DesignerEditor({ initial, onStart }: { initial: BadgeDesign; onStart(): void }) {
  const { t } = useTranslation('designer');
  const store = useMemo(() => new DesignStore(initial), [initial]);
  const state = useDesignerState(store);
  const viewRef = useRef<FabricView | null>(null);
  const saverRef = useRef<Autosaver | null>(null);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<BadgeErrorShape | null>(null);
  const [iconPicker, setIconPicker] = useState<'add' | 'replace' | null>(null);
  const [linking, setLinking] = useState(false);

  useEffect(() => {
    const saver = new Autosaver(
      store,
      async (document) => {
        const result = await call('designs.save', { document });
        if (!result.ok) setError(result.error);
        return result.ok;
      },
      setStatus,
    );
    saverRef.current = saver;
    const flush = () => void saver.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      saver.dispose();
    };
  }, [store]);

  const onError = useCallback((e: unknown) => setError(errorShape(e)), []);

  const imageDrop = useDropzone({
    multiple: false,
    noClick: true,
    noKeyboard: true,
    accept: { 'image/png': ['.png'], 'image/jpeg': ['.jpg', '.jpeg'], 'image/svg+xml': ['.svg'] },
    onDrop: async ([file]) => {
      if (!file) return;
      const result = await call('designs.importImage', {
        file: { name: file.name, base64: await fileToBase64(file) },
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      const layer = newImage(store.getState().document, result.value.src, result.value, file.name);
      store.apply((d) => addLayer(d, layer), { selection: [layer.id] });
    },
  });

  const selectedIcon = state.document.layers.find(
    (l) => l.type === 'icon' && state.session.selection.includes(l.id),
  );

  function pickIcon(icon: string, colour: string) {
    const target = iconPicker === 'replace' ? selectedIcon : undefined;
    if (target) {
      store.apply((d) =>
        updateLayer(d, target.id, { icon, color: colour, name: icon.replace(/^lucide:/, '') }),
      );
    } else {
      const layer = newIcon(store.getState().document, icon, colour);
      store.apply((d) => addLayer(d, layer), { selection: [layer.id] });
    }
    setIconPicker(null);
  }

  async function exportImage(format: 'png' | 'svg') {
    const design = store.getState().document;
    try {
      await designAssets.prepare(design);
      const name = `${designFileStem(design.name)}.${format}`;
      if (format === 'png') downloadBlob(name, await exportPng(design, designAssets, EXPORT_SIZE));
      else
        {downloadBlob(name, new Blob([designSvg(design, designAssets)], { type: 'image/svg+xml' }));}
    } catch (e) {
      onError(e);
    }
  }

  async function exportFile() {
    await saverRef.current?.flush();
    const result = await call('designs.exportFile', { id: store.getState().document.id });
    if (result.ok) downloadBase64(result.value.name, result.value.base64, 'application/json');
    else setError(result.error);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [role="dialog"], [role="menu"]')) return;
    if (event.key === ' ') {
      viewRef.current?.setSpaceHeld(true);
      event.preventDefault();
      return;
    }
    if (handleKey(store, event, isMac)) event.preventDefault();
  }

  return (
    <div
      className="designer"
      onKeyDown={onKeyDown}
      onKeyUp={(e) => e.key === ' ' && viewRef.current?.setSpaceHeld(false)}
      {...imageDrop.getRootProps()}
    >
      <input {...imageDrop.getInputProps({ 'aria-label': t('toolbar.image') })} />
      <div className="designer-head">
        <h1>{t('title')}</h1>
        <span className="design-name">{state.document.name}</span>
        <span className="save-status" role="status" data-status={status}>
          {t(`status.${status}`)}
        </span>
        <div className="head-actions">
          <button type="button" className="secondary" onClick={onStart}>
            <FilePlus2 aria-hidden size={16} /> {t('head.start')}
          </button>
          <DropdownMenu.Root>
            <DropdownMenu.Trigger asChild>
              <button type="button" className="secondary">
                <Download aria-hidden size={16} /> {t('head.export')}
              </button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
                <DropdownMenu.Item className="menu-item" onSelect={() => void exportImage('png')}>
                  {t('head.exportPng')}
                </DropdownMenu.Item>
                <DropdownMenu.Item className="menu-item" onSelect={() => void exportImage('svg')}>
                  {t('head.exportSvg')}
                </DropdownMenu.Item>
                <DropdownMenu.Item className="menu-item" onSelect={() => void exportFile()}>
                  {t('head.exportFile')}
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
          <button type="button" onClick={() => setLinking(true)}>
            <Link2 aria-hidden size={16} /> {t('head.link')}
          </button>
        </div>
      </div>
      <ErrorNote error={error} />
      <Toolbar
        store={store}
        state={state}
        onIcon={() => setIconPicker('add')}
        onImage={imageDrop.open}
      />
      <div className="designer-body">
        <CanvasHost store={store} onError={onError} viewRef={viewRef} />
        <aside className="designer-side" aria-label={t('side.label')}>
          <PropertiesPanel
            store={store}
            state={state}
            onChangeIcon={() => setIconPicker('replace')}
          />
          <LayersPanel store={store} state={state} />
        </aside>
      </div>
      <IconPicker
        open={iconPicker !== null}
        replacing={iconPicker === 'replace'}
        initialColour={selectedIcon?.type === 'icon' ? selectedIcon.color : '#1f2937'}
        onClose={() => setIconPicker(null)}
        onPick={pickIcon}
      />
      <LinkDialog
        open={linking}
        designId={state.document.id}
        beforeLink={async () => {
          await saverRef.current?.flush();
        }}
        onClose={() => setLinking(false)}
      />
    </div>
  );
}
