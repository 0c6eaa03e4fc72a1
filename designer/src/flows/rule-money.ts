import type { FieldType } from '#flow-language';

/**
 * The one place amounts are turned between what flows keep and what people read and type.
 * Flows keep amounts in cents, as integers named `…Cents` (`principalCents`, `refundTotalCents`),
 * so rules compare whole numbers exactly. People read and type amounts in the currency's units:
 * the rule builder, the inspector, task facts, run pages and test runs show 20000 as 200.00, and
 * what is typed (250.50) is written back as 25050.
 */
const AMOUNT_NAME = /[a-z0-9]Cents$/;

/** `refundTotalCents`, `facts.principalCents`: a name (or a path ending in one) kept in cents. */
export function isAmountName(name: string): boolean {
  return AMOUNT_NAME.test(name);
}

export function isAmountInCents(name: string, type: FieldType): boolean {
  return (type === 'integer' || type === 'number') && isAmountName(name);
}

/** `refundTotalCents` → `refundTotal`: the name people read beside an amount in units. */
export function amountLabel(name: string): string {
  return isAmountName(name) ? name.slice(0, -'Cents'.length) : name;
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

const isWholeCents = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** A value as people read it: an amount in cents named as one shows in units, the rest as is. */
export function displayValue(name: string, value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (isAmountName(name) && isWholeCents(value)) return centsAsAmount(value);
  return typeof value === 'object' ? JSON.stringify(withAmountsInUnits(value)) : String(value);
}

/**
 * A copy of JSON data (a trail event's input, a rule's reads, a test run's answer) with every
 * whole-cent amount under a `…Cents` key shown as "150.00"; other values are left as they are.
 */
export function withAmountsInUnits(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withAmountsInUnits);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isAmountName(key) && isWholeCents(inner) ? centsAsAmount(inner) : withAmountsInUnits(inner),
    ]),
  );
}

/** Every whole-cent amount in JSON data with its path (`output.principalCents` → "150.00"). */
export function amountsIn(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => amountsIn(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]): [string, string][] => {
    const at = path ? `${path}.${key}` : key;
    if (isAmountName(key) && isWholeCents(inner)) return [[at, centsAsAmount(inner)]];
    return amountsIn(inner, at);
  });
}
