import type { Layer } from '../../../shared/design/model.js';
import { newLayerId, pasteLayers } from '../../../shared/design/ops.js';
import type { Action } from './types.js';

/** Offset of each paste, so pasted copies do not hide the originals. */
const PASTE_OFFSET = 16;

export const actionCopy: Action = {
  name: 'copy',
  label: 'designer.action.copy',
  shortcuts: [{ key: 'c', mod: true }],
  enabled: (state) => state.session.selection.length > 0,
  perform(store) {
    store.setSession({ clipboard: store.selectedLayers() });
    return true;
  },
};

export const actionPaste: Action = {
  name: 'paste',
  label: 'designer.action.paste',
  shortcuts: [{ key: 'v', mod: true }],
  enabled: (state) => state.session.clipboard.length > 0,
  perform(store) {
    const { clipboard } = store.getState().session;
    const copies = clipboard.map(
      (layer) =>
        ({
          ...layer,
          id: newLayerId(),
          x: layer.x + PASTE_OFFSET,
          y: layer.y + PASTE_OFFSET,
          locked: false,
        }) as Layer,
    );
    store.apply((design) => pasteLayers(design, copies), {
      selection: copies.map((copy) => copy.id),
    });
    // The next paste lands a step further.
    store.setSession({ clipboard: copies });
    return true;
  },
};

export const clipboardActions = [actionCopy, actionPaste];
