/** Money is summed in integer cents: 0.1 + 0.2 must not decide whether a refund fits. */
export const toCents = (amount: number | string) => Math.round(Number(amount) * 100);
export const fromCents = (cents: number) => cents / 100;
/** The decimal text feeds carry, e.g. "24.99" or "-5.00". */
export const centsText = (cents: number) => (cents / 100).toFixed(2);
