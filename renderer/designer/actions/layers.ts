import { duplicateLayers, removeLayers, restackLayers } from '../../../shared/design/ops.js';
import type { DesignerState } from '../store.js';
import type { Action } from './types.js';

const hasSelection = (state: DesignerState) => state.session.selection.length > 0;
const hasUnlockedSelection = (state: DesignerState) =>
  state.document.layers.some(
    (layer) => !layer.locked && state.session.selection.includes(layer.id),
  );

export const actionDelete: Action = {
  name: 'delete',
  label: 'designer.action.delete',
  shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
  enabled: hasUnlockedSelection,
  perform(store) {
    const ids = store
      .selectedLayers()
      .filter((layer) => !layer.locked)
      .map((layer) => layer.id);
    store.apply((design) => removeLayers(design, ids), { selection: [] });
    return true;
  },
};

export const actionDuplicate: Action = {
  name: 'duplicate',
  label: 'designer.action.duplicate',
  shortcuts: [{ key: 'd', mod: true }],
  enabled: hasSelection,
  perform(store) {
    const { document, session } = store.getState();
    const result = duplicateLayers(document, session.selection);
    store.apply(() => result.design, { selection: result.ids });
    return true;
  },
};

function restack(
  name: string,
  where: 'forward' | 'backward' | 'front' | 'back',
  shortcut: { key: string; shift: boolean },
): Action {
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: [{ key: shortcut.key, mod: true, shift: shortcut.shift }],
    enabled: hasSelection,
    perform(store) {
      const before = store.getState().document;
      store.apply((design) => restackLayers(design, store.getState().session.selection, where));
      return store.getState().document !== before;
    },
  };
}

export const actionBringForward = restack('bringForward', 'forward', { key: ']', shift: false });
export const actionSendBackward = restack('sendBackward', 'backward', { key: '[', shift: false });
export const actionBringToFront = restack('bringToFront', 'front', { key: ']', shift: true });
export const actionSendToBack = restack('sendToBack', 'back', { key: '[', shift: true });

export const actionSelectAll: Action = {
  name: 'selectAll',
  label: 'designer.action.selectAll',
  shortcuts: [{ key: 'a', mod: true }],
  enabled: (state) => state.document.layers.some((layer) => !layer.hidden),
  perform(store) {
    store.select(
      store
        .getState()
        .document.layers.filter((layer) => !layer.hidden && !layer.locked)
        .map((layer) => layer.id),
    );
    return true;
  },
};

export const layerActions = [
  actionDelete,
  actionDuplicate,
  actionBringForward,
  actionSendBackward,
  actionBringToFront,
  actionSendToBack,
  actionSelectAll,
];
