import type { Order, OrderItem } from '@sp-api-sdk/orders-api-v0';
import type { IntakeClients } from './intake-account.ts';

export interface OrderRecord {
  order: Order;
  items: OrderItem[];
}

/** The order a return or claim names, or undefined when Amazon does not know it (404). */
export async function lookUpOrder(
  orders: IntakeClients['orders'],
  orderId: string,
): Promise<OrderRecord | undefined> {
  try {
    const { data } = await orders.getOrder({ orderId });
    if (!data.payload) return undefined;
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
    return { order: data.payload, items };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

function statusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: number } }).response;
  return response?.status;
}
