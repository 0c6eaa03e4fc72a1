import { StoreError } from '../store-system.ts';
import {
  type GradingDecision,
  type GradingRequest,
  type Rma,
  STOCK_FIELDS,
  type StockField,
  type StockLevel,
  type Store,
  type Transfer,
  type TransferableCondition,
  type TransferRequest,
} from '../store-types.ts';
import type { AccountLedger } from './account-ledger.ts';
import type { Counters, MovementRecord } from './ledger-records.ts';
import type { MovementLedger, MovementPlan } from './movements.ts';
import { lineCounter, rmaAccount, stockAccount } from './store-records.ts';

export interface StockOperationDeps {
  ledger: AccountLedger;
  movements: MovementLedger;
  findStore(storeId: string): Promise<Store>;
  findRma(rmaId: string): Promise<Rma>;
}

const IN_TRANSIT: Record<TransferableCondition, StockField> = {
  sellable: 'inTransitSellable',
  outlet: 'inTransitOutlet',
};

/** Grading and transfers, each one movement in the ledger keyed by the caller's id. */
export function stockOperations({ ledger, movements, findStore, findRma }: StockOperationDeps) {
  async function gradeItem(request: GradingRequest): Promise<GradingDecision> {
    const movementId = `grade:${request.gradingId}`;
    const settled =
      (await movements.resume(movementId, request)) ??
      (await movements.run(await planGrading(movementId, request)));
    if (settled.state === 'rejected') {
      throw new StoreError(
        'insufficient-quantity',
        `RMA ${request.rmaId} has fewer ungraded units`,
      );
    }
    const ungraded = settled.balances[rmaAccount(request.rmaId)] ?? {};
    return {
      ...request,
      remainingToGrade: Object.values(ungraded).reduce((sum, count) => sum + count, 0),
      gradedAt: settled.movement.createdAt.toISOString(),
    };
  }

  // Which line to draw from depends on what is ungraded now, so it is planned once, on the
  // first attempt, and a retry finishes the recorded plan instead of planning again.
  async function planGrading(movementId: string, request: GradingRequest): Promise<MovementPlan> {
    const rma = await findRma(request.rmaId);
    if (rma.receipt?.storeId !== request.storeId) {
      throw new StoreError('conflict', `RMA ${rma.rmaId} was not received at ${request.storeId}`);
    }
    const lines = rma.items.map((item, index) => ({ ...item, index }));
    const sameSku = lines.filter((line) => line.sku === request.sku);
    if (sameSku.length === 0) throw new StoreError('not-found', `${request.sku} is not on the RMA`);
    const line = sameSku.find((candidate) => candidate.ungraded >= request.quantity);
    if (!line) throw new StoreError('insufficient-quantity', `too few ungraded ${request.sku}`);
    return {
      _id: movementId,
      kind: 'grade',
      legs: [
        { account: rmaAccount(rma.rmaId), delta: { [lineCounter(line.index)]: -request.quantity } },
        {
          account: stockAccount(request.storeId, request.sku),
          delta: { [request.disposition]: request.quantity },
        },
      ],
      details: { request },
    };
  }

  async function shipTransfer(request: TransferRequest): Promise<Transfer> {
    const settled =
      (await movements.resume(request.transferId, request)) ??
      (await movements.run(await planTransfer(request)));
    if (settled.state === 'rejected') {
      throw new StoreError(
        'insufficient-stock',
        `${request.fromStoreId} has too little ${request.sku}`,
      );
    }
    return transferView(settled.movement);
  }

  async function planTransfer(request: TransferRequest): Promise<MovementPlan> {
    if (request.fromStoreId === request.toStoreId) {
      throw new StoreError('invalid', 'a transfer needs two different stores');
    }
    const [, destination] = await Promise.all([
      findStore(request.fromStoreId),
      findStore(request.toStoreId),
    ]);
    if (request.condition === 'outlet' && !destination.capabilities.outlet) {
      throw new StoreError('not-eligible', `${request.toStoreId} does not sell outlet stock`);
    }
    const { quantity, sku, condition } = request;
    return {
      _id: request.transferId,
      kind: 'transfer',
      legs: [
        { account: stockAccount(request.fromStoreId, sku), delta: { [condition]: -quantity } },
        {
          account: stockAccount(request.toStoreId, sku),
          delta: { [IN_TRANSIT[condition]]: quantity },
        },
      ],
      details: { request },
    };
  }

  async function receiveTransfer(transferId: string, receivedBy: string): Promise<Transfer> {
    const shipped = await movements.find(transferId);
    if (shipped?.kind !== 'transfer')
      throw new StoreError('not-found', `no transfer ${transferId}`);
    const request = shipped.details.request as TransferRequest;
    const ship = await movements.resume(transferId, request);
    if (ship?.state !== 'applied') throw new StoreError('conflict', `${transferId} never shipped`);
    const { quantity, condition } = request;
    await movements.run({
      _id: `${transferId}:receipt`,
      kind: 'transfer-receipt',
      legs: [
        {
          account: stockAccount(request.toStoreId, request.sku),
          delta: { [IN_TRANSIT[condition]]: -quantity, [condition]: quantity },
        },
      ],
      details: { request: { transferId }, receivedBy },
    });
    return transferView(shipped);
  }

  async function transferView(shipped: MovementRecord): Promise<Transfer> {
    const receipt = await movements.find(`${shipped._id}:receipt`);
    const received = receipt?.state === 'applied';
    return {
      ...(shipped.details.request as TransferRequest),
      status: received ? 'received' : 'in-transit',
      shippedAt: shipped.createdAt.toISOString(),
      ...(received && {
        receivedAt: (receipt.settledAt ?? receipt.createdAt).toISOString(),
        receivedBy: String(receipt.details.receivedBy),
      }),
    };
  }

  async function getStock(storeId: string, sku: string): Promise<StockLevel> {
    return toStockLevel(storeId, sku, await ledger.balance(stockAccount(storeId, sku)));
  }

  /** Opening balances (seed data, a stock count): once per seed id. */
  async function addStock(
    seedId: string,
    storeId: string,
    sku: string,
    counts: Partial<Record<StockField, number>>,
  ) {
    await movements.run({
      _id: `seed:${seedId}`,
      kind: 'seed',
      legs: [{ account: stockAccount(storeId, sku), delta: counts as Counters }],
      details: { request: { storeId, sku, counts } },
    });
  }

  return { gradeItem, shipTransfer, receiveTransfer, getStock, addStock };
}

function toStockLevel(storeId: string, sku: string, balance: Counters): StockLevel {
  const counts = Object.fromEntries(STOCK_FIELDS.map((field) => [field, balance[field] ?? 0]));
  return { storeId, sku, ...(counts as Record<StockField, number>) };
}
