/** Outlines of frames and shapes as SVG path data, inside a box. Pure numbers in, path text out. */
import { assertNever } from '../errors.js';
import type { FrameShape, ShapeKind } from './model.js';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Numbers in path data: at most 2 decimals, no `-0`. */
export const n = (value: number): string => {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
};

function points(list: ReadonlyArray<readonly [number, number]>): string {
  return `M${list.map(([x, y]) => `${n(x)} ${n(y)}`).join('L')}Z`;
}

export function rectPath(box: Box, radius = 0): string {
  const { x, y, width: w, height: h } = box;
  const r = Math.max(0, Math.min(radius, w / 2, h / 2));
  if (r === 0) return `M${n(x)} ${n(y)}H${n(x + w)}V${n(y + h)}H${n(x)}Z`;
  const arc = (dx: number, dy: number) => `a${n(r)} ${n(r)} 0 0 1 ${n(dx)} ${n(dy)}`;
  return (
    `M${n(x + r)} ${n(y)}H${n(x + w - r)}${arc(r, r)}V${n(y + h - r)}${arc(-r, r)}` +
    `H${n(x + r)}${arc(-r, -r)}V${n(y + r)}${arc(r, -r)}Z`
  );
}

export function ellipsePath(box: Box): string {
  const rx = box.width / 2;
  const ry = box.height / 2;
  const cx = box.x + rx;
  const cy = box.y + ry;
  return `M${n(cx - rx)} ${n(cy)}a${n(rx)} ${n(ry)} 0 1 1 ${n(2 * rx)} 0a${n(rx)} ${n(ry)} 0 1 1 ${n(-2 * rx)} 0Z`;
}

/** A regular polygon with a vertex at the top, stretched to the box. */
export function polygonPath(box: Box, sides: number): string {
  const rx = box.width / 2;
  const ry = box.height / 2;
  const list: Array<[number, number]> = [];
  for (let i = 0; i < sides; i++) {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / sides;
    list.push([box.x + rx + rx * Math.cos(angle), box.y + ry + ry * Math.sin(angle)]);
  }
  return points(list);
}

export function starPath(box: Box, tips: number, innerRatio = 0.5): string {
  const rx = box.width / 2;
  const ry = box.height / 2;
  const list: Array<[number, number]> = [];
  for (let i = 0; i < tips * 2; i++) {
    const angle = -Math.PI / 2 + (i * Math.PI) / tips;
    const k = i % 2 === 0 ? 1 : innerRatio;
    list.push([box.x + rx + rx * k * Math.cos(angle), box.y + ry + ry * k * Math.sin(angle)]);
  }
  return points(list);
}

/** A heater shield: flat top with rounded corners, straight sides, curving to a point at the bottom. */
export function shieldPath(box: Box): string {
  const { x, y, width: w, height: h } = box;
  const r = Math.min(w, h) * 0.06;
  const side = y + h * 0.45;
  return (
    `M${n(x + r)} ${n(y)}H${n(x + w - r)}Q${n(x + w)} ${n(y)} ${n(x + w)} ${n(y + r)}V${n(side)}` +
    `C${n(x + w)} ${n(y + h * 0.75)} ${n(x + w * 0.72)} ${n(y + h * 0.9)} ${n(x + w / 2)} ${n(y + h)}` +
    `C${n(x + w * 0.28)} ${n(y + h * 0.9)} ${n(x)} ${n(y + h * 0.75)} ${n(x)} ${n(side)}V${n(y + r)}Q${n(x)} ${n(y)} ${n(x + r)} ${n(y)}Z`
  );
}

/** A ribbon banner with swallowtail (notched) ends. */
export function bannerPath(box: Box): string {
  const { x, y, width: w, height: h } = box;
  const notch = Math.min(h * 0.45, w * 0.12);
  return points([
    [x, y],
    [x + w, y],
    [x + w - notch, y + h / 2],
    [x + w, y + h],
    [x, y + h],
    [x + notch, y + h / 2],
  ]);
}

/** A scalloped rosette (a seal) with two ribbon tails hanging below it; every sub-path turns the same way. */
export function ribbonFramePath(box: Box): string {
  const { x, y, width: w, height: h } = box;
  const size = Math.min(w, h * 0.8);
  const cx = x + w / 2;
  const cy = y + size / 2;
  const tailW = size * 0.2;
  const tailTop = cy + size * 0.15;
  const bottom = y + h;
  const tail = (left: number, skew: number) =>
    points([
      [left, tailTop],
      [left + tailW, tailTop],
      [left + tailW + skew, bottom],
      [left + tailW / 2 + skew, bottom - tailW * 0.55],
      [left + skew, bottom],
    ]);
  const seal: Array<[number, number]> = [];
  const bumps = 24;
  for (let i = 0; i < bumps * 6; i++) {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / (bumps * 6);
    const r = (size / 2) * (0.955 + 0.045 * Math.cos(angle * bumps));
    seal.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  return tail(cx - size * 0.3, -size * 0.08) + tail(cx + size * 0.1, size * 0.08) + points(seal);
}

export function framePath(shape: FrameShape, box: Box): string {
  const side = Math.min(box.width, box.height);
  switch (shape) {
    case 'circle':
      return ellipsePath(box);
    case 'hexagon':
      return polygonPath(box, 6);
    case 'shield':
      return shieldPath(box);
    case 'rounded-square':
      return rectPath(box, side * 0.18);
    case 'square':
      return rectPath(box, 0);
    case 'star':
      return starPath(box, 8, 0.8);
    case 'ribbon':
      return ribbonFramePath(box);
    default:
      return assertNever(shape, 'frame shape');
  }
}

export function shapePath(
  shape: ShapeKind,
  box: Box,
  options: { cornerRadius: number; sides: number },
): string {
  switch (shape) {
    case 'rect':
      return rectPath(box, options.cornerRadius);
    case 'ellipse':
      return ellipsePath(box);
    case 'polygon':
      return polygonPath(box, options.sides);
    case 'star':
      return starPath(box, options.sides, 0.45);
    case 'line':
      return `M${n(box.x)} ${n(box.y + box.height / 2)}H${n(box.x + box.width)}`;
    case 'banner':
      return bannerPath(box);
    case 'shield':
      return shieldPath(box);
    default:
      return assertNever(shape, 'shape');
  }
}
