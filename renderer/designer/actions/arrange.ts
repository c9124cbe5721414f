import { alignLayers, distributeLayers, type Alignment } from '../../../shared/design/ops.js';
import type { DesignerState } from '../store.js';
import type { Action } from './types.js';

const movable = (state: DesignerState) =>
  state.document.layers.filter((l) => !l.locked && state.session.selection.includes(l.id)).length;

function align(name: string, alignment: Alignment): Action {
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: [],
    enabled: (state) => movable(state) > 0,
    perform(store) {
      const before = store.getState().document;
      store.apply((design) => alignLayers(design, store.getState().session.selection, alignment));
      return store.getState().document !== before;
    },
  };
}

function distribute(name: string, axis: 'horizontal' | 'vertical'): Action {
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: [],
    enabled: (state) => movable(state) >= 3,
    perform(store) {
      const before = store.getState().document;
      store.apply((design) => distributeLayers(design, store.getState().session.selection, axis));
      return store.getState().document !== before;
    },
  };
}

export const arrangeActions = [
  align('alignLeft', 'left'),
  align('alignCenter', 'center'),
  align('alignRight', 'right'),
  align('alignTop', 'top'),
  align('alignMiddle', 'middle'),
  align('alignBottom', 'bottom'),
  distribute('distributeHorizontal', 'horizontal'),
  distribute('distributeVertical', 'vertical'),
];
