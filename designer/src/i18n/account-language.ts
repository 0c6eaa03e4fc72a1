import type { PreferencesAnswer } from '#api-contract/users';
import { api } from '../api/client.ts';
import { chooseLanguage, type Language } from './i18n.ts';

/**
 * After sign-in the account's language wins over this browser's; an account that never chose
 * keeps the browser's (itself the browser's language until the switch is used).
 */
export async function adoptAccountLanguage(): Promise<void> {
  const { language } = await api.get<PreferencesAnswer>('/api/me/preferences');
  if (language) chooseLanguage(language);
}

/** The switch: shown at once, kept in this browser and on the account for every other one. */
export async function keepLanguage(language: Language): Promise<void> {
  chooseLanguage(language);
  await api.put<PreferencesAnswer>('/api/me/preferences', { language });
}
