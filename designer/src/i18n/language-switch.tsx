import { useTranslation } from 'react-i18next';
import { keepLanguage } from './account-language.ts';
import { currentLanguage, LANGUAGES, type Language } from './i18n.ts';

/**
 * English / 中文 in the top bar; each language is named in itself so anyone can find theirs. The
 * choice is kept on the account, so the next browser the user signs in on shows it too.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('app.language')}
      value={currentLanguage()}
      // Shown at once; a failed save only costs the other browsers this choice.
      onChange={(event) => void keepLanguage(event.target.value as Language).catch(() => undefined)}
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
