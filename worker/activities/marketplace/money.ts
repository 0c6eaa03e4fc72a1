import { majorAsMinorUnits } from '#flow-language';

/** Money is summed in integer cents: 0.1 + 0.2 must not decide whether a refund fits. */
export const toCents = (amount: number | string) => Math.round(Number(amount) * 100);
export const fromCents = (cents: number) => cents / 100;
/** The decimal text feeds carry, e.g. "24.99" or "-5.00". */
export const centsText = (cents: number) => (cents / 100).toFixed(2);

/**
 * What a flow reads: whole minor units of the order's own currency (¥1500 is 1500, $24.99 is
 * 2499), so a flow's thresholds and the web app mean the same amount. The adapter's own
 * bookkeeping above stays in hundredths, which hold any amount Amazon states exactly.
 */
export const toMinorUnits = (amount: number | string, currency: string) =>
  majorAsMinorUnits(Number(amount), currency);
