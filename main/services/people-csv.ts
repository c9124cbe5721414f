/**
 * people-<run>.csv: one line per person who holds the badge after an `issue` run, ready for a
 * mail merge (name, e-mail, badge, the credential page to link, the files to attach).
 * Every cell is quoted, and a cell a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with a single quote (CSV injection).
 */

export const PEOPLE_CSV_COLUMNS = ['name', 'email', 'badge', 'badge_id', 'award_id', 'status', 'page_url', 'image_png', 'image_svg', 'files'] as const;

export type PeopleCsvRow = Record<(typeof PEOPLE_CSV_COLUMNS)[number], string | null>;

/** One CSV cell: formula-looking text defused, then quoted (quotes doubled). */
export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The header row, after a UTF-8 BOM so that spreadsheets read accented names correctly. */
export function peopleCsvHeader(): string {
  return `\uFEFF${PEOPLE_CSV_COLUMNS.join(',')}\r\n`;
}

export function peopleCsvLine(row: PeopleCsvRow): string {
  return `${PEOPLE_CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
}
