import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, LANGUAGES, type Language } from './i18n.ts';

/** English / 中文 in the top bar; each language is named in itself so anyone can find theirs. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('app.language')}
      value={currentLanguage()}
      onChange={(event) => chooseLanguage(event.target.value as Language)}
      data-testid="language-switch"
    >
      {LANGUAGES.map((language) => (
        <option key={language.code} value={language.code} lang={language.code}>
          {language.name}
        </option>
      ))}
    </select>
  );
}
