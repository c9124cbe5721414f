/**
 * Text that came from data (CSV values, names, stored fields, files) must not drive the user's
 * terminal: an ESC or OSC sequence could retitle, recolour or rewrite the screen, a bidi override
 * could make a line read differently. Every character that controls rather than displays is
 * printed as a visible `\uXXXX` escape. Inside a JSON string that escape means the same
 * character, so JSON output stays valid and exact.
 */

// C0 controls except tab and newline, DEL, C1 controls, the Arabic letter mark, LRM/RLM,
// bidi embeddings/overrides/isolates, and the line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every terminal control character made visible (tab and newline kept). */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** One line of a table or message from data: also makes tab and newline visible. */
export function terminalCell(text: string): string {
  return terminalSafe(text).replace(/[\t\n]/g, escape);
}
