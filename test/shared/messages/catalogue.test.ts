import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  colon,
  countLabel,
  formatDate,
  hasMessage,
  messageCodes,
  messageFor,
  messageTemplate,
  placeholdersOf,
  type Lang,
} from '../../../shared/messages/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE_DIRS = ['shared', 'main', 'site-verifier'];
const LANGS: Lang[] = ['en', 'fr'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every ERR_ code written in the source tree (a prefix tested with startsWith, such as `ERR_JSON_TOO_`, is not a code). */
function codesInSource(): string[] {
  const codes = new Set<string>();
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/ERR_[A-Z0-9_]+/g)) {
        const prefix =
          match[0].endsWith('_') ||
          text.slice(Math.max(0, match.index - 12), match.index).includes('startsWith(');
        if (!prefix) codes.add(match[0]);
      }
    }
  }
  return [...codes].sort();
}

describe('message catalogue walk', () => {
  const codes = codesInSource();

  it('finds the codes of the source tree', () => {
    expect(codes.length).toBeGreaterThan(100);
    expect(codes).toContain('ERR_CSV_EMAIL_INVALID');
  });

  it.each(codes)('%s has an English and a French sentence', (code) => {
    for (const lang of LANGS) {
      expect(hasMessage(code, lang), `${code} in ${lang}`).toBe(true);
      const sentence = messageTemplate(code, lang) ?? '';
      expect(sentence.trim()).not.toBe('');
      expect(sentence).not.toBe(code);
      expect(sentence).toMatch(/[.!?)]$/);
    }
    expect(messageTemplate(code, 'fr')).not.toBe(messageTemplate(code, 'en'));
  });

  it('every catalogue entry has the same placeholders in English and French', () => {
    for (const code of messageCodes()) {
      expect(placeholdersOf(messageTemplate(code, 'fr') ?? '').sort(), code).toEqual(
        placeholdersOf(messageTemplate(code, 'en') ?? '').sort(),
      );
    }
  });

  it('French sentences put a narrow no-break space before : ; ! ? (never a plain space or none)', () => {
    for (const code of messageCodes()) {
      const fr = messageTemplate(code, 'fr') ?? '';
      expect(fr, code).not.toMatch(/ [:;!?](\s|$)/);
      expect(fr.replace(/https?:\/\/\S+|did:\S+|\{\w+\}|[A-Z_]+=|--\S+/g, ''), code).not.toMatch(
        /[^\u202f\s][;!?](\s|$)/,
      );
    }
  });

  it('the errors volunteers meet most name the fix', () => {
    expect(messageFor('ERR_CSV_EMAIL_INVALID', 'en')).toMatch(/Correct it in the CSV/);
    expect(messageFor('ERR_JWT_KEY_UNAVAILABLE', 'en')).toMatch(/--site|--resolve|--did-document/);
    expect(messageFor('ERR_NOT_BAKED', 'en')).toMatch(/badgesmith bake/);
    expect(messageFor('ERR_NOT_BAKED', 'fr')).toMatch(/badgesmith bake/);
  });
});

describe('messageFor', () => {
  it('fills placeholders and shows the code of an unknown one', () => {
    expect(messageFor('ERR_NO_SUCH_CODE', 'en')).toContain('ERR_NO_SUCH_CODE');
    expect(messageFor('ERR_NO_SUCH_CODE', 'fr')).toContain('ERR_NO_SUCH_CODE');
    expect(hasMessage('ERR_NO_SUCH_CODE', 'en')).toBe(false);
    expect(hasMessage('toString', 'en')).toBe(false);
  });
});

describe('dates and counts', () => {
  it('writes dates in words in each language', () => {
    expect(formatDate('2026-11-29T10:00:00Z', 'fr')).toBe('29 novembre 2026');
    expect(formatDate('2026-11-29', 'en')).toBe('November 29, 2026');
    expect(formatDate('2026-03-01T00:00:00Z', 'fr')).toBe('1er mars 2026');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatDate('2026-02-31', 'en')).toBe('2026-02-31');
  });

  it('counts with each language’s plural rules', () => {
    expect(countLabel(1, 'row', 'en')).toBe('1 row');
    expect(countLabel(2, 'row', 'en')).toBe('2 rows');
    expect(countLabel(0, 'badge', 'en')).toBe('0 badges');
    expect(countLabel(0, 'badge', 'fr')).toBe('0 badge');
    expect(countLabel(1, 'person', 'en')).toBe('1 person');
    expect(countLabel(3, 'person', 'en')).toBe('3 people');
    expect(countLabel(2, 'person', 'fr')).toBe('2 personnes');
    expect(countLabel(1234, 'row', 'fr')).toBe('1\u202f234 lignes');
    expect(colon('fr')).toBe('\u202f:');
  });
});
