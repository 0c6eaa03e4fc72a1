import type { CaseSubmission } from '#platform/case-start/start-case';
import { type IntakeAccount, intakeCaseFields } from './intake-account.ts';
import type { OrderRecord } from './order-lookup.ts';

export const REFUND_REQUESTED = 'refund.requested';

/** A row of one of Amazon's returns reports, reduced to what a refund case names. */
export interface ReturnRow {
  /** The row's own id at Amazon: the RMA id (merchant-fulfilled) or license plate (FBA). */
  rowId: string;
  orderId: string;
  sku: string;
  quantity: number;
  /** Amazon's reason code, e.g. `CR-DEFECTIVE` or `DEFECTIVE`. */
  reasonCode: string;
  /** FBA only: what the fulfilment centre found, e.g. `SELLABLE`. */
  disposition?: string;
}

export function mfnReturnRow(row: Record<string, string>): ReturnRow | undefined {
  const rowId = row['Amazon RMA ID'];
  const orderId = row['Order ID'];
  const sku = row['Merchant SKU'];
  if (!rowId || !orderId || !sku) return undefined;
  return {
    rowId,
    orderId,
    sku,
    quantity: Number(row['Return quantity']) || 1,
    reasonCode: row['Return reason'] ?? '',
  };
}

export function fbaReturnRow(row: Record<string, string>): ReturnRow | undefined {
  const rowId = row['license-plate-number'];
  const orderId = row['order-id'];
  const sku = row.sku;
  if (!rowId || !orderId || !sku) return undefined;
  return {
    rowId,
    orderId,
    sku,
    quantity: Number(row.quantity) || 1,
    reasonCode: row.reason ?? '',
    disposition: row['detailed-disposition'] ?? '',
  };
}

// Amazon's return reason codes (without the `CR-` prefix merchant-fulfilled rows carry).
const QUALITY = new Set(['DEFECTIVE', 'QUALITY_UNACCEPTABLE']);
const TRANSIT = new Set(['DAMAGED_BY_CARRIER', 'DAMAGED_BY_FC']);
const NOT_AS_DESCRIBED = new Set([
  'NOT_AS_DESCRIBED',
  'AMZ-PG-BAD-DESC',
  'SWITCHEROO',
  'MISSING_PARTS',
  'NOT_COMPATIBLE',
]);

export function returnReasonOf(code: string): string {
  const reason = code.trim().toUpperCase().replace(/^CR-/, '');
  if (QUALITY.has(reason)) return 'quality-problem';
  if (TRANSIT.has(reason)) return 'damaged-in-transit';
  if (NOT_AS_DESCRIBED.has(reason)) return 'not-as-described';
  return 'no-reason';
}

/**
 * Amazon's reports carry no "opened" flag. FBA: the fulfilment centre's disposition (only a
 * SELLABLE unit counts as unopened). Merchant-fulfilled: a return that claims no fault counts
 * as unopened; the store grades every merchant-fulfilled return before any refund anyway.
 */
function itemConditionOf(row: ReturnRow): 'unopened' | 'opened' {
  if (row.disposition !== undefined) return row.disposition === 'SELLABLE' ? 'unopened' : 'opened';
  return returnReasonOf(row.reasonCode) === 'no-reason' ? 'unopened' : 'opened';
}

/** The case id is the row's own id: the same row read again names the same case. */
export function returnCaseId(source: 'mfn' | 'fba', rowId: string): string {
  return intakeCaseId(source === 'mfn' ? 'return' : 'fba-return', rowId);
}

export function intakeCaseId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 100);
}

/**
 * The refund case a return row names: the order, the item (found by SKU in Amazon's order) and
 * the buyer's request. Prices, delivery and earlier refunds are not sent: the flow reads them
 * from Amazon (marketplace.readReturnFacts). Undefined when the order has no such SKU.
 */
export function returnSubmission(
  account: IntakeAccount,
  source: 'mfn' | 'fba',
  row: ReturnRow,
  order: OrderRecord,
): (CaseSubmission & { caseId: string }) | undefined {
  const item = order.items.find((candidate) => candidate.SellerSKU === row.sku);
  if (!item) return undefined;
  const buyerEmail = order.order.BuyerInfo?.BuyerEmail;
  const buyerPostcode = order.order.ShippingAddress?.PostalCode;
  return {
    trigger: REFUND_REQUESTED,
    caseId: returnCaseId(source, row.rowId),
    requestedBy: intakeRequester(account),
    ...intakeCaseFields(account),
    input: {
      orderId: row.orderId,
      orderItemId: item.OrderItemId,
      sku: row.sku,
      quantity: Math.min(row.quantity, item.QuantityOrdered),
      returnReason: returnReasonOf(row.reasonCode),
      itemCondition: itemConditionOf(row),
      // Restricted data: absent unless the application may read it (see README, Intake).
      ...(buyerEmail && { buyerEmail }),
      ...(buyerPostcode && { buyerPostcode }),
    },
  };
}

/** Who a case read from Amazon was requested by, in the runs list and the trail. */
export const intakeRequester = (account: IntakeAccount) => `amazon-intake:${account.accountId}`;
