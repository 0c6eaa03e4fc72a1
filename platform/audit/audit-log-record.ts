import { type Connection, Schema } from 'mongoose';
import { recordModel } from '../database.ts';

/** The case an entry is about, and where that case belongs: what a scoped auditor may read. */
export interface AuditCaseScope {
  brand?: string;
  marketplace?: string;
  store?: string;
}

/**
 * One human or admin action; `hash` covers the entry and the hash before it, `hmac` signs the
 * hash with the audit key `keyId` (entries written before signing have neither).
 */
export interface AuditLogRecord {
  _id: number;
  at: string;
  actor: { userId: string; name: string; via: 'session' | 'token' | 'system' };
  action: string;
  target: { kind: string; id: string };
  details?: Record<string, unknown>;
  caseId?: string;
  caseScope?: AuditCaseScope;
  previousHash: string;
  hash: string;
  keyId?: string;
  hmac?: string;
}

const auditLogSchema = new Schema<AuditLogRecord>(
  {
    _id: { type: Number, required: true },
    at: { type: String, required: true },
    actor: { _id: false, userId: String, name: String, via: String },
    action: { type: String, required: true, index: true },
    target: { _id: false, kind: String, id: String },
    details: Schema.Types.Mixed,
    caseId: String,
    // Mixed, not a nested path: a nested path would read back as `{}` when unset and change the hash.
    caseScope: Schema.Types.Mixed,
    previousHash: { type: String, required: true },
    hash: { type: String, required: true },
    keyId: String,
    hmac: String,
  },
  { collection: 'audit_log', versionKey: false, minimize: false },
);

export function auditLogModel(connection: Connection) {
  return recordModel<AuditLogRecord>(connection, 'AuditLogEntry', auditLogSchema);
}
