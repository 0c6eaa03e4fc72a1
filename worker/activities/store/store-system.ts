import type {
  GradingDecision,
  GradingRequest,
  Rma,
  RmaRequest,
  StockLevel,
  Store,
  Transfer,
  TransferRequest,
} from './store-types.ts';

/**
 * The store chain as the activities see it: the built-in MongoDB system or a POS over HTTP.
 * Every write carries the caller's id (rmaId, gradingId, transferId) and is idempotent by it:
 * calling it again with the same id returns the first result and changes nothing.
 */
export interface StoreSystem {
  listStores(): Promise<Store[]>;
  createRma(request: RmaRequest): Promise<Rma>;
  /** Undefined when there is no such RMA. */
  getRma(rmaId: string): Promise<Rma | undefined>;
  /** The first assignment wins; later calls return the RMA with that first route. */
  assignRoute(rmaId: string, route: { storeId: string; distanceKm: number }): Promise<Rma>;
  /** Received once, at one store; receiving again at the same store returns it unchanged. */
  receiveRma(rmaId: string, receipt: { storeId: string; receivedBy: string }): Promise<Rma>;
  gradeItem(request: GradingRequest): Promise<GradingDecision>;
  /** Moves stock out of the source into the destination's in-transit bucket. */
  shipTransfer(request: TransferRequest): Promise<Transfer>;
  /** Moves the in-transit stock into the destination's bucket. */
  receiveTransfer(transferId: string, receivedBy: string): Promise<Transfer>;
  getStock(storeId: string, sku: string): Promise<StockLevel>;
}

export const STORE_ERROR_CODES = [
  'not-found',
  'conflict',
  'not-eligible',
  'insufficient-stock',
  'insufficient-quantity',
  'invalid',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/**
 * A business refusal: the same request would be refused again, so activities turn it into a
 * non-retryable failure (and a flow can take its error edge). Anything else is retried.
 */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export const isStoreErrorCode = (code: unknown): code is StoreErrorCode =>
  STORE_ERROR_CODES.includes(code as StoreErrorCode);
