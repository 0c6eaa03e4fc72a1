import type { Order, OrderItem } from '@sp-api-sdk/orders-api-v0';
import type { IntakeClients } from './intake-account.ts';

export interface OrderRecord {
  order: Order;
  items: OrderItem[];
}

/** Why a row cannot become a case: Amazon would not show the order's buyer data. */
export interface OrderRefusal {
  refused: string;
}

// The buyer data a case carries: the e-mail (buyerInfo) and postcode (shippingAddress).
const BUYER_DATA = ['buyerInfo', 'shippingAddress'];

/**
 * The order a return or claim names, with the buyer's details: Amazon shows them only to a
 * Restricted Data Token issued for this order's path. Undefined when Amazon does not know the
 * order (404); a refusal when Amazon will not issue the token (the application lacks the PII
 * roles, 403): asking again would be refused again, so the row is refused, not retried.
 */
export async function lookUpOrder(
  clients: Pick<IntakeClients, 'orders' | 'tokens' | 'restrictedOrders'>,
  orderId: string,
): Promise<OrderRecord | OrderRefusal | undefined> {
  try {
    const token = await restrictedDataTokenFor(clients.tokens, orderId);
    if (typeof token !== 'string') return token;
    const { data } = await clients.restrictedOrders(token).getOrder({ orderId });
    if (!data.payload) return undefined;
    return { order: data.payload, items: await orderItems(clients.orders, orderId) };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function restrictedDataTokenFor(
  tokens: IntakeClients['tokens'],
  orderId: string,
): Promise<string | OrderRefusal> {
  const path = `/orders/v0/orders/${orderId}`;
  try {
    const { data } = await tokens.createRestrictedDataToken({
      body: { restrictedResources: [{ method: 'GET', path, dataElements: BUYER_DATA }] },
    });
    if (data.restrictedDataToken) return data.restrictedDataToken;
  } catch (error) {
    if (statusOf(error) !== 403) throw error;
  }
  return {
    refused: `Amazon refused a Restricted Data Token for order ${orderId} (buyer data needs the PII roles)`,
  };
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

function statusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: number } }).response;
  return response?.status;
}
