import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../database.ts';
import { type AuditEntry, GENESIS_HASH, hashEntry, storableDetails } from './audit-chain.ts';
import type { AuditKeyRing } from './audit-keys.ts';
import { type AuditCaseScope, type AuditLogRecord, auditLogModel } from './audit-log-record.ts';

export type AuditActor = AuditLogRecord['actor'];

export interface AuditAction {
  actor: AuditActor;
  /** Dotted verb in the domain's words: `flow.published`, `task.decided`, `user.created`. */
  action: string;
  target: { kind: string; id: string };
  details?: Record<string, unknown>;
}

/** The case an entry is about and where it belongs, stamped into the entry (hashed and signed). */
export interface AuditedCase {
  caseId?: string;
  caseScope?: AuditCaseScope;
}

const MAX_APPEND_ATTEMPTS = 20;

/**
 * Appends one entry at the end of the hash chain, signed. Sequence numbers are `_id`s: writers
 * racing for the same number (the API, the worker's intake) collide on the unique key and the
 * loser links to the new head instead of forking the chain (FerretDB has no transactions, but
 * `_id` inserts are atomic).
 */
export async function appendAuditEntry(
  connection: Connection,
  keys: AuditKeyRing,
  action: AuditAction,
  about: AuditedCase = {},
): Promise<AuditEntry> {
  const entries = auditLogModel(connection);
  for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
    const head = await entries.findOne().sort({ _id: -1 }).lean();
    const sequence = (head?._id ?? 0) + 1;
    const previousHash = head?.hash ?? GENESIS_HASH;
    const content = {
      sequence,
      at: new Date().toISOString(),
      ...action,
      ...about,
      details: storableDetails(action.details),
    };
    const hash = hashEntry(content, previousHash);
    const entry: AuditEntry = { ...content, previousHash, hash, ...keys.sign(hash) };
    try {
      const { sequence: _id, ...stored } = entry;
      await entries.create({ _id, ...stored });
      return entry;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error('The audit log is too busy: could not append after many attempts.');
}
