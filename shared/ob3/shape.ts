/**
 * A tiny structural validator for the subset of JSON Schema (draft 2019-09) that the 1EdTech
 * OB 3.0 schemas use: type, enum, pattern, format (date-time, date), required,
 * additionalProperties: false, array items / tuple items / additionalItems, minItems,
 * contains, allOf-of-contains (type arrays) and oneOf. Browser-safe, no code generation.
 */
export interface ValidationIssue {
  /** JSON pointer of the offending value, e.g. `/credentialSubject/identifier/0/identityType`. */
  path: string;
  message: string;
}

export type Rule =
  | { kind: 'any' }
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; format?: 'date-time' | 'date' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'object'; properties: Readonly<Record<string, Rule>>; required?: readonly string[]; closed?: boolean }
  | {
      kind: 'array';
      items?: Rule;
      tuple?: readonly Rule[];
      minItems?: number;
      /** Each inner list: at least one item must equal one of its values. */
      contains?: readonly (readonly string[])[];
    }
  | { kind: 'oneOf'; options: readonly Rule[]; describe: string }
  | { kind: 'ref'; get: () => Rule };

export function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function validateRule(rule: Rule, value: unknown, path: string, issues: ValidationIssue[]): void {
  switch (rule.kind) {
    case 'any':
      return;
    case 'ref':
      return validateRule(rule.get(), value, path, issues);
    case 'string':
      return validateString(rule, value, path, issues);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(wrongType(path, 'a number', value));
      return;
    case 'boolean':
      if (typeof value !== 'boolean') issues.push(wrongType(path, 'true or false', value));
      return;
    case 'object':
      return validateObject(rule, value, path, issues);
    case 'array':
      return validateArray(rule, value, path, issues);
    case 'oneOf':
      return validateOneOf(rule, value, path, issues);
  }
}

function wrongType(path: string, expected: string, value: unknown): ValidationIssue {
  return { path, message: `must be ${expected}, not ${describeValue(value)}` };
}

function describeValue(value: unknown): string {
  const type = jsonType(value);
  if (type === 'string') return `the string ${JSON.stringify(truncate(value as string))}`;
  if (type === 'number' || type === 'boolean' || type === 'null') return String(value);
  return type === 'array' ? 'an array' : 'an object';
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function validateString(
  rule: Extract<Rule, { kind: 'string' }>,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): void {
  if (typeof value !== 'string') {
    issues.push(wrongType(path, rule.enum?.length === 1 ? `the string ${JSON.stringify(rule.enum[0])}` : 'a string', value));
    return;
  }
  if (rule.enum && !rule.enum.includes(value)) {
    issues.push({ path, message: `must be one of ${rule.enum.join(', ')}, not ${JSON.stringify(truncate(value))}` });
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    issues.push({ path, message: `${JSON.stringify(truncate(value))} does not match the pattern ${rule.pattern.source}` });
  }
  if (rule.format === 'date-time' && !isDateTimeWithZone(value)) {
    issues.push({
      path,
      message: `must be a date-time with a timezone, such as 2025-01-31T09:00:00Z, not ${JSON.stringify(truncate(value))}`,
    });
  }
  if (rule.format === 'date' && !isFullDate(value)) {
    issues.push({ path, message: `must be a date such as 2025-01-31, not ${JSON.stringify(truncate(value))}` });
  }
}

function validateObject(
  rule: Extract<Rule, { kind: 'object' }>,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): void {
  if (jsonType(value) !== 'object') {
    issues.push(wrongType(path, 'an object', value));
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of rule.required ?? []) {
    if (!Object.hasOwn(object, key)) issues.push({ path: pointer(path, key), message: 'is required but missing' });
  }
  for (const [key, member] of Object.entries(object)) {
    const memberRule = Object.hasOwn(rule.properties, key) ? rule.properties[key] : undefined;
    if (memberRule) validateRule(memberRule, member, pointer(path, key), issues);
    else if (rule.closed) issues.push({ path: pointer(path, key), message: 'is not allowed here (no extra properties)' });
  }
}

function validateArray(
  rule: Extract<Rule, { kind: 'array' }>,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): void {
  if (!Array.isArray(value)) {
    issues.push(wrongType(path, 'an array', value));
    return;
  }
  if (rule.minItems !== undefined && value.length < rule.minItems) {
    issues.push({ path, message: `must have at least ${rule.minItems} item${rule.minItems === 1 ? '' : 's'}` });
  }
  value.forEach((item, index) => {
    const itemRule = rule.tuple ? (rule.tuple[index] ?? rule.items) : rule.items;
    if (itemRule) validateRule(itemRule, item, pointer(path, index), issues);
  });
  for (const wanted of rule.contains ?? []) {
    if (!value.some((item) => typeof item === 'string' && wanted.includes(item))) {
      issues.push({ path, message: `must contain ${wanted.map((w) => JSON.stringify(w)).join(' or ')}` });
    }
  }
}

function validateOneOf(
  rule: Extract<Rule, { kind: 'oneOf' }>,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): void {
  const results = rule.options.map((option) => {
    const found: ValidationIssue[] = [];
    validateRule(option, value, path, found);
    return found;
  });
  const passing = results.filter((found) => found.length === 0).length;
  if (passing === 1) return;
  if (passing > 1) {
    issues.push({ path, message: `is ambiguous: it must match exactly one of ${rule.describe}` });
    return;
  }
  // Report the detailed problems of the one option of the same JSON type (e.g. a Profile object).
  const sameType = rule.options
    .map((option, index) => ({ base: baseType(option), found: results[index]! }))
    .filter((candidate) => candidate.base === jsonType(value));
  if (sameType.length === 1 && sameType[0]!.base === 'object') {
    issues.push(...sameType[0]!.found);
    return;
  }
  issues.push({ path, message: `must be ${rule.describe}, not ${describeValue(value)}` });
}

function baseType(rule: Rule): string {
  switch (rule.kind) {
    case 'ref':
      return baseType(rule.get());
    case 'oneOf':
    case 'any':
      return 'any';
    default:
      return rule.kind;
  }
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 full-date with calendar checks. */
export function isFullDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const limit = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= limit;
}

/** RFC 3339 date-time with a mandatory offset (`Z` or `±hh:mm`), as JSON Schema `date-time`. */
export function isDateTimeWithZone(text: string): boolean {
  const parts = text.split(/t|\s/i);
  if (parts.length !== 2) return false;
  const [datePart, timePart] = parts as [string, string];
  if (!isFullDate(datePart)) return false;
  const match = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)$/i.exec(timePart);
  if (!match) return false;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3]);
  const sign = match[5] === '-' ? -1 : 1;
  const zoneHours = Number(match[6] ?? 0);
  const zoneMinutes = Number(match[7] ?? 0);
  if (zoneHours > 23 || zoneMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second is only valid at 23:59:60 UTC.
  const utcMinute = minute - zoneMinutes * sign;
  const utcHour = hour - zoneHours * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}
