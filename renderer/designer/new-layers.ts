/** New layers as the toolbar adds them: centred on the canvas, sized for it, in the design's colours. */
import type {
  BadgeDesign,
  Colour,
  IconLayer,
  ImageLayer,
  LayerId,
  ShapeKind,
  ShapeLayer,
  TextLayer,
} from '../../shared/design/model.js';
import { newLayerId } from '../../shared/design/ops.js';

const common = { rotation: 0, opacity: 1, locked: false, hidden: false, shadow: null } as const;

function centred(design: BadgeDesign, width: number, height: number) {
  return {
    x: (design.size.width - width) / 2,
    y: (design.size.height - height) / 2,
    width,
    height,
  };
}

export const SHAPE_NAMES: Record<ShapeKind, string> = {
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  polygon: 'Polygon',
  star: 'Star',
  line: 'Line',
  banner: 'Banner',
  shield: 'Shield',
};

export function newShape(
  design: BadgeDesign,
  shape: ShapeKind,
  id: LayerId = newLayerId(),
): ShapeLayer {
  const side = Math.round(Math.min(design.size.width, design.size.height) * 0.4);
  const box =
    shape === 'line'
      ? centred(design, side, 8)
      : shape === 'banner'
        ? centred(design, side * 1.6, side * 0.35)
        : centred(design, side, side);
  return {
    ...common,
    ...box,
    id,
    type: 'shape',
    name: SHAPE_NAMES[shape],
    shape,
    fill: shape === 'line' ? null : { kind: 'solid', color: '#f59e0b' },
    stroke: shape === 'line' ? { color: '#1f2937', width: 6, dash: [] } : null,
    cornerRadius: shape === 'rect' ? 16 : 0,
    sides: shape === 'star' ? 5 : 6,
  };
}

export function newText(
  design: BadgeDesign,
  text: string,
  options: { arc?: 'top' | 'bottom'; color?: Colour; id?: LayerId } = {},
): TextLayer {
  const side = Math.min(design.size.width, design.size.height);
  const radius = Math.round(side * 0.4);
  const box = options.arc
    ? centred(design, radius * 2, radius * 2)
    : centred(design, Math.round(side * 0.7), Math.round(side * 0.14));
  return {
    ...common,
    ...box,
    id: options.id ?? newLayerId(),
    type: 'text',
    name:
      options.arc === 'top'
        ? 'Rim text (top)'
        : options.arc === 'bottom'
          ? 'Rim text (bottom)'
          : 'Text',
    text,
    font: { family: 'Montserrat', weight: 700, italic: false, size: options.arc ? 30 : 44 },
    fill: { kind: 'solid', color: options.color ?? '#1f2937' },
    stroke: null,
    align: 'center',
    letterSpacing: options.arc ? 0.12 : 0,
    lineHeight: 1.2,
    arc: options.arc ? { side: options.arc, radius, maxAngle: 150 } : null,
  };
}

export function newIcon(design: BadgeDesign, icon: string, color: Colour = '#1f2937'): IconLayer {
  const side = Math.round(Math.min(design.size.width, design.size.height) * 0.25);
  return {
    ...common,
    ...centred(design, side, side),
    id: newLayerId(),
    type: 'icon',
    name: icon.replace(/^lucide:/, ''),
    icon,
    color,
    strokeWidth: 2,
    fillColor: null,
  };
}

export function newImage(
  design: BadgeDesign,
  src: string,
  size: { width: number; height: number },
  name: string,
): ImageLayer {
  const limit = Math.min(design.size.width, design.size.height) * 0.6;
  const scale = Math.min(1, limit / Math.max(size.width, size.height));
  return {
    ...common,
    ...centred(design, Math.round(size.width * scale), Math.round(size.height * scale)),
    id: newLayerId(),
    type: 'image',
    name: name.slice(0, 200),
    src,
    fit: 'contain',
  };
}
