import { translateLayers } from '../../../shared/design/ops.js';
import type { Action } from './types.js';

/** Arrow keys move the selection 1 unit, or 10 with Shift. */
export const NUDGE = 1;
export const NUDGE_SHIFT = 10;

const DIRECTIONS = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
} as const;

function nudge(key: keyof typeof DIRECTIONS): Action {
  const [dx, dy] = DIRECTIONS[key];
  const name = `nudge${key.slice('Arrow'.length)}`;
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: [{ key }],
    enabled: (state) =>
      state.document.layers.some(
        (layer) => !layer.locked && state.session.selection.includes(layer.id),
      ),
    perform(store, input) {
      const step = input.shift ? NUDGE_SHIFT : NUDGE;
      store.apply((design) =>
        translateLayers(design, store.getState().session.selection, dx * step, dy * step),
      );
      return true;
    },
  };
}

export const nudgeActions = [
  nudge('ArrowLeft'),
  nudge('ArrowRight'),
  nudge('ArrowUp'),
  nudge('ArrowDown'),
];
