/**
 * `restoreDesign`: the only way a design document gets in (a file, IPC, the database). It refuses
 * hostile shapes before reading them (depth, sizes, prototype keys), migrates older versions one
 * step at a time, validates the current version with a message that names the place
 * (`layers[2].font.size: …`), and cleans pictures (SVG sanitised).
 */
import * as v from 'valibot';
import { BadgeError, toBadgeError } from '../errors.js';
import { parseJsonLimited } from '../json-limits.js';
import { err, ok, type Result } from '../result.js';
import { cleanImageSrc } from './images.js';
import { DESIGN_LIMITS, DESIGN_SCHEMA_VERSION, type BadgeDesign } from './model.js';
import { designSchema } from './schema.js';

/** Named versions, oldest first. */
export const DESIGN_VERSIONS = {
  /** First designer drafts: `width`/`height` at the top, a colour string as background, `visible` on layers. */
  Initial: 1,
  /** `size`, `frame` object, fills with gradients, `hidden` instead of `visible`. */
  FillsAndFrames: 2,
} as const;

type Json = Record<string, unknown>;
type Migration = (doc: Json) => Json;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Migration N turns a version N document into version N + 1. */
const MIGRATIONS: Record<number, Migration> = {
  [DESIGN_VERSIONS.Initial]: (doc) => {
    const { width, height, background, frame, layers, ...rest } = doc;
    return {
      ...rest,
      schemaVersion: DESIGN_VERSIONS.FillsAndFrames,
      size: { width, height },
      frame: isObject(frame) ? frame : { shape: frame ?? 'circle', border: null, clip: false },
      background:
        typeof background === 'string' ? { kind: 'solid', color: background } : background,
      layers: Array.isArray(layers)
        ? layers.map((layer: unknown) => {
            if (!isObject(layer) || !('visible' in layer)) return layer;
            const { visible, ...kept } = layer;
            return { ...kept, hidden: visible === false };
          })
        : layers,
    };
  },
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function invalid(path: string, message: string): BadgeError {
  return new BadgeError(
    'ERR_DESIGN_INVALID',
    `This design file is damaged or not a Badgesmith design: ${path ? `${path}: ` : ''}${message}.`,
    {
      details: { path },
    },
  );
}

/**
 * Walks the parsed value without recursion and refuses what no real design has: nesting deeper than
 * `maxDepth`, arrays longer than the layer limit, keys that could pollute prototypes, too many values.
 */
function checkShape(input: unknown): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: '', depth: 1 },
  ];
  let values = 0;
  const maxValues = DESIGN_LIMITS.maxLayers * 200;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (++values > maxValues) throw invalid('', `it holds more than ${maxValues} values`);
    if (typeof value !== 'object' || value === null) continue;
    if (depth > DESIGN_LIMITS.maxDepth)
      {throw invalid(path, `nested deeper than ${DESIGN_LIMITS.maxDepth} levels`);}
    if (Array.isArray(value)) {
      if (value.length > DESIGN_LIMITS.maxLayers)
        {throw invalid(path, `a list of ${value.length} items (at most ${DESIGN_LIMITS.maxLayers})`);}
      value.forEach((item, i) =>
        stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }),
      );
      continue;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw invalid(path, 'not plain JSON data');
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) throw invalid(at, 'a key that is not allowed');
      stack.push({ value: (value as Json)[key], path: at, depth: depth + 1 });
    }
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

function migrate(input: Json): Json {
  let doc = input;
  const version = doc.schemaVersion;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < DESIGN_VERSIONS.Initial
  ) {
    throw invalid('schemaVersion', 'missing or not a version number');
  }
  if (version > DESIGN_SCHEMA_VERSION) {
    throw new BadgeError(
      'ERR_DESIGN_VERSION_UNSUPPORTED',
      `This design was saved by a newer Badgesmith (design format ${version}; this one reads up to ${DESIGN_SCHEMA_VERSION}). Update Badgesmith to open it.`,
      { details: { version, supported: DESIGN_SCHEMA_VERSION } },
    );
  }
  for (let step = version; step < DESIGN_SCHEMA_VERSION; step++) doc = MIGRATIONS[step]!(doc);
  return doc;
}

function restore(input: unknown): BadgeDesign {
  checkShape(input);
  if (!isObject(input)) throw invalid('', 'expected a JSON object');
  const parsed = v.safeParse(designSchema, migrate(input));
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw invalid(pathOf(issue), issue.message);
  }
  const design = parsed.output;
  const ids = new Set<string>();
  const layers = design.layers.map((layer, i) => {
    if (ids.has(layer.id)) throw invalid(`layers[${i}].id`, `"${layer.id}" is used by two layers`);
    ids.add(layer.id);
    if (layer.type !== 'image') return layer;
    try {
      return { ...layer, src: cleanImageSrc(layer.src) };
    } catch (error) {
      throw invalid(`layers[${i}].src`, toBadgeError(error).message);
    }
  });
  return { ...design, layers } as unknown as BadgeDesign;
}

/** A design from anything (parsed JSON, an IPC message): migrated and validated, or ERR_DESIGN_INVALID / ERR_DESIGN_VERSION_UNSUPPORTED. */
export function restoreDesign(input: unknown): Result<BadgeDesign> {
  try {
    return ok(restore(input));
  } catch (error) {
    return err(toBadgeError(error, 'ERR_DESIGN_INVALID').toJSON());
  }
}

/** restoreDesign that throws the BadgeError (services and the CLI). */
export function requireDesign(input: unknown): BadgeDesign {
  return restore(input);
}

/** A design from the text of a `.badgesmith.json` file (size and depth checked before parsing). */
export function parseDesignJson(text: string): Result<BadgeDesign> {
  try {
    const value = parseJsonLimited(text.replace(/^\uFEFF/, ''), {
      maxBytes: DESIGN_LIMITS.maxDocumentChars,
      maxDepth: 64,
      what: 'design file',
    });
    return restoreDesign(value);
  } catch (error) {
    const cause = toBadgeError(error);
    return err(invalid('', cause.message.replace(/\.$/, '')).toJSON());
  }
}

/** The `.badgesmith.json` text of a design (stable key order as built, two-space indent, final newline). */
export function serializeDesign(design: BadgeDesign): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}
