import type { Order, OrderItem } from '@sp-api-sdk/orders-api-v0';
import {
  forgetBuyerDataToken,
  heldBuyerDataToken,
  newBuyerDataToken,
  statusOf,
} from './buyer-data-token.ts';
import type { IntakeClients } from './intake-account.ts';

export interface OrderRecord {
  order: Order;
  items: OrderItem[];
}

/** Why a row cannot become a case: Amazon would not show the order's buyer data. */
export interface OrderRefusal {
  refused: string;
}

/** An order with the buyer's details, a refusal, or undefined when Amazon does not know it. */
export type BuyerOrder = Order | OrderRefusal | undefined;

export type OrderLookupClients = Pick<IntakeClients, 'tokens' | 'restrictedOrders'>;

/** Amazon's getOrders takes at most 50 AmazonOrderIds. */
export const ORDERS_PER_LOOKUP = 50;

// getOrders needs CreatedAfter (or LastUpdatedAfter) even with AmazonOrderIds: a date before
// any order, so the ids alone choose.
const BEFORE_ANY_ORDER = '1995-01-01T00:00:00Z';

/**
 * The orders a page of returns or claims names, with the buyer's details. Amazon shows them
 * only to a Restricted Data Token (RDT), and issues RDTs at 1 per second (burst 10): so one RDT
 * for getOrders serves each batch of 50 orders and is kept while valid. An order Amazon does
 * not list is unknown; when Amazon will not issue the token (the application lacks the PII
 * roles, 403) every order of the batch is refused, since asking again would be refused again.
 * Items are read per row (`withItems`), so a throttled poll keeps the rows it finished.
 */
export async function lookUpOrders(
  clients: OrderLookupClients,
  marketplaceId: string,
  orderIds: readonly string[],
): Promise<Map<string, BuyerOrder>> {
  const found = new Map<string, BuyerOrder>();
  const distinct = [...new Set(orderIds)];
  for (let start = 0; start < distinct.length; start += ORDERS_PER_LOOKUP) {
    const batch = distinct.slice(start, start + ORDERS_PER_LOOKUP);
    const orders = await ordersWithBuyerData(clients, marketplaceId, batch);
    for (const orderId of batch) {
      found.set(orderId, orders ? orders.get(orderId) : refusal(orderId));
    }
  }
  return found;
}

const refusal = (orderId: string): OrderRefusal => ({
  refused: `Amazon refused a Restricted Data Token for order ${orderId} (buyer data needs the PII roles)`,
});

/** The batch's orders by id; undefined when Amazon refuses the RDT. */
async function ordersWithBuyerData(
  clients: OrderLookupClients,
  marketplaceId: string,
  orderIds: string[],
): Promise<Map<string, Order> | undefined> {
  const held = heldBuyerDataToken(clients.tokens);
  if (held) {
    try {
      return await listOrders(clients, held, marketplaceId, orderIds);
    } catch (error) {
      // A token Amazon no longer takes (expired early, revoked): one new token, one more try.
      const status = statusOf(error);
      if (status !== 401 && status !== 403) throw error;
      forgetBuyerDataToken(clients.tokens, held);
    }
  }
  const token = await newBuyerDataToken(clients.tokens);
  return token ? listOrders(clients, token, marketplaceId, orderIds) : undefined;
}

async function listOrders(
  clients: OrderLookupClients,
  token: string,
  marketplaceId: string,
  orderIds: string[],
): Promise<Map<string, Order>> {
  // One page: 50 ids fit Amazon's default page of 100 orders.
  const { data } = await clients.restrictedOrders(token).getOrders({
    marketplaceIds: [marketplaceId],
    amazonOrderIds: orderIds,
    createdAfter: BEFORE_ANY_ORDER,
  });
  return new Map((data.payload?.Orders ?? []).map((order) => [order.AmazonOrderId, order]));
}

/**
 * A looked-up order with its items; a refusal or an unknown order as it was. Items carry no
 * buyer data here: getOrderItems is called with the LWA token. Undefined when Amazon does not
 * find them (404), as for an unknown order.
 */
export async function withItems(
  orders: IntakeClients['orders'],
  found: BuyerOrder,
): Promise<OrderRecord | OrderRefusal | undefined> {
  if (!found || 'refused' in found) return found;
  try {
    return { order: found, items: await orderItems(orders, found.AmazonOrderId) };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function orderItems(orders: IntakeClients['orders'], orderId: string) {
  const items: OrderItem[] = [];
  let nextToken: string | undefined;
  do {
    const { data: page } = await orders.getOrderItems({
      orderId,
      ...(nextToken ? { nextToken } : {}),
    });
    items.push(...(page.payload?.OrderItems ?? []));
    nextToken = page.payload?.NextToken;
  } while (nextToken);
  return items;
}
