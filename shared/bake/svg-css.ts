/**
 * Conservative CSS checks for SVG artwork: `style` attributes, `<style>` sheets and presentation attribute
 * values. Nothing that can make a browser load anything survives: no backslash (CSS escapes such as
 * `@\69mport` or `\75 rl(`), no at-rule, no function outside a short list of pure ones (so no `image-set()`,
 * `image()`, `src()`, `paint()`, `var()`…), and `url()` only as an in-document `url(#fragment)` in the few
 * properties that reference paint servers, clips, masks, filters or markers. Browser-safe.
 */

export type CssProblem = 'external-reference' | 'unsafe-css';

/** Functions that compute a value and never fetch anything. */
const PURE_FUNCTIONS = new Set([
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix',
  'calc', 'min', 'max', 'clamp',
  'translate', 'translatex', 'translatey', 'translatez', 'translate3d', 'rotate', 'rotatex', 'rotatey', 'rotatez',
  'rotate3d', 'scale', 'scalex', 'scaley', 'scalez', 'scale3d', 'matrix', 'matrix3d', 'skew', 'skewx', 'skewy', 'perspective',
  'blur', 'brightness', 'contrast', 'drop-shadow', 'grayscale', 'hue-rotate', 'invert', 'opacity', 'saturate', 'sepia',
  'inset', 'circle', 'ellipse', 'polygon', 'path', 'rect',
]);

/** Properties (and presentation attributes) whose `url(#id)` points at a paint server, clip, mask, filter or marker. */
export const FRAGMENT_URL_PROPERTIES = new Set([
  'fill', 'stroke', 'clip-path', 'mask', 'filter', 'marker', 'marker-start', 'marker-mid', 'marker-end', 'shape-inside',
]);

/** Presentation attributes, usable both as attributes and in `style`. */
export const PRESENTATION_PROPERTIES = new Set([
  'alignment-baseline', 'baseline-shift', 'clip', 'clip-path', 'clip-rule', 'color', 'color-interpolation',
  'color-interpolation-filters', 'color-rendering', 'direction', 'display', 'dominant-baseline', 'enable-background',
  'fill', 'fill-opacity', 'fill-rule', 'filter', 'flood-color', 'flood-opacity', 'font-family', 'font-size',
  'font-size-adjust', 'font-stretch', 'font-style', 'font-variant', 'font-weight', 'glyph-orientation-horizontal',
  'glyph-orientation-vertical', 'image-rendering', 'isolation', 'kerning', 'letter-spacing', 'lighting-color',
  'marker-end', 'marker-mid', 'marker-start', 'mask', 'mix-blend-mode', 'opacity', 'overflow', 'paint-order',
  'pointer-events', 'shape-rendering', 'stop-color', 'stop-opacity', 'stroke', 'stroke-dasharray',
  'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity', 'stroke-width',
  'text-anchor', 'text-decoration', 'text-rendering', 'transform-origin', 'unicode-bidi', 'vector-effect',
  'visibility', 'white-space', 'word-spacing', 'writing-mode',
]);

/** Properties accepted in `style`: the presentation attributes plus CSS-only ones drawing tools write. */
const STYLE_PROPERTIES = new Set([
  ...PRESENTATION_PROPERTIES,
  'font', 'font-feature-settings', 'font-kerning', 'font-variant-caps', 'font-variant-east-asian', 'font-variant-ligatures',
  'font-variant-numeric', 'font-variation-settings', 'inline-size', 'line-height', 'marker', 'shape-inside', 'shape-margin',
  'shape-padding', 'solid-color', 'solid-opacity', 'text-align', 'text-decoration-color', 'text-decoration-line',
  'text-decoration-style', 'text-indent', 'text-orientation', 'text-transform', 'transform', 'transform-box',
  'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'width', 'height', 'd',
]);

const FRAGMENT_URL = /\(\s*(["']?)#[^\s"'\\()<>]+\1\s*\)/y;
const FUNCTION = /([A-Za-z0-9_-]*)\s*\(/g;

/**
 * What is wrong with a CSS value (presentation attribute, declaration value, or a whole sheet as a backstop), or
 * undefined when it cannot load anything. `url(#id)` passes only when `fragmentUrls` is true.
 */
export function cssValueProblem(value: string, fragmentUrls: boolean): CssProblem | undefined {
  if (value.includes('\\')) return 'unsafe-css';
  for (const match of value.matchAll(FUNCTION)) {
    const name = match[1]!.toLowerCase();
    if (name === '' || PURE_FUNCTIONS.has(name)) continue;
    if (name === 'url') {
      FRAGMENT_URL.lastIndex = match.index + match[0].length - 1;
      if (fragmentUrls && FRAGMENT_URL.test(value)) continue;
      return 'external-reference';
    }
    return /image|src|fade|element/.test(name) ? 'external-reference' : 'unsafe-css';
  }
  if (/@import/i.test(value)) return 'external-reference';
  return undefined;
}

export interface CssRemoval {
  name: string;
  problem: CssProblem | 'not-allowed';
}

export interface CleanCss {
  /** The kept text: the input itself when nothing was removed, otherwise rebuilt from what was kept. */
  text: string;
  removed: CssRemoval[];
}

/** Splits at `separator` outside quotes and parentheses; undefined when a quote is left open or crosses a line. */
function splitOutside(text: string, separator: string): string[] | undefined {
  const parts: string[] = [];
  let quote = '';
  let parens = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\n' || c === '\r' || c === '\f') return undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') parens++;
    else if (c === ')') parens = Math.max(0, parens - 1);
    else if (c === separator && parens === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (quote !== '') return undefined;
  parts.push(text.slice(from));
  return parts;
}

/** Comments become a space (so they cannot glue tokens together); undefined for an unterminated comment. */
function withoutComments(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('/*', from);
    if (open < 0) return out + text.slice(from);
    const close = text.indexOf('*/', open + 2);
    if (close < 0) return undefined;
    out += `${text.slice(from, open)} `;
    from = close + 2;
  }
}

/** Text that cannot be made safe piecewise: the whole style goes. */
function wholeTextProblem(text: string, sheet: boolean): CssProblem | undefined {
  if (text.includes('\\')) return 'unsafe-css';
  if (/@import/i.test(text)) return 'external-reference';
  if (sheet && (text.includes('@') || text.includes('<'))) return 'unsafe-css';
  return undefined;
}

/** Declarations (`prop: value; …`) keeping only allowed properties with safe values. */
export function cleanDeclarations(text: string): CleanCss {
  const whole = wholeTextProblem(text, false);
  if (whole !== undefined) return { text: '', removed: [{ name: 'style', problem: whole }] };
  const uncommented = withoutComments(text);
  const declarations = uncommented === undefined ? undefined : splitOutside(uncommented, ';');
  if (declarations === undefined) return { text: '', removed: [{ name: 'style', problem: 'unsafe-css' }] };
  const kept: string[] = [];
  const removed: CssRemoval[] = [];
  for (const declaration of declarations) {
    if (declaration.trim() === '') continue;
    const colon = declaration.indexOf(':');
    const property = (colon < 0 ? declaration : declaration.slice(0, colon)).trim().toLowerCase();
    if (colon < 0 || !STYLE_PROPERTIES.has(property)) {
      removed.push({ name: property || declaration.trim(), problem: 'not-allowed' });
      continue;
    }
    const problem = cssValueProblem(declaration.slice(colon + 1), FRAGMENT_URL_PROPERTIES.has(property));
    if (problem !== undefined) removed.push({ name: property, problem });
    else kept.push(declaration.trim());
  }
  const out = removed.length === 0 && uncommented === text ? text : kept.join(';');
  // Backstop: whatever the parse above understood, the kept text as a whole loads nothing.
  const backstop = cssValueProblem(out, true);
  if (backstop !== undefined) return { text: '', removed: [...removed, { name: 'style', problem: backstop }] };
  return { text: out, removed };
}

const SELECTOR = /^[\w\s.#,>+~*:()[\]=|^$-]+$/;

/** A `<style>` sheet: plain rules `selector { declarations }` only (no at-rule, no nesting). */
export function cleanStyleSheet(text: string): CleanCss {
  const whole = wholeTextProblem(text, true);
  if (whole !== undefined) return { text: '', removed: [{ name: 'style', problem: whole }] };
  const uncommented = withoutComments(text);
  const blocks = uncommented === undefined ? undefined : splitOutside(uncommented, '}');
  if (blocks === undefined) return { text: '', removed: [{ name: 'style', problem: 'unsafe-css' }] };
  const rules: string[] = [];
  const removed: CssRemoval[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.trim() === '') continue;
    const parts = splitOutside(block, '{');
    if (i === blocks.length - 1 || parts === undefined || parts.length !== 2 || !SELECTOR.test(parts[0]!)) {
      removed.push({ name: 'style rule', problem: 'unsafe-css' });
      continue;
    }
    const body = cleanDeclarations(parts[1]!);
    removed.push(...body.removed);
    if (body.text.trim() !== '') rules.push(`${parts[0]!.trim()} { ${body.text.trim()} }`);
  }
  const out = removed.length === 0 && uncommented === text ? text : rules.join('\n');
  const backstop = cssValueProblem(out, true);
  if (backstop !== undefined) return { text: '', removed: [...removed, { name: 'style', problem: backstop }] };
  return { text: out, removed };
}
