import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CASE_ORDERS } from '../../../emulators/sp-api/demo-case-orders.ts';
import { EmulatorStore } from '../../../emulators/sp-api/state.ts';

const demoOrderIds = Object.values(DEMO_CASE_ORDERS).map((demo) => demo.orderId);
let dataDir: string;

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo cases' orders in the emulator npm start runs", () => {
  it('are in a fresh state, and added to a state kept from before them', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'acorn-emulator-'));
    const fresh = EmulatorStore.open(dataDir);
    expect(Object.keys(fresh.data.orders)).toEqual(expect.arrayContaining(demoOrderIds));

    const file = join(dataDir, 'sp-api-emulator.json');
    const older = JSON.parse(readFileSync(file, 'utf8'));
    for (const orderId of demoOrderIds) delete older.orders[orderId];
    writeFileSync(file, JSON.stringify(older));
    const upgraded = EmulatorStore.open(dataDir);
    expect(Object.keys(upgraded.data.orders)).toEqual(expect.arrayContaining(demoOrderIds));
    const [first] = demoOrderIds;
    expect(JSON.parse(readFileSync(file, 'utf8')).orders[first ?? '']).toBeDefined();
  });

  it('kept in a state are left as they are', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'acorn-emulator-'));
    const store = EmulatorStore.open(dataDir);
    const orderId = DEMO_CASE_ORDERS.spiceRack.orderId;
    const kept = store.data.orders[orderId];
    if (!kept) throw new Error('no spice rack order');
    kept.order.OrderStatus = 'Canceled';
    store.changed();
    expect(EmulatorStore.open(dataDir).data.orders[orderId]?.order.OrderStatus).toBe('Canceled');
  });
});
