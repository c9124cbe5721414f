/**
 * The fabric canvas as a view of the DesignStore (a one-way reconciler keyed by layer id): every
 * store change creates, updates or removes fabric objects to match the document, and fabric's
 * gestures come back as document operations (one undo step each). Fabric never holds the truth
 * and its JSON is never stored; zoom is the session's, panning is the view's own.
 */
import { ActiveSelection, Canvas, util, type FabricObject, type TPointerEventInfo } from 'fabric';
import { framePath, type Box } from '../../../shared/design/geometry.js';
import type { BadgeDesign, Layer, LayerId } from '../../../shared/design/model.js';
import { updateLayers, type LayerPatch } from '../../../shared/design/ops.js';
import { frameBox } from '../../../shared/design/svg.js';
import type { DesignAssets } from '../assets.js';
import { frameSvg, layerArea, layerSvg, svgToCanvas } from '../render.js';
import { snapBox, snapLines } from '../snapping.js';
import type { DesignStore, DesignerState } from '../store.js';
import { LayerObject } from './layer-object.js';

export interface FabricViewCallbacks {
  /** A double click on a text layer: the screen opens its editor. */
  onEditText(layerId: LayerId): void;
  onError(error: unknown): void;
}

/** Screen pixels within which a moving object snaps. */
const SNAP_PIXELS = 6;
/** Largest side of one layer's bitmap, in pixels. */
const MAX_BITMAP = 4096;

const round = (value: number) => Math.round(value * 100) / 100;

function normaliseAngle(angle: number): number {
  const a = ((angle % 360) + 360) % 360;
  return round(a > 180 ? a - 360 : a);
}

export class FabricView {
  readonly canvas: Canvas;
  private readonly objects = new Map<LayerId, LayerObject>();
  private readonly frame = new LayerObject('');
  private shown: BadgeDesign | null = null;
  private shownLayers = new Map<LayerId, Layer>();
  private zoom = 1;
  private pan = { x: 0, y: 0 };
  private syncing = false;
  private guides: { x: number | null; y: number | null } = { x: null, y: null };
  private panning: { x: number; y: number } | null = null;
  private spaceHeld = false;
  private rasterGeneration = 0;
  private rezoomTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;
  private disposed = false;
  /** While a drag lasts: what lies under and over the moving layers, drawn once. */
  private still: { below: HTMLCanvasElement; above: HTMLCanvasElement } | null = null;

  constructor(
    element: HTMLCanvasElement,
    private readonly store: DesignStore,
    private readonly assets: DesignAssets,
    private readonly callbacks: FabricViewCallbacks,
  ) {
    this.canvas = new Canvas(element, {
      preserveObjectStacking: true,
      renderOnAddRemove: false,
      skipOffscreen: true,
      stopContextMenu: true,
      fireRightClick: false,
      selectionColor: 'rgba(37, 99, 235, 0.08)',
      selectionBorderColor: '#2563eb',
      uniformScaling: false,
    });
    this.frame.selectable = false;
    this.frame.evented = false;
    this.frame.hoverCursor = 'default';
    this.canvas.add(this.frame);
    this.bindEvents();
    this.unsubscribe = store.subscribe((state) => this.render(state));
    this.render(store.getState());
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    clearTimeout(this.rezoomTimer);
    void this.canvas.dispose();
  }

  /** The view's size in CSS pixels (the host element's). */
  setSize(width: number, height: number): void {
    this.canvas.setDimensions({ width: Math.max(1, width), height: Math.max(1, height) });
    this.applyViewport();
  }

  /** The zoom that shows the whole design with a margin. */
  fitZoom(): number {
    const design = this.store.getState().document;
    const margin = 48;
    return Math.min(
      (this.canvas.getWidth() - margin) / design.size.width,
      (this.canvas.getHeight() - margin) / design.size.height,
    );
  }

  /** Centres the design in the view at the session's zoom. */
  centre(): void {
    const design = this.store.getState().document;
    this.pan = {
      x: (this.canvas.getWidth() - design.size.width * this.zoom) / 2,
      y: (this.canvas.getHeight() - design.size.height * this.zoom) / 2,
    };
    this.applyViewport();
  }

  /** Where a layer sits on screen (CSS pixels from the canvas's corner), for an in-place editor. */
  screenBox(id: LayerId): Box | undefined {
    const layer = this.store.getState().document.layers.find((l) => l.id === id);
    if (!layer) return undefined;
    return {
      x: layer.x * this.zoom + this.pan.x,
      y: layer.y * this.zoom + this.pan.y,
      width: layer.width * this.zoom,
      height: layer.height * this.zoom,
    };
  }

  private applyViewport(): void {
    this.canvas.setViewportTransform([this.zoom, 0, 0, this.zoom, this.pan.x, this.pan.y]);
    this.canvas.requestRenderAll();
  }

  private render(state: DesignerState): void {
    if (this.disposed) return;
    const design = state.document;
    if (!this.assets.isReady(design)) {
      this.assets.prepare(design).then(
        () => {
          if (this.store.getState().document === design) this.render(this.store.getState());
        },
        (error: unknown) => this.callbacks.onError(error),
      );
      return;
    }
    if (state.session.zoom !== this.zoom) this.setZoom(state.session.zoom);
    if (design !== this.shown) this.reconcile(design);
    this.syncSelection(state.session.selection);
    this.canvas.requestRenderAll();
  }

  private setZoom(zoom: number): void {
    // Keep the middle of the view where it is.
    const cx = this.canvas.getWidth() / 2;
    const cy = this.canvas.getHeight() / 2;
    this.pan = {
      x: cx - ((cx - this.pan.x) / this.zoom) * zoom,
      y: cy - ((cy - this.pan.y) / this.zoom) * zoom,
    };
    this.zoom = zoom;
    this.applyViewport();
    // Sharper bitmaps for the new zoom, once the zooming stops.
    clearTimeout(this.rezoomTimer);
    this.rezoomTimer = setTimeout(() => this.redrawAll(), 200);
  }

  private redrawAll(): void {
    const design = this.shown;
    if (!design) return;
    this.drawFrame(design);
    for (const layer of design.layers) {
      const object = this.objects.get(layer.id);
      if (object) void this.drawLayer(object, layer, design);
    }
  }

  private reconcile(design: BadgeDesign): void {
    const previous = this.shown;
    this.shown = design;
    const active = this.canvas.getActiveObject();
    if (active instanceof ActiveSelection) {
      // Children of a selection are placed relative to it: release them before moving them.
      this.syncing = true;
      this.canvas.discardActiveObject();
      this.syncing = false;
    }
    const frameChanged =
      !previous ||
      previous.size !== design.size ||
      previous.frame !== design.frame ||
      previous.background !== design.background;
    if (frameChanged) {
      this.frame.set({
        left: design.size.width / 2,
        top: design.size.height / 2,
        width: design.size.width,
        height: design.size.height,
      });
      this.drawFrame(design);
    }
    const clip = design.frame.clip
      ? new Path2D(framePath(design.frame.shape, frameBox(design)))
      : null;
    const next = new Map<LayerId, Layer>();
    const order: FabricObject[] = [this.frame];
    for (const layer of design.layers) {
      next.set(layer.id, layer);
      let object = this.objects.get(layer.id);
      if (!object) {
        object = new LayerObject(layer.id);
        this.objects.set(layer.id, object);
        this.canvas.add(object);
      }
      if (frameChanged) object.frameClip = clip;
      order.push(object);
      if (this.shownLayers.get(layer.id) === layer && !frameChanged) continue;
      object.set({
        left: layer.x + layer.width / 2,
        top: layer.y + layer.height / 2,
        width: layer.width,
        height: layer.height,
        angle: layer.rotation,
        scaleX: 1,
        scaleY: 1,
        visible: !layer.hidden,
        selectable: !layer.locked,
        evented: !layer.locked,
        hasControls: !layer.locked,
        lockMovementX: layer.locked,
        lockMovementY: layer.locked,
      });
      object.setCoords();
      void this.drawLayer(object, layer, design);
    }
    for (const [id, object] of this.objects) {
      if (!next.has(id)) {
        this.canvas.remove(object);
        this.objects.delete(id);
      }
    }
    const current = this.canvas.getObjects();
    order.forEach((object, index) => {
      if (current[index] !== object) this.canvas.moveObjectTo(object, index);
    });
    this.shownLayers = next;
  }

  private bitmapScale(area: Box): number {
    const wanted = this.zoom * this.canvas.getRetinaScaling();
    return Math.min(wanted, MAX_BITMAP / Math.max(area.width, area.height, 1));
  }

  private async drawLayer(object: LayerObject, layer: Layer, design: BadgeDesign): Promise<void> {
    const generation = ++this.rasterGeneration;
    object.drawing = generation;
    try {
      const area = layerArea(layer);
      const scale = this.bitmapScale(area);
      const bitmap = await svgToCanvas(
        layerSvg(design, layer, area, this.assets),
        area.width * scale,
        area.height * scale,
      );
      if (object.drawing !== generation || this.disposed) return;
      object.raster = {
        bitmap,
        area,
        cx: layer.x + layer.width / 2,
        cy: layer.y + layer.height / 2,
        rotation: layer.rotation,
        width: layer.width,
        height: layer.height,
      };
      this.canvas.requestRenderAll();
    } catch (error) {
      this.callbacks.onError(error);
    }
  }

  private drawFrame(design: BadgeDesign): void {
    const area = { x: 0, y: 0, width: design.size.width, height: design.size.height };
    const scale = this.bitmapScale(area);
    const generation = ++this.rasterGeneration;
    this.frame.drawing = generation;
    svgToCanvas(frameSvg(design, this.assets, area), area.width * scale, area.height * scale).then(
      (bitmap) => {
        if (this.frame.drawing !== generation || this.disposed) return;
        this.frame.raster = {
          bitmap,
          area,
          cx: area.width / 2,
          cy: area.height / 2,
          rotation: 0,
          width: area.width,
          height: area.height,
        };
        this.canvas.requestRenderAll();
      },
      (error: unknown) => this.callbacks.onError(error),
    );
  }

  private syncSelection(selection: readonly LayerId[]): void {
    const current = this.canvas
      .getActiveObjects()
      .filter((o): o is LayerObject => o instanceof LayerObject)
      .map((o) => o.layerId);
    if (current.length === selection.length && current.every((id, i) => id === selection[i])) {
      return;
    }
    this.syncing = true;
    try {
      this.canvas.discardActiveObject();
      const objects = selection
        .map((id) => this.objects.get(id))
        .filter((o): o is LayerObject => o !== undefined && o.visible);
      if (objects.length === 1) this.canvas.setActiveObject(objects[0]!);
      else if (objects.length > 1) {
        this.canvas.setActiveObject(new ActiveSelection(objects, { canvas: this.canvas }));
      }
    } finally {
      this.syncing = false;
    }
  }

  private selectedFromCanvas(): void {
    if (this.syncing) return;
    const ids = this.canvas
      .getActiveObjects()
      .filter((o): o is LayerObject => o instanceof LayerObject && o.layerId !== '')
      .map((o) => o.layerId as LayerId);
    this.store.select(ids);
  }

  private movingObjects(target: FabricObject): LayerObject[] {
    const list = target instanceof ActiveSelection ? target.getObjects() : [target];
    return list.filter((o): o is LayerObject => o instanceof LayerObject && o.layerId !== '');
  }

  private snap(target: FabricObject): void {
    const moving = new Set(this.movingObjects(target).map((o) => o.layerId));
    const design = this.store.getState().document;
    const others = design.layers.filter((l) => !moving.has(l.id) && !l.hidden);
    const bounds = target.getBoundingRect();
    const result = snapBox(
      { x: bounds.left, y: bounds.top, width: bounds.width, height: bounds.height },
      snapLines(design.size, others),
      SNAP_PIXELS / this.zoom,
    );
    if (result.dx !== 0 || result.dy !== 0) {
      target.set({ left: target.left + result.dx, top: target.top + result.dy });
      target.setCoords();
    }
    this.guides = result.guides;
  }

  /** Turns what fabric did to the objects into one document change (one undo step). */
  private commitTransform(target: FabricObject): void {
    this.guides = { x: null, y: null };
    const patches = new Map<LayerId, LayerPatch>();
    const design = this.store.getState().document;
    for (const object of this.movingObjects(target)) {
      const layer = design.layers.find((l) => l.id === object.layerId);
      if (!layer) continue;
      const t = util.qrDecompose(object.calcTransformMatrix());
      const width = Math.max(1, round(object.width * Math.abs(t.scaleX)));
      const height = Math.max(1, round(object.height * Math.abs(t.scaleY)));
      const patch: LayerPatch = {
        x: round(t.translateX - width / 2),
        y: round(t.translateY - height / 2),
        width,
        height,
        rotation: normaliseAngle(t.angle),
      };
      // A text pulled by a corner grows or shrinks its letters (and its rim) with its box.
      const grow = Math.min(width / layer.width, height / layer.height);
      if (layer.type === 'text' && width !== layer.width && height !== layer.height) {
        patch.font = { ...layer.font, size: round(layer.font.size * grow) };
        if (layer.arc) patch.arc = { ...layer.arc, radius: round(layer.arc.radius * grow) };
      }
      patches.set(layer.id, patch);
    }
    if (patches.size === 0) return;
    this.store.apply((d) => updateLayers(d, [...patches.keys()], (layer) => patches.get(layer.id)));
  }

  /**
   * At the start of a drag, draws the layers that do not move into two pictures (under and over
   * the moving ones), so each frame of the drag paints three images instead of every layer.
   */
  private freeze(target: FabricObject): void {
    const moving = new Set<FabricObject>(this.movingObjects(target));
    const objects = this.canvas.getObjects();
    const first = objects.findIndex((o) => moving.has(o));
    const last = objects.findLastIndex((o) => moving.has(o));
    if (first < 0) return;
    const element = this.canvas.getElement();
    const r = this.canvas.getRetinaScaling();
    const [a, b, c, d, e, f] = this.canvas.viewportTransform;
    const paint = (list: FabricObject[]) => {
      const picture = document.createElement('canvas');
      picture.width = element.width;
      picture.height = element.height;
      const ctx = picture.getContext('2d')!;
      ctx.setTransform(r * a, r * b, r * c, r * d, r * e, r * f);
      for (const object of list) if (object.visible) object.render(ctx);
      return picture;
    };
    const below = objects.slice(0, first);
    const above = objects.slice(last + 1);
    const between = objects.slice(first, last + 1).filter((o) => !moving.has(o));
    if (between.length > 0) return; // Layers interleaved with the moving ones: draw them all.
    this.still = { below: paint(below), above: paint(above) };
    for (const object of [...below, ...above])
      {if (object instanceof LayerObject) object.frozen = true;}
  }

  private thaw(): void {
    if (!this.still) return;
    this.still = null;
    for (const object of this.canvas.getObjects())
      {if (object instanceof LayerObject) object.frozen = false;}
    this.canvas.requestRenderAll();
  }

  private drawStill(ctx: CanvasRenderingContext2D, which: 'below' | 'above'): void {
    if (!this.still) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.still[which], 0, 0);
    ctx.restore();
  }

  private bindEvents(): void {
    const canvas = this.canvas;
    canvas.on('before:transform', ({ transform }) => this.freeze(transform.target));
    canvas.on('before:render', ({ ctx }) => this.drawStill(ctx, 'below'));
    canvas.on('selection:created', () => this.selectedFromCanvas());
    canvas.on('selection:updated', () => this.selectedFromCanvas());
    canvas.on('selection:cleared', () => this.selectedFromCanvas());
    canvas.on('object:moving', ({ target }) => this.snap(target));
    canvas.on('object:modified', ({ target }) => {
      this.thaw();
      this.commitTransform(target);
    });
    canvas.on('mouse:dblclick', ({ target }) => {
      if (!(target instanceof LayerObject)) return;
      const layer = this.store.getState().document.layers.find((l) => l.id === target.layerId);
      if (layer?.type === 'text' && !layer.locked) this.callbacks.onEditText(layer.id);
    });
    canvas.on('mouse:wheel', (info: TPointerEventInfo<WheelEvent>) => this.wheel(info.e));
    canvas.on('mouse:down', (info) => {
      const e = info.e as MouseEvent;
      if (this.store.getState().session.tool === 'hand' || this.spaceHeld || e.button === 1) {
        this.panning = { x: e.clientX, y: e.clientY };
        canvas.selection = false;
        canvas.setCursor('grabbing');
      }
    });
    canvas.on('mouse:move', (info) => {
      if (!this.panning) return;
      const e = info.e as MouseEvent;
      this.pan = {
        x: this.pan.x + e.clientX - this.panning.x,
        y: this.pan.y + e.clientY - this.panning.y,
      };
      this.panning = { x: e.clientX, y: e.clientY };
      this.applyViewport();
    });
    canvas.on('mouse:up', () => {
      this.thaw();
      if (this.panning) {
        this.panning = null;
        canvas.selection = true;
      }
      if (this.guides.x !== null || this.guides.y !== null) {
        this.guides = { x: null, y: null };
        canvas.requestRenderAll();
      }
    });
    canvas.on('after:render', ({ ctx }) => {
      this.drawStill(ctx, 'above');
      this.drawGuides(ctx);
    });
  }

  /** Space held down pans with the pointer (set by the screen's key handlers). */
  setSpaceHeld(held: boolean): void {
    this.spaceHeld = held;
    this.canvas.defaultCursor = held ? 'grab' : 'default';
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      const zoom = this.store.getState().session.zoom * Math.pow(0.998, event.deltaY);
      this.store.setSession({ zoom });
      return;
    }
    this.pan = { x: this.pan.x - event.deltaX, y: this.pan.y - event.deltaY };
    this.applyViewport();
  }

  private drawGuides(ctx: CanvasRenderingContext2D): void {
    const { x, y } = this.guides;
    if (x === null && y === null) return;
    const size = this.store.getState().document.size;
    const r = this.canvas.getRetinaScaling();
    ctx.save();
    ctx.setTransform(r, 0, 0, r, 0, 0);
    ctx.strokeStyle = '#e11d48';
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    if (x !== null) {
      const sx = Math.round(x * this.zoom + this.pan.x) + 0.5;
      ctx.moveTo(sx, this.pan.y - 20);
      ctx.lineTo(sx, this.pan.y + size.height * this.zoom + 20);
    }
    if (y !== null) {
      const sy = Math.round(y * this.zoom + this.pan.y) + 0.5;
      ctx.moveTo(this.pan.x - 20, sy);
      ctx.lineTo(this.pan.x + size.width * this.zoom + 20, sy);
    }
    ctx.stroke();
    ctx.restore();
  }
}
