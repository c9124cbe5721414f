/**
 * Ready-made designs: each a frame, harmonious colours, rim text, an icon and a title an
 * association can use as it is after changing the words. The title is `{{badge.name}}`, so a
 * template linked to a badge class shows that badge's name.
 */
import type {
  BadgeDesign,
  Colour,
  DesignId,
  Fill,
  FontFamily,
  FrameShape,
  IconLayer,
  Layer,
  LayerId,
  ShapeLayer,
  TextLayer,
} from './model.js';
import { DESIGN_SCHEMA_VERSION } from './model.js';
import { newDesignId } from './ops.js';

export type Language = 'en' | 'fr';

export interface DesignTemplate {
  readonly id: string;
  readonly label: Readonly<Record<Language, string>>;
  readonly build: (language: Language) => Omit<BadgeDesign, 'id'>;
}

const SIZE = 512;
const C = SIZE / 2;

const base = { rotation: 0, opacity: 1, locked: false, hidden: false, shadow: null } as const;
const solid = (color: Colour): Fill => ({ kind: 'solid', color });
const radial = (inner: Colour, outer: Colour): Fill => ({
  kind: 'radial',
  cx: 0.5,
  cy: 0.38,
  r: 0.7,
  stops: [
    { offset: 0, color: inner },
    { offset: 1, color: outer },
  ],
});
const linear = (angle: number, from: Colour, to: Colour): Fill => ({
  kind: 'linear',
  angle,
  stops: [
    { offset: 0, color: from },
    { offset: 1, color: to },
  ],
});

function ring(
  id: string,
  radius: number,
  color: Colour,
  width: number,
  cy = C,
  fill: Fill | null = null,
): ShapeLayer {
  return {
    ...base,
    id: id as LayerId,
    name: 'Ring',
    type: 'shape',
    shape: 'ellipse',
    x: C - radius,
    y: cy - radius,
    width: radius * 2,
    height: radius * 2,
    fill,
    stroke: { color, width, dash: [] },
    cornerRadius: 0,
    sides: 6,
  };
}

function rim(
  id: string,
  text: string,
  side: 'top' | 'bottom',
  radius: number,
  color: Colour,
  options: { family?: FontFamily; size?: number; cy?: number; maxAngle?: number } = {},
): TextLayer {
  const cy = options.cy ?? C;
  return {
    ...base,
    id: id as LayerId,
    name: side === 'top' ? 'Rim text (top)' : 'Rim text (bottom)',
    type: 'text',
    text,
    x: C - radius,
    y: cy - radius,
    width: radius * 2,
    height: radius * 2,
    font: {
      family: options.family ?? 'Montserrat',
      weight: 700,
      italic: false,
      size: options.size ?? 30,
    },
    fill: solid(color),
    stroke: null,
    align: 'center',
    letterSpacing: 0.12,
    lineHeight: 1.2,
    arc: { side, radius, maxAngle: options.maxAngle ?? 150 },
  };
}

function title(
  id: string,
  text: string,
  y: number,
  color: Colour,
  options: {
    family?: FontFamily;
    size?: number;
    width?: number;
    weight?: number;
    height?: number;
  } = {},
): TextLayer {
  const width = options.width ?? 280;
  const size = options.size ?? 44;
  // `y` is the top of one line; the box is tall enough for two, centred on that line.
  const height = options.height ?? size * 2.3;
  const centre = y + size * 0.7;
  return {
    ...base,
    id: id as LayerId,
    name: 'Title',
    type: 'text',
    text,
    x: C - width / 2,
    y: centre - height / 2,
    width,
    height,
    font: {
      family: options.family ?? 'Montserrat',
      weight: options.weight ?? 800,
      italic: false,
      size,
    },
    fill: solid(color),
    stroke: null,
    align: 'center',
    letterSpacing: 0.02,
    lineHeight: 1.15,
    arc: null,
  };
}

function icon(
  id: string,
  name: string,
  color: Colour,
  size: number,
  cy: number,
  strokeWidth = 1.75,
): IconLayer {
  return {
    ...base,
    id: id as LayerId,
    name: 'Icon',
    type: 'icon',
    icon: `lucide:${name}`,
    color,
    strokeWidth,
    fillColor: null,
    x: C - size / 2,
    y: cy - size / 2,
    width: size,
    height: size,
  };
}

function shape(
  id: string,
  kind: ShapeLayer['shape'],
  box: { x: number; y: number; width: number; height: number },
  fill: Fill | null,
  extra: Partial<ShapeLayer> = {},
): ShapeLayer {
  return {
    ...base,
    id: id as LayerId,
    name: 'Shape',
    type: 'shape',
    shape: kind,
    ...box,
    fill,
    stroke: null,
    cornerRadius: 0,
    sides: 6,
    ...extra,
  };
}

function dot(id: string, angleDeg: number, radius: number, color: Colour, size = 14): ShapeLayer {
  const a = (angleDeg * Math.PI) / 180;
  return shape(
    id,
    'star',
    {
      x: C + radius * Math.cos(a) - size / 2,
      y: C + radius * Math.sin(a) - size / 2,
      width: size,
      height: size,
    },
    solid(color),
    { sides: 5, name: 'Star' },
  );
}

function design(
  name: string,
  shapeName: FrameShape,
  background: Fill,
  border: { color: Colour; width: number } | null,
  layers: Layer[],
  clip = false,
): Omit<BadgeDesign, 'id'> {
  return {
    schemaVersion: DESIGN_SCHEMA_VERSION,
    name,
    size: { width: SIZE, height: SIZE },
    frame: { shape: shapeName, border: border && { ...border, dash: [] }, clip },
    background,
    layers,
  };
}

const words = {
  organisation: { en: 'YOUR ORGANISATION', fr: 'VOTRE ASSOCIATION' },
  certified: { en: 'CERTIFIED', fr: 'CERTIFIÉ' },
  volunteer: { en: 'VOLUNTEER', fr: 'BÉNÉVOLE' },
  member: { en: 'MEMBER', fr: 'MEMBRE' },
  achievement: { en: 'ACHIEVEMENT', fr: 'RÉUSSITE' },
  awarded: { en: 'AWARDED TO', fr: 'DÉCERNÉ À' },
  year: { en: 'SINCE 2026', fr: 'DEPUIS 2026' },
} as const;

const BADGE = '{{badge.name}}';

export const TEMPLATES: readonly DesignTemplate[] = [
  {
    id: 'round-classic',
    label: { en: 'Round medal', fr: 'Médaille ronde' },
    build: (lang) =>
      design(
        'Round medal',
        'circle',
        radial('#24508f', '#10264a'),
        { color: '#d4a73a', width: 14 },
        [
          ring('ring', 172, '#d4a73a', 3),
          rim('top', words.organisation[lang], 'top', 206, '#f3dfa2'),
          rim('bottom', words.certified[lang], 'bottom', 206, '#f3dfa2'),
          dot('s1', 180, 206, '#d4a73a'),
          dot('s2', 0, 206, '#d4a73a'),
          icon('icon', 'award', '#f3dfa2', 112, 200),
          title('title', BADGE, 272, '#ffffff', { size: 40, width: 270 }),
        ],
      ),
  },
  {
    id: 'hexagon-mountain',
    label: { en: 'Hexagon', fr: 'Hexagone' },
    build: (lang) =>
      design(
        'Hexagon',
        'hexagon',
        linear(90, '#1f8a7a', '#0d4f4a'),
        { color: '#e9f5f0', width: 12 },
        [
          ring('ring', 176, '#a8e0d1', 2, C, solid('#0f5f58')),
          rim('top', words.organisation[lang], 'top', 150, '#e9f5f0', { size: 24 }),
          rim('bottom', words.member[lang], 'bottom', 150, '#a8e0d1', { size: 24 }),
          icon('icon', 'mountain-snow', '#ffffff', 104, 214),
          title('title', BADGE, 278, '#ffffff', {
            size: 34,
            width: 230,
            family: 'Oswald',
            weight: 600,
          }),
        ],
      ),
  },
  {
    id: 'shield-first-aid',
    label: { en: 'Shield', fr: 'Écusson' },
    build: (lang) =>
      design(
        'Shield',
        'shield',
        linear(90, '#c8373b', '#7d1a22'),
        { color: '#f6efe6', width: 14 },
        [
          shape('band', 'rect', { x: 40, y: 92, width: 432, height: 58 }, solid('#f6efe6'), {
            name: 'Band',
          }),
          title('org', words.organisation[lang], 98, '#7d1a22', {
            size: 28,
            width: 380,
            family: 'Oswald',
            weight: 600,
          }),
          icon('icon', 'heart-pulse', '#ffffff', 124, 236, 1.6),
          title('title', BADGE, 300, '#ffffff', {
            size: 38,
            width: 300,
            family: 'Roboto Slab',
            weight: 700,
          }),
          rim('bottom', words.certified[lang], 'bottom', 166, '#f6d9c9', {
            size: 20,
            cy: 246,
            maxAngle: 80,
          }),
        ],
      ),
  },
  {
    id: 'ribbon-rosette',
    label: { en: 'Rosette with ribbons', fr: 'Rosette à rubans' },
    build: (lang) =>
      design(
        'Rosette',
        'ribbon',
        linear(90, '#e8b84a', '#b7791f'),
        { color: '#7a4f12', width: 4 },
        [
          ring('ring', 146, '#fff4d6', 3, 208, radial('#9b2c2c', '#6b1d1d')),
          rim('top', words.achievement[lang], 'top', 167, '#5b3a0a', { size: 21, cy: 208 }),
          rim('bottom', words.year[lang], 'bottom', 167, '#5b3a0a', { size: 19, cy: 208 }),
          icon('icon', 'trophy', '#ffe7a3', 96, 170),
          title('title', BADGE, 228, '#ffffff', {
            size: 32,
            width: 220,
            family: 'Playfair Display',
            weight: 700,
          }),
        ],
      ),
  },
  {
    id: 'star-purple',
    label: { en: 'Star', fr: 'Étoile' },
    build: (lang) =>
      design('Star', 'star', radial('#8b5cf6', '#4c1d95'), { color: '#f5d0fe', width: 6 }, [
        ring('ring', 168, '#f5d0fe', 3, C, radial('#6d28d9', '#3b0f7a')),
        rim('top', words.organisation[lang], 'top', 138, '#f5d0fe', { size: 22 }),
        icon('icon', 'sparkles', '#fde68a', 96, 226),
        title('title', BADGE, 284, '#ffffff', { size: 34, width: 220 }),
      ]),
  },
  {
    id: 'rounded-leaf',
    label: { en: 'Rounded square', fr: 'Carré arrondi' },
    build: (lang) =>
      design(
        'Rounded square',
        'rounded-square',
        linear(120, '#3f9d5b', '#1e5e3a'),
        { color: '#eaf7ec', width: 10 },
        [
          ring('ring', 196, '#cdebd3', 2),
          rim('top', words.organisation[lang], 'top', 170, '#eaf7ec', { size: 26 }),
          rim('bottom', words.volunteer[lang], 'bottom', 170, '#cdebd3', { size: 26 }),
          icon('icon', 'leaf', '#ffffff', 108, 206),
          title('title', BADGE, 276, '#ffffff', { size: 38, width: 250 }),
        ],
      ),
  },
  {
    id: 'round-banner',
    label: { en: 'Round with banner', fr: 'Rond avec bandeau' },
    build: (lang) =>
      design(
        'Round with banner',
        'circle',
        radial('#fdf6e3', '#f1dfb5'),
        { color: '#1d3557', width: 16 },
        [
          ring('ring', 190, '#1d3557', 2),
          rim('top', words.organisation[lang], 'top', 212, '#1d3557', { size: 26 }),
          icon('icon', 'compass', '#1d3557', 120, 186),
          shape(
            'banner',
            'banner',
            { x: 36, y: 272, width: 440, height: 84 },
            linear(90, '#e63946', '#b5222f'),
            {
              name: 'Banner',
              shadow: { color: '#00000055', blur: 8, offsetX: 0, offsetY: 4 },
            },
          ),
          title('title', BADGE, 284, '#ffffff', { size: 40, width: 320, height: 56 }),
          dot('s1', 90, 200, '#e63946', 20),
        ],
      ),
  },
  {
    id: 'square-tech',
    label: { en: 'Square, dark', fr: 'Carré sombre' },
    build: (lang) =>
      design(
        'Square, dark',
        'square',
        linear(135, '#1f2937', '#0b1220'),
        { color: '#f59e0b', width: 12 },
        [
          ring('ring', 180, '#f59e0b', 6, 230, solid('#111827')),
          rim('top', words.organisation[lang], 'top', 150, '#fcd34d', { size: 22, cy: 230 }),
          icon('icon', 'code-xml', '#f59e0b', 108, 230, 2),
          title('title', BADGE, 420, '#ffffff', {
            size: 40,
            width: 420,
            family: 'Oswald',
            weight: 600,
            height: 56,
          }),
        ],
      ),
  },
  {
    id: 'round-volunteer',
    label: { en: 'Round, personalised', fr: 'Rond, nominatif' },
    build: (lang) =>
      design(
        'Round, personalised',
        'circle',
        radial('#ff8a5b', '#d9480f'),
        { color: '#fff1e6', width: 12 },
        [
          ring('ring', 170, '#fff1e6', 2, C, radial('#fff7f0', '#ffe3cf')),
          rim('top', words.awarded[lang], 'top', 206, '#fff7f0', { size: 28 }),
          rim('bottom', '{{recipient.name}}', 'bottom', 206, '#fff7f0', { size: 28 }),
          icon('icon', 'hand-heart', '#d9480f', 112, 212),
          title('title', BADGE, 280, '#7c2d12', {
            size: 36,
            width: 250,
            family: 'Roboto Slab',
            weight: 700,
          }),
        ],
      ),
  },
  {
    id: 'hexagon-science',
    label: { en: 'Hexagon, science', fr: 'Hexagone, sciences' },
    build: (lang) =>
      design(
        'Hexagon, science',
        'hexagon',
        radial('#38bdf8', '#075985'),
        { color: '#0c4a6e', width: 12 },
        [
          ring('ring', 190, '#e0f2fe', 2, C),
          rim('top', words.organisation[lang], 'top', 160, '#f0f9ff', { size: 24 }),
          rim('bottom', words.achievement[lang], 'bottom', 160, '#e0f2fe', { size: 24 }),
          icon('icon', 'flask-conical', '#ffffff', 100, 214),
          title('title', BADGE, 276, '#ffffff', { size: 36, width: 240 }),
        ],
      ),
  },
];

/** A new design from a template, with the rim words in `language` and a fresh id. */
export function templateDesign(
  templateId: string,
  language: Language = 'en',
  id: DesignId = newDesignId(),
): BadgeDesign | undefined {
  const template = TEMPLATES.find((t) => t.id === templateId);
  return template ? { ...template.build(language), id } : undefined;
}
