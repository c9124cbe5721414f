/** What the designer's components share: the page's font and icon cache, and turning failures into error notes. */
import { BadgeError, type BadgeErrorShape } from '../../../shared/errors.js';
import { DesignAssets } from '../../designer/assets.js';
import { call } from '../../ui/use-call.js';

async function value<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: BadgeErrorShape }>,
): Promise<T> {
  const done = await result;
  if (!done.ok) throw new BadgeError(done.error.code, done.error.message);
  return done.value;
}

/** One cache for the page: fonts are parsed once however many designs are opened. */
export const designAssets = new DesignAssets({
  fontFace: ({ family, weight, italic }) =>
    value(call('designs.fontFace', { family, weight, italic })),
  iconNodes: (ids) => value(call('designs.iconNodes', { ids })),
});

export function errorShape(error: unknown): BadgeErrorShape {
  if (error instanceof BadgeError) return error.toJSON();
  return {
    code: 'ERR_INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Offers bytes made in the page as a download. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
