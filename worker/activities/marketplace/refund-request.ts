import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '#flow-language';
import type { AdjustmentLine, ComponentType } from './adjustment-feed.ts';
import type { MarketplaceOrder, OrderLine } from './marketplace-adapter.ts';
import { toCents } from './money.ts';

export const ADJUSTMENT_REASONS = [
  'CustomerReturn',
  'NoInventory',
  'CouldNotShip',
  'GeneralAdjustment',
  'CustomerCancel',
  'DifferentItem',
  'PriceError',
  'ProductOutofStock',
  'Exchange',
  'Other',
] as const;

const amount = z
  .number()
  .nonnegative()
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'At most 2 decimals');

/** Amounts are what the buyer gets back; restocking fee and return shipping are deducted. */
const RefundItemSchema = z.strictObject({
  orderItemId: z.string().min(1),
  principal: amount.optional(),
  shipping: amount.optional(),
  tax: amount.optional(),
  shippingTax: amount.optional(),
  restockingFee: amount.optional(),
  returnShipping: amount.optional(),
});

const idPart = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected 1-64 letters, digits, "_" or "-"');

const SINGLE_LINE_FIELDS = ['orderItemId', 'principal', 'tax', 'shipping', 'shippingTax'] as const;

export const RefundRequestSchema = z
  .object({
    caseId: idPart,
    orderId: z.string().min(1),
    reason: z.enum(ADJUSTMENT_REASONS),
    /** Defaults to RR-{caseId}: one refund per case unless the flow names further ones. */
    refundId: idPart.optional(),
    /** Omitted (and no single line given): refund every item in full. */
    items: z.array(RefundItemSchema).min(1).optional(),
    // A single line given flat: json-logic cannot build the objects `items` needs, so a flow
    // that computes its amounts (say, less the gifts used in a sale event) names them here.
    orderItemId: z.string().min(1).optional(),
    principal: amount.optional(),
    tax: amount.optional(),
    shipping: amount.optional(),
    shippingTax: amount.optional(),
  })
  .transform((request, context) => {
    const { orderItemId, principal, tax, shipping, shippingTax, ...rest } = request;
    const flatGiven = SINGLE_LINE_FIELDS.some((name) => request[name] !== undefined);
    if (!flatGiven) return rest;
    if (rest.items || orderItemId === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['orderItemId'],
        message: 'A single line needs orderItemId and cannot be combined with items',
      });
      return z.NEVER;
    }
    const line = { orderItemId, principal, tax, shipping, shippingTax };
    const given = Object.entries(line).filter(([, value]) => value !== undefined);
    return { ...rest, items: [Object.fromEntries(given) as RefundItem] };
  });
export type RefundRequest = z.infer<typeof RefundRequestSchema>;

export function parseRefundRequest(input: unknown): RefundRequest {
  const parsed = RefundRequestSchema.safeParse(withoutBlanks(input));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw ApplicationFailure.nonRetryable(
    `Invalid refund request: ${problems}`,
    'InvalidRefundRequest',
  );
}

// Flows pass unmapped optional inputs as null or "": both mean "not given".
function withoutBlanks(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== null && value !== ''),
  );
}

export const refundIdOf = (request: RefundRequest) => request.refundId ?? `RR-${request.caseId}`;

/** Same request, same fingerprint: how a retry or a second run recognises its own refund. */
export const refundFingerprint = (request: RefundRequest) =>
  sha256Hex(
    canonicalJson({
      orderId: request.orderId,
      reason: request.reason,
      items: request.items ?? 'all',
    }),
  );

type RefundItem = z.infer<typeof RefundItemSchema>;

export function refundLines(request: RefundRequest, order: MarketplaceOrder): AdjustmentLine[] {
  const refundId = refundIdOf(request);
  const items = request.items ?? order.items.map(fullRefund);
  return items.map((item, index) => {
    if (!order.items.some((line) => line.orderItemId === item.orderItemId)) {
      throw ApplicationFailure.nonRetryable(
        `Order ${order.orderId} has no item ${item.orderItemId}`,
        'UnknownOrderItem',
      );
    }
    const components = lineComponents(item);
    if (!Object.values(components).some((cents) => cents > 0)) {
      throw ApplicationFailure.nonRetryable(
        `Refund line for item ${item.orderItemId} refunds nothing`,
        'InvalidRefundRequest',
      );
    }
    return {
      adjustmentItemId: `${refundId}-${index + 1}`,
      orderItemId: item.orderItemId,
      components,
    };
  });
}

function lineComponents(item: RefundItem): Partial<Record<ComponentType, number>> {
  const entries: [ComponentType, number | undefined, 1 | -1][] = [
    ['Principal', item.principal, 1],
    ['Shipping', item.shipping, 1],
    ['Tax', item.tax, 1],
    ['ShippingTax', item.shippingTax, 1],
    ['RestockingFee', item.restockingFee, -1],
    ['ReturnShipping', item.returnShipping, -1],
  ];
  return Object.fromEntries(
    entries
      .filter(([, value]) => value !== undefined && value > 0)
      .map(([type, value, sign]) => [type, sign * toCents(value ?? 0)]),
  );
}

function fullRefund(line: OrderLine): RefundItem {
  const cents = (value: number) => toCents(value) / 100;
  return {
    orderItemId: line.orderItemId,
    principal: cents(line.itemPrice - line.promotionDiscount),
    tax: cents(line.itemTax - line.promotionDiscountTax),
    shipping: cents(line.shippingPrice - line.shippingDiscount),
    shippingTax: cents(line.shippingTax),
  };
}
