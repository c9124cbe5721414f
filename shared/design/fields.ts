/** Fields in design text: `{{recipient.name}}`, `{{badge.name}}`, `{{issued_on}}` (spaces inside the braces allowed). */
import { DESIGN_FIELDS, type BadgeDesign, type DesignField, type FieldValues } from './model.js';

const FIELD = /\{\{\s*([a-z_.]+)\s*\}\}/g;

const isField = (name: string): name is DesignField =>
  (DESIGN_FIELDS as readonly string[]).includes(name);

/**
 * The text with its known fields replaced. A field without a value stays as written (`keep`, the
 * designer's view) or disappears (`blank`, a master image for a badge class). Unknown names stay.
 */
export function fillFields(
  text: string,
  values: FieldValues = {},
  missing: 'keep' | 'blank' = 'keep',
): string {
  return text.replace(FIELD, (whole, name: string) => {
    if (!isField(name)) return whole;
    const value = values[name];
    return value ?? (missing === 'blank' ? '' : whole);
  });
}

/** The fields a design's text layers use, in order of first use. */
export function fieldsUsed(design: BadgeDesign): DesignField[] {
  const used = new Set<DesignField>();
  for (const layer of design.layers) {
    if (layer.type !== 'text') continue;
    for (const match of layer.text.matchAll(FIELD)) if (isField(match[1]!)) used.add(match[1]!);
  }
  return [...used];
}
