import express, { type Router } from 'express';
import { invalidInput } from './responses.ts';
import type { EmulatorStore } from './state.ts';

const CODES = new Set(['Accepted', 'Backordered', 'Rejected']);

interface ItemAcknowledgement {
  acknowledgementCode?: unknown;
  acknowledgedQuantity?: { amount?: unknown };
}

interface AcknowledgementBody {
  purchaseOrderNumber?: unknown;
  sellingParty?: { partyId?: unknown };
  acknowledgementDate?: unknown;
  items?: { itemSequenceNumber?: unknown; itemAcknowledgements?: ItemAcknowledgement[] }[];
}

/** What is wrong with one acknowledgement, checked the way Amazon's model requires. */
function problemWith(ack: AcknowledgementBody): string | undefined {
  if (typeof ack.purchaseOrderNumber !== 'string') return 'purchaseOrderNumber is required';
  if (typeof ack.sellingParty?.partyId !== 'string') return 'sellingParty.partyId is required';
  if (Number.isNaN(Date.parse(String(ack.acknowledgementDate))))
    return 'acknowledgementDate must be a date-time';
  if (!Array.isArray(ack.items) || ack.items.length === 0) return 'items are required';
  for (const item of ack.items) {
    const answers = item.itemAcknowledgements;
    if (!Array.isArray(answers) || answers.length === 0)
      return `item ${String(item.itemSequenceNumber)} needs itemAcknowledgements`;
    for (const answer of answers) {
      if (!CODES.has(String(answer.acknowledgementCode)))
        return `acknowledgementCode must be Accepted, Backordered or Rejected`;
      if (!Number.isInteger(answer.acknowledgedQuantity?.amount))
        return 'acknowledgedQuantity.amount must be a whole number';
    }
  }
  return undefined;
}

/** Vendor Orders v1 `submitAcknowledgement`: accepted as a transaction, recorded for tests. */
export function vendorOrdersRouter(store: EmulatorStore): Router {
  const router = express.Router();
  router.post('/vendor/orders/v1/acknowledgements', express.json(), (request, response) => {
    const acknowledgements = request.body?.acknowledgements as AcknowledgementBody[] | undefined;
    if (!Array.isArray(acknowledgements) || acknowledgements.length === 0) {
      return invalidInput(response, 'acknowledgements are required');
    }
    const problem = acknowledgements.map(problemWith).find(Boolean);
    if (problem) return invalidInput(response, problem);
    const transactionId = `ack-${store.nextId()}`;
    store.data.acknowledgements ??= [];
    store.data.acknowledgements.push({
      transactionId,
      receivedAt: new Date().toISOString(),
      acknowledgements,
    });
    store.changed();
    response.status(202).json({ payload: { transactionId } });
  });
  return router;
}
