import type { Order } from '@sp-api-sdk/orders-api-v0';

/** The filters of one `getOrders` call, checked as Amazon checks them. */
export interface OrderSearch {
  /** The ids asked for; empty: every order the other filters match. */
  orderIds: string[];
  matches(order: Order): boolean;
  pageSize: number;
  /** Where this page starts: the emulator's NextToken is an offset. */
  offset: number;
}

// Amazon's limits on one getOrders call.
const MAX_ORDER_IDS = 50;
const MAX_PAGE_SIZE = 100;

const listOf = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value.split(',') : [];
const timeOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : undefined);

/** Reads `getOrders`'s query (`MarketplaceIds`, `AmazonOrderIds`, dates, pages) or says why not. */
export function orderSearch(query: Record<string, unknown>): OrderSearch | { invalid: string } {
  const marketplaces = listOf(query.MarketplaceIds);
  if (marketplaces.length === 0) return { invalid: 'MarketplaceIds is required' };
  const createdAfter = timeOf(query.CreatedAfter);
  const updatedAfter = timeOf(query.LastUpdatedAfter);
  // Amazon's rule, even when AmazonOrderIds names the orders.
  if ((createdAfter === undefined) === (updatedAfter === undefined)) {
    return { invalid: 'Exactly one of CreatedAfter and LastUpdatedAfter is required' };
  }
  if (Number.isNaN(createdAfter) || Number.isNaN(updatedAfter)) {
    return { invalid: 'timestamp must follow ISO8601' };
  }
  const orderIds = listOf(query.AmazonOrderIds);
  if (orderIds.length > MAX_ORDER_IDS) {
    return { invalid: `AmazonOrderIds takes at most ${MAX_ORDER_IDS} ids` };
  }
  const pageSize = Number(query.MaxResultsPerPage ?? MAX_PAGE_SIZE);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return { invalid: `MaxResultsPerPage must be 1 to ${MAX_PAGE_SIZE}` };
  }
  return {
    orderIds,
    pageSize,
    offset: Number(query.NextToken ?? 0) || 0,
    matches: (order) =>
      marketplaces.includes(order.MarketplaceId ?? '') &&
      (createdAfter === undefined || Date.parse(order.PurchaseDate) >= createdAfter) &&
      (updatedAfter === undefined || Date.parse(order.LastUpdateDate) >= updatedAfter),
  };
}
