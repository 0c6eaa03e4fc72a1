import { type Connection, Schema } from 'mongoose';
import { recordModel } from '#platform/database';

/**
 * What the data-protection report is built from. Every document is written by an insert of a
 * unique `_id` (FerretDB's one atomic write) and read by `_id` or by a period scan.
 */

/** A legal hold keeps a case's key past retention; `_id` = case id, released by deletion. */
export interface LegalHoldRecord {
  _id: string;
  heldBy: string;
  reason: string;
  since: Date;
}

/** The evidence that a case key was destroyed; `_id` = case id. */
export interface ErasureRecord {
  _id: string;
  erasedAt: Date;
  closedAt: Date;
  keyCreatedAt: Date;
}

/** A case key re-wrapped under a newer master key; `_id` = `${caseId}@${toKeyId}`. */
export interface KeyRotationRecord {
  _id: string;
  caseId: string;
  fromKeyId: string;
  toKeyId: string;
  at: Date;
}

/** Someone saw a case's buyer data in clear: a view (their role needs it) or a reveal. */
export interface PiiAccessRecord {
  _id: string;
  caseId: string;
  userId: string;
  kind: 'view' | 'reveal';
  reason?: string;
  at: Date;
}

const options = (collection: string) => ({ collection, versionKey: false as const });

const legalHoldSchema = new Schema<LegalHoldRecord>(
  {
    _id: { type: String, required: true },
    heldBy: { type: String, required: true },
    reason: { type: String, required: true },
    since: { type: Date, required: true },
  },
  options('pii_legal_holds'),
);

const erasureSchema = new Schema<ErasureRecord>(
  {
    _id: { type: String, required: true },
    erasedAt: { type: Date, required: true },
    closedAt: { type: Date, required: true },
    keyCreatedAt: { type: Date, required: true },
  },
  options('pii_erasures'),
);

const rotationSchema = new Schema<KeyRotationRecord>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    fromKeyId: { type: String, required: true },
    toKeyId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  options('pii_key_rotations'),
);

const accessSchema = new Schema<PiiAccessRecord>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true },
    reason: String,
    at: { type: Date, required: true },
  },
  options('pii_access_log'),
);

const model = <T>(connection: Connection, name: string, schema: Schema<T>) =>
  recordModel<T>(connection, name, schema);

export function privacyRecords(connection: Connection) {
  return {
    holds: model(connection, 'PiiLegalHold', legalHoldSchema),
    erasures: model(connection, 'PiiErasure', erasureSchema),
    rotations: model(connection, 'PiiKeyRotation', rotationSchema),
    access: model(connection, 'PiiAccess', accessSchema),
  };
}
export type PrivacyRecords = ReturnType<typeof privacyRecords>;
