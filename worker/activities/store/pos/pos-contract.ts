import { z } from 'zod';
import { STORE_ERROR_CODES } from '../store-system.ts';
import {
  GradingDecisionSchema,
  RmaSchema,
  StockLevelSchema,
  StoreSchema,
  TransferSchema,
} from '../store-types.ts';

/**
 * The REST contract PosHttpStoreSystem expects from a chain's POS / store back office.
 * JSON in and out; `Authorization: Bearer <STORE_POS_TOKEN>` when a token is configured.
 * Writes are PUTs to the caller's id, so resending one is harmless: the POS answers with
 * what the first call did.
 *
 *   GET  /stores                              → { stores: Store[] }
 *   PUT  /rmas/:rmaId                          { orderId, marketplace?, reason?, items } → Rma
 *   GET  /rmas/:rmaId                          → Rma, or 404
 *   PUT  /rmas/:rmaId/route                    { storeId, distanceKm } → Rma (first route wins)
 *   PUT  /rmas/:rmaId/receipt                  { storeId, receivedBy } → Rma
 *   PUT  /gradings/:gradingId                  GradingRequest minus gradingId → GradingDecision
 *   PUT  /transfers/:transferId                TransferRequest minus transferId → Transfer
 *   PUT  /transfers/:transferId/receipt        { receivedBy } → Transfer
 *   GET  /stores/:storeId/stock/:sku           → StockLevel
 *
 * A refusal is a 4xx with { error: { code, message } }, code one of STORE_ERROR_CODES
 * (409 for conflict / insufficient-*, 404 for not-found, 422 otherwise); it is not retried.
 * 5xx, timeouts and network errors are retried by Temporal.
 */
export const POS_PATHS = {
  stores: () => '/stores',
  rma: (rmaId: string) => `/rmas/${encodeURIComponent(rmaId)}`,
  rmaRoute: (rmaId: string) => `/rmas/${encodeURIComponent(rmaId)}/route`,
  rmaReceipt: (rmaId: string) => `/rmas/${encodeURIComponent(rmaId)}/receipt`,
  grading: (gradingId: string) => `/gradings/${encodeURIComponent(gradingId)}`,
  transfer: (transferId: string) => `/transfers/${encodeURIComponent(transferId)}`,
  transferReceipt: (transferId: string) => `/transfers/${encodeURIComponent(transferId)}/receipt`,
  stock: (storeId: string, sku: string) =>
    `/stores/${encodeURIComponent(storeId)}/stock/${encodeURIComponent(sku)}`,
} as const;

export const PosStoresResponse = z.object({ stores: z.array(StoreSchema) });
export const PosRmaResponse = RmaSchema;
export const PosGradingResponse = GradingDecisionSchema;
export const PosTransferResponse = TransferSchema;
export const PosStockResponse = StockLevelSchema;

export const PosErrorBody = z.object({
  error: z.object({ code: z.enum(STORE_ERROR_CODES), message: z.string() }),
});
