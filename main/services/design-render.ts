/**
 * Designs to images in plain Node: the SVG master from `toSvg` (text as outlines, fonts and icons
 * from npm packages) and a PNG rasterised by resvg (Rust, no system libraries). What these return
 * is what gets baked and published.
 */
import { Resvg } from '@resvg/resvg-js';
import { BadgeError } from '../../shared/errors.js';
import { utf8Encode } from '../../shared/bytes.js';
import type { BadgeDesign, FieldValues } from '../../shared/design/model.js';
import { toSvg } from '../../shared/design/svg.js';
import { designAssets } from './design-assets.js';
import { resvgOptions } from './design-render-fields.js';
import { createPngPool } from './design-render-pool.js';

/** Largest PNG side rendered (a 4096 px badge is already far more than any badge page shows). */
export const MAX_RENDER_SIZE = 4096;

export interface RenderOptions {
  /** Longest side of the output in pixels; the design's own size when absent. */
  size?: number;
  fields?: FieldValues;
  /** `blank` for a badge class's master image: fields without a value disappear. Default `keep`. */
  missingFields?: 'keep' | 'blank';
  title?: string;
}

export function renderDesignSvg(design: BadgeDesign, options: RenderOptions = {}): string {
  return toSvg(design, { ...designAssets(), ...options });
}

function checkSize(size: number | undefined): void {
  if (size === undefined) return;
  if (!Number.isInteger(size) || size < 16 || size > MAX_RENDER_SIZE) {
    throw new BadgeError(
      'ERR_DESIGN_SIZE_INVALID',
      `The image size must be a whole number of pixels from 16 to ${MAX_RENDER_SIZE}; got ${size}.`,
    );
  }
}

/** A PNG of the design, its longest side `size` pixels (transparent outside the frame). */
export function renderDesignPng(design: BadgeDesign, options: RenderOptions = {}): Uint8Array {
  checkSize(options.size);
  return rasterise(renderDesignSvg(design, options), design, options.size);
}

function rasterise(svg: string, design: BadgeDesign, size: number | undefined): Uint8Array {
  const target = size ?? Math.max(design.size.width, design.size.height);
  return new Uint8Array(new Resvg(svg, resvgOptions(design, target)).render().asPng());
}

/** Both images of a design: the SVG master (UTF-8 bytes) and the PNG. */
export function renderDesignImages(
  design: BadgeDesign,
  options: RenderOptions = {},
): { svg: Uint8Array; png: Uint8Array } {
  checkSize(options.size);
  const svgText = renderDesignSvg(design, options);
  return { svg: utf8Encode(svgText), png: rasterise(svgText, design, options.size) };
}

/** Renders one design again and again with different field values (a name per earner at issue time). */
export interface PersonalisedRenderer {
  /** The image with these fields (fields without a value disappear): PNG bytes, or the SVG master's UTF-8 bytes. */
  render(fields: FieldValues): Promise<Uint8Array>;
  /** Frees what the renderer holds; `render` must not be called after. */
  close(): Promise<void>;
}

/**
 * A renderer for many personalised images of one design, `size` pixels on the longest side.
 * PNGs are drawn on worker threads (one per core) from parts rendered once (see
 * design-render-fields.ts); keep a bounded number of `render` calls waiting, and always `close`
 * it (in a `finally`) to end its threads. Throws ERR_DESIGN_SIZE_INVALID at once for a bad size.
 */
export function createPersonalisedRenderer(
  design: BadgeDesign,
  options: { size: number; format?: 'png' | 'svg' },
): PersonalisedRenderer {
  checkSize(options.size);
  const svg = options.format === 'svg';
  const pool = svg ? undefined : createPngPool(design, options.size);
  let closed = false;
  return {
    render(fields) {
      if (closed) {
        return Promise.reject(
          new BadgeError('ERR_INTERNAL', 'The personalised renderer was used after it was closed.'),
        );
      }
      if (pool) return pool.render(fields);
      try {
        const text = renderDesignSvg(design, {
          size: options.size,
          fields,
          missingFields: 'blank',
        });
        return Promise.resolve(utf8Encode(text));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
