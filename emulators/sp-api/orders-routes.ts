import type { Address, Order } from '@sp-api-sdk/orders-api-v0';
import express, { type Router } from 'express';
import { orderSearch } from './order-search.ts';
import { invalidInput, notFound } from './responses.ts';
import type { EmulatorStore } from './state.ts';
import { restrictedDataOf } from './tokens-routes.ts';

// Small pages, so clients that ignore NextToken lose items visibly in tests.
const ORDER_ITEMS_PAGE_SIZE = 2;

/** Orders API v0: `getOrders`, `getOrder` and `getOrderItems` (paginated by NextToken). */
export function ordersRouter(store: EmulatorStore): Router {
  const router = express.Router();

  // An RDT issued for this path opens the buyer data of every order the call lists.
  router.get('/orders/v0/orders', (request, response) => {
    const search = orderSearch(request.query);
    if ('invalid' in search) return invalidInput(response, search.invalid);
    const named = search.orderIds.length
      ? search.orderIds.flatMap((id) => store.data.orders[id] ?? [])
      : Object.values(store.data.orders);
    const matching = named.map((entry) => entry.order).filter(search.matches);
    const next = search.offset + search.pageSize;
    const granted = restrictedDataOf(response);
    response.json({
      payload: {
        Orders: matching.slice(search.offset, next).map((order) => visibleOrder(order, granted)),
        ...(next < matching.length ? { NextToken: String(next) } : {}),
      },
    });
  });

  router.get('/orders/v0/orders/:orderId', (request, response) => {
    const entry = store.data.orders[request.params.orderId];
    if (!entry) return notFound(response, `Order ${request.params.orderId}`);
    response.json({ payload: visibleOrder(entry.order, restrictedDataOf(response)) });
  });

  router.get('/orders/v0/orders/:orderId/orderItems', (request, response) => {
    const { orderId } = request.params;
    const entry = store.data.orders[orderId];
    if (!entry) return notFound(response, `Order ${orderId}`);
    const start = Number(request.query.NextToken ?? 0) || 0;
    const page = entry.items.slice(start, start + ORDER_ITEMS_PAGE_SIZE);
    const next = start + ORDER_ITEMS_PAGE_SIZE;
    response.json({
      payload: {
        AmazonOrderId: orderId,
        OrderItems: page,
        ...(next < entry.items.length ? { NextToken: String(next) } : {}),
      },
    });
  });

  return router;
}

/**
 * What Amazon shows of an order: the buyer's details (`buyerInfo`) and the full address
 * (`shippingAddress`) only to a Restricted Data Token granting them; otherwise no buyer details
 * and only the address's city, region, postcode and country.
 */
function visibleOrder(order: Order, granted: ReadonlySet<string>): Order {
  const { BuyerInfo, ShippingAddress, ...rest } = order;
  return {
    ...rest,
    ...(BuyerInfo && { BuyerInfo: granted.has('buyerInfo') ? BuyerInfo : {} }),
    ...(ShippingAddress && {
      ShippingAddress: granted.has('shippingAddress')
        ? ShippingAddress
        : partialAddress(ShippingAddress),
    }),
  };
}

function partialAddress({ City, StateOrRegion, PostalCode, CountryCode }: Address): Address {
  return {
    Name: '',
    ...(City && { City }),
    ...(StateOrRegion && { StateOrRegion }),
    ...(PostalCode && { PostalCode }),
    ...(CountryCode && { CountryCode }),
  };
}
