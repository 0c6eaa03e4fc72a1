import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

export type Counters = Record<string, number>;

/**
 * One link in an account's chain (a store's stock of one SKU, or an RMA's ungraded lines).
 * `_id` is `<account>#<seq>`: only one writer can append a given seq, which makes the chain
 * linear without multi-document transactions or atomic conditional updates.
 */
export interface LedgerEntryRecord {
  _id: string;
  account: string;
  seq: number;
  movementId: string;
  delta: Counters;
  balance: Counters;
  /** The movement would have taken a counter below zero; it is recorded, not applied. */
  rejected: boolean;
  at: Date;
}

const ledgerEntrySchema = new Schema<LedgerEntryRecord>(
  {
    _id: { type: String, required: true },
    account: { type: String, required: true },
    seq: { type: Number, required: true },
    movementId: { type: String, required: true },
    delta: { type: Schema.Types.Mixed, required: true },
    balance: { type: Schema.Types.Mixed, required: true },
    rejected: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'store_ledger', versionKey: false, minimize: false },
);
ledgerEntrySchema.index({ account: 1, seq: -1 });
// A movement touches an account at most once: the second append of it fails on this key.
ledgerEntrySchema.index({ movementId: 1, account: 1 }, { unique: true });

export function ledgerEntryModel(connection: Connection) {
  return recordModel<LedgerEntryRecord>(connection, 'StoreLedgerEntry', ledgerEntrySchema);
}

export type MovementKind = 'seed' | 'rma-open' | 'grade' | 'transfer' | 'transfer-receipt';
export type MovementState = 'pending' | 'applied' | 'rejected';

export interface MovementLeg {
  account: string;
  delta: Counters;
}

/** The intent, written before any leg is applied, so a retry (or a sweep) can finish it. */
export interface MovementRecord {
  _id: string;
  kind: MovementKind;
  /** A projection of the first leg's fate; the ledger entries are the truth. */
  state: MovementState;
  legs: MovementLeg[];
  /** `request` is what the caller asked for, compared when the id comes again. */
  details: { request: Record<string, unknown> } & Record<string, unknown>;
  createdAt: Date;
  settledAt?: Date;
}

const movementSchema = new Schema<MovementRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, index: true },
    state: { type: String, required: true, index: true },
    legs: {
      type: [{ _id: false, account: String, delta: Schema.Types.Mixed }],
      required: true,
    },
    details: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    settledAt: Date,
  },
  { collection: 'store_movements', versionKey: false, minimize: false },
);

export function movementModel(connection: Connection) {
  return recordModel<MovementRecord>(connection, 'StoreMovement', movementSchema);
}
