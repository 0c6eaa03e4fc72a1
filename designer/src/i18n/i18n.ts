import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'acorn-flow.language';

/** The stored choice first, then the browser's language; Chinese browsers get Chinese. */
export function initialLanguage(
  stored: string | null,
  browserLanguages: readonly string[],
): Language {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  const preferred = browserLanguages[0]?.toLowerCase() ?? 'en';
  return preferred.startsWith('zh') ? 'zh-CN' : 'en';
}

const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
const browserLanguages = typeof navigator === 'undefined' ? [] : navigator.languages;

export const i18n = i18next.createInstance();
i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLanguage(storage?.getItem(STORAGE_KEY) ?? null, browserLanguages),
  fallbackLng: 'en',
  // React escapes what it renders; escaping here too would show &amp; to the user.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
markDocumentLanguage();

/** Kept per browser profile (and by the switch on the account), so a choice survives reloads. */
export function chooseLanguage(language: Language): void {
  storage?.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
  markDocumentLanguage();
}

export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** The locale Intl formats dates and numbers in. */
export function currentLocale(): string {
  return currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-US';
}

function markDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage();
}

/**
 * Text the server sent in English with a stable code (a validation problem, a refusal): English
 * shows the server's own sentence, which names the node or field; other languages show the
 * translated sentence for the code, or the English one when the code is new to the web app.
 */
export function serverText(
  group: 'problems' | 'errors',
  code: string,
  englishMessage: string,
  values: Record<string, string> = {},
): string {
  if (currentLanguage() === 'en') return englishMessage;
  const key = `${group}.${code}`;
  return i18n.exists(key) ? i18n.t(key as never, values) : englishMessage;
}
