/** The valibot schema of the current design document (model.ts), with its limits. */
import * as v from 'valibot';
import {
  DESIGN_LIMITS as L,
  FONT_FAMILIES,
  FRAME_SHAPES,
  SHAPE_KINDS,
  type BadgeDesign,
} from './model.js';

const COLOUR = /^#(?:[0-9a-f]{6}|[0-9a-f]{8})$/i;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ICON = /^lucide:[a-z0-9]+(?:-[a-z0-9]+)*$/;

const num = (min: number, max: number) =>
  v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const coordinate = num(-L.maxCoordinate, L.maxCoordinate);
const extent = num(0, L.maxCoordinate);
const colour = v.pipe(v.string(), v.regex(COLOUR, 'Expected a colour like #1a2b3c'));
const name = v.pipe(v.string(), v.maxLength(L.maxNameLength));

const stop = v.strictObject({ offset: num(0, 1), color: colour });
const stops = v.pipe(v.array(stop), v.minLength(2), v.maxLength(L.maxStops));

export const fillSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('solid'), color: colour }),
  v.strictObject({ kind: v.literal('linear'), angle: num(-360, 360), stops }),
  v.strictObject({
    kind: v.literal('radial'),
    cx: num(-1, 2),
    cy: num(-1, 2),
    r: num(0, 2),
    stops,
  }),
]);

export const strokeSchema = v.strictObject({
  color: colour,
  width: num(0, 1000),
  dash: v.optional(v.pipe(v.array(num(0, 10_000)), v.maxLength(L.maxDash)), []),
});

const shadowSchema = v.strictObject({
  color: colour,
  blur: num(0, 500),
  offsetX: num(-1000, 1000),
  offsetY: num(-1000, 1000),
});

const common = {
  id: v.pipe(v.string(), v.regex(ID, 'Expected an id of letters, digits, - and _')),
  name,
  x: coordinate,
  y: coordinate,
  width: extent,
  height: extent,
  rotation: v.optional(num(-3600, 3600), 0),
  opacity: v.optional(num(0, 1), 1),
  locked: v.optional(v.boolean(), false),
  hidden: v.optional(v.boolean(), false),
  shadow: v.optional(v.nullable(shadowSchema), null),
};

const shapeLayer = v.strictObject({
  ...common,
  type: v.literal('shape'),
  shape: v.picklist(SHAPE_KINDS),
  fill: v.nullable(fillSchema),
  stroke: v.optional(v.nullable(strokeSchema), null),
  cornerRadius: v.optional(extent, 0),
  sides: v.optional(int(3, 24), 6),
});

const textLayer = v.strictObject({
  ...common,
  type: v.literal('text'),
  text: v.pipe(v.string(), v.maxLength(L.maxTextLength)),
  font: v.strictObject({
    family: v.picklist(FONT_FAMILIES),
    weight: int(100, 900),
    italic: v.optional(v.boolean(), false),
    size: num(1, 2000),
  }),
  fill: fillSchema,
  stroke: v.optional(v.nullable(strokeSchema), null),
  align: v.optional(v.picklist(['left', 'center', 'right']), 'center'),
  letterSpacing: v.optional(num(-0.5, 2), 0),
  lineHeight: v.optional(num(0.5, 4), 1.2),
  arc: v.optional(
    v.nullable(
      v.strictObject({
        side: v.picklist(['top', 'bottom']),
        radius: num(1, L.maxCoordinate),
        maxAngle: v.optional(num(10, 350), 160),
      }),
    ),
    null,
  ),
});

const iconLayer = v.strictObject({
  ...common,
  type: v.literal('icon'),
  icon: v.pipe(
    v.string(),
    v.maxLength(100),
    v.regex(ICON, 'Expected an icon name like lucide:mountain'),
  ),
  color: colour,
  strokeWidth: v.optional(num(0, 12), 2),
  fillColor: v.optional(v.nullable(colour), null),
});

const imageLayer = v.strictObject({
  ...common,
  type: v.literal('image'),
  src: v.pipe(
    v.string(),
    v.maxLength(
      L.maxImageUrlLength,
      `Expected a picture under ${Math.floor((L.maxImageUrlLength * 3) / 4 / 1e6)} MB`,
    ),
  ),
  fit: v.optional(v.picklist(['contain', 'cover', 'stretch']), 'contain'),
});

export const layerSchema = v.variant('type', [shapeLayer, textLayer, iconLayer, imageLayer]);

export const designSchema = v.strictObject({
  schemaVersion: v.literal(2),
  id: common.id,
  name,
  size: v.strictObject({ width: num(16, L.maxSide), height: num(16, L.maxSide) }),
  frame: v.strictObject({
    shape: v.picklist(FRAME_SHAPES),
    border: v.optional(v.nullable(strokeSchema), null),
    clip: v.optional(v.boolean(), false),
  }),
  background: fillSchema,
  layers: v.pipe(v.array(layerSchema), v.maxLength(L.maxLayers)),
});

/** Compile-time check that what the schema outputs is a BadgeDesign (ids are branded after validation). */
type Output = v.InferOutput<typeof designSchema>;
export type DesignShape = Omit<BadgeDesign, 'id' | 'layers'> & {
  layers: readonly Omit<BadgeDesign['layers'][number], 'id'>[];
};
const _check: (o: Output) => DesignShape = (o) => o;
void _check;
