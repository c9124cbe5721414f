/**
 * Designs drawn in the page from the same `toSvg` as Node: the whole design for the PNG export,
 * and one layer at a time for the canvas (each layer's own SVG, cut to the area it covers), so
 * what the canvas shows, the exported PNG and main's baked PNG come from one drawing.
 */
import type { Box } from '../../shared/design/geometry.js';
import type { BadgeDesign, FieldValues, Layer } from '../../shared/design/model.js';
import { toSvg } from '../../shared/design/svg.js';
import type { DesignAssets } from './assets.js';

const n = (value: number) => String(Math.round(value * 1000) / 1000);

/** The SVG master of the design, drawn with the page's assets (prepared beforehand). */
export function designSvg(
  design: BadgeDesign,
  assets: DesignAssets,
  options: { size?: number; fields?: FieldValues; missingFields?: 'keep' | 'blank' } = {},
): string {
  return toSvg(design, { glyphs: assets.glyphs, icons: assets.icons, ...options });
}

const INVISIBLE = { kind: 'solid', color: '#00000000' } as const;

/** The SVG of one layer alone, in design units, showing `area` of the design. */
export function layerSvg(
  design: BadgeDesign,
  layer: Layer,
  area: Box,
  assets: DesignAssets,
): string {
  const alone: BadgeDesign = {
    ...design,
    frame: { ...design.frame, border: null, clip: false },
    background: INVISIBLE,
    layers: [layer],
  };
  return withArea(designSvg(alone, assets), area);
}

/** The frame alone: background and border, no layers. */
export function frameSvg(design: BadgeDesign, assets: DesignAssets, area: Box): string {
  return withArea(designSvg({ ...design, layers: [] }, assets), area);
}

function withArea(svg: string, area: Box): string {
  return svg.replace(
    /^<svg [^>]*>/,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(area.width)}" height="${n(area.height)}" viewBox="${n(area.x)} ${n(area.y)} ${n(area.width)} ${n(area.height)}">`,
  );
}

/** How far past its box a layer may paint: strokes, shadows, rim letters. */
export function layerOverflow(layer: Layer): number {
  let pad = 2;
  if (layer.shadow) {
    pad +=
      layer.shadow.blur * 1.5 +
      Math.max(Math.abs(layer.shadow.offsetX), Math.abs(layer.shadow.offsetY));
  }
  if (layer.type === 'shape' || layer.type === 'text') pad += layer.stroke?.width ?? 0;
  if (layer.type === 'text') pad += layer.font.size;
  if (layer.type === 'icon') pad += (layer.strokeWidth * Math.max(layer.width, layer.height)) / 24;
  return pad;
}

/** The box, in design units, that holds everything a layer paints (its rotation included). */
export function layerArea(layer: Layer): Box {
  const angle = (layer.rotation * Math.PI) / 180;
  const cos = Math.abs(Math.cos(angle));
  const sin = Math.abs(Math.sin(angle));
  const width = layer.width * cos + layer.height * sin;
  const height = layer.width * sin + layer.height * cos;
  const pad = layerOverflow(layer);
  const cx = layer.x + layer.width / 2;
  const cy = layer.y + layer.height / 2;
  return {
    x: cx - width / 2 - pad,
    y: cy - height / 2 - pad,
    width: width + 2 * pad,
    height: height + 2 * pad,
  };
}

/** Loads SVG text as an image (a blob URL, which the page's policy allows). */
export async function svgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Rasterises SVG text into a canvas of `width` × `height` pixels. */
export async function svgToCanvas(
  svg: string,
  width: number,
  height: number,
): Promise<HTMLCanvasElement> {
  const image = await svgImage(svg);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The design as a PNG drawn by the browser, its longest side `size` pixels. */
export async function exportPng(
  design: BadgeDesign,
  assets: DesignAssets,
  size: number,
  fields?: FieldValues,
): Promise<Blob> {
  await assets.prepare(design);
  const scale = size / Math.max(design.size.width, design.size.height);
  const canvas = await svgToCanvas(
    designSvg(design, assets, { size, fields }),
    design.size.width * scale,
    design.size.height * scale,
  );
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))),
      'image/png',
    ),
  );
}
