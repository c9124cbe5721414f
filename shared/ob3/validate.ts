import { AchievementCredential, EndorsementCredential } from './schema.js';
import { validateRule, type ValidationIssue } from './shape.js';

export type { ValidationIssue } from './shape.js';

/**
 * Checks an OpenBadgeCredential (AchievementCredential) against the strict OB 3.0 schema rules.
 * Returns every problem found; an empty list means valid. Paths are JSON pointers ('' = root).
 */
export function validateOpenBadgeCredential(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  validateRule(AchievementCredential, value, '', issues);
  return issues;
}

/** Checks an EndorsementCredential against the strict OB 3.0 schema rules. */
export function validateEndorsementCredential(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  validateRule(EndorsementCredential, value, '', issues);
  return issues;
}
