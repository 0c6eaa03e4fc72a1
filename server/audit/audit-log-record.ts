import { type Connection, Schema } from 'mongoose';

/** One human or admin action; `hash` covers the entry and the hash before it. */
export interface AuditLogRecord {
  _id: number;
  at: string;
  actor: { userId: string; name: string; via: 'session' | 'token' | 'system' };
  action: string;
  target: { kind: string; id: string };
  details?: Record<string, unknown>;
  previousHash: string;
  hash: string;
}

const auditLogSchema = new Schema<AuditLogRecord>(
  {
    _id: { type: Number, required: true },
    at: { type: String, required: true },
    actor: { _id: false, userId: String, name: String, via: String },
    action: { type: String, required: true, index: true },
    target: { _id: false, kind: String, id: String },
    details: Schema.Types.Mixed,
    previousHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'audit_log', versionKey: false, minimize: false },
);

export function auditLogModel(connection: Connection) {
  return connection.model<AuditLogRecord>('AuditLogEntry', auditLogSchema, undefined, {
    overwriteModels: true,
  });
}
