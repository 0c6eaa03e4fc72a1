import type { FlowDefinition, FlowDefinitionInput } from '#flow-language';
import { marketplaceCatalog } from '../../../worker/activities/marketplace/index.ts';
import { buildFlow, type FlowSketch } from '../../support/flow-builder.ts';

/** Parses and validates against the marketplace catalog, as publishing would. */
export function marketplaceFlow(
  key: string,
  inputs: FlowDefinitionInput['inputs'],
  nodes: FlowSketch['nodes'],
  edges: FlowSketch['edges'],
): FlowDefinition {
  return buildFlow(key, { inputs, nodes, edges }, marketplaceCatalog);
}

/**
 * start → issueRefund (error edge → "refused") → "refunded". Without `items` the flow
 * refunds whole orders (the interpreter refuses to map an absent input).
 */
export function refundFlow({ timeoutSeconds = 20, itemized = true } = {}): FlowDefinition {
  return marketplaceFlow(
    itemized ? 'marketplace-refund-items' : 'marketplace-refund-order',
    {
      orderId: { type: 'string', required: true },
      reason: { type: 'string', required: true },
      ...(itemized ? { items: { type: 'array', required: true } } : {}),
    },
    [
      { id: 'start', kind: 'start', trigger: 'test.started' },
      {
        id: 'refund',
        kind: 'action',
        activity: 'marketplace.issueRefund',
        inputs: {
          caseId: { var: 'case.id' },
          orderId: { var: 'orderId' },
          reason: { var: 'reason' },
          ...(itemized ? { items: { var: 'items' } } : {}),
        },
        resultVariable: 'refund',
        timeoutSeconds,
        retry: {
          maximumAttempts: 30,
          initialIntervalSeconds: 0.3,
          backoffCoefficient: 1.5,
          maximumIntervalSeconds: 2,
        },
      },
      { id: 'refunded', kind: 'end', outcome: 'refunded' },
      { id: 'refused', kind: 'end', outcome: 'refused' },
    ],
    [
      ['start', 'refund'],
      ['refund', 'refunded'],
      ['refund', 'refused', 'error'],
    ],
  );
}

const action = (id: string, activity: string, inputs: Record<string, unknown>) =>
  ({
    id,
    kind: 'action',
    activity,
    inputs,
    resultVariable: id,
    timeoutSeconds: 20,
    retry: {
      maximumAttempts: 30,
      initialIntervalSeconds: 0.3,
      backoffCoefficient: 1.5,
      maximumIntervalSeconds: 2,
    },
  }) as FlowSketch['nodes'][number];

/**
 * The careful policy: read the order and its financial events first; if Amazon already paid
 * the buyer through an A-to-Z claim, don't refund; otherwise refund in full and read back.
 */
export function guardedRefundFlow(): FlowDefinition {
  return marketplaceFlow(
    'marketplace-guarded-refund',
    { orderId: { type: 'string', required: true }, reason: { type: 'string', required: true } },
    [
      { id: 'start', kind: 'start', trigger: 'test.started' },
      action('order', 'marketplace.getOrder', { orderId: { var: 'orderId' } }),
      action('events', 'marketplace.listFinancialEvents', { orderId: { var: 'order.orderId' } }),
      { id: 'claimed', kind: 'decision', condition: { var: 'events.hasGuaranteeClaim' } },
      action('refund', 'marketplace.issueRefund', {
        caseId: { var: 'case.id' },
        orderId: { var: 'orderId' },
        reason: { var: 'reason' },
      }),
      action('status', 'marketplace.getRefundStatus', { caseId: { var: 'case.id' } }),
      { id: 'amazonRefunded', kind: 'end', outcome: 'amazon-refunded' },
      { id: 'refunded', kind: 'end', outcome: 'refunded' },
    ],
    [
      ['start', 'order'],
      ['order', 'events'],
      ['events', 'claimed'],
      ['claimed', 'amazonRefunded', 'true'],
      ['claimed', 'refund', 'false'],
      ['refund', 'status'],
      ['status', 'refunded'],
    ],
  );
}
