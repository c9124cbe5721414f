/**
 * One catalogue for every sentence keyed by a stable code: `ERR_…` errors, the verifier's check names
 * and sentences. Pure: used by the CLI (Node), the desktop app and the site's browser verifier.
 */
import { EN, type MessageKey } from './en.js';
import { FR } from './fr.js';

export type Lang = 'en' | 'fr';
export type MessageParams = Record<string, string | number>;
export type { MessageKey };
export { checkName, checkSentence } from './checks.js';

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en: EN, fr: FR };

function isKey(code: string): code is MessageKey {
  return Object.prototype.hasOwnProperty.call(EN, code);
}

/** Whether the catalogue has a sentence for this code in this language. */
export function hasMessage(code: string, lang: Lang): boolean {
  return isKey(code) && typeof CATALOGUES[lang][code] === 'string';
}

/** Every code the catalogue knows (the same in every language). */
export function messageCodes(): string[] {
  return Object.keys(EN);
}

/** The raw sentence with its `{placeholders}`, or undefined for an unknown code. */
export function messageTemplate(code: string, lang: Lang): string | undefined {
  return isKey(code) ? CATALOGUES[lang][code] : undefined;
}

/** The `{name}` placeholders of a template, in order of appearance, without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))];
}

/** Fills `{name}` placeholders; numbers are written the language's way. A missing value leaves the placeholder. */
export function fillTemplate(template: string, lang: Lang, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

/** The sentence for a code in a language; an unknown code gives a generic sentence that still shows the code. */
export function messageFor(code: string, lang: Lang, params?: MessageParams): string {
  const template = messageTemplate(code, lang);
  if (template === undefined) return fillTemplate(CATALOGUES[lang].unknown, lang, { code });
  return fillTemplate(template, lang, params);
}

/** A number in the language's digits grouping (1,234 / 1 234). */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}

const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }),
  fr: new Intl.DateTimeFormat('fr-FR', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }),
};

/**
 * The calendar date of an ISO date or date-time as words ("November 29, 2026", "29 novembre 2026").
 * The date written in the text is kept (no time-zone shift); anything else is returned unchanged.
 */
export function formatDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(match[3])) return iso;
  const text = DATE_FORMATS[lang].format(date);
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/** The things Badgesmith counts, with their singular and plural forms. */
const NOUNS = {
  person: { en: ['person', 'people'], fr: ['personne', 'personnes'] },
  badge: { en: ['badge', 'badges'], fr: ['badge', 'badges'] },
  row: { en: ['row', 'rows'], fr: ['ligne', 'lignes'] },
  credential: { en: ['credential', 'credentials'], fr: ['attestation', 'attestations'] },
  file: { en: ['file', 'files'], fr: ['fichier', 'fichiers'] },
  award: { en: ['award', 'awards'], fr: ['attribution', 'attributions'] },
  endorsement: { en: ['endorsement', 'endorsements'], fr: ['recommandation', 'recommandations'] },
  check: { en: ['check', 'checks'], fr: ['contrôle', 'contrôles'] },
  warning: { en: ['warning', 'warnings'], fr: ['avertissement', 'avertissements'] },
  problem: { en: ['problem', 'problems'], fr: ['problème', 'problèmes'] },
  format: { en: ['format', 'formats'], fr: ['format', 'formats'] },
  element: { en: ['element', 'elements'], fr: ['élément', 'éléments'] },
  attribute: { en: ['attribute', 'attributes'], fr: ['attribut', 'attributs'] },
} as const satisfies Record<string, Record<Lang, readonly [string, string]>>;

export type CountNoun = keyof typeof NOUNS;

const PLURAL_RULES: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  fr: new Intl.PluralRules('fr'),
};

/** The noun alone, singular or plural for this count by the language's rules (French: 0 and 1 are singular). */
export function countNoun(n: number, noun: CountNoun, lang: Lang): string {
  const [one, other] = NOUNS[noun][lang];
  return PLURAL_RULES[lang].select(n) === 'one' ? one : other;
}

/** "1 badge", "3 people", "0 personne", "1 234 lignes". */
export function countLabel(n: number, noun: CountNoun, lang: Lang): string {
  return `${formatNumber(n, lang)} ${countNoun(n, noun, lang)}`;
}

/** A colon as the language writes it after a label: "Verified:" / "Vérifié :" (narrow no-break space). */
export function colon(lang: Lang): string {
  return lang === 'fr' ? '\u202f:' : ':';
}
