import type { Connection } from 'mongoose';
import type { Logger } from '#platform/logger';
import type { AuditLog } from '../audit/audit-log.ts';
import { piiVaultFor } from './pii-vaults.ts';
import { loadPrivacyConfig } from './privacy-config.ts';
import { startRetentionSweeper } from './retention-sweeper.ts';

/** The API's retention job, configured from the environment (ACORN_PII_*). */
export function startBuyerDataRetention(deps: {
  database: Connection;
  auditLog: AuditLog;
  logger: Logger;
}): () => void {
  const { retentionSeconds, sweepSeconds } = loadPrivacyConfig();
  if (sweepSeconds === 0) return () => undefined;
  const vault = piiVaultFor(deps.database);
  return startRetentionSweeper({ ...deps, vault, retentionSeconds }, sweepSeconds);
}
