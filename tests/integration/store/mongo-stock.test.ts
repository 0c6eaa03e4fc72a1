import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountLedger } from '../../../worker/activities/store/mongo/account-ledger.ts';
import {
  ledgerEntryModel,
  type MovementLeg,
} from '../../../worker/activities/store/mongo/ledger-records.ts';
import type { MongoStoreSystem } from '../../../worker/activities/store/mongo/mongo-store-system.ts';
import { movementLedger } from '../../../worker/activities/store/mongo/movements.ts';
import { stockAccount } from '../../../worker/activities/store/mongo/store-records.ts';
import { StoreError } from '../../../worker/activities/store/store-system.ts';
import type { TransferRequest } from '../../../worker/activities/store/store-types.ts';
import { openSeededStoreSystem, refusal, transfer, unique } from './store-fixtures.ts';

let database: Connection;
let system: MongoStoreSystem;

beforeAll(async () => {
  ({ database, system } = await openSeededStoreSystem('store-stock'));
});
afterAll(async () => {
  await database?.close();
});

describe('MongoStoreSystem stock on FerretDB', () => {
  it('transfers through in-transit stock, and the same transfer twice moves stock once', async () => {
    const sku = unique('SKU');
    await system.addStock(unique('seed'), 'chicago-loop', sku, { sellable: 5 });
    const request = transfer({ sku, quantity: 3 });
    const shipped = await system.shipTransfer(request);
    expect(await system.shipTransfer(request)).toEqual(shipped);
    expect(shipped.status).toBe('in-transit');
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({ sellable: 2 });
    expect(await system.getStock('dallas-uptown', sku)).toMatchObject({
      sellable: 0,
      inTransitSellable: 3,
    });
    const received = await system.receiveTransfer(request.transferId, 'clerk-dana');
    await system.receiveTransfer(request.transferId, 'clerk-dana');
    expect(received).toMatchObject({ status: 'received', receivedBy: 'clerk-dana' });
    expect(await system.getStock('dallas-uptown', sku)).toMatchObject({
      sellable: 3,
      inTransitSellable: 0,
    });
  });

  it('refuses a transfer larger than the stock, and keeps refusing it on retry', async () => {
    const sku = unique('SKU');
    await system.addStock(unique('seed'), 'chicago-loop', sku, { sellable: 1 });
    const request = transfer({ sku, quantity: 2 });
    await expect(system.shipTransfer(request)).rejects.toEqual(refusal('insufficient-stock'));
    await system.addStock(unique('seed'), 'chicago-loop', sku, { sellable: 5 });
    await expect(system.shipTransfer(request)).rejects.toEqual(refusal('insufficient-stock'));
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({ sellable: 6 });
    await expect(
      system.shipTransfer(transfer({ sku, condition: 'outlet', toStoreId: 'la-downtown' })),
    ).rejects.toEqual(refusal('not-eligible'));
  });

  it('never goes negative when transfers race for low stock', async () => {
    const sku = unique('SKU');
    await system.addStock(unique('seed'), 'chicago-loop', sku, { sellable: 3 });
    const racing = [
      transfer({ sku, quantity: 2 }),
      transfer({ sku, quantity: 2, toStoreId: 'nyc-soho' }),
    ];
    // Each transfer also races its own retry, as a timed-out attempt can with the next one.
    const outcomes = await Promise.allSettled(
      [...racing, ...racing].map((request) => system.shipTransfer(request)),
    );
    const shipped = new Set(
      outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.transferId] : [])),
    );
    expect(shipped.size).toBe(1);
    expect(
      outcomes.filter((o) => o.status === 'rejected').every((o) => o.reason instanceof StoreError),
    ).toBe(true);
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({ sellable: 1 });
  });

  it('counts every one of many concurrent movements on one SKU exactly once', async () => {
    const sku = unique('SKU');
    const seeds = Array.from({ length: 12 }, (_, i) => `${sku}-seed-${i}`);
    await Promise.all(
      [...seeds, ...seeds].map((seedId) => system.addStock(seedId, 'nyc-soho', sku, { outlet: 1 })),
    );
    expect((await system.getStock('nyc-soho', sku)).outlet).toBe(12);
  });

  it('finishes a movement that crashed after its first leg, without counting that leg twice', async () => {
    const sku = unique('SKU');
    await system.addStock(unique('seed'), 'chicago-loop', sku, { sellable: 10 });
    const cutShort = transfer({ sku, quantity: 3 });
    const neverStarted = transfer({ sku, quantity: 4 });
    // What crashes leave: the intent of both, and the first leg of one of them.
    await recordCrashedTransfer(cutShort, { firstLegApplied: true });
    await recordCrashedTransfer(neverStarted, { firstLegApplied: false });
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({ sellable: 7 });

    // The sweep completes the cut-short one and leaves the other to its own retry.
    await movementLedger(database).resumePending(new Date(1));
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({ sellable: 7 });
    expect(await system.getStock('dallas-uptown', sku)).toMatchObject({ inTransitSellable: 3 });

    await system.shipTransfer(cutShort);
    await system.shipTransfer(neverStarted);
    expect(await system.getStock('chicago-loop', sku)).toMatchObject({ sellable: 3 });
    expect(await system.getStock('dallas-uptown', sku)).toMatchObject({ inTransitSellable: 7 });
    const entries = await ledgerEntryModel(database)
      .find({ movementId: cutShort.transferId })
      .lean();
    expect(entries).toHaveLength(2);
  });
});

async function recordCrashedTransfer(
  request: TransferRequest,
  crash: { firstLegApplied: boolean },
) {
  const { transferId, sku, quantity } = request;
  const legs: MovementLeg[] = [
    { account: stockAccount(request.fromStoreId, sku), delta: { sellable: -quantity } },
    { account: stockAccount(request.toStoreId, sku), delta: { inTransitSellable: quantity } },
  ];
  const movement = {
    kind: 'transfer',
    state: 'pending',
    legs,
    details: { request },
    createdAt: new Date(0),
  };
  await database.collection('store_movements').insertOne({ _id: transferId as never, ...movement });
  if (crash.firstLegApplied)
    await accountLedger(database).append(transferId, legs[0] as MovementLeg);
}
