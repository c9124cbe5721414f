/**
 * i18next with one JSON file per screen and language: renderer/i18n/locales/<lang>/<namespace>.json.
 * A screen adds its own files; nothing here needs editing.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', {
  eager: true,
});

export const resources: Resources = {};
for (const [path, module] of Object.entries(files)) {
  const match = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
  if (!match) continue;
  const [, lang, namespace] = match as unknown as [string, string, string];
  (resources[lang] ??= {})[namespace] = module.default;
}

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export default i18next;
