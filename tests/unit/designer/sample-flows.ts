import type { ActivityCatalog } from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';

export const catalog: ActivityCatalog = [
  {
    name: 'marketplace.issueRefund',
    system: 'marketplace',
    title: 'Issue refund',
    description: 'Refunds an order on the marketplace.',
    inputs: {
      orderId: { type: 'string', required: true },
      amount: { type: 'number', required: true },
    },
    output: { refundId: { type: 'string', required: true } },
    sideEffects: true,
  },
];

/** start → decision(amount <= 50) → true: refund → end; false: approval → end / end. */
export function refundFlow(): FlowDocument {
  return {
    key: 'refund-small',
    name: 'Small refunds',
    version: 1,
    inputs: {
      orderId: { type: 'string', required: true },
      amount: { type: 'number', required: true },
    },
    variables: {},
    nodes: [
      { id: 'start', kind: 'start', trigger: 'refund.requested', position: { x: 0, y: 0 } },
      {
        id: 'small',
        kind: 'decision',
        label: 'Small?',
        condition: { '<=': [{ var: 'amount' }, 50] },
        position: { x: 0, y: 100 },
      },
      {
        id: 'refund',
        kind: 'action',
        activity: 'marketplace.issueRefund',
        inputs: { orderId: { var: 'orderId' }, amount: { var: 'amount' } },
        resultVariable: 'refund',
        timeoutSeconds: 30,
        position: { x: -100, y: 200 },
      },
      {
        id: 'review',
        kind: 'approval',
        title: 'Approve large refund',
        assignee: { role: 'reviewer' },
        position: { x: 100, y: 200 },
      },
      { id: 'refunded', kind: 'end', outcome: 'refunded', position: { x: -100, y: 300 } },
      { id: 'rejected', kind: 'end', outcome: 'rejected', position: { x: 100, y: 300 } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'small' },
      { id: 'e2', source: 'small', target: 'refund', handle: 'true', label: 'yes' },
      { id: 'e3', source: 'small', target: 'review', handle: 'false' },
      { id: 'e4', source: 'refund', target: 'refunded' },
      { id: 'e5', source: 'review', target: 'refund', handle: 'approved' },
      { id: 'e6', source: 'review', target: 'rejected', handle: 'rejected' },
    ],
  };
}
