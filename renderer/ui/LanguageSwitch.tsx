import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n/index.js';
import { useApp } from './app-context.js';
import { call } from './use-call.js';

const NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

export function LanguageSwitch() {
  const { t } = useTranslation('common');
  const { state, setState } = useApp();
  return (
    <label className="language-switch">
      <span>{t('language')}</span>
      <select
        value={state.language}
        onChange={async (event) => {
          const result = await call('app.setLanguage', {
            language: event.target.value as Language,
          });
          if (result.ok) setState(result.value);
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NAMES[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
