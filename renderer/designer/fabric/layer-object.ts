/**
 * A fabric object standing for one layer (or the frame): its box, rotation and handles are
 * fabric's, its picture is a bitmap of that layer's own SVG from `toSvg`. The bitmap remembers the
 * geometry it was drawn for, so while fabric moves, scales or turns the object the same bitmap is
 * shown transformed, until the document catches up and a fresh one is drawn.
 */
import { FabricObject } from 'fabric';
import type { Box } from '../../../shared/design/geometry.js';

export interface Raster {
  readonly bitmap: HTMLCanvasElement;
  /** The design area the bitmap covers. */
  readonly area: Box;
  /** The layer's centre, rotation (degrees) and size when drawn. */
  readonly cx: number;
  readonly cy: number;
  readonly rotation: number;
  readonly width: number;
  readonly height: number;
}

export class LayerObject extends FabricObject {
  /** The layer's id; empty for the frame. */
  layerId = '';
  raster: Raster | null = null;
  /** Drawn into the view's still picture during a drag: skipped while it lasts. */
  frozen = false;
  /** Which bitmap request is the latest (older ones finishing late are dropped). */
  drawing = 0;
  /** The frame's outline in design units when the frame clips the layers. */
  frameClip: Path2D | null = null;

  constructor(layerId: string) {
    super({
      originX: 'center',
      originY: 'center',
      strokeWidth: 0,
      fill: '',
      objectCaching: false,
      lockScalingFlip: true,
      borderColor: '#2563eb',
      cornerColor: '#ffffff',
      cornerStrokeColor: '#2563eb',
      transparentCorners: false,
      cornerSize: 10,
    });
    this.layerId = layerId;
  }

  override _render(ctx: CanvasRenderingContext2D): void {
    const raster = this.raster;
    if (this.frozen || !raster || this.width <= 0 || this.height <= 0) return;
    ctx.save();
    if (this.frameClip && this.canvas) {
      const inObject = ctx.getTransform();
      const r = this.canvas.getRetinaScaling();
      const [a, b, c, d, e, f] = this.canvas.viewportTransform;
      ctx.setTransform(r * a, r * b, r * c, r * d, r * e, r * f);
      ctx.clip(this.frameClip);
      ctx.setTransform(inObject);
    }
    ctx.scale(this.width / raster.width, this.height / raster.height);
    ctx.rotate((-raster.rotation * Math.PI) / 180);
    ctx.translate(-raster.cx, -raster.cy);
    ctx.drawImage(
      raster.bitmap,
      raster.area.x,
      raster.area.y,
      raster.area.width,
      raster.area.height,
    );
    ctx.restore();
  }
}
