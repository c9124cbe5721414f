/**
 * The designer: saved designs (list, load, autosave, delete, new from a template, .badgesmith.json
 * import and export), the images Node makes from a design (what gets baked), linking a design to a
 * badge class, and the fonts, icons and pictures the canvas draws with. Documents travel as plain
 * JSON and go through restoreDesign on both sides (main validates every save).
 */
import * as v from 'valibot';
import { DESIGN_FIELDS, FONT_FAMILIES, type BadgeDesign } from '../../design/model.js';
import {
  base64Bytes,
  count,
  droppedFile,
  empty,
  language,
  nonEmpty,
  text,
  type ChannelSpec,
} from '../schemas.js';

const designId = nonEmpty(64);

export const designSummary = v.object({
  id: v.string(),
  name: v.string(),
  badgeId: v.nullable(v.string()),
  created: v.string(),
  updated: v.string(),
});

/** A design document as JSON; its shape is checked by restoreDesign (main checks every one it receives). */
const designDocument = v.custom<BadgeDesign>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  'A design document is a JSON object.',
);

const fieldValues = v.strictObject(
  Object.fromEntries(DESIGN_FIELDS.map((field) => [field, v.optional(text(500))])) as Record<
    (typeof DESIGN_FIELDS)[number],
    v.OptionalSchema<ReturnType<typeof text>, undefined>
  >,
);

/** One element of an icon's drawing on a 24-unit grid (only drawing elements and numeric geometry). */
const iconNode = v.tuple([v.string(), v.record(v.string(), v.string())]);
const iconEntry = v.object({ id: v.string(), nodes: v.array(iconNode) });
const iconId = v.pipe(v.string(), v.maxLength(120), v.regex(/^lucide:[a-z0-9-]+$/));

export const designsContract = {
  'designs.list': { req: empty, res: v.array(designSummary) },
  'designs.load': {
    req: v.strictObject({ id: designId }),
    res: v.object({ summary: designSummary, document: designDocument }),
  },
  /** The autosave: validates and stores the whole document. */
  'designs.save': { req: v.strictObject({ document: designDocument }), res: designSummary },
  'designs.delete': {
    req: v.strictObject({ id: designId }),
    res: v.object({ deleted: v.boolean() }),
  },
  'designs.templates': {
    req: v.strictObject({ language }),
    res: v.array(v.object({ id: v.string(), label: v.string(), thumbnail: v.string() })),
  },
  /** A new design from a template (saved at once), its words in `language`. */
  'designs.create': {
    req: v.strictObject({ template: nonEmpty(64), language }),
    res: v.object({ summary: designSummary, document: designDocument }),
  },
  'designs.importFile': {
    req: v.strictObject({ file: droppedFile }),
    res: v.object({ summary: designSummary, document: designDocument }),
  },
  'designs.exportFile': {
    req: v.strictObject({ id: designId }),
    res: v.object({ name: v.string(), base64: base64Bytes }),
  },
  /** The image Node makes from a document: what linking a badge bakes. */
  'designs.render': {
    req: v.strictObject({
      document: designDocument,
      format: v.picklist(['png', 'svg']),
      size: v.optional(v.pipe(v.number(), v.integer(), v.minValue(16), v.maxValue(4096))),
      fields: v.optional(fieldValues),
      missingFields: v.optional(v.picklist(['keep', 'blank'])),
    }),
    res: v.object({ name: v.string(), base64: base64Bytes }),
  },
  /** Badge classes a design can become the image of. */
  'designs.badges': {
    req: empty,
    res: v.array(v.object({ id: v.string(), name: v.string(), designId: v.nullable(v.string()) })),
  },
  'designs.link': {
    req: v.strictObject({ designId, badgeId: nonEmpty(200) }),
    res: v.object({
      badge: v.object({ id: v.string(), name: v.string(), image: v.string() }),
      fields: v.array(v.string()),
    }),
  },
  'designs.fonts': {
    req: empty,
    res: v.array(
      v.object({ family: v.picklist(FONT_FAMILIES), weights: v.array(count), italic: v.boolean() }),
    ),
  },
  /** The font files (latin, then latin-ext) of the face that draws a family at a weight and style. */
  'designs.fontFace': {
    req: v.strictObject({
      family: v.picklist(FONT_FAMILIES),
      weight: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(900)),
      italic: v.boolean(),
    }),
    res: v.object({
      key: v.string(),
      weight: count,
      italic: v.boolean(),
      files: v.array(base64Bytes),
    }),
  },
  /** Icons whose name or tags match the words, with their drawing (checked path data). */
  'designs.searchIcons': {
    req: v.strictObject({
      query: text(100),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200))),
    }),
    res: v.array(iconEntry),
  },
  /** The drawings of the icons a document uses. */
  'designs.iconNodes': {
    req: v.strictObject({ ids: v.pipe(v.array(iconId), v.maxLength(500)) }),
    res: v.array(iconEntry),
  },
  /** A picture for an image layer: PNG or JPEG checked, SVG sanitised, with its size in pixels. */
  'designs.importImage': {
    req: v.strictObject({ file: droppedFile }),
    res: v.object({
      src: v.string(),
      kind: v.picklist(['png', 'jpeg', 'svg']),
      width: v.number(),
      height: v.number(),
    }),
  },
} satisfies Record<string, ChannelSpec>;
