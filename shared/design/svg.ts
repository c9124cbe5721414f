/**
 * `toSvg`: the SVG master of a design, without a browser. Text becomes outlines (one path per text
 * layer) so the file looks the same where our fonts are not installed; icons are copied in as
 * checked path elements; pictures are embedded (SVG ones already sanitised by restoreDesign).
 * The output passes the artwork sanitiser unchanged in substance, so it can be baked as it is.
 */
import { BadgeError, assertNever } from '../errors.js';
import { escapeAttribute } from '../bake/svg.js';
import type { GlyphOutliner, GlyphRun, IconLibrary, IconNode } from './assets.js';
import { fillFields } from './fields.js';
import { framePath, n, shapePath, type Box } from './geometry.js';
import { decodeImageSrc } from './images.js';
import type {
  BadgeDesign,
  Colour,
  FieldValues,
  Fill,
  IconLayer,
  ImageLayer,
  Layer,
  Shadow,
  Stroke,
  TextLayer,
} from './model.js';
import { utf8Decode } from '../bytes.js';

export interface ToSvgOptions {
  glyphs: GlyphOutliner;
  icons: IconLibrary;
  /** Values for `{{recipient.name}}`, `{{badge.name}}`, `{{issued_on}}`. */
  fields?: FieldValues;
  /** What a field without a value becomes: left as written (default) or removed. */
  missingFields?: 'keep' | 'blank';
  /** The `<title>` read by screen readers; defaults to the design's name (fields filled). */
  title?: string;
  /** Width and height attributes so the longest side is `size` pixels; defaults to the design's size. */
  size?: number;
}

const escapeText = (text: string) =>
  text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

/** `#rrggbbaa` → colour and opacity attributes (renderers differ on 8-digit hex). */
function paint(colour: Colour, attribute: 'fill' | 'stroke' | 'stop' | 'flood'): string {
  const name =
    attribute === 'stop' ? 'stop-color' : attribute === 'flood' ? 'flood-color' : attribute;
  const rgb = colour.slice(0, 7).toLowerCase();
  if (colour.length === 7) return ` ${name}="${rgb}"`;
  const alpha = Math.round((parseInt(colour.slice(7), 16) / 255) * 1000) / 1000;
  return ` ${name}="${rgb}" ${attribute === 'stop' ? 'stop-opacity' : attribute === 'flood' ? 'flood-opacity' : `${attribute}-opacity`}="${alpha}"`;
}

class Defs {
  private readonly items: string[] = [];
  private count = 0;

  add(make: (id: string) => string): string {
    const id = `bs${++this.count}`;
    this.items.push(make(id));
    return id;
  }

  toString(): string {
    return this.items.length === 0 ? '' : `<defs>${this.items.join('')}</defs>`;
  }
}

function fillAttributes(fill: Fill | null, box: Box, defs: Defs): string {
  if (fill === null) return ' fill="none"';
  if (fill.kind === 'solid') return paint(fill.color, 'fill');
  const stops = fill.stops
    .map((s) => `<stop offset="${n(s.offset)}"${paint(s.color, 'stop')}/>`)
    .join('');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  let id: string;
  if (fill.kind === 'linear') {
    const angle = (fill.angle * Math.PI) / 180;
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const half = Math.abs((box.width / 2) * dx) + Math.abs((box.height / 2) * dy);
    id = defs.add(
      (id) =>
        `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${n(cx - dx * half)}" y1="${n(cy - dy * half)}" x2="${n(cx + dx * half)}" y2="${n(cy + dy * half)}">${stops}</linearGradient>`,
    );
  } else if (fill.kind === 'radial') {
    const r = fill.r * Math.max(box.width, box.height);
    id = defs.add(
      (id) =>
        `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${n(box.x + fill.cx * box.width)}" cy="${n(box.y + fill.cy * box.height)}" r="${n(r)}">${stops}</radialGradient>`,
    );
  } else {
    return assertNever(fill, 'fill');
  }
  return ` fill="url(#${id})"`;
}

function strokeAttributes(stroke: Stroke | null): string {
  if (stroke === null || stroke.width === 0) return '';
  const dash = stroke.dash.length > 0 ? ` stroke-dasharray="${stroke.dash.map(n).join(' ')}"` : '';
  return `${paint(stroke.color, 'stroke')} stroke-width="${n(stroke.width)}" stroke-linejoin="round"${dash}`;
}

function shadowFilter(shadow: Shadow, defs: Defs): string {
  const id = defs.add(
    (id) =>
      `<filter id="${id}" x="-50%" y="-50%" width="200%" height="200%"><feDropShadow dx="${n(shadow.offsetX)}" dy="${n(shadow.offsetY)}" stdDeviation="${n(shadow.blur / 2)}"${paint(shadow.color, 'flood')}/></filter>`,
  );
  return ` filter="url(#${id})"`;
}

const PATH_TOKEN = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|[A-Za-z]/g;

/** Path data read into commands (letters) and numbers, remembered: the same glyph outlines come back. */
const pathTokens = new Map<string, ReadonlyArray<string | number>>();
const PATH_TOKENS_KEPT = 4096;

function tokens(d: string): ReadonlyArray<string | number> {
  let list = pathTokens.get(d);
  if (list) return list;
  list = (d.match(PATH_TOKEN) ?? []).map((token) => {
    if (!/^[A-Za-z]$/.test(token)) return Number(token);
    if (!/^[MLCQZ]$/.test(token)) {
      throw new BadgeError(
        'ERR_INTERNAL',
        `Glyph outline uses the unsupported path command ${token}.`,
      );
    }
    return token;
  });
  if (pathTokens.size >= PATH_TOKENS_KEPT) pathTokens.clear();
  pathTokens.set(d, list);
  return list;
}

/**
 * Applies `map` to every point of path data made of absolute M, L, C, Q and Z commands (what a
 * GlyphOutliner returns): numbers come in x, y pairs.
 */
export function mapPathPoints(
  d: string,
  map: (x: number, y: number) => readonly [number, number],
): string {
  let out = '';
  let pending: number | undefined;
  // Whether `out` ends with a digit or a point: the next number then needs a space before it.
  let afterNumber = false;
  for (const token of tokens(d)) {
    if (typeof token === 'string') {
      out += token;
      afterNumber = false;
      continue;
    }
    if (pending === undefined) {
      pending = token;
      continue;
    }
    const [x, y] = map(pending, token);
    const last = n(y);
    out += `${afterNumber ? ' ' : ''}${n(x)} ${last}`;
    const code = last.charCodeAt(last.length - 1);
    afterNumber = (code >= 48 && code <= 57) || code === 46;
    pending = undefined;
  }
  return out;
}

function lineWidth(run: GlyphRun, spacing: number): number {
  return run.width + spacing * Math.max(0, run.glyphs.length - 1);
}

/** How much lines must shrink to fit the box: its width, and its height from the first cap to the last baseline. */
function fitScale(runs: readonly GlyphRun[], layer: TextLayer): number {
  const spacing = layer.letterSpacing * layer.font.size;
  const widest = Math.max(0, ...runs.map((run) => lineWidth(run, spacing)));
  const tall = (runs[0]?.capHeight ?? 0) + layer.lineHeight * layer.font.size * (runs.length - 1);
  const byWidth = layer.width > 0 && widest > 0 ? layer.width / widest : 1;
  const byHeight = layer.height > 0 && tall > 0 ? layer.height / tall : 1;
  return Math.min(1, byWidth, byHeight);
}

/**
 * The lines to draw and their scale. A line too wide for the box is broken in two at the space
 * nearest its middle when that lets the text stay larger (a long badge name or person's name).
 */
function fitLines(
  lines: readonly string[],
  layer: TextLayer,
  glyphs: GlyphOutliner,
): { runs: GlyphRun[]; scale: number } {
  const layout = (list: readonly string[]) => list.map((line) => glyphs.layout(line, layer.font));
  let runs = layout(lines);
  if (runs.every((run) => run.glyphs.length === 0)) return { runs: [], scale: 1 };
  let scale = fitScale(runs, layer);
  if (scale < 1 && lines.length === 1) {
    const line = lines[0]!;
    const spaces = [...line.matchAll(/ /g)].map((m) => m.index);
    if (spaces.length > 0) {
      const middle = spaces.reduce((best, i) =>
        Math.abs(i - line.length / 2) < Math.abs(best - line.length / 2) ? i : best,
      );
      const split = layout([line.slice(0, middle), line.slice(middle + 1)]);
      const splitScale = fitScale(split, layer);
      if (splitScale > scale) [runs, scale] = [split, splitScale];
    }
  }
  return { runs, scale };
}

/** The outline of a text layer, in design coordinates (before the layer's rotation). */
function textOutline(layer: TextLayer, text: string, glyphs: GlyphOutliner): string {
  const box: Box = layer;
  const size = layer.font.size;
  const spacing = layer.letterSpacing * size;
  if (layer.arc !== null) {
    const run = glyphs.layout(text.replace(/\s*\n\s*/g, ' '), layer.font);
    const width = lineWidth(run, spacing);
    if (width === 0) return '';
    const { side, radius, maxAngle } = layer.arc;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const baselineFor = (scale: number) =>
      Math.max(
        1,
        side === 'top'
          ? radius - (run.capHeight * scale) / 2
          : radius + (run.capHeight * scale) / 2,
      );
    const limit = (maxAngle * Math.PI) / 180;
    let scale = Math.min(1, (limit * baselineFor(1)) / width);
    scale = Math.min(1, (limit * baselineFor(scale)) / width);
    const baseline = baselineFor(scale);
    const span = (width * scale) / baseline;
    let out = '';
    run.glyphs.forEach((glyph, i) => {
      const along = (glyph.x + i * spacing + glyph.advance / 2) * scale;
      const theta =
        side === 'top'
          ? -Math.PI / 2 - span / 2 + along / baseline
          : Math.PI / 2 + span / 2 - along / baseline;
      const phi = side === 'top' ? theta + Math.PI / 2 : theta - Math.PI / 2;
      const ox = cx + baseline * Math.cos(theta);
      const oy = cy + baseline * Math.sin(theta);
      const cos = Math.cos(phi);
      const sin = Math.sin(phi);
      out += mapPathPoints(glyph.d, (px, py) => {
        const lx = (px - glyph.advance / 2) * scale;
        const ly = py * scale;
        return [ox + lx * cos - ly * sin, oy + lx * sin + ly * cos];
      });
    });
    return out;
  }
  const { runs, scale } = fitLines(text.split('\n'), layer, glyphs);
  if (runs.length === 0) return '';
  const capHeight = runs[0]!.capHeight * scale;
  const gap = layer.lineHeight * size * scale;
  const blockHeight = capHeight + gap * (runs.length - 1);
  let baseline = box.y + (box.height - blockHeight) / 2 + capHeight;
  let out = '';
  for (const run of runs) {
    const lineW = lineWidth(run, spacing) * scale;
    const left =
      layer.align === 'left'
        ? box.x
        : layer.align === 'right'
          ? box.x + box.width - lineW
          : box.x + (box.width - lineW) / 2;
    const y = baseline;
    run.glyphs.forEach((glyph, i) => {
      const x = left + (glyph.x + i * spacing) * scale;
      out += mapPathPoints(glyph.d, (px, py) => [x + px * scale, y + py * scale]);
    });
    baseline += gap;
  }
  return out;
}

const ICON_ELEMENTS = new Set(['path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect']);
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)$/;
const ICON_ATTRIBUTES: Record<string, RegExp> = {
  d: /^[MmLlHhVvCcSsQqTtAaZz0-9.,\s+-]*$/,
  points: /^[0-9.,\s+-]*$/,
  cx: NUMBER,
  cy: NUMBER,
  r: NUMBER,
  rx: NUMBER,
  ry: NUMBER,
  x: NUMBER,
  y: NUMBER,
  x1: NUMBER,
  x2: NUMBER,
  y1: NUMBER,
  y2: NUMBER,
  width: NUMBER,
  height: NUMBER,
};

/** An icon's drawing with only drawing elements and geometry attributes whose values are numbers or path data (and fill none/currentColor). */
export function cleanIconNodes(nodes: readonly IconNode[]): IconNode[] {
  return nodes
    .filter(([tag]) => ICON_ELEMENTS.has(tag))
    .map(([tag, attributes]) => [
      tag,
      Object.fromEntries(
        Object.entries(attributes).filter(([name, value]) =>
          name === 'fill'
            ? value === 'currentColor' || value === 'none'
            : Object.hasOwn(ICON_ATTRIBUTES, name) && ICON_ATTRIBUTES[name]!.test(value),
        ),
      ),
    ]);
}

/** An icon's elements (see cleanIconNodes), `currentColor` fills painted in `colour`. */
export function iconElements(nodes: readonly IconNode[], colour: Colour): string {
  let out = '';
  for (const [tag, attributes] of cleanIconNodes(nodes)) {
    let kept = '';
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'fill') kept += value === 'none' ? ' fill="none"' : paint(colour, 'fill');
      else kept += ` ${name}="${value}"`;
    }
    out += `<${tag}${kept}/>`;
  }
  return out;
}

function iconContent(layer: IconLayer, icons: IconLibrary): string {
  const nodes = icons.icon(layer.icon);
  if (!nodes) {
    throw new BadgeError(
      'ERR_DESIGN_ICON_UNKNOWN',
      `The icon "${layer.icon}" of layer "${layer.name}" is not in this version of Badgesmith; pick another icon.`,
    );
  }
  const fill = layer.fillColor === null ? ' fill="none"' : paint(layer.fillColor, 'fill');
  const stroke =
    layer.strokeWidth > 0
      ? `${paint(layer.color, 'stroke')} stroke-width="${n(layer.strokeWidth)}"`
      : ' stroke="none"';
  const transform = `translate(${n(layer.x)} ${n(layer.y)}) scale(${n4(layer.width / 24)} ${n4(layer.height / 24)})`;
  return `<g transform="${transform}"${fill}${stroke} stroke-linecap="round" stroke-linejoin="round">${iconElements(nodes, layer.color)}</g>`;
}

const n4 = (value: number) => String(Math.round(value * 10000) / 10000);

const ASPECT: Record<ImageLayer['fit'], string> = {
  contain: 'xMidYMid meet',
  cover: 'xMidYMid slice',
  stretch: 'none',
};

/** A sanitised SVG picture nested as an `<svg>` element placed in the layer's box. */
function nestedSvg(svgText: string, layer: ImageLayer): string {
  const start = svgText.indexOf('>');
  if (!svgText.startsWith('<svg') || start < 0) return '';
  let head = svgText.slice(0, start);
  const body = svgText.slice(start);
  const attribute = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(head)?.[1];
  const width = parseFloat(attribute('width') ?? '');
  const height = parseFloat(attribute('height') ?? '');
  if (attribute('viewBox') === undefined && width > 0 && height > 0) {
    head += ` viewBox="0 0 ${n(width)} ${n(height)}"`;
  }
  head = head.replace(/ (x|y|width|height|preserveAspectRatio)="[^"]*"/g, '');
  const place = ` x="${n(layer.x)}" y="${n(layer.y)}" width="${n(layer.width)}" height="${n(layer.height)}" preserveAspectRatio="${ASPECT[layer.fit]}" overflow="hidden"`;
  return head + place + body;
}

function imageContent(layer: ImageLayer): string {
  const { kind, bytes } = decodeImageSrc(layer.src);
  if (kind === 'svg') return nestedSvg(utf8Decode(bytes), layer);
  return `<image x="${n(layer.x)}" y="${n(layer.y)}" width="${n(layer.width)}" height="${n(layer.height)}" preserveAspectRatio="${ASPECT[layer.fit]}" href="${escapeAttribute(layer.src)}"/>`;
}

function layerSvg(layer: Layer, options: ToSvgOptions, defs: Defs): string {
  if (layer.hidden || layer.opacity === 0) return '';
  const box: Box = layer;
  let content: string;
  switch (layer.type) {
    case 'shape': {
      const d = shapePath(layer.shape, box, layer);
      const fill = layer.shape === 'line' ? ' fill="none"' : fillAttributes(layer.fill, box, defs);
      content = `<path d="${d}"${fill}${strokeAttributes(layer.stroke)}/>`;
      break;
    }
    case 'text': {
      const d = textOutline(
        layer,
        fillFields(layer.text, options.fields, options.missingFields),
        options.glyphs,
      );
      if (d === '') return '';
      const stroke = layer.stroke ? `${strokeAttributes(layer.stroke)} paint-order="stroke"` : '';
      content = `<path d="${d}"${fillAttributes(layer.fill, box, defs)}${stroke}/>`;
      break;
    }
    case 'icon':
      content = iconContent(layer, options.icons);
      break;
    case 'image':
      content = imageContent(layer);
      break;
    default:
      return assertNever(layer, 'layer');
  }
  let attributes = '';
  if (layer.rotation % 360 !== 0) {
    attributes += ` transform="rotate(${n(layer.rotation)} ${n(layer.x + layer.width / 2)} ${n(layer.y + layer.height / 2)})"`;
  }
  if (layer.opacity < 1) attributes += ` opacity="${n(layer.opacity)}"`;
  if (layer.shadow) attributes += shadowFilter(layer.shadow, defs);
  return attributes === '' ? content : `<g${attributes}>${content}</g>`;
}

/** The box the frame's outline fills: the canvas, inset by the border (drawn outside the outline) so it stays inside. */
export function frameBox(design: BadgeDesign): Box {
  const inset = design.frame.border?.width ?? 0;
  return {
    x: inset,
    y: inset,
    width: design.size.width - 2 * inset,
    height: design.size.height - 2 * inset,
  };
}

/** The SVG master of a design (see the module comment). Throws ERR_DESIGN_ICON_UNKNOWN or ERR_DESIGN_IMAGE_INVALID. */
export function toSvg(design: BadgeDesign, options: ToSvgOptions): string {
  const defs = new Defs();
  const { width, height } = design.size;
  const box = frameBox(design);
  const outline = framePath(design.frame.shape, box);
  // The border is a stroke twice as wide painted under the fill: only its outer half shows, so the
  // outline of overlapping parts (the ribbon frame's tails) never draws lines across the badge.
  const border = design.frame.border;
  const borderAttributes =
    border && border.width > 0
      ? `${strokeAttributes({ ...border, width: border.width * 2 })} paint-order="stroke"`
      : '';
  const background = `<path d="${outline}"${fillAttributes(design.background, box, defs)}${borderAttributes}/>`;
  let layers = design.layers.map((layer) => layerSvg(layer, options, defs)).join('');
  if (design.frame.clip && layers !== '') {
    const clip = defs.add((id) => `<clipPath id="${id}"><path d="${outline}"/></clipPath>`);
    layers = `<g clip-path="url(#${clip})">${layers}</g>`;
  }
  const scale = options.size === undefined ? 1 : options.size / Math.max(width, height);
  const title = options.title ?? fillFields(design.name, options.fields, 'blank');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width * scale)}" height="${n(height * scale)}" viewBox="0 0 ${n(width)} ${n(height)}">` +
    `<title>${escapeText(title)}</title>${defs.toString()}${background}${layers}</svg>\n`
  );
}
