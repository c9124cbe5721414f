/** HTML text and attribute escaping: every value from the workspace goes through one of these. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(value: string | number): string {
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char) : text;
}

/** Relative link from one site path to another, so the tree works under any sub-path. */
export function relativeHref(fromPath: string, toPath: string): string {
  // Longest common folder prefix (ends with "/"), then one "../" per folder of `fromPath` below it.
  // Written without split/join: it runs about fifteen times for each of tens of thousands of pages.
  const limit = Math.min(fromPath.lastIndexOf('/') + 1, toPath.length);
  let common = 0;
  for (let i = 0; i < limit && fromPath.charCodeAt(i) === toPath.charCodeAt(i); i += 1) {
    if (fromPath.charCodeAt(i) === SLASH) common = i + 1;
  }
  let up = 0;
  for (let i = common; i < fromPath.length; i += 1) if (fromPath.charCodeAt(i) === SLASH) up += 1;
  const rest = toPath.slice(common);
  return up === 0 ? rest : `${'../'.repeat(up)}${rest}`;
}

const SLASH = 47;

/** Plain text with paragraphs (blank lines) and line breaks; no Markdown rendering, no raw HTML. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** A date-time as a calendar date in the page language, the same way as the verify page (shared/messages). */
export { formatDate } from '../messages/index.js';
