import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';
import type { RmaItem, Store } from '../store-types.ts';

export type StoreRecord = Omit<Store, 'storeId'> & { _id: string };

const storeSchema = new Schema<StoreRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    address: { line1: String, city: String, region: String, postcode: String, country: String },
    location: { latitude: Number, longitude: Number },
    capabilities: { acceptsReturns: Boolean, inspection: Boolean, outlet: Boolean },
  },
  { collection: 'stores', versionKey: false },
);

export function storeModel(connection: Connection) {
  return recordModel<StoreRecord>(connection, 'Store', storeSchema);
}

/** What was asked for; never updated. Progress lives in steps and in the RMA's ledger account. */
export interface RmaRecord {
  _id: string;
  orderId: string;
  marketplace?: string;
  reason?: string;
  items: RmaItem[];
  createdAt: Date;
}

const rmaSchema = new Schema<RmaRecord>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true, index: true },
    marketplace: String,
    reason: String,
    items: {
      type: [{ _id: false, sku: String, quantity: Number, needsInspection: Boolean }],
      required: true,
    },
    createdAt: { type: Date, required: true },
  },
  { collection: 'store_rmas', versionKey: false },
);

export function rmaModel(connection: Connection) {
  return recordModel<RmaRecord>(connection, 'StoreRma', rmaSchema);
}

export type RmaStepName = 'route' | 'receipt';

/**
 * A step happens once per RMA: `_id` is `<rmaId>/<step>`, so the first insert wins and a retry
 * (or a rival) reads the winner instead of overwriting it.
 */
export interface RmaStepRecord {
  _id: string;
  rmaId: string;
  step: RmaStepName;
  storeId: string;
  distanceKm?: number;
  by?: string;
  at: Date;
}

const rmaStepSchema = new Schema<RmaStepRecord>(
  {
    _id: { type: String, required: true },
    rmaId: { type: String, required: true, index: true },
    step: { type: String, required: true },
    storeId: { type: String, required: true, index: true },
    distanceKm: Number,
    by: String,
    at: { type: Date, required: true },
  },
  { collection: 'store_rma_steps', versionKey: false },
);

export function rmaStepModel(connection: Connection) {
  return recordModel<RmaStepRecord>(connection, 'StoreRmaStep', rmaStepSchema);
}

export const rmaStepId = (rmaId: string, step: RmaStepName) => `${rmaId}/${step}`;
export const rmaAccount = (rmaId: string) => `rma:${rmaId}`;
export const stockAccount = (storeId: string, sku: string) => `stock:${storeId}:${sku}`;
/** RMA ledger counters are keyed by line, since one SKU may appear on two lines. */
export const lineCounter = (index: number) => `line${index}`;
