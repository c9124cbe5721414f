/**
 * The badge design document: what the designer edits, what is saved in the workspace and in
 * `.badgesmith.json` files, and what `toSvg` draws. Plain JSON, versioned by `schemaVersion`;
 * `restoreDesign` (restore.ts) is the only way a document gets in. Coordinates are design units
 * (pixels at 1:1), origin top left, y down; rotations in degrees clockwise about the layer's centre.
 */

export const DESIGN_SCHEMA_VERSION = 2;

export type DesignId = string & { readonly __brand: 'DesignId' };
export type LayerId = string & { readonly __brand: 'LayerId' };

/** `#rrggbb` or `#rrggbbaa`, lower or upper case. */
export type Colour = string;

export interface GradientStop {
  /** 0…1 along the gradient. */
  readonly offset: number;
  readonly color: Colour;
}

export type Fill =
  | { readonly kind: 'solid'; readonly color: Colour }
  /** `angle` in degrees: 0 paints left → right, 90 top → bottom. */
  | { readonly kind: 'linear'; readonly angle: number; readonly stops: readonly GradientStop[] }
  /** Centre and radius as fractions of the filled box (0.5, 0.5, 0.5 fills it from the middle). */
  | {
      readonly kind: 'radial';
      readonly cx: number;
      readonly cy: number;
      readonly r: number;
      readonly stops: readonly GradientStop[];
    };

export interface Stroke {
  readonly color: Colour;
  readonly width: number;
  /** Dash and gap lengths; empty for a solid line. */
  readonly dash: readonly number[];
}

export interface Shadow {
  readonly color: Colour;
  readonly blur: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

export const FRAME_SHAPES = [
  'circle',
  'hexagon',
  'shield',
  'rounded-square',
  'star',
  'ribbon',
  'square',
] as const;
/** The outline of the whole badge: the background fills it and the border follows it. */
export type FrameShape = (typeof FRAME_SHAPES)[number];

export interface Frame {
  readonly shape: FrameShape;
  readonly border: Stroke | null;
  /** Clip the layers to the frame (a photo stays inside the circle). */
  readonly clip: boolean;
}

export const SHAPE_KINDS = [
  'rect',
  'ellipse',
  'polygon',
  'star',
  'line',
  'banner',
  'shield',
] as const;
/**
 * Free shapes inside the box: `rect` (with `cornerRadius`), `ellipse`, regular `polygon` of `sides`,
 * `star` of `sides` points, `line` across the box's middle, `banner` (a ribbon with notched ends), `shield`.
 */
export type ShapeKind = (typeof SHAPE_KINDS)[number];

export const FONT_FAMILIES = ['Montserrat', 'Oswald', 'Playfair Display', 'Roboto Slab'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

export interface FontSpec {
  readonly family: FontFamily;
  /** CSS weight 100…900; the nearest weight the family has is used. */
  readonly weight: number;
  readonly italic: boolean;
  /** Size in design units (the height of one em). */
  readonly size: number;
}

/** Text along a circle around the layer's centre: the classic rim text. */
export interface TextArc {
  /** Top reads clockwise over the top; bottom reads left to right under the bottom, upright. */
  readonly side: 'top' | 'bottom';
  /** Radius of the middle of the letters, so top and bottom text of the same radius share one ring. */
  readonly radius: number;
  /** Widest angle the text may cover, in degrees; longer text gets smaller. */
  readonly maxAngle: number;
}

interface LayerCommon {
  readonly id: LayerId;
  /** Shown in the layers panel. */
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
  /** 0…1. */
  readonly opacity: number;
  readonly locked: boolean;
  readonly hidden: boolean;
  readonly shadow: Shadow | null;
}

export interface ShapeLayer extends LayerCommon {
  readonly type: 'shape';
  readonly shape: ShapeKind;
  readonly fill: Fill | null;
  readonly stroke: Stroke | null;
  /** `rect` only. */
  readonly cornerRadius: number;
  /** Sides of a `polygon`, points of a `star` (3…24). */
  readonly sides: number;
}

export interface TextLayer extends LayerCommon {
  readonly type: 'text';
  /** May hold fields: `{{recipient.name}}`, `{{badge.name}}`, `{{issued_on}}`. Lines split on `\n`. */
  readonly text: string;
  readonly font: FontSpec;
  readonly fill: Fill;
  readonly stroke: Stroke | null;
  readonly align: 'left' | 'center' | 'right';
  /** Extra space between letters, in em. */
  readonly letterSpacing: number;
  /** Distance between baselines, in em. */
  readonly lineHeight: number;
  /** Straight text is made smaller to fit its box's width (a long name stays inside). */
  readonly arc: TextArc | null;
}

export interface IconLayer extends LayerCommon {
  readonly type: 'icon';
  /** `lucide:<name>`, e.g. `lucide:mountain`. */
  readonly icon: string;
  readonly color: Colour;
  /** Line width on the icon's 24-unit grid. */
  readonly strokeWidth: number;
  /** Fills the icon's closed shapes, or null for outline only. */
  readonly fillColor: Colour | null;
}

export interface ImageLayer extends LayerCommon {
  readonly type: 'image';
  /** `data:image/png;base64,…`, `data:image/jpeg;base64,…`, or `data:image/svg+xml;base64,…` (sanitised on restore). */
  readonly src: string;
  /** contain: all of it, letterboxed; cover: fills the box, cropped; stretch: fills the box, distorted. */
  readonly fit: 'contain' | 'cover' | 'stretch';
}

export type Layer = ShapeLayer | TextLayer | IconLayer | ImageLayer;
export type LayerType = Layer['type'];

export interface BadgeDesign {
  readonly schemaVersion: typeof DESIGN_SCHEMA_VERSION;
  readonly id: DesignId;
  /** The design's name; also the SVG's `<title>` for screen readers unless a title is given. */
  readonly name: string;
  readonly size: { readonly width: number; readonly height: number };
  readonly frame: Frame;
  readonly background: Fill;
  /** Bottom to top: the last layer is drawn last. */
  readonly layers: readonly Layer[];
}

/** The fields text may hold, and the words a designer sees for each. */
export const DESIGN_FIELDS = ['recipient.name', 'badge.name', 'issued_on'] as const;
export type DesignField = (typeof DESIGN_FIELDS)[number];
export type FieldValues = Partial<Record<DesignField, string>>;

/** Limits that keep a hostile or broken document from costing memory or time. */
export const DESIGN_LIMITS = {
  maxLayers: 500,
  maxSide: 4096,
  maxCoordinate: 100_000,
  maxTextLength: 500,
  maxNameLength: 200,
  maxStops: 16,
  maxDash: 8,
  /** Characters of an image data URL (~3 MB of picture). */
  maxImageUrlLength: 4_200_000,
  /** Characters of the whole document as JSON (a few pictures). */
  maxDocumentChars: 12_000_000,
  maxDepth: 12,
} as const;
