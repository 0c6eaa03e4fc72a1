/**
 * Amounts in written mails, in the reader's language and the amount's currency (Intl), so a
 * Japanese buyer reads ￥1,500 and a German one 24,99 €. A template marks an amount with its
 * format and the mail's `currency` value says which currency:
 *
 * - `{{couponValueCents, money}}`: whole minor units, the flow language's `…Cents` (cents, or
 *   yen: JPY has no minor unit), as finance books them;
 * - `{{refundAmount, amount}}`: a decimal amount in the currency, as Amazon states a refund.
 */
export const MONEY_FORMATS = ['money', 'amount'] as const;
export type MoneyFormat = (typeof MONEY_FORMATS)[number];

export function isMoneyFormat(format: string): format is MoneyFormat {
  return (MONEY_FORMATS as readonly string[]).includes(format);
}

/** Why the value cannot be shown as money, or undefined when it can. */
export function moneyProblem(
  format: MoneyFormat,
  value: unknown,
  currency: unknown,
): string | undefined {
  if (typeof currency !== 'string' || !knownCurrency(currency))
    return `a currency value (an ISO 4217 code), not ${JSON.stringify(currency)}`;
  if (format === 'money' && !Number.isSafeInteger(value))
    return `whole minor units, not ${JSON.stringify(value)}`;
  if (format === 'amount' && (typeof value !== 'number' || !Number.isFinite(value)))
    return `a number, not ${JSON.stringify(value)}`;
  return undefined;
}

export function formatMoney(
  format: MoneyFormat,
  value: number,
  currency: string,
  language: string,
): string {
  const formatter = new Intl.NumberFormat(language, { style: 'currency', currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(format === 'money' ? value / 10 ** digits : value);
}

function knownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf('currency').includes(code);
}
