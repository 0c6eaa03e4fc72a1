/**
 * A two-end flow the browser tests publish and backtest: pays refunds under `threshold` by the
 * rule, sends the rest to review. `currency` declares a currency input (backtest figures per
 * currency).
 */
export function smallRefundsFlow(options: {
  key: string;
  trigger: string;
  threshold: number;
  currency?: boolean;
}) {
  const { key, trigger, threshold, currency = false } = options;
  return {
    key,
    name: 'Small refunds',
    version: 1,
    inputs: {
      orderId: { type: 'string', required: true },
      amount: { type: 'number', required: true },
      ...(currency && { currency: { type: 'string', required: true } }),
    },
    variables: {},
    nodes: [
      { id: 'start', kind: 'start', trigger, position: { x: 0, y: 0 } },
      {
        id: 'small',
        kind: 'decision',
        condition: { '<': [{ var: 'amount' }, threshold] },
        position: { x: 0, y: 140 },
      },
      { id: 'paid', kind: 'end', outcome: 'paid', position: { x: -160, y: 300 } },
      { id: 'review', kind: 'end', outcome: 'to-review', position: { x: 160, y: 300 } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'small' },
      { id: 'e2', source: 'small', target: 'paid', handle: 'true' },
      { id: 'e3', source: 'small', target: 'review', handle: 'false' },
    ],
  };
}
