import express, { type Router } from 'express';
import { postedBetween } from './financial-event-pages.ts';
import { invalidInput, notFound } from './responses.ts';
import type { EmulatorStore } from './state.ts';

// Amazon refuses a window that ends less than two minutes ago: events still settle.
const SETTLING_MS = 2 * 60_000;
const MAX_PAGE = 100;

/**
 * Finances API v0: `listFinancialEventsByOrderId` (one page; the emulator's lists are short) and
 * `listFinancialEvents` by posting date, paginated by `NextToken`.
 */
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
  router.get('/finances/v0/financialEvents', (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    const latest = Date.now() - SETTLING_MS;
    const after = query.PostedAfter ? Date.parse(query.PostedAfter) : Number.NaN;
    const before = query.PostedBefore ? Date.parse(query.PostedBefore) : latest;
    if (Number.isNaN(after) && !query.NextToken) {
      return invalidInput(response, 'PostedAfter or NextToken is required');
    }
    if (after > latest || before > latest) {
      return invalidInput(response, 'Date range must end at least 2 minutes before now');
    }
    const pageSize = Math.min(
      Math.max(Number(query.MaxResultsPerPage ?? MAX_PAGE) || 1, 1),
      MAX_PAGE,
    );
    const start = Number(query.NextToken ?? 0) || 0;
    const page = postedBetween(store, after, before, start, pageSize);
    response.json({
      payload: {
        FinancialEvents: page.events,
        ...(page.nextStart !== undefined && { NextToken: String(page.nextStart) }),
      },
    });
  });

  return router;
}
