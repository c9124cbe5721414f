/**
 * Fast personalised PNGs of one design. What does not depend on the fields is rendered once: the
 * frame with the layers under the first field layer, and each run of layers between field layers.
 * For each image, only a field layer whose text changed is rasterised again, in the rectangle its
 * drawing covers, and that rectangle is composited again from the parts; bands of rows it does not
 * touch keep their compressed bytes (see design-render-png.ts), which depend on their pixels
 * alone: the same fields give the same bytes whatever came before. The result matches a whole
 * render by resvg within rounding at anti-aliased edges (±2 per channel).
 */
import { Resvg } from '@resvg/resvg-js';
import { fillFields } from '../../shared/design/fields.js';
import type { BadgeDesign, FieldValues, Layer } from '../../shared/design/model.js';
import { toSvg } from '../../shared/design/svg.js';
import { designAssets } from './design-assets.js';
import { assemblePng, encodeBand, PNG_BAND_ROWS, type PngBand } from './design-render-png.js';

/**
 * Compression of every band: one level, so a band's bytes depend on its pixels alone and the same
 * fields give the same PNG bytes whatever was rendered before (issuing restores lost files).
 */
const PNG_LEVEL = 6;
/** Beyond this grid (an odd size such as 97 px for a 512-unit design), images are rendered whole. */
const MAX_GRID_STEP = 128;

interface Raster {
  width: number;
  height: number;
  /** Premultiplied RGBA. */
  pixels: Uint8Array;
}

export const resvgOptions = (design: BadgeDesign, size: number) => ({
  fitTo:
    design.size.width >= design.size.height
      ? { mode: 'width' as const, value: size }
      : { mode: 'height' as const, value: size },
  font: { loadSystemFonts: false },
  imageRendering: 0 as const,
  shapeRendering: 2 as const,
  textRendering: 1 as const,
});

const CLEAR = '#00000000';
const INVISIBLE_BACKGROUND = /<path d="[^"]*" fill="#000000" fill-opacity="0"\/>/;

const usesFields = (layer: Layer) =>
  layer.type === 'text' &&
  !layer.hidden &&
  layer.opacity > 0 &&
  fillFields(layer.text, {}, 'blank') !== layer.text;

/** The design with only the layers `keep` accepts; without background and border unless `frame`. */
function partOf(
  design: BadgeDesign,
  keep: (index: number) => boolean,
  frame: boolean,
): BadgeDesign {
  const layers = design.layers.map((layer, i) => (keep(i) ? layer : { ...layer, hidden: true }));
  if (frame) return { ...design, layers };
  return {
    ...design,
    layers,
    background: { kind: 'solid', color: CLEAR },
    frame: { ...design.frame, border: null },
  };
}

function rasterOf(svg: string, design: BadgeDesign, size: number): Raster {
  const image = new Resvg(svg, resvgOptions(design, size)).render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

/** How far the field layers may paint outside their outlines' box, in design units: strokes, shadows. */
function paintMargin(layers: readonly Layer[]): number {
  let margin = 1;
  for (const layer of layers) {
    let extra = layer.type === 'text' && layer.stroke ? layer.stroke.width : 0;
    if (layer.shadow) {
      extra +=
        Math.abs(layer.shadow.offsetX) + Math.abs(layer.shadow.offsetY) + 2 * layer.shadow.blur;
    }
    margin = Math.max(margin, extra + 1);
  }
  return margin;
}

export interface FieldPngRenderer {
  render(fields: FieldValues): Uint8Array;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What is drawn between the still parts: one field layer, as last rendered. */
interface FieldPart {
  readonly index: number;
  readonly design: BadgeDesign;
  readonly margin: number;
  text: string | undefined;
  box: Box | undefined;
  /** Premultiplied RGBA of `box`. */
  pixels: Uint8Array;
}

/** Layers drawn in order over the ones under the first field: a still raster or a field part. */
type Part = { still: Uint8Array } | { field: FieldPart };

/** `top` (premultiplied) drawn over the pixel of `out` at `o`, rounded as tiny-skia does. */
function drawOver(top: Uint8Array, t: number, out: Uint8Array, o: number): void {
  const alpha = top[t + 3]!;
  if (alpha === 0) return;
  if (alpha === 255) {
    out[o] = top[t]!;
    out[o + 1] = top[t + 1]!;
    out[o + 2] = top[t + 2]!;
    out[o + 3] = 255;
    return;
  }
  const keep = 255 - alpha;
  out[o] = top[t]! + ((out[o]! * keep + 255) >> 8);
  out[o + 1] = top[t + 1]! + ((out[o + 1]! * keep + 255) >> 8);
  out[o + 2] = top[t + 2]! + ((out[o + 2]! * keep + 255) >> 8);
  out[o + 3] = alpha + ((out[o + 3]! * keep + 255) >> 8);
}

/**
 * The smallest number of pixels that is a whole number of design units at `scale` (pixels per
 * unit), when small: a rectangle cut on that grid is drawn by resvg with exactly the transform of
 * the whole image, so its anti-aliasing is the same. Undefined when there is no such small step.
 */
function gridStep(scale: number): number | undefined {
  for (let pixels = 1; pixels <= MAX_GRID_STEP; pixels++) {
    const units = Math.round(pixels / scale);
    if (units > 0 && units * scale === pixels) return pixels;
  }
  return undefined;
}

const alignDown = (value: number, step: number) => Math.max(0, Math.floor(value / step) * step);
const alignUp = (value: number, step: number) => Math.ceil(value / step) * step;

const union = (a: Box | undefined, b: Box | undefined): Box | undefined =>
  !a
    ? b
    : !b
      ? a
      : {
          x0: Math.min(a.x0, b.x0),
          y0: Math.min(a.y0, b.y0),
          x1: Math.max(a.x1, b.x1),
          y1: Math.max(a.y1, b.y1),
        };

/** Personalised PNGs of `design`, `size` pixels on the longest side (size already checked). */
export function createFieldPngRenderer(design: BadgeDesign, size: number): FieldPngRenderer {
  const svgOf = (part: BadgeDesign, fields: FieldValues = {}) =>
    toSvg(part, { ...designAssets(), size, fields, missingFields: 'blank' });
  const options = resvgOptions(design, size);
  const fieldIndexes = design.layers.flatMap((layer, i) => (usesFields(layer) ? [i] : []));
  const first = fieldIndexes[0] ?? design.layers.length;
  const under = rasterOf(svgOf(partOf(design, (i) => i < first, true)), design, size);
  const { width, height } = under;
  const sx = width / design.size.width;
  const sy = height / design.size.height;
  const stepX = gridStep(sx);
  const stepY = gridStep(sy);
  if (stepX === undefined || stepY === undefined || design.size.width !== design.size.height) {
    // Rendered whole: resvg centres a design that is not square in a canvas rounded up.
    return {
      render: (fields) =>
        new Uint8Array(new Resvg(svgOf(design, fields), options).render().asPng()),
    };
  }
  const step = { x: stepX, y: stepY };

  const parts: Part[] = [];
  fieldIndexes.forEach((index, k) => {
    const layer = design.layers[index]!;
    parts.push({
      field: {
        index,
        design: partOf(design, (i) => i === index, false),
        margin: paintMargin([layer]),
        text: undefined,
        box: undefined,
        pixels: new Uint8Array(0),
      },
    });
    const next = fieldIndexes[k + 1] ?? design.layers.length;
    if (next > index + 1) {
      parts.push({
        still: rasterOf(svgOf(partOf(design, (i) => i > index && i < next, false)), design, size)
          .pixels,
      });
    }
  });

  const work = new Uint8Array(under.pixels);
  const bandCount = Math.ceil(height / PNG_BAND_ROWS);
  const bands: PngBand[] = [];
  const encode = (b: number) =>
    encodeBand(
      work,
      width,
      b * PNG_BAND_ROWS,
      Math.min(height, (b + 1) * PNG_BAND_ROWS),
      PNG_LEVEL,
    );

  /** Redraws the pixels of `box` from the parts. */
  const compose = (box: Box) => {
    for (let y = box.y0; y < box.y1; y++) {
      const row = y * width * 4;
      work.set(under.pixels.subarray(row + box.x0 * 4, row + box.x1 * 4), row + box.x0 * 4);
      for (const part of parts) {
        if ('still' in part) {
          for (let x = box.x0; x < box.x1; x++) {
            drawOver(part.still, row + x * 4, work, row + x * 4);
          }
          continue;
        }
        const f = part.field.box;
        if (!f || y < f.y0 || y >= f.y1) continue;
        const fw = f.x1 - f.x0;
        const from = Math.max(box.x0, f.x0);
        const to = Math.min(box.x1, f.x1);
        for (let x = from; x < to; x++) {
          drawOver(part.field.pixels, ((y - f.y0) * fw + (x - f.x0)) * 4, work, row + x * 4);
        }
      }
    }
  };

  /** Renders a field layer with its new text, in the pixels its drawing covers; returns where it was and is. */
  const redraw = (field: FieldPart, fields: FieldValues): Box | undefined => {
    const before = field.box;
    // Without the invisible background, which resvg counts in the box of the drawing.
    const svg = svgOf(field.design, fields).replace(INVISIBLE_BACKGROUND, '');
    const bbox = new Resvg(svg, options).getBBox();
    field.box = undefined;
    field.pixels = new Uint8Array(0);
    if (bbox && bbox.width > 0 && bbox.height > 0) {
      const box = {
        x0: alignDown(Math.floor((bbox.x - field.margin) * sx) - 1, step.x),
        y0: alignDown(Math.floor((bbox.y - field.margin) * sy) - 1, step.y),
        x1: Math.min(
          width,
          alignUp(Math.ceil((bbox.x + bbox.width + field.margin) * sx) + 1, step.x),
        ),
        y1: Math.min(
          height,
          alignUp(Math.ceil((bbox.y + bbox.height + field.margin) * sy) + 1, step.y),
        ),
      };
      if (box.x1 > box.x0 && box.y1 > box.y0) {
        const w = box.x1 - box.x0;
        const h = box.y1 - box.y0;
        const root = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${box.x0 / sx} ${box.y0 / sy} ${w / sx} ${h / sy}">`;
        const cropped = root + svg.slice(svg.indexOf('>') + 1);
        field.pixels = new Uint8Array(
          new Resvg(cropped, { ...options, fitTo: { mode: 'original' } }).render().pixels,
        );
        field.box = box;
      }
    }
    return union(before, field.box);
  };

  let encoded = false;
  const draw = (fields: FieldValues): Uint8Array => {
    let dirty: Box | undefined;
    for (const part of parts) {
      if (!('field' in part)) continue;
      const field = part.field;
      const text = fillFields(
        (design.layers[field.index] as { text: string }).text,
        fields,
        'blank',
      );
      if (text === field.text) continue;
      dirty = union(dirty, redraw(field, fields));
      field.text = text;
    }
    if (!encoded) {
      compose({ x0: 0, y0: 0, x1: width, y1: height });
      for (let b = 0; b < bandCount; b++) bands[b] = encode(b);
      encoded = true;
    } else if (dirty) {
      compose(dirty);
      const last = Math.floor((dirty.y1 - 1) / PNG_BAND_ROWS);
      for (let b = Math.floor(dirty.y0 / PNG_BAND_ROWS); b <= last; b++) {
        bands[b] = encode(b);
      }
    }
    return assemblePng(width, height, bands);
  };

  return {
    render(fields) {
      try {
        return draw(fields);
      } catch (error) {
        // Start again from the parts next time rather than trust a half-updated image.
        for (const part of parts) if ('field' in part) part.field.text = undefined;
        encoded = false;
        throw error;
      }
    },
  };
}
