import type { Connection } from 'mongoose';
import { caseModel } from '#platform/cases/case-record';
import { isDuplicateKey } from '#platform/database';
import type { Logger } from '#platform/logger';
import { PiiKeyError } from '#platform/pii-keyring';
import { caseKeyModel, type PiiVault } from '#platform/pii-vault';
import type { AuditLog } from '../audit/audit-log.ts';
import { everyInterval } from '../periodic-round.ts';
import { privacyRecords } from './privacy-records.ts';

export interface RetentionDeps {
  database: Connection;
  auditLog: AuditLog;
  vault: PiiVault;
  retentionSeconds: number;
}

const RETENTION_JOB = {
  userId: 'pii-retention',
  name: 'Buyer-data retention',
  via: 'system',
} as const;

/**
 * Crypto-shredding: destroys the key of every case closed longer ago than the retention and
 * not on legal hold. The envelopes stay where they are (trail, history, outbox, exports), so
 * every hash over them still verifies; without the key they read "erased under retention".
 * Reads go by `_id` (case keys, cases, holds), the lookups FerretDB runs without decoding.
 */
export async function eraseExpiredBuyerData(
  deps: RetentionDeps,
  now = new Date(),
): Promise<string[]> {
  const records = privacyRecords(deps.database);
  const cases = caseModel(deps.database);
  const keys = await caseKeyModel(deps.database).find({}, { _id: 1, createdAt: 1 }).lean();
  const erased: string[] = [];
  for (const key of keys) {
    const record = await cases.findById(key._id, { status: 1, closedAt: 1 }).lean();
    if (!record?.closedAt || record.status === 'running') continue;
    if (record.closedAt.getTime() + deps.retentionSeconds * 1000 > now.getTime()) continue;
    if (await records.holds.findById(key._id).lean()) continue;
    await records.erasures
      .create({
        _id: key._id,
        erasedAt: now,
        closedAt: record.closedAt,
        keyCreatedAt: key.createdAt,
      })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    if (!(await deps.vault.destroyCaseKey(key._id))) continue;
    await deps.auditLog.record({
      actor: RETENTION_JOB,
      action: 'pii.erased',
      target: { kind: 'case', id: key._id },
      details: { closedAt: record.closedAt.toISOString(), retentionSeconds: deps.retentionSeconds },
    });
    erased.push(key._id);
  }
  return erased;
}

/** Re-wraps every case key still under a retired master key, so that key can be removed. */
export async function rewrapCaseKeys(
  deps: Pick<RetentionDeps, 'database' | 'vault'>,
): Promise<number> {
  const records = privacyRecords(deps.database);
  const keys = await caseKeyModel(deps.database).find({}, { _id: 1, masterKeyId: 1 }).lean();
  let rewrapped = 0;
  for (const key of keys) {
    // A key under a master key this process lacks stays as it is; the others still rotate.
    const toKeyId = await deps.vault.rewrapCaseKey(key._id).catch((error: unknown) => {
      if (error instanceof PiiKeyError) return undefined;
      throw error;
    });
    if (!toKeyId) continue;
    await records.rotations
      .create({
        _id: `${key._id}@${toKeyId}`,
        caseId: key._id,
        fromKeyId: key.masterKeyId,
        toKeyId,
        at: new Date(),
      })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    rewrapped += 1;
  }
  return rewrapped;
}

/** Runs both now and then every `intervalSeconds`; a failed round is logged and retried. */
export function startRetentionSweeper(
  deps: RetentionDeps & { logger: Logger },
  intervalSeconds: number,
): () => void {
  return everyInterval(
    intervalSeconds,
    async () => {
      const erased = await eraseExpiredBuyerData(deps);
      const rewrapped = await rewrapCaseKeys(deps);
      if (erased.length + rewrapped > 0) {
        deps.logger.info({ erased: erased.length, rewrapped }, 'buyer-data retention');
      }
    },
    (error) =>
      deps.logger.warn(
        { err: error },
        'buyer-data retention failed; retrying at the next interval',
      ),
  );
}
