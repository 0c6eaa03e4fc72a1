import express from 'express';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { MongoStoreSystem } from '../../../worker/activities/store/mongo/mongo-store-system.ts';
import {
  PosHttpStoreSystem,
  PosUnavailableError,
} from '../../../worker/activities/store/pos/pos-http-store-system.ts';
import { seedDemoStores } from '../../../worker/activities/store/seed-demo-stores.ts';
import { listen, type RunningApp } from '../../support/http.ts';
import { type PosServerControls, posContractApp } from './pos-contract-server.ts';

let database: Connection;
let server: RunningApp;
let pos: PosHttpStoreSystem;
const controls: PosServerControls = { failNext: [], authorizations: [] };
const unique = (name: string) =>
  `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/store-pos`);
  const backOffice = await new MongoStoreSystem(database).ready();
  await seedDemoStores(backOffice);
  // Mounted under a path prefix, as real POS APIs are: URL building must keep it.
  server = await listen(express().use('/pos/v1', posContractApp(backOffice, controls)));
  pos = new PosHttpStoreSystem({
    baseUrl: `${server.baseUrl}/pos/v1`,
    token: 'pos-token-123',
    timeoutMs: 5_000,
  });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});
beforeEach(() => {
  controls.failNext = [];
  controls.authorizations = [];
});

describe('PosHttpStoreSystem against a POS serving the contract', () => {
  it('runs a return from RMA to graded stock over HTTP, with the bearer token', async () => {
    const stores = await pos.listStores();
    expect(stores.map((store) => store.storeId)).toContain('dallas-uptown');
    const rmaId = unique('RMA');
    const sku = unique('SKU');
    const request = {
      rmaId,
      orderId: '114-1',
      items: [{ sku, quantity: 2, needsInspection: true }],
    };
    expect(await pos.createRma(request)).toEqual(await pos.createRma(request));
    await pos.assignRoute(rmaId, { storeId: 'dallas-uptown', distanceKm: 4.2 });
    const received = await pos.receiveRma(rmaId, {
      storeId: 'dallas-uptown',
      receivedBy: 'clerk-dana',
    });
    expect(received).toMatchObject({ status: 'received', route: { storeId: 'dallas-uptown' } });
    const grading = {
      gradingId: unique('GRD'),
      rmaId,
      storeId: 'dallas-uptown',
      sku,
      quantity: 2,
      grade: 'open-box' as const,
      disposition: 'outlet' as const,
      reason: 'opened',
      gradedBy: 'grader-gus',
    };
    await pos.gradeItem(grading);
    expect(await pos.gradeItem(grading)).toMatchObject({ remainingToGrade: 0 });
    expect(await pos.getStock('dallas-uptown', sku)).toMatchObject({ outlet: 2, sellable: 0 });
    expect(await pos.getRma(rmaId)).toMatchObject({ status: 'graded' });
    expect(new Set(controls.authorizations)).toEqual(new Set(['Bearer pos-token-123']));
  });

  it('transfers stock and receives it, idempotently', async () => {
    const transfer = {
      transferId: unique('TRF'),
      fromStoreId: 'nyc-soho',
      toStoreId: 'brooklyn-outlet',
      sku: 'ACN-HEADPHONES-03',
      condition: 'sellable' as const,
      quantity: 1,
      requestedBy: 'planner-pat',
    };
    const before = await pos.getStock('nyc-soho', 'ACN-HEADPHONES-03');
    await pos.shipTransfer(transfer);
    await pos.shipTransfer(transfer);
    expect(await pos.receiveTransfer(transfer.transferId, 'clerk-bo')).toMatchObject({
      status: 'received',
    });
    expect((await pos.getStock('nyc-soho', 'ACN-HEADPHONES-03')).sellable).toBe(
      before.sellable - 1,
    );
  });

  it('turns refusals into StoreErrors and a missing RMA into undefined', async () => {
    expect(await pos.getRma('RMA-DOES-NOT-EXIST')).toBeUndefined();
    const tooMuch = {
      transferId: unique('TRF'),
      fromStoreId: 'sf-union-square',
      toStoreId: 'la-downtown',
      sku: 'ACN-BLENDER-02',
      condition: 'sellable' as const,
      quantity: 1_000,
      requestedBy: 'p',
    };
    await expect(pos.shipTransfer(tooMuch)).rejects.toMatchObject({
      name: 'StoreError',
      code: 'insufficient-stock',
    });
  });

  it('reports 5xx and unreachable servers as retryable unavailability', async () => {
    controls.failNext = [503];
    await expect(pos.listStores()).rejects.toBeInstanceOf(PosUnavailableError);
    expect((await pos.listStores()).length).toBeGreaterThan(0);
    const unreachable = new PosHttpStoreSystem({
      baseUrl: 'http://127.0.0.1:9/pos',
      timeoutMs: 1_000,
    });
    await expect(unreachable.listStores()).rejects.toBeInstanceOf(PosUnavailableError);
  });
});
