import type { Connection } from 'mongoose';
import { isDuplicateKey } from '#platform/database';
import { isEligible } from '../routing.ts';
import { StoreError } from '../store-system.ts';
import type { Rma, RmaRequest, Store } from '../store-types.ts';
import type { AccountLedger } from './account-ledger.ts';
import type { MovementLedger } from './movements.ts';
import {
  lineCounter,
  type RmaRecord,
  type RmaStepName,
  type RmaStepRecord,
  rmaAccount,
  rmaModel,
  rmaStepId,
  rmaStepModel,
} from './store-records.ts';

export interface RmaOperationDeps {
  connection: Connection;
  ledger: AccountLedger;
  movements: MovementLedger;
  findStore(storeId: string): Promise<Store>;
}

/** RMAs: an immutable request, once-only steps (route, receipt), ungraded units in the ledger. */
export function rmaOperations({ connection, ledger, movements, findStore }: RmaOperationDeps) {
  const RmaModel = rmaModel(connection);
  const Step = rmaStepModel(connection);

  async function view(rmaId: string): Promise<Rma | undefined> {
    const rma = await RmaModel.findById(rmaId).lean();
    if (!rma) return undefined;
    const [steps, ungraded] = await Promise.all([
      Step.find({ rmaId }).lean(),
      ledger.balance(rmaAccount(rmaId)),
    ]);
    return toRma(rma, steps, ungraded);
  }

  async function existing(rmaId: string): Promise<Rma> {
    const rma = await view(rmaId);
    if (!rma) throw new StoreError('not-found', `RMA ${rmaId} does not exist`);
    return rma;
  }

  /** Inserts the step unless one is there; returns whichever was first. */
  async function claimStep(step: Omit<RmaStepRecord, '_id' | 'at'>): Promise<RmaStepRecord> {
    const _id = rmaStepId(step.rmaId, step.step);
    try {
      return (await Step.create({ ...step, _id, at: new Date() })).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const first = await Step.findById(_id).lean();
    if (!first) throw new Error(`RMA step ${_id} vanished`);
    return first;
  }

  async function createRma(request: RmaRequest): Promise<Rma> {
    try {
      await RmaModel.create({ ...request, _id: request.rmaId, createdAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const first = await RmaModel.findById(request.rmaId).lean();
      if (first?.orderId !== request.orderId) {
        throw new StoreError('conflict', `RMA ${request.rmaId} belongs to another order`);
      }
    }
    // The RMA's account starts with every line ungraded; grading draws it down to zero.
    const opening = Object.fromEntries(
      request.items.map((item, i) => [lineCounter(i), item.quantity]),
    );
    await movements.run({
      _id: `${request.rmaId}:open`,
      kind: 'rma-open',
      legs: [{ account: rmaAccount(request.rmaId), delta: opening }],
      details: { request: { rmaId: request.rmaId } },
    });
    return existing(request.rmaId);
  }

  async function assignRoute(rmaId: string, route: { storeId: string; distanceKm: number }) {
    await existing(rmaId);
    await findStore(route.storeId);
    await claimStep({ rmaId, step: 'route', ...route });
    return existing(rmaId);
  }

  async function receiveRma(rmaId: string, receipt: { storeId: string; receivedBy: string }) {
    const rma = await existing(rmaId);
    const needsInspection = rma.items.some((item) => item.needsInspection);
    if (!isEligible(await findStore(receipt.storeId), needsInspection)) {
      throw new StoreError('not-eligible', `${receipt.storeId} cannot take RMA ${rmaId}`);
    }
    const first = await claimStep({
      rmaId,
      step: 'receipt',
      storeId: receipt.storeId,
      by: receipt.receivedBy,
    });
    if (first.storeId !== receipt.storeId) {
      throw new StoreError('conflict', `RMA ${rmaId} was already received at ${first.storeId}`);
    }
    return existing(rmaId);
  }

  return { view, existing, createRma, assignRoute, receiveRma };
}

function toRma(rma: RmaRecord, steps: RmaStepRecord[], ungraded: Record<string, number>): Rma {
  const step = (name: RmaStepName) => steps.find((candidate) => candidate.step === name);
  const route = step('route');
  const receipt = step('receipt');
  const items = rma.items.map((item, i) => ({
    sku: item.sku,
    quantity: item.quantity,
    needsInspection: item.needsInspection,
    ungraded: ungraded[lineCounter(i)] ?? item.quantity,
  }));
  const graded = items.every((item) => item.ungraded === 0);
  return {
    rmaId: rma._id,
    orderId: rma.orderId,
    ...(rma.marketplace && { marketplace: rma.marketplace }),
    ...(rma.reason && { reason: rma.reason }),
    items,
    status: receipt ? (graded ? 'graded' : 'received') : route ? 'routed' : 'created',
    ...(route && {
      route: { storeId: route.storeId, distanceKm: route.distanceKm ?? 0, at: iso(route.at) },
    }),
    ...(receipt && {
      receipt: { storeId: receipt.storeId, receivedBy: receipt.by ?? '', at: iso(receipt.at) },
    }),
    createdAt: iso(rma.createdAt),
  };
}

const iso = (date: Date) => new Date(date).toISOString();
