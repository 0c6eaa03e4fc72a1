import i18next from 'i18next';
import { buyerLanguage, type TeamLanguage } from './mail-languages.ts';
import { formatMoney, isMoneyFormat, MONEY_FORMATS, moneyProblem } from './mail-money.ts';
import { de } from './mail-templates/de.ts';
import { en } from './mail-templates/en.ts';
import { ja } from './mail-templates/ja.ts';
import { zhCN } from './mail-templates/zh-CN.ts';

export type MailValues = Record<string, string | number>;

export interface TemplateMail {
  /** `buyer.<name>` (the marketplace's language) or `team.<name>` (the team's languages). */
  template: string;
  marketplace?: string;
  values?: MailValues;
}

/** A template or one of its values is missing: the same input would fail on every attempt. */
export class MailTemplateProblem extends Error {
  override name = 'MailTemplateProblem';
}

// No fallback language: a text missing in German must fail, not reach a German buyer in English.
const mails = i18next.createInstance();
void mails.init({
  resources: {
    en: { translation: en },
    de: { translation: de },
    ja: { translation: ja },
    'zh-CN': { translation: zhCN },
  },
  fallbackLng: false,
  initAsync: false,
  // Plain-text mail: nothing to escape, and an escaped `&` would reach the buyer as `&amp;`.
  interpolation: { escapeValue: false },
});

// Amounts: checked before rendering (i18next logs a formatter's error and prints the raw value).
for (const format of MONEY_FORMATS) {
  mails.services.formatter?.add(format, (value, language, options) =>
    formatMoney(format, value, options.currency, language ?? 'en'),
  );
}

// The web app's key types (designer/src/i18n/resources.d.ts) describe its own messages, not these.
const translate = mails.t as unknown as (key: string, options: object) => string;

/** Subject and body in the audience's language(s); team mails carry each team language in turn. */
export function renderMail(
  mail: TemplateMail,
  teamLanguages: readonly TeamLanguage[],
): { subject: string; text: string } {
  const [audience] = mail.template.split('.');
  if (audience === 'buyer') {
    const language = buyerLanguage(mail.marketplace);
    return {
      subject: renderText(language, `${mail.template}.subject`, mail.values),
      text: renderText(language, `${mail.template}.text`, mail.values),
    };
  }
  if (audience === 'team') {
    const subjects = teamLanguages.map((lng) =>
      renderText(lng, `${mail.template}.subject`, mail.values),
    );
    const texts = teamLanguages.map((lng) => renderText(lng, `${mail.template}.text`, mail.values));
    return { subject: subjects.join(' / '), text: texts.join('\n\n—\n\n') };
  }
  throw new MailTemplateProblem(`${mail.template}: a template starts with "buyer." or "team."`);
}

export function renderText(language: string, key: string, values: MailValues = {}): string {
  const template = mails.getResource(language, 'translation', key);
  if (typeof template !== 'string') {
    throw new MailTemplateProblem(`No ${language} text for the mail template ${key}`);
  }
  const parts = placeholderParts(template);
  const missing = parts.filter(({ name }) => values[name] === undefined).map(({ name }) => name);
  if (missing.length > 0) {
    throw new MailTemplateProblem(`${key} needs the values ${missing.join(', ')}`);
  }
  for (const { name, format } of parts) {
    if (format === undefined) continue;
    if (!isMoneyFormat(format))
      throw new MailTemplateProblem(`${key}: "${format}" is not a format (${MONEY_FORMATS})`);
    const problem = moneyProblem(format, values[name], values.currency);
    if (problem) throw new MailTemplateProblem(`${key}: ${name} needs ${problem}`);
  }
  return translate(key, { lng: language, replace: values });
}

interface Placeholder {
  name: string;
  format?: string;
}

/** `{{orderId}}`, or `{{couponValueCents, money}}`: a value and how it is shown. */
function placeholderParts(template: string): Placeholder[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?\}\}/g)].map(
    ([, name = '', format]) => (format === undefined ? { name } : { name, format }),
  );
}

/** Each placeholder as `name` or `name, format`: translations must use the same ones. */
export function placeholders(template: string): string[] {
  return placeholderParts(template).map(({ name, format }) =>
    format === undefined ? name : `${name}, ${format}`,
  );
}
