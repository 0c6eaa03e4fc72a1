import express, { type Router } from 'express';
import { notFound } from './responses.ts';
import type { EmulatorStore } from './state.ts';

/** Finances API v0: `listFinancialEventsByOrderId` (one page; the emulator's lists are short). */
export function financesRouter(store: EmulatorStore): Router {
  const router = express.Router();
  router.get('/finances/v0/orders/:orderId/financialEvents', (request, response) => {
    const { orderId } = request.params;
    if (!store.data.orders[orderId]) return notFound(response, `Order ${orderId}`);
    const events = store.data.financialEvents[orderId] ?? {};
    response.json({
      payload: {
        FinancialEvents: {
          ShipmentEventList: [],
          RefundEventList: [],
          GuaranteeClaimEventList: [],
          ChargebackEventList: [],
          ...events,
        },
      },
    });
  });
  return router;
}
