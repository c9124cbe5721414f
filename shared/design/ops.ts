/**
 * Pure operations on a design: each returns a new document and leaves its input untouched.
 * Locked layers are not moved, aligned or distributed; they can still be edited from the panel.
 */
import { BadgeError } from '../errors.js';
import type { BadgeDesign, DesignId, Fill, Frame, Layer, LayerId } from './model.js';

/** A change to a layer: anything but its id and type. */
export type LayerPatch = Partial<Omit<Layer, 'id' | 'type'>> & Record<string, unknown>;

/** A random id (Web Crypto, in Node and browsers). */
export function newLayerId(): LayerId {
  return `l${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}` as LayerId;
}

export function newDesignId(): DesignId {
  return `d${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}` as DesignId;
}

export function findLayer(design: BadgeDesign, id: LayerId): Layer | undefined {
  return design.layers.find((layer) => layer.id === id);
}

function indexOf(design: BadgeDesign, id: LayerId): number {
  const index = design.layers.findIndex((layer) => layer.id === id);
  if (index < 0)
    {throw new BadgeError('ERR_DESIGN_LAYER_NOT_FOUND', `The layer ${id} is not in this design.`);}
  return index;
}

const sameOrder = (a: readonly Layer[], b: readonly Layer[]) => a.every((layer, i) => layer === b[i]);

const withLayers = (design: BadgeDesign, layers: readonly Layer[]): BadgeDesign => ({
  ...design,
  layers,
});

/** Adds a layer on top, or at `index` (0 = bottom). */
export function addLayer(
  design: BadgeDesign,
  layer: Layer,
  index = design.layers.length,
): BadgeDesign {
  if (findLayer(design, layer.id))
    {throw new BadgeError(
      'ERR_DESIGN_LAYER_EXISTS',
      `A layer with id ${layer.id} is already in this design.`,
    );}
  const layers = [...design.layers];
  layers.splice(Math.max(0, Math.min(index, layers.length)), 0, layer);
  return withLayers(design, layers);
}

export function updateLayer(design: BadgeDesign, id: LayerId, patch: LayerPatch): BadgeDesign {
  const index = indexOf(design, id);
  const layers = [...design.layers];
  layers[index] = { ...layers[index]!, ...patch, id, type: layers[index]!.type } as Layer;
  return withLayers(design, layers);
}

export function updateLayers(
  design: BadgeDesign,
  ids: readonly LayerId[],
  patch: (layer: Layer) => LayerPatch | undefined,
): BadgeDesign {
  const wanted = new Set(ids);
  let changed = false;
  const layers = design.layers.map((layer) => {
    if (!wanted.has(layer.id)) return layer;
    const change = patch(layer);
    if (change === undefined) return layer;
    changed = true;
    return { ...layer, ...change, id: layer.id, type: layer.type } as Layer;
  });
  return changed ? withLayers(design, layers) : design;
}

export function removeLayers(design: BadgeDesign, ids: readonly LayerId[]): BadgeDesign {
  const gone = new Set(ids);
  return withLayers(
    design,
    design.layers.filter((layer) => !gone.has(layer.id)),
  );
}

/** Moves one layer to `index` in the stacking order (0 = bottom): what a drag in the layers panel does. */
export function reorderLayer(design: BadgeDesign, id: LayerId, index: number): BadgeDesign {
  const from = indexOf(design, id);
  const layers = [...design.layers];
  const [layer] = layers.splice(from, 1);
  layers.splice(Math.max(0, Math.min(index, layers.length)), 0, layer!);
  return withLayers(design, layers);
}

/**
 * Moves the given layers one step up (`forward`) or down (`backward`) past the next layer that is
 * not moving, or to the top (`front`) or bottom (`back`), keeping their order among themselves.
 */
export function restackLayers(
  design: BadgeDesign,
  ids: readonly LayerId[],
  where: 'forward' | 'backward' | 'front' | 'back',
): BadgeDesign {
  const moving = new Set(ids);
  const picked = design.layers.filter((layer) => moving.has(layer.id));
  if (picked.length === 0) return design;
  const rest = design.layers.filter((layer) => !moving.has(layer.id));
  const target = where === 'front' ? [...rest, ...picked] : where === 'back' ? [...picked, ...rest] : undefined;
  if (target) return sameOrder(design.layers, target) ? design : withLayers(design, target);
  const layers = [...design.layers];
  const order = where === 'forward' ? [...layers.keys()].reverse() : [...layers.keys()];
  const step = where === 'forward' ? 1 : -1;
  for (const i of order) {
    const j = i + step;
    if (!moving.has(layers[i]!.id) || j < 0 || j >= layers.length || moving.has(layers[j]!.id))
      {continue;}
    [layers[i], layers[j]] = [layers[j]!, layers[i]!];
  }
  return sameOrder(design.layers, layers) ? design : withLayers(design, layers);
}

/** Copies of the given layers placed just above the top one, offset by `offset`; returns the new ids too. */
export function duplicateLayers(
  design: BadgeDesign,
  ids: readonly LayerId[],
  options: { offset?: number; newId?: () => LayerId } = {},
): { design: BadgeDesign; ids: LayerId[] } {
  const offset = options.offset ?? 16;
  const makeId = options.newId ?? newLayerId;
  const wanted = new Set(ids);
  const originals = design.layers.filter((layer) => wanted.has(layer.id));
  const copies = originals.map(
    (layer) =>
      ({
        ...layer,
        id: makeId(),
        name: layer.name,
        x: layer.x + offset,
        y: layer.y + offset,
        locked: false,
      }) as Layer,
  );
  return { design: pasteLayers(design, copies), ids: copies.map((copy) => copy.id) };
}

/** Puts layers (from the clipboard, or copies) above the topmost selected position, i.e. on top. */
export function pasteLayers(design: BadgeDesign, layers: readonly Layer[]): BadgeDesign {
  return withLayers(design, [...design.layers, ...layers]);
}

/** Moves unlocked layers by (dx, dy). */
export function translateLayers(
  design: BadgeDesign,
  ids: readonly LayerId[],
  dx: number,
  dy: number,
): BadgeDesign {
  return updateLayers(design, ids, (layer) =>
    layer.locked ? undefined : { x: layer.x + dx, y: layer.y + dy },
  );
}

export type Alignment = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

/**
 * Aligns unlocked layers to the box around the selection, or to the canvas when `to` is 'canvas'
 * or only one layer is given. Works on unrotated boxes.
 */
export function alignLayers(
  design: BadgeDesign,
  ids: readonly LayerId[],
  alignment: Alignment,
  to: 'selection' | 'canvas' = 'selection',
): BadgeDesign {
  const picked = design.layers.filter((layer) => ids.includes(layer.id));
  if (picked.length === 0) return design;
  const bounds =
    to === 'canvas' || picked.length === 1
      ? { left: 0, top: 0, right: design.size.width, bottom: design.size.height }
      : {
          left: Math.min(...picked.map((l) => l.x)),
          top: Math.min(...picked.map((l) => l.y)),
          right: Math.max(...picked.map((l) => l.x + l.width)),
          bottom: Math.max(...picked.map((l) => l.y + l.height)),
        };
  return updateLayers(design, ids, (layer) => {
    if (layer.locked) return undefined;
    switch (alignment) {
      case 'left':
        return { x: bounds.left };
      case 'center':
        return { x: (bounds.left + bounds.right) / 2 - layer.width / 2 };
      case 'right':
        return { x: bounds.right - layer.width };
      case 'top':
        return { y: bounds.top };
      case 'middle':
        return { y: (bounds.top + bounds.bottom) / 2 - layer.height / 2 };
      case 'bottom':
        return { y: bounds.bottom - layer.height };
    }
  });
}

/** Spaces three or more unlocked layers evenly between the outermost two (equal gaps). */
export function distributeLayers(
  design: BadgeDesign,
  ids: readonly LayerId[],
  axis: 'horizontal' | 'vertical',
): BadgeDesign {
  const picked = design.layers.filter((layer) => ids.includes(layer.id) && !layer.locked);
  if (picked.length < 3) return design;
  const pos = (l: Layer) => (axis === 'horizontal' ? l.x : l.y);
  const len = (l: Layer) => (axis === 'horizontal' ? l.width : l.height);
  const sorted = [...picked].sort((a, b) => pos(a) - pos(b));
  const start = pos(sorted[0]!);
  const end = Math.max(...sorted.map((l) => pos(l) + len(l)));
  const gap = (end - start - sorted.reduce((sum, l) => sum + len(l), 0)) / (sorted.length - 1);
  const placed = new Map<LayerId, number>();
  let cursor = start;
  for (const layer of sorted) {
    placed.set(layer.id, cursor);
    cursor += len(layer) + gap;
  }
  return updateLayers(design, [...placed.keys()], (layer) =>
    axis === 'horizontal' ? { x: placed.get(layer.id)! } : { y: placed.get(layer.id)! },
  );
}

export function setBackground(design: BadgeDesign, background: Fill): BadgeDesign {
  return { ...design, background };
}

export function setFrame(design: BadgeDesign, frame: Partial<Frame>): BadgeDesign {
  return { ...design, frame: { ...design.frame, ...frame } };
}

export function renameDesign(design: BadgeDesign, name: string): BadgeDesign {
  return { ...design, name };
}
