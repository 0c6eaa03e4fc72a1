import type { FieldType } from '#flow-language';

/**
 * Flows keep amounts in cents, as integers named `…Cents` (`principalCents`, `refundTotalCents`),
 * so rules compare whole numbers exactly. People read and type amounts in the currency's units:
 * the rule builder shows 20000 as 200.00 and writes 250.50 back as 25050.
 */
export function isAmountInCents(name: string, type: FieldType): boolean {
  return (type === 'integer' || type === 'number') && /[a-z0-9]Cents$/.test(name);
}

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** 20000 → "200.00"; anything but a whole number of cents shows as typed. */
export function centsAsAmount(cents: unknown): string {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents))
    return cents == null ? '' : String(cents);
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** "250.5" → 25050; text that is not an amount with at most two decimals is not one (undefined). */
export function amountAsCents(text: string): number | undefined {
  const match = AMOUNT.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', units = '0', fraction = ''] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return undefined;
  return sign && cents !== 0 ? -cents : cents;
}
