import { amountAsMinorUnits, type FieldType, minorUnitsAsAmount } from '#flow-language';

/**
 * The one place amounts are turned between what flows keep and what people read and type.
 * Flows keep amounts in the currency's minor unit, as integers named `…Cents` (`principalCents`,
 * `refundTotalCents`), so rules compare whole numbers exactly. People read and type amounts in the
 * currency's units: the rule builder, the inspector, task facts, run pages and test runs show 20000
 * as 200.00 in USD, as 20000 in JPY (no minor unit) and 20.000 in BHD; what is typed is written
 * back in minor units. Data carries its currency beside its amounts (`currency: 'JPY'`); a flow's
 * thresholds are in the flow's currency (flowCurrency).
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

/** 20000 → "200.00" (USD), "20000" (JPY), "20.000" (BHD); anything but a whole number as typed. */
export function centsAsAmount(cents: unknown, currency?: string): string {
  return minorUnitsAsAmount(cents, currency);
}

/** "250.5" → 25050 (USD); text with more decimals than the currency has is not an amount. */
export function amountAsCents(text: string, currency?: string): number | undefined {
  return amountAsMinorUnits(text, currency);
}

const isWholeCents = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** The currency data names beside its amounts (`{ principalCents, currency: 'JPY' }`), or the outer one. */
function currencyOf(value: object, outer: string | undefined): string | undefined {
  const own = (value as { currency?: unknown }).currency;
  return typeof own === 'string' ? own : outer;
}

/** The currency the first of `holders` names (`{ currency: 'JPY' }`): an order line's, else its case's. */
export function caseCurrency(...holders: unknown[]): string | undefined {
  for (const holder of holders) {
    const named = (holder as { currency?: unknown } | null)?.currency;
    if (typeof named === 'string') return named;
  }
  return undefined;
}

/** A value as people read it: an amount in minor units named as one shows in units, the rest as is. */
export function displayValue(name: string, value: unknown, currency?: string): string {
  if (value === undefined || value === null) return '—';
  if (isAmountName(name) && isWholeCents(value)) return centsAsAmount(value, currency);
  return typeof value === 'object'
    ? JSON.stringify(withAmountsInUnits(value, currency))
    : String(value);
}

/**
 * A copy of JSON data (a trail event's input, a rule's reads, a test run's answer) with every
 * whole amount under a `…Cents` key shown in units ("150.00", "¥" amounts as "1500"), in the
 * currency named beside it (or `currency`); other values are left as they are.
 */
export function withAmountsInUnits(value: unknown, currency?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withAmountsInUnits(item, currency));
  if (value === null || typeof value !== 'object') return value;
  const here = currencyOf(value, currency);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isAmountName(key) && isWholeCents(inner)
        ? centsAsAmount(inner, here)
        : withAmountsInUnits(inner, here),
    ]),
  );
}

/** Every whole amount in JSON data with its path (`output.principalCents` → "150.00"). */
export function amountsIn(value: unknown, path = '', currency?: string): [string, string][] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => amountsIn(item, `${path}[${i}]`, currency));
  if (value === null || typeof value !== 'object') return [];
  const here = currencyOf(value, currency);
  return Object.entries(value).flatMap(([key, inner]): [string, string][] => {
    const at = path ? `${path}.${key}` : key;
    if (isAmountName(key) && isWholeCents(inner)) return [[at, centsAsAmount(inner, here)]];
    return amountsIn(inner, at, here);
  });
}
