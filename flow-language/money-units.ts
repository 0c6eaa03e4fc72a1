/**
 * Amounts are kept as integers in the currency's minor unit (`…Cents` names them, whatever the
 * currency): 20000 is $200.00, ¥20000 is ¥20000, 20000 fils is BD 20.000. How many digits a minor
 * unit has comes from ISO 4217 as the runtime's Intl knows it; an unknown currency (or none) keeps
 * the two digits most currencies have.
 */
const DEFAULT_DIGITS = 2;
const CURRENCY_CODE = /^[A-Za-z]{3}$/;
const known = new Map<string, number>();

/** USD → 2, JPY → 0, BHD → 3: the digits after the decimal point of an amount in this currency. */
export function minorUnitDigits(currency: string | undefined): number {
  if (!currency || !CURRENCY_CODE.test(currency)) return DEFAULT_DIGITS;
  const code = currency.toUpperCase();
  let digits = known.get(code);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? DEFAULT_DIGITS;
    known.set(code, digits);
  }
  return digits;
}

/** 20000 → "200.00" (USD), "20000" (JPY), "20.000" (BHD); anything but a whole number as typed. */
export function minorUnitsAsAmount(minor: unknown, currency?: string): string {
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor))
    return minor == null ? '' : String(minor);
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const whole = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${whole}`;
  return `${sign}${whole.slice(0, -digits)}.${whole.slice(-digits)}`;
}

/** "250.5" → 25050 (USD); text with more decimals than the currency has is not an amount. */
export function amountAsMinorUnits(text: string, currency?: string): number | undefined {
  const digits = minorUnitDigits(currency);
  const pattern =
    digits === 0 ? /^(-?)(\d+)$/ : new RegExp(`^(-?)(\\d+)(?:\\.(\\d{1,${digits}}))?$`);
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', units = '0', fraction = ''] = match;
  const minor = Number(`${units}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign && minor !== 0 ? -minor : minor;
}

/** A major-unit amount (24.99) as minor units, rounded half away from zero to the currency's digits. */
export function majorAsMinorUnits(amount: number, currency?: string): number {
  const scaled = amount * 10 ** minorUnitDigits(currency);
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
}

/** Minor units as a major-unit number (2499 → 24.99 USD, 2499 → 2499 JPY). */
export function minorUnitsAsMajor(minor: number, currency?: string): number {
  return minor / 10 ** minorUnitDigits(currency);
}

interface DeclaresCurrency {
  inputs?: Record<string, { enum?: readonly (string | number)[] } | undefined>;
}

/**
 * The currency a flow's thresholds are written in: the flow's `currency` input when it allows
 * only currencies with the same minor unit (one marketplace, or USD and EUR); otherwise none, and
 * amounts read with two digits.
 */
export function flowCurrency(flow: DeclaresCurrency): string | undefined {
  const allowed = (flow.inputs?.currency?.enum ?? []).filter(
    (value): value is string => typeof value === 'string',
  );
  const [first] = allowed;
  if (!first) return undefined;
  const digits = minorUnitDigits(first);
  return allowed.every((currency) => minorUnitDigits(currency) === digits) ? first : undefined;
}

/**
 * Two major-unit amounts added in whole minor units, so 0.1 + 0.2 cannot drift and a 3-digit
 * currency keeps its third digit (BD 0.005 + BD 0.005 = BD 0.010).
 */
export function addMajorAmounts(a: number, b: number, currency?: string): number {
  return minorUnitsAsMajor(
    majorAsMinorUnits(a, currency) + majorAsMinorUnits(b, currency),
    currency,
  );
}
