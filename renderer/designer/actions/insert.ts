import type { FrameShape, ShapeKind } from '../../../shared/design/model.js';
import { addLayer, setFrame } from '../../../shared/design/ops.js';
import { newShape, newText } from '../new-layers.js';
import type { Action } from './types.js';

function insertShape(name: string, shape: ShapeKind, key?: string): Action {
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: key ? [{ key }] : [],
    enabled: () => true,
    perform(store) {
      const layer = newShape(store.getState().document, shape);
      store.apply((design) => addLayer(design, layer), { selection: [layer.id] });
      return true;
    },
  };
}

function insertText(
  name: string,
  arc: 'top' | 'bottom' | undefined,
  words: string,
  key?: string,
): Action {
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: key ? [{ key }] : [],
    enabled: () => true,
    perform(store) {
      const layer = newText(store.getState().document, words, { arc });
      store.apply((design) => addLayer(design, layer), { selection: [layer.id] });
      return true;
    },
  };
}

function frame(name: string, shape: FrameShape): Action {
  return {
    name,
    label: `designer.action.${name}`,
    shortcuts: [],
    enabled: (state) => state.document.frame.shape !== shape,
    perform(store) {
      store.apply((design) => setFrame(design, { shape }));
      return true;
    },
  };
}

export const insertActions = [
  insertShape('addRectangle', 'rect', 'r'),
  insertShape('addEllipse', 'ellipse', 'o'),
  insertShape('addPolygon', 'polygon'),
  insertShape('addStar', 'star'),
  insertShape('addLine', 'line', 'l'),
  insertShape('addBanner', 'banner'),
  insertText('addText', undefined, 'Text', 't'),
  insertText('addRimTop', 'top', 'RIM TEXT'),
  insertText('addRimBottom', 'bottom', 'RIM TEXT'),
];

export const frameActions = [
  frame('frameCircle', 'circle'),
  frame('frameHexagon', 'hexagon'),
  frame('frameShield', 'shield'),
  frame('frameRoundedSquare', 'rounded-square'),
  frame('frameStar', 'star'),
  frame('frameRibbon', 'ribbon'),
];
