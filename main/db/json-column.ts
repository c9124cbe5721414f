import { BadgeError } from '../../shared/errors.js';

export type Guard<T> = (value: unknown) => value is T;

export const isStringArray: Guard<string[]> = (value): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

export const isObject: Guard<Record<string, unknown>> = (value): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isObjectArray: Guard<Record<string, unknown>[]> = (value): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every(isObject);

/** Parses and validates a JSON column on read; a bad value names the table, row and column. */
export function readJson<T>(table: string, rowId: string | number, column: string, text: unknown, guard: Guard<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(String(text));
  } catch {
    value = Symbol('invalid');
  }
  if (!guard(value)) {
    throw new BadgeError(
      'ERR_WORKSPACE_CORRUPT',
      `The workspace database is damaged: ${table} row "${rowId}" has an invalid ${column} value. Restore the workspace from a backup.`,
      { details: { table, row: rowId, column } },
    );
  }
  return value;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}
